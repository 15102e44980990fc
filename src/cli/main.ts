/**
 * The `emission-rights` command line: recalc, audit, demo. Messages in English and Chinese (by --lang,
 * else LC_ALL / LC_MESSAGES / LANG). Run in-process with main(argv, io); the bin calls run().
 */
import * as fs from "fs";
import * as path from "path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { READ_LIMITS } from "../engine/errors";
import { cliText, type CliKey } from "../i18n/cli";
import { resolveLocale, type Locale } from "../i18n/locale";
import { auditCommand } from "./audit";
import { demoCommand } from "./demo";
import { EXIT, processIo, type Context, type Io } from "./io";
import { recalcCommand } from "./recalc";

/** The language of the messages: --lang wins, then the POSIX locale variables. */
export function localeFrom(argv: readonly string[], env: Io["env"]): Locale {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") break;
    if (a === "--lang" && i + 1 < argv.length) return resolveLocale(argv[i + 1]);
    if (a.startsWith("--lang=")) return resolveLocale(a.slice(7));
  }
  return resolveLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as { version?: string };
    return pkg.version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

const TITLES: Record<string, CliKey> = { "Usage:": "usage", "Options:": "options", "Commands:": "commands", "Arguments:": "arguments", "Global Options:": "globalOptions" };

/** A commander usage error in the user's language. */
function usageMessage(locale: Locale, e: CommanderError): string {
  const quoted = [...e.message.matchAll(/'([^']*)'/g)].map((m) => m[1]);
  const t = (k: CliKey, p?: Record<string, string | number>) => cliText(locale, k, p);
  switch (e.code) {
    case "commander.unknownOption":
      return t("unknownOption", { option: quoted[0] ?? "?" });
    case "commander.missingArgument":
      return t("missingArgument", { argument: quoted[0] ?? "?" });
    case "commander.optionMissingArgument":
      return t("missingOptionValue", { option: quoted[0] ?? "?" });
    case "commander.excessArguments":
      return t("excessArguments");
    case "commander.unknownCommand":
      return t("unknownCommand", { command: quoted[0] ?? "?" });
    case "commander.invalidArgument": {
      const choices = /Allowed choices are (.+?)\.?$/.exec(e.message);
      if (choices) return t("invalidChoice", { value: quoted[1] ?? "?", choices: choices[1] });
      // An option's own parser already said what is wrong, in the user's language.
      const own = /is invalid\. (.+)$/s.exec(e.message);
      if (own && quoted[0]) return `${quoted[0].split(" ")[0]}: ${own[1]}`;
      return e.message.replace(/^error:\s*/, "");
    }
    default:
      return e.message.replace(/^error:\s*/, "");
  }
}

/** Runs the CLI with `argv` (without "node" and the script) and returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const locale = localeFrom(argv, io.env);
  const t = (k: CliKey) => cliText(locale, k);
  const ctx: Context = { io, locale };
  const maxCells = new Option("--max-cells <n>", cliText(locale, "maxCellsOption", { limit: READ_LIMITS.cells })).argParser((v: string) => {
    const n = Number(v);
    if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError(cliText(locale, "notACount", { value: v }));
    return n;
  });
  let code: number = EXIT.ok;

  const program = new Command();
  program
    .name("emission-rights")
    .description(t("program"))
    .version(packageVersion(), "-V, --version", t("versionOption"))
    .helpOption("-h, --help", t("helpOption"))
    .helpCommand("help [command]", t("helpCommand"))
    .addOption(new Option("--lang <locale>", t("langOption")).choices(["zh-CN", "en-US"]))
    .configureHelp({ showGlobalOptions: true, styleTitle: (s: string) => (TITLES[s] ? t(TITLES[s]) : s) })
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s), outputError: () => undefined })
    .exitOverride()
    .addHelpText("after", `\n${t("exitCodes")}\n`);

  program
    .command("recalc")
    .description(t("recalcDescription"))
    .argument("<file>", t("recalcFile"))
    .option("-o, --out <copy>", t("outOption"))
    .option("-f, --force", t("forceOption"))
    .option("--json", t("jsonOption"))
    .addOption(maxCells)
    .action(async (file: string, opts: { out?: string; force?: boolean; json?: boolean; maxCells?: number }) => {
      code = await recalcCommand(path.resolve(io.cwd, file), { ...opts, out: opts.out === undefined ? undefined : path.resolve(io.cwd, opts.out) }, ctx);
    });

  program
    .command("audit")
    .description(t("auditDescription"))
    .argument("<path>", t("auditPath"))
    .option("--json", t("jsonOption"))
    .addOption(maxCells)
    .action(async (target: string, opts: { json?: boolean; maxCells?: number }) => {
      code = await auditCommand(path.resolve(io.cwd, target), opts, ctx);
    });

  program
    .command("demo")
    .description(t("demoDescription"))
    .argument("[file]", t("demoFile"))
    .action(async (file: string | undefined) => {
      code = await demoCommand(file === undefined ? undefined : path.resolve(io.cwd, file), ctx);
    });

  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version") return EXIT.ok;
      if (e.code === "commander.help") return EXIT.usage;
      io.err(`emission-rights: ${usageMessage(locale, e)} ${cliText(locale, "seeHelp")}\n`);
      return EXIT.usage;
    }
    const message = e instanceof Error ? e.message : String(e);
    io.err(`emission-rights: ${cliText(locale, "internalError", { message })}\n`);
    if (io.env.EMISSION_RIGHTS_DEBUG && e instanceof Error && e.stack) io.err(`${e.stack}\n`);
    return 70;
  }
  return code;
}

/** The bin's entry point. */
export function run(): void {
  const io = processIo();
  let exit = 0;
  // A reader that stops early (`| head`) is not an error.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(exit);
  });
  main(process.argv.slice(2), io).then(
    (c) => {
      exit = c;
      process.exitCode = c;
    },
    (e: unknown) => {
      process.stderr.write(`emission-rights: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 70;
    },
  );
}

if (require.main === module) run();
