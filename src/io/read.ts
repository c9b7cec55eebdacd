/**
 * `workbookToInstance`: the instance workbook (as `instanceToWorkbook` writes it, and as
 * people fill it in — columns reordered, blank rows, dates typed as text, Chinese labels)
 * back into an instance, or one InstanceError listing every problem at its cell.
 */
import ExcelJS from "exceljs";
import { InstanceError } from "../model/errors.js";
import { parseInstance } from "../model/parse.js";
import { instanceSchema } from "../model/schema.js";
import type { Instance } from "../model/types.js";
import { type Column, OPTIONS_SHEET, README_SHEET, SHAPE_SHEET, SHEETS, type Sheet } from "./layout.js";
import { getAt, orderKeys, restoreHollow, restoreKeyOrder, setAt, type Step } from "./paths.js";
import { Refs } from "./refs.js";
import { type Raw, type RawCell, type RawRow, Reader, cellProblem } from "./rows.js";
import { columnLetter, quote } from "./values.js";

/** Headers match without blanks, the `*` of required columns, or an English key after the Chinese. */
export function headerKey(s: string): string {
  const t = s.replace(/[*＊\s]/g, "");
  const m = /^(.*[^\x00-\x7F])[A-Za-z@][\w.@]*$/.exec(t); // "出生日期 birthDate" → "出生日期"
  return m ? m[1] : t;
}

/** Whether a header names a column people added for notes (kept out of the instance). */
export const isNoteHeader = (s: string) => /^(备注|说明)/.test(s.trim());

/** The column of `sheet` a header row's text names: by field name (row 2) or Chinese (row 1). */
export function matchColumn(sheet: Sheet, key: string, zh: string): Column | undefined {
  const k = key.trim();
  if (k) {
    const byKey = sheet.columns.find((c) => c.key === k);
    if (byKey) return byKey;
  }
  const z = headerKey(zh);
  if (!z) return undefined;
  return sheet.columns.find((c) => c.key === z || c.zh === z || headerKey(c.zh) === z || (c.aliases ?? []).includes(z));
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object" && !(v instanceof Date)) {
    if ("richText" in v) return v.richText.map((t) => t.text).join("");
    if ("text" in v) return String(v.text);
    if ("result" in v) return String(v.result ?? "");
  }
  return v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
}

/** A cell's value for the reader, or a problem it has (a formula, an error value). */
function rawOf(cell: ExcelJS.Cell): { v?: Raw; problem?: string } {
  const v = cell.value;
  if (v === null || v === undefined) return {};
  if (cell.type === ExcelJS.ValueType.Formula || (typeof v === "object" && !(v instanceof Date) && ("formula" in v || "sharedFormula" in v))) {
    return { problem: cellProblem("formula", `=${cell.formula ?? ""}`) };
  }
  if (typeof v === "object" && !(v instanceof Date) && "error" in v) return { problem: cellProblem("error", String(v.error)) };
  if (typeof v === "string") return v.trim() ? { v } : {};
  if (typeof v === "number" || typeof v === "boolean" || v instanceof Date) return { v };
  const t = cellText(v);
  return t.trim() ? { v: t } : {};
}

/** Cells of merged ranges: the master of each, and every other cell. */
function mergesOf(ws: ExcelJS.Worksheet): { masters: Map<string, string>; covered: Set<string> } {
  const masters = new Map<string, string>();
  const covered = new Set<string>();
  const ranges = ((ws as unknown as { _merges?: Record<string, { range: string }> })._merges ?? {});
  for (const m of Object.values(ranges)) {
    const [a, b] = m.range.split(":");
    masters.set(a, m.range);
    const ca = ws.getCell(a), cb = ws.getCell(b ?? a);
    for (let r = Number(ca.row); r <= Number(cb.row); r++)
      for (let c = Number(ca.col); c <= Number(cb.col); c++) {
        const addr = `${columnLetter(c)}${r}`;
        if (addr !== a) covered.add(addr);
      }
  }
  return { masters, covered };
}

