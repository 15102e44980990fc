/** Where the CLI writes, so that commands can run in-process in tests as they do in a terminal. */
import type { Locale } from "../i18n/locale";

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** stderr is a terminal (the progress bar is shown only then). */
  readonly errIsTTY: boolean;
  /** Width of the terminal, for the progress bar. */
  readonly columns: number;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

export function processIo(): Io {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    errIsTTY: process.stderr.isTTY === true,
    columns: process.stderr.columns || 80,
    env: process.env,
    cwd: process.cwd(),
  };
}

export interface Context {
  readonly io: Io;
  readonly locale: Locale;
}

/** Exit codes (docs/cli.md). */
export const EXIT = {
  ok: 0,
  differences: 1,
  unreadable: 2,
  unwritable: 3,
  usage: 64,
} as const;
