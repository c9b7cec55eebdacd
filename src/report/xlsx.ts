/**
 * The commission forms as an Excel workbook (exceljs), ready to print and file: one sheet
 * per form, in the order 登记表, 汇总表, 分配表, 一人一策一档, 接收名单, then 分年度 when the
 * forms have it (a calendar over two or more calendar years), then, for an instance with
 * residents (SPEC §10), 轮转计划表, 科室轮转排班表, 基地汇总 and 住培一人一档 (residency.ts).
 * The month-wide residency sheets freeze and repeat their identifying columns (and the
 * title, merged over them) on every printed page, ⌈months / 12⌉ pages across; shortfalls
 * and broken hard rows are filled amber and red.
 *
 * Each sheet: the form's title row (`附件1　…登记表`, as the seed's 附件), a bold header row
 * with an autofilter, thin borders on every cell of the table, long text wrapped in capped
 * columns, dates as real date cells (`yyyy-mm-dd`), numbers as numbers, blank cells left
 * empty, 合计 rows bold. Printing: A4 landscape, fit to one page wide (as many pages tall as
 * needed), the title and header rows repeated on every page, the page number in the
 * footer, and on 登记表 and 汇总表 the seed's 填报单位（加盖公章）/ 填报人 / 填报日期 line in the
 * page header; the title and header rows stay frozen on screen. The 接收名单 starts a new page
 * for each receiving hospital.
 *
 * Text that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab, CR at the
 * start) gets a leading single quote, as OWASP recommends for CSV and as the CSV forms do.
 *
 * The workbook's created and modified dates are fixed, so the same forms give the same
 * sheets and metadata (the zip entries still carry the write time, which exceljs does not
 * let a caller set).
 */
import ExcelJS from "exceljs";
import { neutralizeCell } from "./csv.js";
import type { Forms, Table } from "./forms.js";
import { residencyTables } from "./residency.js";
import { displayWidth } from "./words.js";

/** Fixed document dates (docProps/core.xml): no wall-clock time leaks into the file. */
const EPOCH = new Date(Date.UTC(2000, 0, 1));

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" },
};
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** First row of the table (header) and of the body, 1-based. */
const HEADER_ROW = 2;
/** Columns after the frozen ones per printed page of a wide sheet, at most (a year of months): it prints ⌈columns / 12⌉ pages across. */
const COLUMNS_PER_PAGE = 12;
/** Fills of marked cells: a soft target missed (amber), a hard rule broken (red). */
const MARK_SHORT = "FFFDE68A";
const MARK_BAD = "FFFCA5A5";

/** `A`, `B`, …, `Z`, `AA`, … for a 1-based column number. */
function columnLetter(col: number): string {
  let out = "";
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) out = String.fromCharCode(65 + ((c - 1) % 26)) + out;
  return out;
}

/** Points per line of 11-point text (CJK fonts run taller than Latin ones). */
const LINE_HEIGHT = 16;

/**
 * Lines a wrapped cell needs in a column `width` characters wide: spreadsheets do not grow
 * rows to fit wrapped text on their own (LibreOffice does not on import), so the sheet sets
 * each row's height.
 */
function linesOf(text: string, width: number): number {
  const per = Math.max(1, width - 1);
  return text.split(/\r\n|\r|\n/).reduce((n, part) => n + Math.max(1, Math.ceil(displayWidth(part) / per)), 0);
}

/** The sheets of a workbook, in order. */
export function workbookTables(forms: Forms): Table[] {
  if (forms.residentsOnly && forms.residency) return residencyTables(forms.residency);
  const out = [forms.registration, forms.summary, forms.allocation, forms.perTrainee];
  if (forms.receiving) out.push(forms.receiving);
  if (forms.perYear) out.push(forms.perYear);
  if (forms.residency) out.push(...residencyTables(forms.residency));
  return out;
}

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
  return tablesToXlsx(workbookTables(forms));
}

/**
 * Tables as one printable workbook, a sheet each (A4 landscape, title and header
 * rows repeated, neutralised text): the forms, or another table such as the
 * 变更通知 of a re-plan.
 *
 * @example
 * writeFileSync("变更通知.xlsx", await tablesToXlsx([changeNotice(instance, diff(instance, old, next))]));
 */
