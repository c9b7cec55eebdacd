/**
 * From rows of cells (a workbook sheet or a CSV file) to instance objects, with every
 * problem reported at its cell (`人员!F12 出生日期: …`), and the instance's own issues
 * (`units[3].receive[0].capacity`) mapped back to the cells they came from.
 */
import { InstanceError, type Issue } from "../model/errors.js";
import { checkInstance } from "../model/parse.js";
import type { Instance } from "../model/types.js";
import type { Collection, Column, Sheet } from "./layout.js";
import { setAt } from "./paths.js";
import { Refs, inRegion } from "./refs.js";
import {
  type Read, VOCABS, quote, readDate, readDuration, readNumber, readShare, readWord, splitList,
} from "./values.js";

/** A cell's value as a spreadsheet or CSV gives it (blank cells are absent). */
export type Raw = string | number | boolean | Date;

export interface RawCell {
  readonly addr: string;
  readonly v: Raw;
}

/** One data row: where it is, and its cells by column key. */
export interface RawRow {
  /** Sheet (or file) name, as messages show it. */
  readonly where: string;
  /** Row number (1-based). */
  readonly r: number;
  readonly cells: ReadonlyMap<string, RawCell>;
  /** Address of each mapped column's cell in this row, blank or not. */
  readonly addrs: ReadonlyMap<string, string>;
}

interface Loc {
  readonly where: string;
  readonly addr: string;
  readonly zh?: string;
}

interface RowLoc {
  readonly path: string;
  readonly where: string;
  readonly r: number;
  readonly firstAddr: string;
  readonly columns: readonly { key: string; zh: string; addr: string }[];
}

const text = (v: Raw): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

/** Collects problems and where every JSON path came from. */
export class Reader {
  readonly problems: Issue[] = [];
  private readonly flagged = new Set<string>();
  private readonly cells = new Map<string, Loc>();
  private readonly rows: RowLoc[] = [];
  refs!: Record<Collection, Refs>;
  /** Region of each unit id, and parent of each region id (for 县区). */
  unitRegion = new Map<string, string | undefined>();
  regionParent = new Map<string, string | undefined>();

  problem(where: string, addr: string | undefined, zh: string | undefined, message: string): void {
    const at = addr ? `${where}!${addr}` : where;
    const path = zh ? `${at} ${zh}` : at;
    if (this.flagged.has(at) && this.problems.some((p) => p.path === path)) return; // one problem per cell and column
    this.flagged.add(at);
    this.problems.push({ path, message });
  }

  /** Records that `path` came from `loc` (for mapping the instance's issues back). */
  record(path: string, loc: Loc): void {
    if (!this.cells.has(path)) this.cells.set(path, loc);
  }

  recordRow(path: string, sheet: Sheet, row: RawRow): void {
    const columns = sheet.columns
      .filter((c) => row.addrs.has(c.key))
      .map((c) => ({ key: c.key, zh: c.zh, addr: row.addrs.get(c.key)! }));
    const firstAddr = columns[0]?.addr ?? `A${row.r}`;
    this.rows.push({ path, where: row.where, r: row.r, firstAddr, columns });
  }

  /** The id and name of each row of an entity sheet (id defaults to the name). */
  static entities(rows: readonly RawRow[]): { id: string; name?: string; row: RawRow }[] {
    const out: { id: string; name?: string; row: RawRow }[] = [];
    for (const row of rows) {
      const id = row.cells.get("id");
      const name = row.cells.get("name");
      const idText = id ? text(id.v).trim() : name ? text(name.v).trim() : "";
      if (idText) out.push({ id: idText, name: name ? text(name.v) : undefined, row });
    }
    return out;
  }

  /** Whether `region` is `inRegion` or one of its ancestors. */
  within(region: string | undefined, of: string): boolean {
    return inRegion(this.regionParent, region, of);
  }

  /** Reads one cell as its column says; the problem (if any) is reported. */
  convert(col: Column, cell: RawCell, where: string, among?: (id: string) => boolean): Read<unknown> {
    const fail = (error: string): Read<never> => {
      this.problem(where, cell.addr, col.zh, error);
      return { ok: false, error };
    };
    if (col.list) {
      if (typeof cell.v === "boolean" || cell.v instanceof Date) return fail(`应填${col.zh}（多个用、分隔），不是${cell.v instanceof Date ? "日期" : "是/否"}`);
      const items = splitList(String(cell.v));
      const out: unknown[] = [];
      for (const item of items) {
        const r = this.scalar(col, item, among);
        if (!r.ok) return fail(r.error);
        out.push(r.value);
      }
      return { ok: true, value: out };
    }
    const r = this.scalar(col, cell.v, among);
    return r.ok ? r : fail(r.error);
  }

  private scalar(col: Column, v: Raw, among?: (id: string) => boolean): Read<unknown> {
    const k = col.kind;
    if (typeof v === "boolean" && !(k.t === "word" && k.vocab === "bool")) return { ok: false, error: `${v ? "TRUE" : "FALSE"} 不是${col.zh}` };
    if (v instanceof Date && k.t !== "date") return { ok: false, error: `${text(v)} 是日期，不是${col.zh}` };
    switch (k.t) {
      case "text":
        return { ok: true, value: String(v) };
      case "id":
        return { ok: true, value: String(v).trim() };
      case "int":
      case "num":
        return readNumber(v as string | number, k.t === "int");
      case "share":
        return readShare(v as string | number);
      case "date":
        return readDate(v as string | number | Date);
      case "duration":
        return readDuration(v as string | number);
      case "word": {
        if (k.vocab === "bool") {
          if (typeof v === "boolean") return { ok: true, value: v };
          const r = readWord(String(v), VOCABS.bool);
          return r.ok ? { ok: true, value: r.value === "true" } : r;
        }
        return readWord(String(v), VOCABS[k.vocab]);
      }
      case "ref":
        return this.refs[k.to].resolve(String(v), among);
    }
  }