/** The data rows of one table sheet, with the sheet's own problems (headers, merges, hidden rows) reported. */
function tableRows(ws: ExcelJS.Worksheet, sheet: Sheet, reader: Reader): RawRow[] {
  const where = sheet.name;
  const { masters, covered } = mergesOf(ws);
  for (const [a, range] of masters) reader.problem(where, a, undefined, `合并单元格 ${range}：请取消合并，每格各填一次`);
  const width = Math.max(ws.columnCount, ws.getRow(1).cellCount, ws.getRow(2).cellCount);
  const byCol = new Map<number, Column>();
  const seen = new Map<string, number>();
  let keyed = false;
  const notes = new Set<number>();
  for (let c = 1; c <= width; c++) {
    const zh = cellText(ws.getRow(1).getCell(c).value);
    const key = cellText(ws.getRow(2).getCell(c).value);
    if (!zh.trim() && !key.trim()) continue;
    const col = matchColumn(sheet, key, zh);
    const addr = `${columnLetter(c)}1`;
    if (!col) {
      if (isNoteHeader(zh)) notes.add(c);
      else {
        notes.add(c); // its cells are not reported again
        reader.problem(where, addr, undefined, `未知的列 ${quote(zh.trim() || key.trim())}（本表的列：${sheet.columns.map((x) => x.zh).join("、")}；备注列请以“备注”开头）`);
      }
      continue;
    }
    if (key.trim() === col.key) keyed = true;
    if (seen.has(col.key)) {
      notes.add(c);
      reader.problem(where, addr, col.zh, `与 ${columnLetter(seen.get(col.key)!)} 列重复`);
      continue;
    }
    seen.set(col.key, c);
    byCol.set(c, col);
    if (ws.getColumn(c).hidden) reader.problem(where, addr, col.zh, "这一列被隐藏了：请取消隐藏（隐藏的内容也会导入）");
  }
  // A column missing altogether is reported once, at the header; its rows' cells point there too.
  const missing = new Map<string, string>();
  for (const col of sheet.columns)
    if (!seen.has(col.key)) {
      missing.set(col.key, `${columnLetter(width + 1)}1`);
      if (col.required) reader.problem(where, `${columnLetter(width + 1)}1`, col.zh, "缺少这一列（必填）");
    }
  const first = keyed ? 3 : 2;
  const rows: RawRow[] = [];
  const addrOf = new Map([...seen].map(([k, c]) => [k, columnLetter(c)]));
  const stray = new Set<number>();
  for (let r = first; r <= ws.rowCount; r++) {
    const row = ws.findRow(r);
    if (!row) continue;
    const cells = new Map<string, RawCell>();
    let any = false;
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const addr = `${columnLetter(c)}${r}`;
      if (covered.has(addr)) return;
      const col = byCol.get(c);
      const raw = rawOf(cell);
      if (raw.v === undefined && !raw.problem) return;
      any = true;
      if (!col) {
        if (!notes.has(c) && !stray.has(c)) {
          stray.add(c);
          reader.problem(where, addr, undefined, "这一列没有列名：请填上列名或删除这些内容");
        }
        return;
      }
      if (raw.problem) reader.problem(where, addr, col.zh, raw.problem);
      else cells.set(col.key, { addr, v: raw.v! });
    });
    if (!any) continue;
    if (row.hidden) {
      reader.problem(where, `A${r}`, undefined, `第 ${r} 行被隐藏了：请取消隐藏或删除这一行（隐藏的行也会导入）`);
      continue;
    }
    if (cells.size === 0) continue;
    rows.push({ where, r, cells, addrs: new Map([...[...addrOf].map(([k, l]): [string, string] => [k, `${l}${r}`]), ...missing]) });
  }
  return rows;
}

/** The one row of the form sheet (日历与目标): a field per line, its value in column C. */
function formRow(ws: ExcelJS.Worksheet, sheet: Sheet, reader: Reader): RawRow {
  const where = sheet.name;
  const { masters } = mergesOf(ws);
  for (const [a, range] of masters) reader.problem(where, a, undefined, `合并单元格 ${range}：请取消合并，每格各填一次`);
  const cells = new Map<string, RawCell>();
  const addrs = new Map<string, string>();
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.findRow(r);
    if (!row) continue;
    const zh = cellText(row.getCell(1).value);
    const key = cellText(row.getCell(2).value);
    if (r <= 2 && /^(项目|label)$/.test(zh.trim())) continue;
    const col = matchColumn(sheet, key, zh);
    const value = rawOf(row.getCell(3));
    if (!col) {
      if ((zh.trim() || key.trim()) && !isNoteHeader(zh)) reader.problem(where, `A${r}`, undefined, `未知的项目 ${quote(zh.trim() || key.trim())}`);
      continue;
    }
    if (addrs.has(col.key)) {
      reader.problem(where, `A${r}`, col.zh, `与第 ${addrs.get(col.key)!.slice(1)} 行重复`);
      continue;
    }
    addrs.set(col.key, `C${r}`);
    if (row.hidden && value.v !== undefined) reader.problem(where, `A${r}`, undefined, `第 ${r} 行被隐藏了：请取消隐藏`);
    if (value.problem) reader.problem(where, `C${r}`, col.zh, value.problem);
    else if (value.v !== undefined) cells.set(col.key, { addr: `C${r}`, v: value.v });
  }
  for (const col of sheet.columns) if (!addrs.has(col.key)) addrs.set(col.key, `C${ws.rowCount + 1}`);
  return { where, r: 0, cells, addrs };
}