export async function tablesToXlsx(tables: readonly Table[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "jinxiu";
  wb.created = EPOCH;
  wb.modified = EPOCH;
  for (const t of tables) addSheet(wb, t);
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

/** A cell value for exceljs: dates in date columns, neutralised text, numbers, empty for "". */
function cellValue(v: string | number, kind: string): ExcelJS.CellValue {
  if (v === "") return null;
  if (typeof v === "number") return v;
  const text = String(v);
  if (kind === "date") {
    const m = ISO_DATE.exec(text);
    if (m) return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  }
  return neutralizeCell(text);
}

function addSheet(wb: ExcelJS.Workbook, t: Table): void {
  const n = t.headers.length;
  const kinds = t.headers.map((_, i) => t.columns?.[i] ?? "text");
  const frozen = Math.max(0, Math.min(n, t.frozenColumns ?? 0));
  const ws = wb.addWorksheet(t.name, {
    views: [{ state: "frozen", xSplit: frozen, ySplit: HEADER_ROW }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: "landscape",
      fitToPage: true,
      // A wide sheet (months across) prints its identifying columns again on every page, at most twelve more columns a page.
      fitToWidth: frozen > 0 ? Math.max(1, Math.ceil((n - frozen) / COLUMNS_PER_PAGE)) : 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `1:${HEADER_ROW}`,
      ...(frozen > 0 ? { printTitlesColumn: `A:${columnLetter(frozen)}` } : {}),
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: {
      ...(t.signOff ? { oddHeader: t.lang === "en" ? "&LFiling unit (seal):&CFiled by:&RDate:" : "&L填报单位（加盖公章）：&C填报人：&R填报日期：　　年　　月　　日" } : {}),
      oddFooter: t.lang === "en" ? "&CPage &P of &N (&A)" : "&C第 &P 页，共 &N 页 (&A)",
    },
  });
  ws.columns = t.headers.map((_, i) => ({ width: t.widths?.[i] ?? 12 }));

  // Title row, merged over the table's width.
  const title = ws.getRow(1);
  title.getCell(1).value = neutralizeCell(t.title ?? t.name);
  title.getCell(1).font = { bold: true, size: 14 };
  // A wide sheet's title spans its repeated columns only, so that every page across prints it.
  title.getCell(1).alignment = { horizontal: frozen > 0 ? "left" : "center", vertical: "middle" };
  title.height = 26;
  const span = frozen > 0 ? frozen : n;
  if (span > 1) ws.mergeCells(1, 1, 1, span);

  const header = ws.getRow(HEADER_ROW);
  t.headers.forEach((h, i) => {
    const c = header.getCell(i + 1);
    c.value = neutralizeCell(h);
    c.font = { bold: true };
    c.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE5E7EB" } };
    c.border = THIN;
  });

  t.rows.forEach((row, r) => {
    const xr = ws.getRow(HEADER_ROW + 1 + r);
    const total = row[0] === "合计" || row[0] === "Total";
    let lines = 1;
    for (let i = 0; i < n; i++) {
      if (kinds[i] === "long" && row[i] !== "") lines = Math.max(lines, linesOf(String(row[i]), t.widths?.[i] ?? 12));
      const c = xr.getCell(i + 1);
      const v = cellValue(row[i] ?? "", kinds[i]);
      if (v !== null) c.value = v;
      c.border = THIN;
      if (kinds[i] === "date") c.numFmt = "yyyy-mm-dd";
      c.alignment = kinds[i] === "long" ? { vertical: "top", wrapText: true } : { vertical: "top" };
      if (total) c.font = { bold: true };
    }
    xr.height = lines * LINE_HEIGHT;
    const b = t.pageBreakColumn;
    if (b !== undefined && r + 1 < t.rows.length && t.rows[r + 1][b] !== row[b]) xr.addPageBreak();
  });
  for (const m of t.marks ?? []) {
    if (m.row < 0 || m.row >= t.rows.length || m.col < 0 || m.col >= n) continue;
    const c = ws.getRow(HEADER_ROW + 1 + m.row).getCell(m.col + 1);
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: m.mark === "bad" ? MARK_BAD : MARK_SHORT } };
    c.font = { ...(c.font ?? {}), bold: true };
  }
  ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW + t.rows.length, column: n } };
}
