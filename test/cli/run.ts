/**
 * The command run in this process with its output captured, as most CLI tests need it (bin.test.ts and the
 * memory checks spawn the real command instead).
 */
import type { Io } from "../../src/cli/io";
import { main } from "../../src/cli/main";

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export interface CliRunOptions {
  /** The folder relative paths start from. */
  readonly cwd: string;
  /** LANG of the run (en_US.UTF-8 unless given); ignored when `env` is given. */
  readonly lang?: string;
  readonly env?: Record<string, string>;
  /** The terminal's width for stderr (100 unless given) and for stdout (none unless given). */
  readonly columns?: number;
  readonly outColumns?: number;
  /** stderr is a terminal. */
  readonly tty?: boolean;
}

export async function runCli(argv: string[], options: CliRunOptions): Promise<CliRun> {
  let out = "";
  let err = "";
  const io: Io = {
    out: (t) => (out += t),
    err: (t) => (err += t),
    errIsTTY: options.tty === true,
    columns: options.columns ?? 100,
    outColumns: options.outColumns,
    env: options.env ?? { LANG: options.lang ?? "en_US.UTF-8" },
    cwd: options.cwd,
  };
  const code = await main(argv, io);
  return { code, out, err };
}