  /**
   * Builds the object of one row from its columns (`@` columns are left to the caller),
   * recording each field's cell under `path`.
   */
  build(sheet: Sheet, row: RawRow, path: string, skip: (col: Column) => boolean = () => false): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    this.recordRow(path, sheet, row);
    for (const col of sheet.columns) {
      const addr = row.addrs.get(col.key);
      if (addr) this.record(`${path}.${col.key}`, { where: row.where, addr, zh: col.zh });
      if (col.key.startsWith("@") || skip(col)) continue;
      const cell = row.cells.get(col.key);
      if (!cell) {
        if (col.required && addr) this.problem(row.where, addr, col.zh, "必填");
        else if (col.empty) setAt(obj, col.key, col.empty());
        continue;
      }
      const r = this.convert(col, cell, row.where);
      if (r.ok) setAt(obj, col.key, r.value);
    }
    const idCol = sheet.columns.find((c) => c.key === "id");
    if (idCol && !idCol.required && !row.cells.has("id")) {
      // An entity without 编号 is known by its name.
      const name = row.cells.get("name");
      const nameCol = sheet.columns.find((c) => c.key === "name");
      if (name && nameCol) {
        obj.id = text(name.v).trim();
        this.cells.set(`${path}.id`, { where: row.where, addr: name.addr, zh: nameCol.zh });
      } else this.problem(row.where, row.addrs.get("id") ?? `A${row.r}`, idCol.zh, "需要编号或名称");
    }
    return obj;
  }

  /** Where an instance path came from (`人员!F12` and its column 出生日期), or undefined. */
  locate(path: string): { at: string; zh?: string } | undefined {
    const loc = (l: Loc) => ({ at: `${l.where}!${l.addr}`, zh: l.zh });
    for (let p = path; ; ) {
      const hit = this.cells.get(p);
      if (hit) return loc(hit);
      const m = /^(.*)\[\d+\]$/.exec(p);
      if (!m) break;
      p = m[1];
    }
    let best: RowLoc | undefined;
    for (const row of this.rows)
      if ((path === row.path || path.startsWith(`${row.path}.`) || path.startsWith(`${row.path}[`)) && (!best || row.path.length > best.path.length)) best = row;
    if (!best) {
      // A missing object (calendar): the cell of its first field.
      for (const [p, l] of this.cells) if (p.startsWith(`${path}.`)) return loc(l);
      return undefined;
    }
    const rest = path.slice(best.path.length).replace(/^\./, "");
    const col = rest
      ? best.columns.find((c) => rest === c.key || rest.startsWith(`${c.key}.`) || rest.startsWith(`${c.key}[`) || c.key.startsWith(`${rest}.`))
      : undefined;
    return col ? { at: `${best.where}!${col.addr}`, zh: col.zh } : { at: `${best.where}!${best.firstAddr}` };
  }

  /**
   * Throws one InstanceError with every problem found in the cells and every issue of the
   * instance (mapped to cells by `locate`; an issue at a cell that already has a problem is
   * the same problem and is left out). Returns when there is none.
   */
  check(instance: Instance, locate: (path: string) => { at: string; zh?: string } | undefined = (p) => this.locate(p)): void {
    const issues = [...this.problems];
    for (const i of checkInstance(instance)) {
      const l = locate(i.path);
      if (l && this.flagged.has(l.at)) continue;
      const message = i.message === "is required" ? "必填" : cellsInMessage(i.path, i.message, locate);
      issues.push({ path: l ? (l.zh ? `${l.at} ${l.zh}` : l.at) : i.path, message });
    }
    if (issues.length) throw new InstanceError(issues, "workbook");
  }
}

/**
 * A message with the instance paths it names shown as cells: whole paths (`also
 * trainees[2]`), and paths relative to the issue's own (`overlaps fixed[0]` at
 * `trainees[1].fixed[1]` is `trainees[1].fixed[0]`).
 */
function cellsInMessage(path: string, message: string, locate: (path: string) => { at: string } | undefined): string {
  const absolute = message.replace(PATH_IN_MESSAGE, (p) => locate(p)?.at ?? p);
  return absolute.replace(RELATIVE_IN_MESSAGE, (m, name: string, k: string, offset: number, whole: string) => {
    if (whole[offset - 1] === "." || whole[offset - 1] === "]") return m;
    const at = path.lastIndexOf(`.${name}[`);
    if (at < 0) return m;
    return locate(`${path.slice(0, at)}.${name}[${k}]`)?.at ?? m;
  });
}

const RELATIVE_IN_MESSAGE = /\b([a-z][A-Za-z]*)\[(\d+)\]/g;

const PATH_IN_MESSAGE = /\b(?:regions|units|relations|teams|programmes|trainees|pinned|baseline\.placements|baseline\.residencies)\[\d+\](?:\.[A-Za-z]+|\[\d+\])*/g;

/** A problem message for a cell that holds something no field can take. */
export function cellProblem(kind: "formula" | "error", shown: string): string {
  return kind === "formula"
    ? `单元格含公式 ${quote(shown)}：请改成数值（复制后“选择性粘贴 → 数值”）`
    : `单元格是错误值 ${shown}`;
}
