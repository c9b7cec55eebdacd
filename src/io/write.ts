/**
 * `instanceToWorkbook`: an instance laid out for people in one .xlsx workbook (exceljs), or
 * the empty template to fill in. See `layout.ts` for the sheets.
 */
import ExcelJS from "exceljs";
import type { Instance } from "../model/types.js";
import { instanceSchema } from "../model/schema.js";
import { type Collection, type Column, type Kind, OPTIONS_SHEET, README_SHEET, SHAPE_SHEET, type Sheet, sheetsFor } from "./layout.js";
import { getAt, hollowPaths, keyOrders } from "./paths.js";
import { Refs, inRegion } from "./refs.js";
import { LIST_SEPARATOR, VOCABS, type VocabName, columnLetter, dateOf, showDuration } from "./values.js";

export interface WorkbookOptions {
  /** Empty rows below the data that get drop-down lists (default 300). */
  readonly blankRows?: number;
  /**
   * Write the residency (SPEC §10 住培) sheets and columns: 服务水平, 培训大纲, 已完成轮转,
   * 原计划（住培）, 单位's 住培专职管理人员 and 人员's 培训大纲 and 已完成的轮转要求. Default:
   * when the instance has §10 content ({@link hasResidency}); the template has them only
   * when asked.
   */
  readonly residency?: boolean;
}

/** Whether an instance has SPEC §10 content: a residency programme, or a §10 key anywhere. */
export function hasResidency(inst: Instance | undefined): boolean {
  if (!inst) return false;
  return (
    inst.programmes.some((p) => p.residency !== undefined)
    || inst.units.some((u) => u.managers !== undefined || u.service !== undefined)
    || inst.trainees.some((t) => t.curriculum !== undefined || t.completed !== undefined || t.fixed !== undefined)
    || inst.baseline?.residencies !== undefined
  );
}

/** Fixed document dates: no wall-clock time in the file's metadata. */
const EPOCH = new Date(Date.UTC(2000, 0, 1));
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
const KEY_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };

type Cell = string | number | Date | null;

/** Everything a writer needs to show references. */
interface Ctx {
  readonly inst: Instance | undefined;
  readonly refs: Record<Collection, Refs>;
  readonly unitRegion: Map<string, string | undefined>;
  /** The sheets written. */
  readonly sheets: readonly Sheet[];
  /** Whether a region is `of` or lies inside it. */
  within(region: string | undefined, of: string): boolean;
}

/** Display width of a text: CJK characters count double. */
function widthOf(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2E80-\uFFEF]/.test(ch) ? 2 : 1;
  return w;
}

function show(kind: Kind, v: unknown, ctx: Ctx): Cell {
  switch (kind.t) {
    case "text":
    case "id":
      return String(v);
    case "int":
    case "num":
    case "share":
      return typeof v === "number" ? v : String(v);
    case "date":
      return typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? dateOf(v) : String(v);
    case "duration":
      return showDuration(v as object);
    case "word":
      return VOCABS[kind.vocab].show(String(v));
    case "ref":
      return ctx.refs[kind.to].show(String(v));
  }
}

function cellOf(col: Column, v: unknown, ctx: Ctx): Cell {
  if (v === undefined || v === null) return null;
  if (col.list && Array.isArray(v)) {
    if (v.length === 0) return null;
    return v.map((x) => String(show(col.kind, x, ctx))).join(LIST_SEPARATOR);
  }
  return show(col.kind, v, ctx);
}

type Obj = Record<string, unknown>;
/** One row: an object of the instance and, for child rows, its parent; for grouped rows, its group too. */
interface Row {
  readonly entity: Obj;
  readonly parent?: Obj;
  readonly group?: Obj;
}

/** The rows of a list, child or grouped sheet. */
function rowsOf(sheet: Sheet, inst: Instance | undefined): Row[] {
  if (!inst) return [];
  const src = sheet.source;
  const listAt = (v: unknown, path: string) => (getAt(v, path) ?? []) as Obj[];
  if (src.t === "list") return listAt(inst, src.path).map((entity) => ({ entity }));
  if (src.t === "child") return listAt(inst, src.parent).flatMap((parent) => listAt(parent, src.list).map((entity) => ({ entity, parent })));
  if (src.t === "grouped") {
    const parents: (Obj | undefined)[] = src.parent ? listAt(inst, src.parent.path) : [undefined];
    return parents.flatMap((parent) =>
      listAt(parent ?? inst, src.groups).flatMap((group) => {
        const items = listAt(group, src.list);
        // A group with no element (a resident with no rotation): one row of the group alone.
        return items.length ? items.map((entity) => ({ entity, parent, group })) : [{ entity: {}, parent, group }];
      }));
  }
  return [];
}

