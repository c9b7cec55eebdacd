/**
 * The commission forms as CSV files: UTF-8 with a byte-order mark (so Excel on Chinese
 * Windows opens them as UTF-8), RFC 4180 quoting, CRLF line ends, a CRLF after the last
 * record. No CSV library is a direct dependency of the project, so quoting is done here:
 * a field is quoted when it holds a comma, a double quote, CR or LF, or starts or ends
 * with a space; quotes inside are doubled.
 *
 * CSV injection (OWASP): a text cell that starts with `=`, `+`, `-`, `@`, a tab or a CR —
 * a trainee named `=HYPERLINK("http://x","点我")` — gets a leading single quote and is
 * quoted, so a spreadsheet shows it as text and never runs it. Numbers are numbers: −1.5
 * stays `-1.5`.
 */
import type { Forms, Table } from "./forms.js";
import { residencyTables } from "./residency.js";

/** Whether a text cell would start a formula in a spreadsheet (OWASP's list). */
export function isFormulaLike(s: string): boolean {
  return /^[=+\-@\t\r]/.test(s);
}

/** A text cell made safe for spreadsheets: `'` before a formula-like start, else unchanged. */
export function neutralizeCell(s: string): string {
  return isFormulaLike(s) ? `'${s}` : s;
}

/** One field, quoted per RFC 4180 when needed, formula-like text neutralised. Numbers are written with `String(n)`. */
export function csvField(value: string | number): string {
  if (typeof value === "number") return String(value);
  const s = String(value);
  if (isFormulaLike(s)) return `"'${s.replace(/"/g, '""')}"`;
  return /[",\r\n]|^ | $/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A table as CSV text: BOM, header row, body rows, CRLF after every record. */
export function tableToCsv(t: Table): string {
  const lines = [t.headers, ...t.rows].map((row) => row.map(csvField).join(","));
  return `\uFEFF${lines.map((l) => `${l}\r\n`).join("")}`;
}

/**
 * File name (`登记表.csv`, `汇总表.csv`, `分配表.csv`, `一人一策一档.csv`, `接收名单.csv`, and for
 * an instance with residents `轮转计划表.csv`, `科室轮转排班表.csv`, `基地汇总.csv`,
 * `住培一人一档.csv`) → CSV text.
 *
 * @example
 * ```ts
 * for (const [file, text] of Object.entries(formsToCsv(buildForms(instance, plan))))
 *   writeFileSync(join(outDir, file), text, "utf8");
 * ```
 */
export function formsToCsv(forms: Forms): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(forms.residentsOnly && forms.residency))
    for (const t of [forms.registration, forms.summary, forms.allocation, forms.perTrainee, forms.receiving]) if (t) out[`${t.name}.csv`] = tableToCsv(t);
  if (forms.residency) for (const t of residencyTables(forms.residency)) out[`${t.name}.csv`] = tableToCsv(t);
  return out;
}
