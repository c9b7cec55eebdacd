/**
 * `jinxiu workbook` and `jinxiu import`: the instance workbook planners fill in, and the way
 * back to an instance JSON (also the county's 登记表 CSV, appended to an instance).
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import type { Command } from "commander";
import { InstanceError, formatIssues } from "../model/errors.js";
import { parseInstance } from "../model/parse.js";
import type { Instance } from "../model/types.js";
import { traineesFromCsv } from "../io/csv.js";
import { workbookToInstance } from "../io/read.js";
import { instanceToWorkbook } from "../io/write.js";
import { CliInputError, type Io, readText, writeAtomic } from "./io.js";

function readBytes(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === "ENOENT" ? "no such file" : err.code === "EISDIR" ? "is a directory" : err.code === "EACCES" ? "permission denied" : err.message;
    throw new CliInputError(`${path}: cannot read (${why})`);
  }
}

/** Turns a library InstanceError into the CLI's exit-2 error listing every problem. */
function problems(file: string, e: unknown): never {
  if (e instanceof InstanceError) throw new CliInputError(`${file}: ${e.issues.length} problem(s), nothing written\n${formatIssues(e.issues)}`);
  throw e;
}

function loadJson(path: string): Instance {
  const text = readText(path);
  try {
    return parseInstance(text);
  } catch (e) {
    return problems(path, e);
  }
}

const instanceJson = (inst: Instance) => `${JSON.stringify(inst, null, 2)}\n`;

export async function workbookCommand(file: string | undefined, opts: { out?: string; quiet?: boolean }, io: Io): Promise<number> {
  if (!opts.out) throw new CliInputError("jinxiu workbook: name the output: --out FILE.xlsx");
  const inst = file ? loadJson(file) : undefined;
  writeAtomic(opts.out, await instanceToWorkbook(inst));
  if (!opts.quiet)
    io.out(inst ? `written: ${opts.out} (${inst.units.length} units, ${inst.trainees.length} trainees)` : `written: ${opts.out} (empty template)`);
  return 0;
}

export interface ImportCliOptions {
  out?: string;
  trainees?: string;
  into?: string;
  programme?: string;
  quiet?: boolean;
}

export async function importCommand(file: string | undefined, opts: ImportCliOptions, io: Io): Promise<number> {
  if (opts.trainees) {
    if (file) throw new CliInputError("jinxiu import: give either a workbook or --trainees CSV, not both");
    if (!opts.into) throw new CliInputError("jinxiu import --trainees: name the instance to add them to: --into INSTANCE.json");
    const base = loadJson(opts.into);
    let result;
    try {
      result = traineesFromCsv(readBytes(opts.trainees), base, { name: basename(opts.trainees), programme: opts.programme });
    } catch (e) {
      return problems(opts.trainees, e);
    }
    const out = opts.out ?? opts.into;
    writeAtomic(out, instanceJson(result.instance));
    if (!opts.quiet) {
      io.out(`written: ${out} (${result.added} trainee(s) added from ${opts.trainees}, read as ${result.encoding})`);
      if (result.ignored.length) io.out(`columns not read: ${result.ignored.join(", ")}`);
    }
    return 0;
  }
  if (!file) throw new CliInputError("jinxiu import: name a workbook (jinxiu import FILE.xlsx --out INSTANCE.json) or --trainees CSV --into INSTANCE.json");
  if (!opts.out) throw new CliInputError("jinxiu import: name the output: --out INSTANCE.json");
  let inst: Instance;
  try {
    inst = (await workbookToInstance(readBytes(file))).instance;
  } catch (e) {
    return problems(file, e);
  }
  writeAtomic(opts.out, instanceJson(inst));
  if (!opts.quiet) io.out(`written: ${opts.out} (${inst.units.length} units, ${inst.programmes.length} programme(s), ${inst.trainees.length} trainees)`);
  return 0;
}

/** Adds `workbook` and `import` to the `jinxiu` program. */
export function addWorkbookCommands(program: Command, io: Io): void {
  program
    .command("workbook")
    .description("Write the instance workbook (.xlsx) to fill in: an empty template, or an instance laid out for people.")
    .argument("[instance]", "instance JSON file (omit for the empty template)")
    .option("-o, --out <file>", "the workbook to write (.xlsx)")
    .option("-q, --quiet", "print nothing but errors")
    .addHelpText("after", "\nExamples:\n  jinxiu workbook --out 进修数据.xlsx\n  jinxiu workbook examples/lianyungang-2024.json --out lianyungang.xlsx")
    .action(async (file: string | undefined, opts) => {
      await workbookCommand(file, opts, io);
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
    .addHelpText("after", "\nExamples:\n  jinxiu import 进修数据.xlsx --out instance.json\n  jinxiu import --trainees 登记表.csv --into instance.json")
    .action(async (file: string | undefined, opts) => {
      await importCommand(file, opts, io);
    });
}
