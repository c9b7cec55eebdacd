/** `jinxiu report`: the commission forms (XLSX, CSV) and the visual HTML report of a plan. */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Instance, Plan } from "../model/types.js";
import { formsToCsv } from "../report/csv.js";
import { buildForms } from "../report/forms.js";
import { renderHtmlReport } from "../report/html.js";
import { formsToXlsx } from "../report/xlsx.js";
import { verifyPlan } from "../verify.js";
import { CliInputError, type Io, writeAtomic } from "./io.js";

export interface ReportCliOptions {
  xlsx?: string;
  csv?: string;
  html?: string;
  quiet?: boolean;
}

export async function reportCommand(inst: Instance, plan: Plan, opts: ReportCliOptions, io: Io): Promise<number> {
  if (!opts.xlsx && !opts.csv && !opts.html) throw new CliInputError("jinxiu report: name at least one output: --xlsx FILE, --csv DIR or --html FILE");
  const check = verifyPlan(inst, plan);
  if (!check.valid) {
    for (const v of check.violations.slice(0, 20)) io.err(`${v.code}: ${v.message}`);
    throw new CliInputError(`jinxiu report: the plan breaks ${check.violations.length} rule(s); verify it first (jinxiu verify)`);
  }
  const forms = buildForms(inst, plan);
  const written: string[] = [];
  if (opts.xlsx) {
    writeAtomic(opts.xlsx, await formsToXlsx(forms));
    written.push(opts.xlsx);
  }
  if (opts.csv) {
    try {
      mkdirSync(opts.csv, { recursive: true });
    } catch {
      throw new CliInputError(`${opts.csv}: cannot create the folder`);
    }
    for (const [name, text] of Object.entries(formsToCsv(forms))) {
      writeAtomic(join(opts.csv, name), text);
      written.push(join(opts.csv, name));
    }
  }
  if (opts.html) {
    writeAtomic(opts.html, renderHtmlReport(inst, plan));
    written.push(opts.html);
  }
  if (!opts.quiet) io.out(`written: ${written.join(", ")}`);
  return 0;
}
