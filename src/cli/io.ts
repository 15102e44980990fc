/** Where the CLI writes, so that commands can run in-process in tests as they do in a terminal. */
import type { Locale } from "../i18n/locale";
import { visible } from "./visible";

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** stderr is a terminal (the progress bar is shown only then). */
  readonly errIsTTY: boolean;
  /** Width of stderr's terminal, for the progress bar. */
  readonly columns: number;
  /** Width of stdout's terminal, for tables and help (DEFAULT_COLUMNS when stdout is not a terminal and COLUMNS is unset). */
  readonly outColumns?: number;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/** The width tables are laid out to when stdout is not a terminal (a file, a pipe) and COLUMNS does not say. */
export const DEFAULT_COLUMNS = 100;

/** A terminal width from the COLUMNS variable, when it holds one. */
function columnsFromEnv(env: Io["env"]): number | undefined {
  const n = Number(env.COLUMNS);
  return Number.isInteger(n) && n >= 20 && n <= 10000 ? n : undefined;
}

export function processIo(): Io {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    errIsTTY: process.stderr.isTTY === true,
    columns: process.stderr.columns || 80,
    outColumns: process.stdout.isTTY ? process.stdout.columns || undefined : undefined,
    env: process.env,
    cwd: process.cwd(),
  };
}

/**
 * The Io the commands write through: every text is made visible (control characters escaped, see
 * visible.ts) on its way out, whatever it holds and whoever wrote it; the progress line is the only
 * output that may return the cursor, through `status`.
 */
export interface Terminal extends Io {
  /** The width to lay tables out to (stdout's columns). */
  readonly width: number;
  /** Draws `line` as the one-line status on stderr, over the previous one; "" clears it. */
  status(line: string): void;
}

export function terminal(io: Io): Terminal {
  const width = io.outColumns ?? columnsFromEnv(io.env) ?? DEFAULT_COLUMNS;
  return {
    ...io,
    width,
    out: (t) => io.out(visible(t)),
    err: (t) => io.err(visible(t)),
    status: (line) => io.err(line === "" ? `\r${" ".repeat(Math.max(0, io.columns - 1))}\r` : `\r${visible(line, false)}`),
  };
}

export interface Context {
  readonly io: Terminal;
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
