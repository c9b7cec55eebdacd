/**
 * The commission forms as CSV files: UTF-8 with a byte-order mark (so Excel on Chinese
 * Windows opens them as UTF-8), RFC 4180 quoting, CRLF line ends, a CRLF after the last
 * record. No CSV library is a direct dependency of the project, so quoting is done here:
 * a field is quoted when it holds a comma, a double quote, CR or LF, or starts or ends
 * with a space; quotes inside are doubled.
 */
import type { Forms, Table } from "./forms.js";

/** One field, quoted per RFC 4180 when needed. Numbers are written with `String(n)`. */
export function csvField(value: string | number): string {
  const s = typeof value === "number" ? String(value) : value;
  return /[",\r\n]|^ | $/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A table as CSV text: BOM, header row, body rows, CRLF after every record. */
export function tableToCsv(t: Table): string {
  const lines = [t.headers, ...t.rows].map((row) => row.map(csvField).join(","));
  return `\uFEFF${lines.map((l) => `${l}\r\n`).join("")}`;
}

/**
 * File name (`登记表.csv`, `汇总表.csv`, `分配表.csv`, `一人一策一档.csv`) → CSV text.
 *
 * @example
 * ```ts
 * for (const [file, text] of Object.entries(formsToCsv(buildForms(instance, plan))))
 *   writeFileSync(join(outDir, file), text, "utf8");
 * ```
 */
export function formsToCsv(forms: Forms): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of [forms.registration, forms.summary, forms.allocation, forms.perTrainee]) out[`${t.name}.csv`] = tableToCsv(t);
  return out;
}
