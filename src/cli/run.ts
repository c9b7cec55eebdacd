/**
 * The `jinxiu` command: validate, verify, solve, report, example. Returns the
 * exit code (see `EXIT`); never throws. One command per file, each loaded only
 * when it runs (`import()`), so `jinxiu --version` and `jinxiu validate` do not
 * pay for exceljs or the solver. With `--json`, stdout carries exactly one JSON
 * document, failures included: `{ "ok": false, "issues": [{ "path", "message" }] }`.
 */
import { Command, CommanderError, Option } from "commander";
import { version } from "../../package.json";
import { InstanceError, JinxiuError, UsageError } from "../model/errors.js";
import { CliInputError, type CliIssue, type Io } from "./io.js";
import { addWorkbookCommands } from "./workbook-commands.js";

/** Exit codes; the README has the same table. */
export const EXIT = {
  /** Done: valid input, valid plan. */
  ok: 0,
  /** The plan breaks a rule (verify, report), its objective is wrong, or the instance is infeasible (solve). */
  violations: 1,
  /** Bad input or usage: unreadable or invalid file, unknown option, unwritable output. */
  badInput: 2,
  /** A bug in jinxiu. */
  internal: 3,
} as const;

export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  const json = argv.includes("--json");
  let code: number = EXIT.ok;
  let usage = "";
  const program = new Command()
    .name("jinxiu")
    .description("Placements for medical refresher training (进修): solve, verify and report allocation plans.")
    .version(version)
    .exitOverride()
    .showSuggestionAfterError(true)
    .showHelpAfterError("(run `jinxiu --help` for usage)")
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => (json ? void (usage += s) : io.err(s)) });

  program.addHelpText(
    "after",
    "\nA file name `-` reads standard input.\n\nExamples:\n  jinxiu example --out lianyungang-2024.json\n  jinxiu validate lianyungang-2024.json\n  jinxiu solve lianyungang-2024.json            # writes lianyungang-2024.plan.json\n  jinxiu verify lianyungang-2024.json lianyungang-2024.plan.json\n  jinxiu report lianyungang-2024.json lianyungang-2024.plan.json --xlsx forms.xlsx --html report.html\n\nExit codes: 0 done, 1 the plan breaks a rule (or the instance is infeasible), 2 bad input or usage, 3 a bug in jinxiu, 130/143 solve interrupted (the best plan found is written).",
  );

  program
    .command("validate")
    .description("Check an instance file (the instance format of the spec); print every issue as `path: message`.")
    .argument("<instance>", "instance JSON file")
    .option("--json", "print the result as JSON")
    .addHelpText("after", "\nExample:\n  jinxiu validate lianyungang-2024.json")
    .action(async (file: string, opts) => {
      code = await (await import("./validate.js")).validateCommand(file, opts, io);
    });

  program
    .command("verify")
    .description("Check a plan against an instance and every rule; exit 1 when a rule is broken.")
    .argument("<instance>", "instance JSON file")
    .argument("<plan>", "plan JSON file")
    .option("--json", "print the verification as JSON")
    .addOption(new Option("--lang <lang>", "language of messages, summaries, forms and report: zh (Chinese, names) or en (English, ids)").choices(["zh", "en"]).default("zh"))
    .addHelpText("after", "\nExample:\n  jinxiu verify lianyungang-2024.json lianyungang-2024.plan.json")
    .action(async (instFile: string, planFile: string, opts) => {
      code = await (await import("./verify.js")).verifyCommand(instFile, planFile, opts, io);
    });

  program
    .command("solve")
    .description("Compute an optimal allocation plan for an instance; Ctrl-C stops and writes the best plan found.")
    .argument("<instance>", "instance JSON file")
    .option("-o, --out <plan>", "write the plan JSON here (atomically); `-` for standard output; default <instance>.plan.json")
    .option("-t, --time-limit <seconds>", "stop after this many seconds (at most a week) with the best valid plan found")
    .option("--gap <fraction>", "stop once within this relative gap of the bound (default 0: prove optimality)")
    .option("--base <plan>", "re-plan from this published plan: keep what still works, change as few trainees as objective.change says (SPEC §11.1)")
    .addOption(new Option("--backend <name>", "MILP engine").choices(["highs", "jslp"]).default("highs"))
    .option("--json", "print the outcome and the plan as JSON on stdout")
    .option("-q, --quiet", "print nothing but errors")
    .addOption(new Option("--lang <lang>", "language of messages, summaries, forms and report: zh (Chinese, names) or en (English, ids)").choices(["zh", "en"]).default("zh"))
    .addHelpText("after", "\nExample:\n  jinxiu solve lianyungang-2024.json --out plan.json --time-limit 60")
    .action(async (file: string, opts) => {
      code = await (await import("./solve.js")).solveCommand(file, opts, io);
    });

  program
    .command("whatif")
    .description("Solve named variants of an instance, each a JSON Patch on it, and compare them (SPEC §11.4): objective, placed, shortfalls, support, changes.")
    .argument("<instance>", "instance JSON file")
    .argument("<scenarios>", 'scenarios JSON file: { "scenarios": [ { "name", "description"?, "patch": [ RFC 6902 ops ] } ] }')
    .option("--workers <n>", "scenarios solved at once on worker threads (default 1)")
    .option("--json", "print { scenarios: [ { name, plan, objective, placed, shortfallUnits, supportSlots, diff } ] }")
    .addOption(new Option("--lang <lang>", "language of the table: zh or en").choices(["zh", "en"]).default("zh"))
    .addHelpText("after", "\nExample:\n  jinxiu whatif lianyungang-2024.json scenarios.json --workers 2")
    .action(async (instFile: string, scenariosFile: string, opts) => {
      code = await (await import("./whatif.js")).whatifCommand(instFile, scenariosFile, opts, io);
    });

  program
    .command("bottlenecks")
    .description("The scarce resources (capacity, mentors, support pools, quota maxima, budgets) ranked by what one more unit buys, each solved again (SPEC §11.4).")
    .argument("<instance>", "instance JSON file")
    .argument("<plan>", "plan JSON file")
    .option("--limit <n>", "at most this many entries (default 20)")
    .option("--json", "print the SPEC §11.4 JSON (each with its JSON Patch)")
    .addOption(new Option("--lang <lang>", "language: zh (Chinese, names) or en (English)").choices(["zh", "en"]).default("zh"))
    .addHelpText("after", "\nExample:\n  jinxiu bottlenecks lianyungang-2024.json lianyungang-2024.plan.json --limit 10")
    .action(async (instFile: string, planFile: string, opts) => {
      code = await (await import("./bottlenecks.js")).bottlenecksCommand(instFile, planFile, opts, io);
    });

  program
    .command("recommend")
    .description("Where could this trainee still go, everyone else staying where they are? Ranked options, each valid with its support rows (SPEC §11.3).")
    .argument("<instance>", "instance JSON file")
    .argument("<plan>", "plan JSON file")
    .argument("<trainee>", "the trainee's id")
    .option("--limit <n>", "at most this many options (default 10)")
    .option("--json", "print the SPEC §11.3 JSON")
    .addOption(new Option("--lang <lang>", "language: zh (Chinese, names) or en (English)").choices(["zh", "en"]).default("zh"))
    .addHelpText("after", "\nExample:\n  jinxiu recommend lianyungang-2024.json lianyungang-2024.plan.json t-009 --limit 5")
    .action(async (instFile: string, planFile: string, trainee: string, opts) => {
      code = await (await import("./recommend.js")).recommendCommand(instFile, planFile, trainee, opts, io);
    });

  program
    .command("diff")
    .description("What changed from one plan of an instance to another: who arrives, leaves, moves or changes mentor (SPEC §11.2); the 变更通知 per hospital.")
    .argument("<instance>", "instance JSON file")
    .argument("<before>", "the plan published before")
    .argument("<after>", "the new plan")
    .option("--xlsx <file>", "the 变更通知 as an Excel workbook (one printed page per receiving hospital)")
    .option("--csv <dir>", "the 变更通知 as 变更通知.csv in this folder")
    .option("--json", "print the difference as SPEC §11.2 JSON")
    .addOption(new Option("--lang <lang>", "language of the text and the 变更通知: zh (Chinese, names) or en (English)").choices(["zh", "en"]).default("zh"))
    .addHelpText("after", "\nExample:\n  jinxiu diff lianyungang-2024.json june.plan.json august.plan.json --xlsx 变更通知.xlsx")
    .action(async (instFile: string, beforeFile: string, afterFile: string, opts) => {
      code = await (await import("./diff.js")).diffCommand(instFile, beforeFile, afterFile, opts, io);
    });

  program
    .command("report")
    .description("Write the commission forms (登记表, 汇总表, 分配表, 一人一策一档) and the visual report of a plan.")
    .argument("<instance>", "instance JSON file")
    .argument("<plan>", "plan JSON file")
    .option("--xlsx <file>", "the forms as one Excel workbook, one sheet per form")
    .option("--csv <dir>", "the forms as CSV files (UTF-8 with BOM, opens in Excel)")
    .option("--html <file>", "a self-contained HTML report: Gantt, staffing heatmap, quotas, unplaced; `-` for standard output")
    .option("--force", "write the report even when the plan breaks rules (a plan edited by hand); the report lists the violations")
    .option("--before <plan>", "the plan this one replaces (a re-plan): the HTML report then lists what changed, per receiving hospital")
    .option("--json", "print the files written as JSON")
    .option("-q, --quiet", "print nothing but errors")
    .addOption(new Option("--lang <lang>", "language of messages, summaries, forms and report: zh (Chinese, names) or en (English, ids)").choices(["zh", "en"]).default("zh"))
    .addHelpText("after", "\nExample:\n  jinxiu report lianyungang-2024.json plan.json --xlsx forms.xlsx --csv forms --html report.html")
    .action(async (instFile: string, planFile: string, opts) => {
      code = await (await import("./report.js")).reportCommand(instFile, planFile, opts, io);
    });

  program
    .command("example")
    .description("Write an example instance shipped with jinxiu (default: 连云港 2024) to a file, to try the other commands on.")
    .argument("[name]", "which example (see --list)", "lianyungang-2024")
    .option("-o, --out <file>", "where to write it (default <name>.json); `-` for standard output")
    .option("--list", "list the examples")
    .option("--json", "print the file written as JSON")
    .addHelpText("after", "\nExample:\n  jinxiu example --out lianyungang-2024.json")
    .action(async (name: string, opts) => {
      code = await (await import("./example.js")).exampleCommand(name, opts, io);
    });

  addWorkbookCommands(program, io, (c) => (code = c));

  const fail = (exit: number, issues: readonly CliIssue[], text: string): number => {
    if (json) io.out(JSON.stringify({ ok: false, ...(exit === EXIT.internal ? { internal: true } : {}), issues }));
    else io.err(text);
    return exit;
  };

  try {
    await program.parseAsync(argv as string[], { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return e.exitCode === 0 ? EXIT.ok : EXIT.badInput;
      // Commander has printed the message and a hint (or, with --json, handed them to `usage`).
      if (json) io.out(JSON.stringify({ ok: false, issues: [{ path: "", message: (usage.split("\n")[0] || e.message).replace(/^error: /, "") }] }));
      return EXIT.badInput;
    }
    if (e instanceof CliInputError) return fail(EXIT.badInput, e.issues, e.message);
    // InstanceError from the library: an instance the CLI did not load through parseInstance. UsageError: e.g.
    // an instance beyond the solver's size limit.
    if (e instanceof InstanceError) return fail(EXIT.badInput, e.issues, e.message);
    if (e instanceof UsageError) return fail(EXIT.badInput, [{ path: "", message: e.message }], e.message);
    const message = e instanceof JinxiuError || e instanceof Error ? e.message : String(e);
    return fail(EXIT.internal, [{ path: "", message: `internal error: ${message}` }], `jinxiu: internal error: ${message}`);
  }
  return code;
}