/**
 * Builds the instance from the rows of every sheet. `rows` has an entry for every sheet
 * present (table sheets by name); the form sheet's one row under its name too.
 */
export function assemble(rows: ReadonlyMap<string, readonly RawRow[]>, reader: Reader): Record<string, unknown> {
  const listSheet = (path: string) => SHEETS.find((s) => s.source.t === "list" && s.source.path === path)!;
  const rowsOf = (s: Sheet) => rows.get(s.name) ?? [];

  // Who can be named, before any reference is read.
  const regionRows = Reader.entities(rowsOf(listSheet("regions")));
  const unitRows = Reader.entities(rowsOf(listSheet("units")));
  reader.refs = {
    regions: new Refs("地区", regionRows),
    units: new Refs("单位", unitRows),
    programmes: new Refs("项目", Reader.entities(rowsOf(listSheet("programmes")))),
    trainees: new Refs("人员", Reader.entities(rowsOf(listSheet("trainees")))),
  };
  // Regions of units and parents of regions, for 县区; problems are reported when the cells are read.
  const region = (cell: RawCell | undefined) => {
    const r = cell && reader.refs.regions.resolve(String(cell.v));
    return r?.ok ? r.value : undefined;
  };
  for (const e of regionRows) reader.regionParent.set(e.id, region(e.row.cells.get("parent")));
  for (const e of unitRows) reader.unitRegion.set(e.id, region(e.row.cells.get("region")));

  const inst: Record<string, unknown> = { version: 1 };
  const form = SHEETS.find((s) => s.source.t === "form")!;
  const formRows = rows.get(form.name);
  if (formRows?.[0]) {
    const row = formRows[0];
    for (const col of form.columns) {
      const addr = row.addrs.get(col.key);
      if (addr) reader.record(col.key, { where: row.where, addr, zh: col.zh });
      const cell = row.cells.get(col.key);
      if (!cell) {
        if (col.required) reader.problem(row.where, addr, col.zh, "必填");
        continue;
      }
      const r = reader.convert(col, cell, row.where);
      if (r.ok) setAt(inst, col.key, r.value);
    }
  }

  for (const s of SHEETS) {
    const src = s.source;
    if (src.t !== "list") continue;
    const list = rowsOf(s).map((row, i) =>
      src.path === "trainees" ? traineeRow(s, row, `trainees[${i}]`, reader) : reader.build(s, row, `${src.path}[${i}]`),
    );
    if (list.length || s.required) setAt(inst, src.path, list);
  }

  for (const s of SHEETS) {
    const src = s.source;
    if (src.t !== "child") continue;
    const parents = (getAt(inst, src.parent) ?? []) as Record<string, unknown>[];
    const via = s.columns.find((c) => c.key === src.via)!;
    for (const row of rowsOf(s)) {
      const cell = row.cells.get(src.via);
      if (!cell) {
        reader.problem(row.where, row.addrs.get(src.via), via.zh, "必填");
        continue;
      }
      const ref = reader.convert(via, cell, row.where);
      if (!ref.ok) continue;
      const idKey = src.parent === "pinned" ? "trainee" : "id";
      const k = parents.findIndex((p) => p[idKey] === ref.value);
      if (k < 0) {
        reader.problem(row.where, cell.addr, via.zh, `${quote(String(cell.v))} 不在 ${SHEETS.find((x) => x.source.t === "list" && x.source.path === src.parent)!.name} 表中`);
        continue;
      }
      const parent = parents[k];
      const items = (getAt(parent, src.list) as unknown[] | undefined) ?? [];
      if (items.length === 0) setAt(parent, src.list, items);
      const path = `${src.parent}[${k}].${src.list}[${items.length}]`;
      items.push(reader.build(s, row, path));
    }
  }
  for (const s of SHEETS) if (s.source.t === "grouped") assembleGrouped(s, rowsOf(s), inst, reader);
  return inst;
}