function valueOf(sheet: Sheet, col: Column, row: Row, ctx: Ctx): Cell {
  if (col.group !== undefined) return cellOf(col, getAt(row.group, col.group), ctx);
  switch (col.key) {
    case "@unit":
    case "@programme":
      return ctx.refs[col.key === "@unit" ? "units" : "programmes"].show(String(row.parent?.id));
    case "@trainee": // the parent is a pinned placement, or the trainee itself
      return ctx.refs.trainees.show(String(row.parent?.trainee ?? row.parent?.id));
    case "@region": {
      const region = ctx.unitRegion.get(String(row.entity.unit));
      return region === undefined ? null : ctx.refs.regions.show(region);
    }
    case "unit":
      if (sheet.source.t === "list" && sheet.source.path === "trainees") {
        // A trainee's unit: a name shared by units of other counties still reads back, with 县区.
        // The reader takes 县区 as the unit's region or one above it; so does this.
        const region = ctx.unitRegion.get(String(row.entity.unit));
        const among = region === undefined ? undefined : (u: string) => ctx.within(ctx.unitRegion.get(u), region);
        return ctx.refs.units.show(String(row.entity.unit), among);
      }
      break;
  }
  return cellOf(col, getAt(row.entity, col.key), ctx);
}

type Validations = { add(address: string, v: ExcelJS.DataValidation): void };

/**
 * Writes the instance workbook: 说明 first, then one sheet per part of the instance (see
 * `layout.ts`), two frozen header rows (Chinese name, field name), enumerations as
 * drop-down lists of Chinese labels, dates as real dates. Without an instance: the empty
 * template.
 *
 * @example
 * ```ts
 * writeFileSync("进修数据.xlsx", await instanceToWorkbook(instance));
 * const template = await instanceToWorkbook();
 * ```
 */
