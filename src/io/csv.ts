/**
 * `traineesFromCsv`: the one sheet counties send — the 登记表 as CSV — appended to an
 * instance's trainees. Excel in China saves CSV as GBK by default; newer versions and WPS
 * save UTF-8 with a byte-order mark; "Unicode text" is UTF-16. The bytes are decoded with
 * the WHATWG Encoding Standard decoders (`TextDecoder`: built into every browser, and into
 * Node with its default full ICU), parsed with papaparse, and read with the same columns
 * and cell rules as the workbook's 人员 sheet.
 */
import Papa from "papaparse";
import { InstanceError } from "../model/errors.js";
import { parseInstance } from "../model/parse.js";
import { instanceSchema } from "../model/schema.js";
import type { Instance } from "../model/types.js";
import { type Sheet, SHEETS } from "./layout.js";
import { orderKeys } from "./paths.js";
import { isNoteHeader, matchColumn, traineeRow } from "./read.js";
import { Refs } from "./refs.js";
import { type RawCell, type RawRow, Reader } from "./rows.js";
import { columnLetter } from "./values.js";

export interface CsvOptions {
  /** The file's name, as messages show it (`登记表.csv!C5 性别: …`); default `CSV`. */
  readonly name?: string;
  /** Programme of rows whose 项目 is blank; default the instance's only programme. */
  readonly programme?: string;
}

export interface CsvResult {
  /** The instance with the new trainees after its own. */
  readonly instance: Instance;
  /** How many trainees were added. */
  readonly added: number;
  /** Headers of columns that were not read (序号, 年龄, 联系电话 …). */
  readonly ignored: readonly string[];
  /** The text encoding the bytes were read in. */
  readonly encoding: "utf-8" | "gb18030" | "utf-16le" | "utf-16be";
}

/** Decodes a CSV file's bytes: a byte-order mark decides; else UTF-8 if valid, else GBK (GB 18030). */
export function decodeText(bytes: Uint8Array): { text: string; encoding: CsvResult["encoding"] } {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8" };
  if (a === 0xff && b === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  if (a === 0xfe && b === 0xff) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    // Not UTF-8: the Chinese Windows default. GB 18030 is a superset of GBK and GB 2312.
    return { text: new TextDecoder("gb18030").decode(bytes), encoding: "gb18030" };
  }
}

/**
 * Appends the trainees of a county's 登记表 CSV to `instance`. The first non-empty line is
 * the header (人员 sheet names: 县区, 姓名 or 进修人员, 基层机构名称, 性别, 职称, 学历,
 * 执业资质, 出生日期, 科室, 项目 …); units, regions and programmes are named as in the
 * instance (name or id). Throws one {@link InstanceError} listing every problem at its
 * cell, as `登记表.csv!C5 性别: …`.
 *
 * @example
 * ```ts
 * const { instance, added } = traineesFromCsv(readFileSync("登记表.csv"), base, { name: "登记表.csv" });
 * ```
 */
export function traineesFromCsv(bytes: Uint8Array | ArrayBuffer, instance: Instance, options: CsvOptions = {}): CsvResult {
  const where = options.name ?? "CSV";
  const { text, encoding } = decodeText(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  const lines = parsed.data;
  const reader = new Reader();
  for (const e of parsed.errors) if (e.row !== undefined) reader.problem(where, `A${e.row + 1}`, undefined, `CSV 格式错误：${e.message}`);
  const sheet = SHEETS.find((s) => s.source.t === "list" && s.source.path === "trainees") as Sheet;

  const blank = (line: string[]) => line.every((c) => !c.trim());
  const h = lines.findIndex((l) => !blank(l));
  if (h < 0) throw new InstanceError([{ path: where, message: "文件是空的" }], "file");
  const cols = new Map<number, string>();
  const ignored: string[] = [];
  const seen = new Set<string>();
  lines[h].forEach((head, c) => {
    const col = matchColumn(sheet, "", head);
    if (!col || seen.has(col.key)) {
      if (head.trim() && !isNoteHeader(head)) ignored.push(head.trim());
      return;
    }
    seen.add(col.key);
    cols.set(c, col.key);
  });
  for (const col of sheet.columns)
    if (col.required && col.key !== "programme" && !seen.has(col.key))
      reader.problem(where, `${columnLetter(lines[h].length + 1)}${h + 1}`, col.zh, "缺少这一列（必填）");
  const addrCols = new Map([...cols].map(([c, k]) => [k, columnLetter(c + 1)]));
  const programmeDefault = options.programme ?? (instance.programmes.length === 1 ? instance.programmes[0].id : undefined);
  if (!seen.has("programme") && programmeDefault === undefined)
    reader.problem(where, `${columnLetter(lines[h].length + 1)}${h + 1}`, "项目", `缺少这一列：实例有 ${instance.programmes.length} 个项目，请加上“项目”列（或在命令行指定 --programme）`);

  const rows: RawRow[] = [];
  for (let i = h + 1; i < lines.length; i++) {
    const line = lines[i];
    if (blank(line)) continue;
    const r = i + 1;
    const cells = new Map<string, RawCell>();
    for (const [c, key] of cols) {
      const v = (line[c] ?? "").trim();
      if (v) cells.set(key, { addr: `${columnLetter(c + 1)}${r}`, v });
    }
    if (!cells.has("programme") && programmeDefault !== undefined) cells.set("programme", { addr: `${addrCols.get("programme") ?? columnLetter(line.length + 1)}${r}`, v: programmeDefault });
    rows.push({ where, r, cells, addrs: new Map([...addrCols].map(([k, l]) => [k, `${l}${r}`])) });
  }

  const newOnes = Reader.entities(rows);
  reader.refs = {
    regions: new Refs("地区", instance.regions ?? []),
    units: new Refs("单位", instance.units),
    programmes: new Refs("项目", instance.programmes),
    trainees: new Refs("人员", [...instance.trainees, ...newOnes]),
  };
  for (const r of instance.regions ?? []) reader.regionParent.set(r.id, r.parent);
  for (const u of instance.units) reader.unitRegion.set(u.id, u.region);
  const base = instance.trainees.length;
  const added = rows.map((row, i) => traineeRow(sheet, row, `trainees[${base + i}]`, reader));
  const next = orderKeys({ ...instance, trainees: [...instance.trainees, ...added] }, instanceSchema) as Instance;
  if (rows.length === 0) reader.problem(where, undefined, undefined, `除表头（第 ${h + 1} 行）外没有数据`);
  // Issues of the instance it is added to are not this file's; only the new rows' are reported at cells.
  reader.check(next, (path) => {
    const m = /^trainees\[(\d+)\]/.exec(path);
    return m && Number(m[1]) >= base ? reader.locate(path) : undefined;
  });
  return { instance: parseInstance(next), added: added.length, ignored, encoding };
}
