/**
 * The commission forms as an Excel workbook (exceljs): one sheet per form, in the order
 * 登记表, 汇总表, 分配表, 一人一策一档, then 分年度 when the forms have it (a calendar over two
 * or more calendar years); a bold, frozen header row; column widths from the
 * tables; numbers stored as numbers, blank cells left empty. The workbook's created and
 * modified dates are fixed, so the same forms give the same sheets and metadata (the zip
 * entries still carry the write time, which exceljs does not let a caller set).
 */
import ExcelJS from "exceljs";
import type { Forms, Table } from "./forms.js";

/** Fixed document dates (docProps/core.xml): no wall-clock time leaks into the file. */
const EPOCH = new Date(Date.UTC(2000, 0, 1));

/**
 * Writes the forms to an .xlsx file's bytes.
 *
 * @example
 * ```ts
 * const forms = buildForms(instance, plan);
 * writeFileSync("进修表.xlsx", await formsToXlsx(forms));
 * ```
 */
export async function formsToXlsx(forms: Forms): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "jinxiu";
  wb.created = EPOCH;
  wb.modified = EPOCH;
  for (const t of [forms.registration, forms.summary, forms.allocation, forms.perTrainee]) addSheet(wb, t);
  if (forms.perYear) addSheet(wb, forms.perYear);
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

function addSheet(wb: ExcelJS.Workbook, t: Table): void {
  const ws = wb.addWorksheet(t.name, { views: [{ state: "frozen", xSplit: 0, ySplit: 1 }] });
  ws.columns = t.headers.map((header, i) => ({ header, width: t.widths?.[i] ?? Math.max(8, header.length * 2 + 2) }));
  ws.getRow(1).font = { bold: true };
  for (const row of t.rows) {
    // Empty strings become empty cells rather than zero-length shared strings.
    ws.addRow(row.map((v) => (v === "" ? null : v)));
  }
}