export async function instanceToWorkbook(instance?: Instance, options: WorkbookOptions = {}): Promise<Uint8Array> {
  const blank = options.blankRows ?? 300;
  const inst = instance;
  const residency = options.residency ?? hasResidency(inst);
  const sheets = sheetsFor(residency);
  const units = inst?.units ?? [];
  const parentOf = new Map((inst?.regions ?? []).map((r) => [r.id, r.parent]));
  const ctx: Ctx = {
    inst,
    refs: {
      regions: new Refs("地区", inst?.regions ?? []),
      units: new Refs("单位", units),
      programmes: new Refs("项目", inst?.programmes ?? []),
      trainees: new Refs("人员", inst?.trainees ?? []),
    },
    unitRegion: new Map(units.map((u) => [u.id, u.region])),
    sheets,
    within: (region, of) => inRegion(parentOf, region, of),
  };

  const wb = new ExcelJS.Workbook();
  wb.creator = "jinxiu";
  wb.created = EPOCH;
  wb.modified = EPOCH;
  writeReadme(wb, sheets, residency);

  // Drop-down sources: one column per vocabulary on a hidden sheet.
  const options_ = wb.addWorksheet(OPTIONS_SHEET, { state: "hidden" });
  const listRef = new Map<VocabName, string>();
  (Object.keys(VOCABS) as VocabName[]).forEach((name, i) => {
    const voc = VOCABS[name];
    const col = columnLetter(i + 1);
    options_.getCell(`${col}1`).value = voc.what;
    voc.codes.forEach((c, j) => (options_.getCell(`${col}${j + 2}`).value = voc.show(c)));
    listRef.set(name, `'${OPTIONS_SHEET}'!$${col}$2:$${col}$${voc.codes.length + 1}`);
  });

  for (const sheet of sheets) {
    if (sheet.source.t === "form") writeForm(wb, sheet, ctx, listRef);
    else writeTable(wb, sheet, ctx, listRef, blank);
  }

  const shape = wb.addWorksheet(SHAPE_SHEET, { state: "veryHidden" });
  if (inst) {
    for (const h of hollowPaths(inst)) shape.addRow([JSON.stringify(h.path), h.value]);
    for (const k of keyOrders(inst, instanceSchema)) shape.addRow([JSON.stringify(k.path), "keys", JSON.stringify(k.keys)]);
  }

  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

/** The drop-down of a column, if it has one. */
function validationOf(col: Column, listRef: Map<VocabName, string>): ExcelJS.DataValidation | undefined {
  const options = (name: VocabName) => VOCABS[name].codes.map((c) => VOCABS[name].show(c)).join("、");
  if (col.kind.t === "word" && !col.list) {
    const voc = VOCABS[col.kind.vocab];
    return {
      type: "list", allowBlank: true, formulae: [listRef.get(col.kind.vocab)!],
      showErrorMessage: true, errorStyle: voc.closed ? "warning" : "information",
      errorTitle: col.zh, error: voc.closed ? `请从下拉列表中选择：${options(col.kind.vocab)}`.slice(0, 250) : "不在常用列表中：将按原样作为编号",
      ...(col.note ? { showInputMessage: true, prompt: col.note } : {}),
    };
  }
  if (col.kind.t === "word" && col.list) {
    const text = `${col.note ? `${col.note}。` : ""}多个用、分隔。可选：${options(col.kind.vocab)}`;
    return { type: "any", allowBlank: true, showInputMessage: true, promptTitle: col.zh, prompt: text.slice(0, 250) } as unknown as ExcelJS.DataValidation;
  }
  if (col.kind.t === "date") {
    return { type: "any", allowBlank: true, showInputMessage: true, promptTitle: col.zh, prompt: (col.note ?? "日期，如 2024-07-01 或 2024年7月") } as unknown as ExcelJS.DataValidation;
  }
  if (col.note) return { type: "any", allowBlank: true, showInputMessage: true, promptTitle: col.zh, prompt: col.note } as unknown as ExcelJS.DataValidation;
  return undefined;
}

function headerOf(col: Column): string {
  return col.required ? `${col.zh}*` : col.zh;
}

function styleHeader(ws: ExcelJS.Worksheet, n: number): void {
  for (let c = 1; c <= n; c++) {
    const h = ws.getRow(1).getCell(c);
    h.font = { bold: true };
    h.fill = HEADER_FILL;
    h.alignment = { vertical: "middle" };
    const k = ws.getRow(2).getCell(c);
    k.font = { italic: true, size: 9, color: { argb: "FF808080" } };
    k.fill = KEY_FILL;
  }
}

/** Printed, a sheet is landscape, one page wide, its header rows repeated on every page. */
const PRINT: Partial<ExcelJS.PageSetup> = { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9, printTitlesRow: "1:2" };

function writeTable(wb: ExcelJS.Workbook, sheet: Sheet, ctx: Ctx, listRef: Map<VocabName, string>, blank: number): void {
  const ws = wb.addWorksheet(sheet.name, { views: [{ state: "frozen", xSplit: 0, ySplit: 2 }], pageSetup: PRINT });
  const cols = sheet.columns;
  ws.addRow(cols.map(headerOf));
  ws.addRow(cols.map((c) => c.key));
  const rows = rowsOf(sheet, ctx.inst);
  const widths = cols.map((c) => Math.max(widthOf(headerOf(c)), widthOf(c.key)));
  rows.forEach((row, i) => {
    const r = ws.getRow(i + 3);
    cols.forEach((col, j) => {
      const v = valueOf(sheet, col, row, ctx);
      if (v === null) return;
      const cell = r.getCell(j + 1);
      cell.value = v;
      if (v instanceof Date) cell.numFmt = "yyyy-mm-dd";
      else if (col.kind.t === "share") cell.numFmt = "0.##%";
      widths[j] = Math.max(widths[j], v instanceof Date ? 10 : widthOf(String(v)));
    });
  });
  cols.forEach((col, j) => {
    ws.getColumn(j + 1).width = Math.min(40, Math.max(8, widths[j] + 2));
    if (col.kind.t === "date") ws.getColumn(j + 1).numFmt = "yyyy-mm-dd";
  });
  styleHeader(ws, cols.length);
  const last = Math.max(rows.length + 2 + blank, 3);
  const dv = (ws as unknown as { dataValidations: Validations }).dataValidations;
  cols.forEach((col, j) => {
    const letter = columnLetter(j + 1);
    let v = validationOf(col, listRef);
    if (col.kind.t === "ref" && !col.list) {
      // The names of the referred sheet (new rows there show up too).
      const target = refSheet(ctx.sheets, col.kind.to);
      const nameCol = columnLetter(target.columns.findIndex((c) => c.key === "name") + 1);
      v = {
        type: "list", allowBlank: true, formulae: [`'${target.name}'!$${nameCol}$3:$${nameCol}$${Math.max(500, last)}`],
        showErrorMessage: true, errorStyle: "information", errorTitle: col.zh, error: "不在列表中：请确认是编号",
        ...(col.note ? { showInputMessage: true, prompt: col.note } : {}),
      };
    }
    if (v) dv.add(`${letter}3:${letter}${last}`, v);
  });
}

function refSheet(sheets: readonly Sheet[], to: Collection): Sheet {
  return sheets.find((s) => s.source.t === "list" && s.source.path === to)!;
}

function writeForm(wb: ExcelJS.Workbook, sheet: Sheet, ctx: Ctx, listRef: Map<VocabName, string>): void {
  const ws = wb.addWorksheet(sheet.name, { views: [{ state: "frozen", xSplit: 0, ySplit: 2 }], pageSetup: PRINT });
  ws.addRow(["项目", "字段", "值"]);
  ws.addRow(["label", "key", "value"]);
  const dv = (ws as unknown as { dataValidations: Validations }).dataValidations;
  sheet.columns.forEach((col, i) => {
    const r = ws.getRow(i + 3);
    r.getCell(1).value = headerOf(col);
    r.getCell(2).value = col.key;
    r.getCell(2).font = { italic: true, size: 9, color: { argb: "FF808080" } };
    const v = ctx.inst ? cellOf(col, getAt(ctx.inst, col.key), ctx) : null;
    if (v !== null) r.getCell(3).value = v;
    if (col.kind.t === "date") r.getCell(3).numFmt = "yyyy-mm-dd";
    const val = validationOf(col, listRef);
    if (val) dv.add(`C${i + 3}`, val);
  });
  ws.getColumn(1).width = 26;
  ws.getColumn(2).width = 24;
  ws.getColumn(3).width = 16;
  styleHeader(ws, 3);
}

const README_LINES = [
  "进修安排 · 数据填报工作簿（jinxiu）",
  "",
  "怎么填：",
  "1. 每张表第一行是中文列名（带 * 的必填），第二行是字段名，从第三行起每行一条记录。列的顺序可以调整，空行会被跳过。",
  "2. 指代单位、地区、项目、人员时写它的名称（名称重复时写编号）；编号不填时用名称作编号。",
  "3. 下拉列表里是中文选项；一格填多个值时用、分隔（如 内科、外科）。空着不填表示不限或没有。",
  "4. 日期写成 2024-07-01、2024/7/1 或 2024年7月1日；只写月份（2024.07、2024年7月）表示当月1日。“止”“结束”当天不含。",
  "5. 时长写成 3个月、2周、10天 或 1个月2周。是/否 列不填时按说明取默认值。",
  "6. 不要合并单元格、不要用公式、不要隐藏行，不要改工作表的名称；需要备注时可加一列，列名以“备注”开头。",
  "",
  "填好后：",
  "  jinxiu import 本工作簿.xlsx --out instance.json     （有错时逐格列出，如 人员!F12 出生日期: …）",
  "  jinxiu solve instance.json --out plan.json",
  "  jinxiu report instance.json plan.json --xlsx 进修表.xlsx --html 报告.html",
  "",
  "各表：",
];

/** What 说明 adds in a residency workbook, before the list of sheets. */
const RESIDENCY_LINES = [
  "住培（住院医师规范化培训）：",
  "  项目 表中的住培项目在 培训大纲 表写轮转要求（每行一项，同一大纲各行重复大纲编号）；住院医师在 人员 表填 项目 和 培训大纲，",
  "  已完成的要求填在 已完成的轮转要求，已轮完或已商定的轮转段填在 已完成轮转 表；基地的专职管理人员填在 单位 表，科室在岗要求填在 服务水平 表。",
  "  住培按月安排：日历与目标 的时间单位须为 月。",
  "",
];

function writeReadme(wb: ExcelJS.Workbook, sheets: readonly Sheet[], residency: boolean): void {
  const ws = wb.addWorksheet(README_SHEET, { pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 } });
  ws.getColumn(1).width = 16;
  ws.getColumn(2).width = 100;
  const lines = residency ? [...README_LINES.slice(0, -1), ...RESIDENCY_LINES, README_LINES[README_LINES.length - 1]] : README_LINES;
  for (const line of lines) ws.addRow([line]).getCell(1).alignment = { wrapText: false };
  for (const s of sheets) ws.addRow([s.name, s.about]).getCell(1).font = { bold: true };
  ws.getCell("A1").font = { bold: true, size: 14 };
}
