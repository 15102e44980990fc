/**
 * The `emission-rights` command line: recalc, audit, demo. Messages in English and Chinese (by --lang,
 * else LC_ALL / LC_MESSAGES / LANG). Run in-process with main(argv, io); the bin calls run().
 */
import * as fs from "fs";
import * as path from "path";
import { Argument, Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { READ_LIMITS } from "../engine/errors";
import { cliText, type CliKey } from "../i18n/cli";
import { resolveLocale, type Locale } from "../i18n/locale";
import { auditCommand } from "./audit";
import { demoCommand } from "./demo";
import { EXIT, processIo, terminal, type Context, type Io } from "./io";
import { recalcCommand } from "./recalc";
import { displayWidth, wrapText } from "./table";
import { visible } from "./visible";

/** The language of the messages: --lang wins, then the POSIX locale variables. */
export function localeFrom(argv: readonly string[], env: Io["env"]): Locale {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") break;
    // A value that is neither language (a usage error) leaves the choice to the environment.
    const value = a === "--lang" && i + 1 < argv.length ? argv[i + 1] : a.startsWith("--lang=") ? a.slice(7) : undefined;
    if (value !== undefined && /^(zh|en)(\b|[-_])/i.test(value)) return resolveLocale(value);
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

/** Commander's "(Did you mean x?)" / "(Did you mean one of x, y?)" after an unknown option or command, translated. */
function suggestion(locale: Locale, message: string): string {
  const m = /\(Did you mean (?:one of )?(.+)\?\)\s*$/.exec(message);
  return m ? cliText(locale, "didYouMean", { what: m[1] }) : "";
}

/** A commander usage error in the user's language. */
function usageMessage(locale: Locale, e: CommanderError): string {
  const quoted = [...e.message.matchAll(/'([^']*)'/g)].map((m) => m[1]);
  const t = (k: CliKey, p?: Record<string, string | number>) => cliText(locale, k, p);
  switch (e.code) {
    case "commander.unknownOption":
      return t("unknownOption", { option: quoted[0] ?? "?" }) + suggestion(locale, e.message);
    case "commander.missingArgument":
      return t("missingArgument", { argument: helpWords(locale)(`<${quoted[0] ?? "?"}>`).slice(1, -1) });
    case "commander.optionMissingArgument":
      return t("missingOptionValue", { option: helpWords(locale)(quoted[0] ?? "?") });
    case "commander.excessArguments": {
      const counts = /Expected (\d+) arguments? but got (\d+)/.exec(e.message);
      return counts ? t("excessArgumentsCount", { expected: counts[1], received: counts[2] }) : t("excessArguments");
    }
    case "commander.unknownCommand":
      return t("unknownCommand", { command: quoted[0] ?? "?" }) + suggestion(locale, e.message);
    case "commander.invalidArgument": {
      const choices = /Allowed choices are (.+?)\.?$/.exec(e.message);
      if (choices) return t("invalidChoice", { value: quoted[1] ?? "?", choices: choices[1].split(", ").join(t("helpListSeparator")) });
      // An option's own parser already said what is wrong, in the user's language.
      const own = /is invalid\. (.+)$/s.exec(e.message);
      if (own && quoted[0]) return `${quoted[0].split(" ")[0]}: ${own[1]}`;
      return e.message.replace(/^error:\s*/, "");
    }
    default:
      return e.message.replace(/^error:\s*/, "");
  }
}

/** The placeholders of usage lines and option terms in the user's language ("<file>" -> "<文件>"). */
function helpWords(locale: Locale): (text: string) => string {
  const t = (k: CliKey) => cliText(locale, k);
  const names: Record<string, string> = { file: t("argFile"), path: t("argPath"), copy: t("argCopy"), n: t("argCount"), locale: t("argLocale"), command: t("argCommand") };
  return (text) =>
    text
      .replace(/\[options\]/g, t("usageOptions"))
      .replace(/\[command\]/g, t("usageCommand"))
      .replace(/([<[])([a-z]+)(\.{3})?([>\]])/g, (all, open: string, name: string, dots: string | undefined, close: string) => (names[name] ? `${open}${names[name]}${dots ?? ""}${close}` : all));
}

/**
 * Commander's help, wholly in the user's language: titles, usage, placeholders, "(choices: ...)" and
 * "(default: ...)"; measured and wrapped as the terminal shows it (Chinese characters two columns wide,
 * wrapped between characters).
 */
function helpConfiguration(locale: Locale) {
  const t = (k: CliKey, p?: Record<string, string | number>) => cliText(locale, k, p);
  const words = helpWords(locale);
  const extra = (description: string, choices: readonly string[] | undefined, fallback: unknown, fallbackText: string | undefined, showDefault: boolean): string => {
    const items: string[] = [];
    if (choices) items.push(t("helpChoices", { choices: choices.join(t("helpListSeparator")) }));
    if (showDefault && fallback !== undefined) items.push(t("helpDefault", { value: fallbackText || JSON.stringify(fallback) }));
    if (items.length === 0) return description;
    const more = t("helpExtra", { items: items.join(t("helpListSeparator")) });
    return `${description}${more}`.trim();
  };
  return {
    showGlobalOptions: true,
    minWidthToWrap: 20,
    styleTitle: (s: string) => (TITLES[s] ? t(TITLES[s]) : s),
    optionTerm: (o: Option) => words(o.flags),
    argumentTerm: (a: Argument) => words(`<${a.name()}>`).slice(1, -1),
    subcommandTerm: (c: Command) => words([c.name(), c.options.length ? "[options]" : "", ...c.registeredArguments.map((a) => (a.required ? `<${a.name()}>` : `[${a.name()}]`))].filter(Boolean).join(" ")),
    commandUsage: (c: Command) => {
      const names: string[] = [];
      for (let p: Command | null = c; p; p = p.parent) names.unshift(p.name());
      return words(`${names.join(" ")} ${c.usage()}`);
    },
    optionDescription: (o: Option) => extra(o.description, o.argChoices, o.defaultValue, o.defaultValueDescription, o.required || o.optional),
    argumentDescription: (a: Argument) => extra(a.description, a.argChoices, a.defaultValue, a.defaultValueDescription, true),
    displayWidth: (s: string) => displayWidth(s),
    boxWrap: (s: string, width: number) => (width < 20 ? s : wrapText(s, width).join("\n")),
  };
}

/** Runs the CLI with `argv` (without "node" and the script) and returns the exit code. */
export async function main(argv: readonly string[], rawIo: Io): Promise<number> {
  const locale = localeFrom(argv, rawIo.env);
  // Everything printed, from here on, goes through visible() (see io.ts).
  const io = terminal(rawIo);
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
    .configureHelp(helpConfiguration(locale))
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s), outputError: () => undefined, getOutHelpWidth: () => io.width, getErrHelpWidth: () => io.width })
    .exitOverride()
    .addHelpText("after", () => `\n${wrapText(t("exitCodes"), io.width).join("\n")}\n`);

  program
    .command("recalc")
    .description(t("recalcDescription"))
    .argument("<file>", t("recalcFile"))
    .option("-o, --out <copy>", t("outOption"))
    .option("-f, --force", t("forceOption"))
    .option("--json", t("jsonOption"))
    .option("--recompute-all", t("recomputeAllOption"))
    .addOption(maxCells)
    .action(async (file: string, opts: { out?: string; force?: boolean; json?: boolean; maxCells?: number; recomputeAll?: boolean }) => {
      code = await recalcCommand(path.resolve(io.cwd, file), { ...opts, out: opts.out === undefined ? undefined : path.resolve(io.cwd, opts.out) }, ctx);
    });

  program
    .command("audit")
    .description(t("auditDescription"))
    .argument("<path>", t("auditPath"))
    .option("--json", t("jsonOption"))
    .option("--recompute-all", t("recomputeAllOption"))
    .addOption(maxCells)
    .action(async (target: string, opts: { json?: boolean; maxCells?: number; recomputeAll?: boolean }) => {
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
      io.err(`emission-rights: ${usageMessage(locale, e)}${cliText(locale, "seeHelp")}\n`);
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
      process.stderr.write(visible(`emission-rights: ${e instanceof Error ? e.message : String(e)}\n`));
      process.exitCode = 70;
    },
  );
}

if (require.main === module) run();
