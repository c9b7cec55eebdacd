/**
 * Registers `jinxiu workbook` and `jinxiu import` (src/cli/workbook.ts, loaded only when one
 * of them runs, like every command).
 */
import type { Command } from "commander";
import type { Io } from "./io.js";

/** Adds `workbook` and `import` to the `jinxiu` program. */
export function addWorkbookCommands(program: Command, io: Io, exit: (code: number) => void): void {
  program
    .command("workbook")
    .description("Write the instance workbook (.xlsx) to fill in: an empty template, or an instance laid out for people.")
    .argument("[instance]", "instance JSON file (omit for the empty template)")
    .option("-o, --out <file>", "the workbook to write (.xlsx)")
    .option("--residency", "include the residency (住培, SPEC §10) sheets and columns (automatic for an instance with §10 content)")
    .option("-q, --quiet", "print nothing but errors")
    .option("--json", "print the result (or the problems) as JSON")
    .addHelpText("after", "\nExamples:\n  jinxiu workbook --out 进修数据.xlsx\n  jinxiu workbook --residency --out 住培数据.xlsx\n  jinxiu workbook examples/lianyungang-2024.json --out lianyungang.xlsx")
    .action(async (file: string | undefined, opts) => {
      exit(await (await import("./workbook.js")).workbookCommand(file, opts, io));
    });

  program
    .command("import")
    .description("Read a filled-in instance workbook into instance JSON; or add the trainees of a county's 登记表 CSV to an instance.")
    .argument("[workbook]", "the instance workbook (.xlsx)")
    .option("-o, --out <file>", "the instance JSON to write")
    .option("--trainees <csv>", "a 登记表 CSV (GBK or UTF-8) whose rows are added as trainees")
    .option("--into <instance>", "with --trainees: the instance JSON to add them to (rewritten unless --out)")
    .option("--programme <id>", "with --trainees: programme of rows without 项目 (default: the only programme)")
    .option("-q, --quiet", "print nothing but errors")
    .option("--json", "print the result (or every problem, with its cell) as JSON")
    .addHelpText("after", "\nExamples:\n  jinxiu import 进修数据.xlsx --out instance.json\n  jinxiu import --trainees 登记表.csv --into instance.json")
    .action(async (file: string | undefined, opts) => {
      exit(await (await import("./workbook.js")).importCommand(file, opts, io));
    });
}