type Obj = Record<string, unknown>;

/**
 * The rows of a grouped sheet (培训大纲, 原计划（住培）) into their groups: rows of one group
 * (one curriculum of a programme, one resident) need not be adjacent; groups are in the
 * order of their first row, elements in row order. A group's field given on several rows
 * must be the same on each.
 */
function assembleGrouped(s: Sheet, rows: readonly RawRow[], inst: Obj, reader: Reader): void {
  const src = s.source;
  if (src.t !== "grouped") return;
  const idCol = s.columns.find((c) => c.group === src.idKey)!;
  const groupCols = s.columns.filter((c) => c.group !== undefined && c !== idCol);
  const rowCols = s.columns.filter((c) => c.group === undefined && !c.key.startsWith("@"));
  const given = new Map<string, { addr: string; shown: string; json: string }>();
  for (const row of rows) {
    let base: Obj = inst;
    let basePath = "";
    let firstAddr: string | undefined;
    if (src.parent) {
      const via = s.columns.find((c) => c.key === src.parent!.via)!;
      const cell = row.cells.get(via.key);
      if (!cell) {
        reader.problem(row.where, row.addrs.get(via.key), via.zh, "必填");
        continue;
      }
      const ref = reader.convert(via, cell, row.where);
      if (!ref.ok) continue;
      const parents = (getAt(inst, src.parent.path) ?? []) as Obj[];
      const k = parents.findIndex((p) => p.id === ref.value);
      if (k < 0) {
        const listName = SHEETS.find((x) => x.source.t === "list" && x.source.path === src.parent!.path)!.name;
        reader.problem(row.where, cell.addr, via.zh, `${quote(String(cell.v))} 不在 ${listName} 表中`);
        continue;
      }
      base = parents[k];
      basePath = `${src.parent.path}[${k}].`;
      firstAddr = cell.addr;
    }
    const idCell = row.cells.get(idCol.key);
    if (!idCell) {
      reader.problem(row.where, row.addrs.get(idCol.key), idCol.zh, "必填");
      continue;
    }
    const gid = reader.convert(idCol, idCell, row.where);
    if (!gid.ok) continue;
    // Where the groups' list itself came from (`programmes[0].residency`): the first row naming it.
    const steps = src.groups.split(".");
    steps.forEach((_, i) => reader.record(`${basePath}${steps.slice(0, i + 1).join(".")}`, { where: row.where, addr: firstAddr ?? idCell.addr }));
    let groups = getAt(base, src.groups) as Obj[] | undefined;
    if (!groups) {
      groups = [];
      setAt(base, src.groups, groups);
    }
    let g = groups.findIndex((x) => x[src.idKey] === gid.value);
    if (g < 0) {
      g = groups.length;
      groups.push({ [src.idKey]: gid.value, [src.list]: [] });
      reader.record(`${basePath}${src.groups}[${g}].${src.idKey}`, { where: row.where, addr: idCell.addr, zh: idCol.zh });
      reader.recordRow(`${basePath}${src.groups}[${g}]`, s, row);
    }
    const group = groups[g];
    const gPath = `${basePath}${src.groups}[${g}]`;
    for (const c of groupCols) {
      const cell = row.cells.get(c.key);
      if (!cell) continue;
      const r = reader.convert(c, cell, row.where);
      if (!r.ok) continue;
      const key = `${gPath}.${c.group}`;
      const json = JSON.stringify(r.value);
      const prev = given.get(key);
      if (!prev) {
        given.set(key, { addr: cell.addr, shown: String(cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : cell.v), json });
        setAt(group, c.group!, r.value);
        reader.record(key, { where: row.where, addr: cell.addr, zh: c.zh });
      } else if (prev.json !== json)
        reader.problem(row.where, cell.addr, c.zh, `与 ${prev.addr} 的 ${quote(prev.shown)} 不同：同一${idCol.zh}各行的${c.zh}须相同（或只填一行）`);
    }
    if (src.alone && !rowCols.some((c) => row.cells.has(c.key))) continue;
    const items = group[src.list] as unknown[];
    items.push(reader.build(s, row, `${gPath}.${src.list}[${items.length}]`, (c) => c.group !== undefined));
  }
}

