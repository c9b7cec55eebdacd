/** The `jinxiu` command: validate, verify, solve, report. Returns the exit code; never throws for user errors. */
import { Command, CommanderError, Option } from "commander";
import { InstanceError, UsageError, formatIssues } from "../model/errors.js";
import { parseInstance, parsePlan } from "../model/parse.js";
import type { Instance, Plan } from "../model/types.js";
import { verifyPlan } from "../verify.js";
import { CliInputError, type Io, readText } from "./io.js";
import { reportCommand } from "./report.js";
import { solveCommand } from "./solve.js";
import { addWorkbookCommands } from "./workbook.js";

export const EXIT = { ok: 0, violations: 1, badInput: 2 } as const;

/** Reads and parses a file; its issues become one CLI error (exit 2) listing `path: message` lines. */
function load<T>(path: string, parse: (text: string) => T): T {
  const text = readText(path);
  try {
    return parse(text);
  } catch (e) {
    if (e instanceof InstanceError) throw new CliInputError(`${path}: ${e.issues.length} issue(s)\n${formatIssues(e.issues)}`);
    throw e;
  }
}

export const loadInstance = (path: string): Instance => load(path, parseInstance);
export const loadPlan = (path: string): Plan => load(path, parsePlan);

export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command()
    .name("jinxiu")
    .description("Placements for medical refresher training (进修): solve, verify and report allocation plans.")
    .version("0.1.0")
    .exitOverride()
    .showSuggestionAfterError(true)
    .showHelpAfterError("(run `jinxiu --help` for usage)")
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });

  program.addHelpText(
    "after",
    "\nExamples:\n  jinxiu validate examples/lianyungang-2024.json\n  jinxiu solve examples/lianyungang-2024.json --out plan.json\n  jinxiu verify examples/lianyungang-2024.json plan.json\n  jinxiu report examples/lianyungang-2024.json plan.json --xlsx forms.xlsx --html report.html",
  );

  program
    .command("validate")
    .description("Check an instance file (SPEC §3–4); print every issue as `path: message`.")
    .argument("<instance>", "instance JSON file")
    .option("--json", "print the result as JSON")
    .addHelpText("after", "\nExample:\n  jinxiu validate examples/lianyungang-2024.json")
    .action((file: string, opts: { json?: boolean }) => {
      const inst = loadInstance(file);
      if (opts.json) io.out(JSON.stringify({ valid: true, trainees: inst.trainees.length, units: inst.units.length }));
      else io.out(`${file}: valid (${inst.units.length} units, ${inst.trainees.length} trainees, ${inst.programmes.length} programme(s))`);
    });

  program
    .command("verify")
    .description("Check a plan against an instance and every rule of SPEC §5; exit 1 when a rule is broken.")
    .argument("<instance>", "instance JSON file")
    .argument("<plan>", "plan JSON file")
    .option("--json", "print the verification as JSON")
    .addHelpText("after", "\nExample:\n  jinxiu verify examples/lianyungang-2024.json out/lianyungang-2024.plan.json")
    .action((instFile: string, planFile: string, opts: { json?: boolean }) => {
      const inst = loadInstance(instFile);
      const plan = loadPlan(planFile);
      const v = verifyPlan(inst, plan);
      if (opts.json) io.out(JSON.stringify(v, null, 2));
      else {
        for (const x of v.violations) io.out(`${x.code}: ${x.message}`);
        if (!v.objectiveMatches) io.out(`OBJECTIVE: the plan states ${plan.objective}, the §7 formula gives ${v.objective}`);
        io.out(v.valid && v.objectiveMatches ? `valid: objective ${v.objective}` : `invalid: ${v.violations.length} violation(s); objective ${v.objective}`);
      }
      if (!v.valid || !v.objectiveMatches) code = EXIT.violations;
    });

  program
    .command("solve")
    .description("Compute an optimal allocation plan for an instance.")
    .argument("<instance>", "instance JSON file")
    .option("-o, --out <plan>", "write the plan JSON here (atomically)")
    .option("-t, --time-limit <seconds>", "stop after this many seconds with the best valid plan found")
    .option("--gap <fraction>", "stop once within this relative gap of the bound (default 0: prove optimality)")
    .addOption(new Option("--backend <name>", "MILP engine").choices(["highs", "jslp"]).default("highs"))
    .option("--json", "print the plan JSON on stdout")
    .option("-q, --quiet", "print nothing but errors")
    .addHelpText("after", "\nExample:\n  jinxiu solve examples/lianyungang-2024.json --out plan.json --time-limit 60")
    .action(async (file: string, opts) => {
      code = await solveCommand(loadInstance(file), opts, io);
    });

  program
    .command("report")
    .description("Write the commission forms (登记表, 汇总表, 分配表, 一人一策一档) and the visual report of a plan.")
    .argument("<instance>", "instance JSON file")
    .argument("<plan>", "plan JSON file")
    .option("--xlsx <file>", "the forms as one Excel workbook, one sheet per form")
    .option("--csv <dir>", "the forms as CSV files (UTF-8 with BOM, opens in Excel)")
    .option("--html <file>", "a self-contained HTML report: Gantt, staffing heatmap, quotas, unplaced")
    .option("-q, --quiet", "print nothing but errors")
    .addHelpText("after", "\nExample:\n  jinxiu report examples/lianyungang-2024.json plan.json --xlsx forms.xlsx --csv forms --html report.html")
    .action(async (instFile: string, planFile: string, opts) => {
      code = await reportCommand(loadInstance(instFile), loadPlan(planFile), opts, io);
    });

  addWorkbookCommands(program, io);

  try {
    await program.parseAsync(argv as string[], { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return e.exitCode === 0 ? EXIT.ok : EXIT.badInput;
      return EXIT.badInput; // commander already printed the message and a hint
    }
    if (e instanceof CliInputError || e instanceof UsageError) {
      // UsageError from the library: e.g. an instance beyond the solver's size limit.
      io.err(e.message);
      return EXIT.badInput;
    }
    throw e;
  }
  return code;
}
