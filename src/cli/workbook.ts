/**
 * `jinxiu workbook` and `jinxiu import`: the instance workbook planners fill in, and the way
 * back to an instance JSON (also the county's 登记表 CSV, appended to an instance).
 */
import { basename } from "node:path";
import { InstanceError, formatIssues } from "../model/errors.js";
import type { Instance } from "../model/types.js";
import { traineesFromCsv } from "../io/csv.js";
import { workbookToInstance } from "../io/read.js";
import { instanceToWorkbook } from "../io/write.js";
import { CliInputError, type Io, checkOutput, readInput, writeOutput } from "./io.js";
import { fileLabel, loadInstance } from "./load.js";

/** Turns a library InstanceError into the CLI's exit-2 error listing every problem at its cell. */
function problems(path: string, e: unknown): never {
  if (!(e instanceof InstanceError)) throw e;
  const file = fileLabel(path);
  throw new CliInputError(
    `${file}: ${e.issues.length} problem(s), nothing written\n${formatIssues(e.issues)}`,
    e.issues.map((i) => ({ file, path: i.path, message: i.message })),
  );
}

const instanceJson = (inst: Instance) => `${JSON.stringify(inst, null, 2)}\n`;

export async function workbookCommand(file: string | undefined, opts: { out?: string; residency?: boolean; quiet?: boolean; json?: boolean }, io: Io): Promise<number> {
  if (!opts.out) throw new CliInputError("jinxiu workbook: name the output: --out FILE.xlsx");
  checkOutput(opts.out, { inputs: file ? [file] : [] });
  const inst = file ? await loadInstance(file, io) : undefined;
  // §10 sheets: for an instance with §10 content, or with --residency (the 住培 template).
  writeOutput(opts.out, await instanceToWorkbook(inst, opts.residency ? { residency: true } : {}), { inputs: file ? [file] : [] });
  if (opts.json) io.out(JSON.stringify({ ok: true, out: opts.out, template: !inst, ...(opts.residency ? { residency: true } : {}) }));
  else if (!opts.quiet)
    io.out(inst ? `written: ${opts.out} (${inst.units.length} units, ${inst.trainees.length} trainees)` : `written: ${opts.out} (empty ${opts.residency ? "residency " : ""}template)`);
  return 0;
}

export interface ImportCliOptions {
  out?: string;
  trainees?: string;
  into?: string;
  programme?: string;
  quiet?: boolean;
  json?: boolean;
}

export async function importCommand(file: string | undefined, opts: ImportCliOptions, io: Io): Promise<number> {
  if (opts.trainees) {
    if (file) throw new CliInputError("jinxiu import: give either a workbook or --trainees CSV, not both");
    if (!opts.into) throw new CliInputError("jinxiu import --trainees: name the instance to add them to: --into INSTANCE.json");
    const out = opts.out ?? opts.into;
    // The instance is rewritten in place unless --out names another file.
    const inputs = out === opts.into ? [opts.trainees] : [opts.trainees, opts.into];
    checkOutput(out, { inputs });
    const base = await loadInstance(opts.into, io);
    const bytes = await readInput(opts.trainees, io);
    let result;
    try {
      result = traineesFromCsv(bytes, base, { name: basename(fileLabel(opts.trainees)), programme: opts.programme });
    } catch (e) {
      return problems(opts.trainees, e);
    }
    writeOutput(out, instanceJson(result.instance), { inputs });
    if (opts.json) io.out(JSON.stringify({ ok: true, out, added: result.added, encoding: result.encoding, ignored: result.ignored }));
    else if (!opts.quiet) {
      io.out(`written: ${out} (${result.added} trainee(s) added from ${fileLabel(opts.trainees)}, read as ${result.encoding})`);
      if (result.ignored.length) io.out(`columns not read: ${result.ignored.join(", ")}`);
    }
    return 0;
  }
  if (!file) throw new CliInputError("jinxiu import: name a workbook (jinxiu import FILE.xlsx --out INSTANCE.json) or --trainees CSV --into INSTANCE.json");
  if (!opts.out) throw new CliInputError("jinxiu import: name the output: --out INSTANCE.json");
  checkOutput(opts.out, { inputs: [file] });
  let inst: Instance;
  try {
    inst = (await workbookToInstance(await readInput(file, io))).instance;
  } catch (e) {
    return problems(file, e);
  }
  writeOutput(opts.out, instanceJson(inst), { inputs: [file] });
  if (opts.json) io.out(JSON.stringify({ ok: true, out: opts.out, units: inst.units.length, programmes: inst.programmes.length, trainees: inst.trainees.length }));
  else if (!opts.quiet) io.out(`written: ${opts.out} (${inst.units.length} units, ${inst.programmes.length} programme(s), ${inst.trainees.length} trainees)`);
  return 0;
}
