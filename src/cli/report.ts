/**
 * `jinxiu report`: the commission forms (XLSX, CSV) and the visual HTML report
 * of a plan. Every output is checked before any work; a plan that breaks rules
 * is refused (exit 1) unless `--force` (a plan a planner edited by hand), in
 * which case the HTML report and the workbook list the violations.
 */
import { mkdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Violation } from "../model/types.js";
import { verifyPlan } from "../verify.js";
import { CliInputError, type Io, checkOutput, writeOutput } from "./io.js";
import { fileLabel, loadInstance, loadPlan, oneStdin } from "./load.js";
import { foreignPlan } from "./match.js";

export interface ReportCliOptions {
  /** The plan this one replaces: the report lists what changed. */
  before?: string;
  /** Language of the forms, report and messages (default zh). */
  lang?: string;
  xlsx?: string;
  csv?: string;
  html?: string;
  force?: boolean;
  json?: boolean;
  quiet?: boolean;
}

/** The CSV folder must be a folder, or creatable under an existing, writable one. */
function checkFolder(dir: string): void {
  if (dir === "") throw new CliInputError("--csv: the folder name is empty", [{ path: "--csv", message: "the folder name is empty" }]);
  let p = resolve(dir);
  for (;;) {
    const st = statSync(p, { throwIfNoEntry: false });
    if (st) {
      if (!st.isDirectory()) throw new CliInputError(`${dir}: cannot write the CSV forms here (${p} is not a folder)`);
      return;
    }
    if (dirname(p) === p) return;
    p = dirname(p);
  }
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The violations as a banner at the top of the HTML report. */
function withViolations(html: string, violations: readonly Violation[]): string {
  const items = violations.map((v) => `<li><code>${esc(v.code)}</code> ${esc(v.message)}</li>`).join("");
  const banner = `<section id="violations" data-testid="violations" style="border:2px solid #dc2626;background:#fef2f2;border-radius:8px;padding:8px 12px;margin:10px 0"><b>此方案违反 ${violations.length} 条规则（--force 生成，仅供核对）</b> <small>this plan breaks ${violations.length} rule(s); written with --force</small><ul style="margin:4px 0 0;padding-left:20px">${items}</ul></section>`;
  const at = html.indexOf("<main>");
  if (at >= 0) return html.slice(0, at + 6) + banner + html.slice(at + 6);
  const body = html.indexOf("<body>");
  return body >= 0 ? html.slice(0, body + 6) + banner + html.slice(body + 6) : banner + html;
}

export async function reportCommand(instFile: string, planFile: string, opts: ReportCliOptions, io: Io): Promise<number> {
  if (opts.xlsx === undefined && opts.csv === undefined && opts.html === undefined)
    throw new CliInputError("jinxiu report: name at least one output: --xlsx FILE, --csv DIR or --html FILE");
  oneStdin(instFile, planFile);
  const inputs = [instFile, planFile, ...(opts.before !== undefined ? [opts.before] : [])];
  if (opts.xlsx === "-") throw new CliInputError("--xlsx: a workbook cannot go to standard output; name a file", [{ path: "--xlsx", message: "cannot be standard output" }]);
  if (opts.html === "-" && opts.json) throw new CliInputError("--html - and --json both write to standard output", [{ path: "--html", message: "--html - and --json both write to standard output" }]);
  if (opts.xlsx !== undefined) checkOutput(opts.xlsx, { option: "--xlsx", inputs });
  if (opts.html !== undefined && opts.html !== "-") checkOutput(opts.html, { option: "--html", inputs });
  if (opts.csv !== undefined) checkFolder(opts.csv);

  const inst = await loadInstance(instFile, io);
  const plan = await loadPlan(planFile, io);
  const foreign = foreignPlan(inst, plan);
  if (foreign) throw new CliInputError(`${fileLabel(planFile)}: ${foreign}`, [{ file: fileLabel(planFile), path: "", message: foreign }]);
  const lang = opts.lang === "en" ? "en" : "zh";
  const check = verifyPlan(inst, plan, { lang });
  if (!check.valid && !opts.force) {
    if (opts.json) io.out(JSON.stringify({ ok: true, valid: false, written: [], violations: check.violations }));
    else {
      for (const v of check.violations.slice(0, 20)) io.err(`${v.code}: ${v.message}`);
      if (check.violations.length > 20) io.err(`… and ${check.violations.length - 20} more (jinxiu verify lists them all)`);
      io.err(`jinxiu report: the plan breaks ${check.violations.length} rule(s); nothing written. Fix it (jinxiu verify), or pass --force to write the report with the violations listed (方案违反规则，未生成报表；核对后可用 --force 强制生成)`);
    }
    return 1;
  }
  if (!check.valid && !opts.quiet && !opts.json) io.err(`warning: the plan breaks ${check.violations.length} rule(s); the report lists them (--force)`);

  const [{ buildForms }, { formsToCsv }, { renderHtmlReport }] = await Promise.all([import("../report/forms.js"), import("../report/csv.js"), import("../report/html.js")]);
  const forms = buildForms(inst, plan, { lang });
  const written: string[] = [];
  if (opts.xlsx !== undefined) {
    const { formsToXlsx } = await import("../report/xlsx.js");
    let bytes = await formsToXlsx(forms);
    if (!check.valid) bytes = await xlsxWithViolations(bytes, check.violations);
    writeOutput(opts.xlsx, bytes, { option: "--xlsx", inputs });
    written.push(opts.xlsx);
  }
  if (opts.csv !== undefined) {
    try {
      mkdirSync(opts.csv, { recursive: true });
    } catch {
      throw new CliInputError(`${opts.csv}: cannot create the folder`);
    }
    for (const [name, text] of Object.entries(formsToCsv(forms))) {
      writeOutput(join(opts.csv, name), text, { option: "--csv", inputs });
      written.push(join(opts.csv, name));
    }
  }
  if (opts.html !== undefined) {
    const before = opts.before !== undefined ? await loadPlan(opts.before, io) : undefined;
    let html = renderHtmlReport(inst, plan, { lang, before });
    if (!check.valid) html = withViolations(html, check.violations);
    if (opts.html === "-") io.out(html);
    else {
      writeOutput(opts.html, html, { option: "--html", inputs });
      written.push(opts.html);
    }
  }
  if (opts.json) io.out(JSON.stringify({ ok: true, valid: check.valid, written, violations: check.violations }));
  else if (!opts.quiet && written.length) (opts.html === "-" ? io.err : io.out)(`written: ${written.join(", ")}`);
  return 0;
}

/** The workbook with one more sheet, 规则冲突, listing the violations (text cells, never formulas). */
async function xlsxWithViolations(bytes: Uint8Array, violations: readonly Violation[]): Promise<Uint8Array> {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.addWorksheet("规则冲突");
  ws.columns = [{ header: "规则", width: 14 }, { header: "说明", width: 100 }];
  for (const v of violations) ws.addRow([v.code, v.message]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