/** A 人员 row: the unit may be a name shared across counties, told apart by 县区. */
export function traineeRow(s: Sheet, row: RawRow, path: string, reader: Reader): Record<string, unknown> {
  const obj = reader.build(s, row, path, (c) => c.key === "unit");
  const unitCol = s.columns.find((c) => c.key === "unit")!;
  const regionCol = s.columns.find((c) => c.key === "@region")!;
  const regionCell = row.cells.get("@region");
  let region: string | undefined;
  if (regionCell) {
    const r = reader.convert(regionCol, regionCell, row.where);
    if (r.ok) region = r.value as string;
  }
  const unitCell = row.cells.get("unit");
  if (!unitCell) {
    reader.problem(row.where, row.addrs.get("unit"), unitCol.zh, "必填");
    return obj;
  }
  const among = region === undefined ? undefined : (u: string) => reader.within(reader.unitRegion.get(u), region!);
  // A name of one unit elsewhere is still that unit: the 县区 is then what is wrong.
  const elsewhere = among && !reader.refs.units.resolve(String(unitCell.v), among).ok && reader.refs.units.resolve(String(unitCell.v)).ok;
  const unit = reader.convert(unitCol, unitCell, row.where, elsewhere ? undefined : among);
  if (!unit.ok) return obj;
  obj.unit = unit.value;
  if (region !== undefined && !reader.within(reader.unitRegion.get(unit.value as string), region))
    reader.problem(row.where, regionCell!.addr, regionCol.zh, `${quote(String(regionCell!.v))} 与基层机构 ${quote(String(unitCell.v))} 所在地区不符`);
  return obj;
}

/**
 * Reads an instance workbook (.xlsx bytes) into a valid instance.
 *
 * Throws one {@link InstanceError} listing every problem as `sheet!cell column: message`
 * (e.g. `人员!F12 出生日期: "1986-13-45" 不是日期 …`): cells that cannot be read, unknown
 * names and labels, merged cells, formulas, hidden rows, renamed sheets — and the
 * instance's own issues (SPEC §3–4) mapped back to their cells.
 *
 * @example
 * ```ts
 * const { instance } = await workbookToInstance(readFileSync("进修数据.xlsx"));
 * ```
 */
export async function workbookToInstance(bytes: Uint8Array | ArrayBuffer): Promise<{ instance: Instance }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load((bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)) as unknown as ArrayBuffer);
  } catch (e) {
    throw new InstanceError([{ path: "(workbook)", message: `不是可读的 .xlsx 工作簿（${(e as Error).message}）` }], "workbook");
  }
  const reader = new Reader();
  const rows = new Map<string, RawRow[]>();
  const known = new Set([README_SHEET, OPTIONS_SHEET, SHAPE_SHEET, ...SHEETS.map((s) => s.name)]);
  const present = new Map(wb.worksheets.map((ws) => [ws.name.trim(), ws]));
  for (const ws of wb.worksheets) {
    if (known.has(ws.name.trim())) continue;
    if (ws.rowCount === 0) continue;
    reader.problem(ws.name, "A1", undefined, `未知的工作表 ${quote(ws.name)}：是否改了表名？（应为：${SHEETS.map((s) => s.name).join("、")}）`);
  }
  for (const s of SHEETS) {
    const ws = present.get(s.name);
    if (!ws) {
      if (s.required) reader.problem(s.name, undefined, undefined, `缺少工作表“${s.name}”（表名不能改）`);
      continue;
    }
    rows.set(s.name, s.source.t === "form" ? [formRow(ws, s, reader)] : tableRows(ws, s, reader));
  }
  const inst = assemble(rows, reader);
  const shape = present.get(SHAPE_SHEET);
  const orders: { path: Step[]; keys: string[] }[] = [];
  if (shape) {
    for (let r = 1; r <= shape.rowCount; r++) {
      const row = shape.findRow(r);
      if (!row) continue;
      try {
        const path = JSON.parse(cellText(row.getCell(1).value)) as Step[];
        const value = cellText(row.getCell(2).value);
        if (Array.isArray(path) && (value === "[]" || value === "{}")) restoreHollow(inst, path, value);
        else if (Array.isArray(path) && value === "keys") {
          const keys = JSON.parse(cellText(row.getCell(3).value)) as unknown;
          if (Array.isArray(keys) && keys.every((k) => typeof k === "string")) orders.push({ path, keys });
        }
      } catch {
        // Not ours: the shape sheet only ever refines [] against absent, and key orders.
      }
    }
  }
  const instance = orderKeys(inst, instanceSchema) as Instance;
  for (const o of orders) restoreKeyOrder(instance as unknown as Record<string, unknown>, o.path, o.keys);
  reader.check(instance);
  return { instance: parseInstance(instance) };
}
