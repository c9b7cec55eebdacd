/**
 * Cell values of the instance workbook: how each kind of field is written into a cell and
 * read back from what a person typed (SPEC §3 dates and durations, enumerations by their
 * Chinese labels, lists separated by `、`). Pure functions, no I/O: Node and browser alike.
 */
import {
  CATEGORY_LABELS, DEPT_LABELS, EDUCATION_LABELS, GRANULARITY_LABELS, KIND_LABELS, LICENSE_LABELS, type LabelTable,
  PRACTICE_LABELS, REGION_FLAG_LABELS, RELATION_LABELS, ROLE_LABELS, SEX_LABELS, TIER_LABELS, TITLE_LABELS,
} from "../model/labels.js";
import type { Duration } from "../model/types.js";
import {
  CATEGORIES, EDUCATIONS, KINDS, LICENSES, PRACTICES, RELATION_TYPES, SEXES, TIERS, TITLES,
} from "../model/types.js";

/**
 * A vocabulary: codes and the words people use for them. Closed vocabularies (tiers,
 * titles …) accept only their codes; open ones (departments, roles, region flags) take any
 * other text as a code of its own.
 */
export interface Vocab {
  readonly what: string;
  /** The codes, in the order a drop-down shows them. */
  readonly codes: readonly string[];
  readonly closed: boolean;
  /** The label a cell shows for a code (the code itself when it has none or would not read back). */
  show(code: string): string;
  /** The code a typed text means, or undefined for an unknown word of a closed vocabulary. */
  read(text: string): string | undefined;
}

function vocab(what: string, table: LabelTable, codes: readonly string[], closed: boolean): Vocab {
  const byWord = new Map<string, string>();
  const add = (word: string, code: string) => {
    const k = word.trim().toLowerCase();
    if (!byWord.has(k)) byWord.set(k, code);
  };
  for (const c of codes) add(c, c); // a code always means itself
  for (const c of codes) if (Object.hasOwn(table, c)) add(table[c].zh, c);
  for (const c of codes) if (Object.hasOwn(table, c)) add(table[c].en, c);
  const read = (text: string) => byWord.get(text.trim().toLowerCase()) ?? (closed ? undefined : text.trim());
  return {
    what,
    codes,
    closed,
    read,
    show(code) {
      const zh = Object.hasOwn(table, code) ? table[code].zh : undefined;
      // Two codes may share a label (口腔科: stomatology and dental); only the first gets it.
      return zh !== undefined && read(zh) === code ? zh : code;
    },
  };
}

const codesOf = (t: LabelTable) => Object.keys(t);

/** Every vocabulary a workbook column can use. */
export const VOCABS = {
  tier: vocab("层级", TIER_LABELS, TIERS, true),
  kind: vocab("类别", KIND_LABELS, KINDS, true),
  title: vocab("职称", TITLE_LABELS, TITLES, true),
  license: vocab("执业资质", LICENSE_LABELS, LICENSES, true),
  category: vocab("人员类别", CATEGORY_LABELS, CATEGORIES, true),
  practice: vocab("执业类别", PRACTICE_LABELS, PRACTICES, true),
  sex: vocab("性别", SEX_LABELS, SEXES, true),
  education: vocab("学历", EDUCATION_LABELS, EDUCATIONS, true),
  relation: vocab("关系类型", RELATION_LABELS, RELATION_TYPES, true),
  granularity: vocab("时间单位", GRANULARITY_LABELS, ["month", "week"], true),
  bool: vocab("是/否", { true: { zh: "是", en: "yes" }, false: { zh: "否", en: "no" } }, ["true", "false"], true),
  dept: vocab("科室", DEPT_LABELS, codesOf(DEPT_LABELS), false),
  role: vocab("角色", ROLE_LABELS, codesOf(ROLE_LABELS), false),
  flag: vocab("地区标记", REGION_FLAG_LABELS, codesOf(REGION_FLAG_LABELS), false),
} as const satisfies Record<string, Vocab>;
export type VocabName = keyof typeof VOCABS;

/** Separators people use between list items in one cell; the writer uses `、`. */
export const LIST_SEPARATOR = "、";
const SPLIT = /[、,，;；\n]/;

/** Splits a list cell into its trimmed, non-empty items. */
export function splitList(text: string): string[] {
  return text.split(SPLIT).map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Whether `text` could stand as one item of a list cell (no separator, no outer blanks). */
export function listSafe(text: string): boolean {
  return text.length > 0 && text === text.trim() && !SPLIT.test(text);
}

/** Result of reading a cell: a value or what is wrong with it (Chinese, for a planner). */
export type Read<T> = { ok: true; value: T } | { ok: false; error: string };
const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const bad = (error: string): Read<never> => ({ ok: false, error });

/** How a typed text is quoted in a message. */
export const quote = (text: string) => JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}…` : text);

/** Full-width digits and punctuation (typed with a Chinese IME) as ASCII. */
const ascii = (s: string) => s.normalize("NFKC").trim();

// ---- numbers ----------------------------------------------------------------------------

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function readNumber(v: string | number, whole: boolean): Read<number> {
  let n: number;
  if (typeof v === "number") n = v;
  else {
    const s = ascii(v);
    if (!NUMBER.test(s)) return bad(`${quote(v)} 不是数字`);
    n = Number(s);
  }
  if (!Number.isFinite(n)) return bad(`${quote(String(v))} 不是有限的数字`);
  if (whole && !Number.isInteger(n)) return bad(`${typeof v === "string" ? quote(v) : n} 不是整数`);
  return ok(n);
}

/** A share: a fraction (0.3) or a percentage typed as text ("30%"). */
export function readShare(v: string | number): Read<number> {
  if (typeof v === "string") {
    const s = ascii(v);
    if (s.endsWith("%")) {
      const r = readNumber(s.slice(0, -1), false);
      return r.ok ? ok(r.value / 100) : bad(`${quote(v)} 不是比例（写成 0.3 或 30%）`);
    }
  }
  return readNumber(v, false);
}

// ---- dates ------------------------------------------------------------------------------

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** ISO `YYYY-MM-DD` of a calendar day, or undefined when it does not exist (2024-02-30). */
export function isoOf(y: number, m: number, d: number): string | undefined {
  const dt = new Date(0);
  dt.setUTCFullYear(y, m - 1, d);
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return undefined;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** The Date a spreadsheet stores for an ISO day (UTC midnight, as exceljs reads and writes). */
export function dateOf(iso: string): Date {
  const [y, m, d] = iso.split("-").map(Number);
  const dt = new Date(0);
  dt.setUTCFullYear(y, m - 1, d);
  return dt;
}

// 2024-07-01, 2024/7/1, 2024.7.1, 2024年7月1日, 2024年7月, 2024.07, 2024-07 (a month means its 1st).
const DATE_TEXT = /^(\d{4})\s*[-./年]\s*(\d{1,2})\s*(?:月|[-./])?\s*(?:(\d{1,2})\s*[日号]?)?$/;
const DATE_COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

export const DATE_HINT = "写成 2024-07-01、2024/7/1、2024年7月1日，或只写月份 2024.07、2024年7月";

/**
 * A number typed where a date belongs: `2024.07` is July 2024 (a spreadsheet stores what
 * people type as 2024.07 as a number, and shows it as a day of 1905 in a date cell).
 */
function yearMonth(n: number, shown: string): Read<string> {
  const [y, frac] = String(Math.round(n * 1e6) / 1e6).split(".");
  if (frac === undefined) return bad(`${shown} 只有年份：请写到月份，如 ${y}-07 或 ${y}年7月`);
  if (frac === "1") return bad(`${shown} 可能是 ${y}年1月，也可能是 ${y}年10月：请写成 ${y}-01 或 ${y}-10`);
  const m = Number(frac);
  const iso = frac.length <= 2 ? isoOf(Number(y), m, 1) : undefined;
  return iso ? ok(iso) : bad(`${shown} 不是日期（${DATE_HINT}）`);
}

export function readDate(v: string | number | Date): Read<string> {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return bad("不是有效日期");
    // A "date" before 1906 is a number typed into a date cell (2024.07 → 1905-07-16).
    const serial = v.getTime() / 86_400_000 + 25_569;
    if (serial >= 1900 && serial < 2101) return yearMonth(serial, `${Math.round(serial * 1e6) / 1e6}（表格显示为 ${v.toISOString().slice(0, 10)}）`);
    // Spreadsheet days are UTC midnights; a few ms of floating-point error must not move the day.
    const dt = new Date(v.getTime() + 500);
    const iso = isoOf(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
    return iso ? ok(iso) : bad("不是有效日期");
  }
  if (typeof v === "number") return v >= 1900 && v < 2101 ? yearMonth(v, String(v)) : bad(`${v} 不是日期（${DATE_HINT}）`);
  const s = ascii(v);
  const m = DATE_TEXT.exec(s) ?? DATE_COMPACT.exec(s);
  const iso = m && isoOf(Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3]));
  return iso ? ok(iso) : bad(`${quote(v)} 不是日期（${DATE_HINT}）`);
}

// ---- durations --------------------------------------------------------------------------

const DURATION = /^(?:(\d+)\s*(?:个月|月|months?|mo)\s*)?(?:(\d+)\s*(?:周|星期|weeks?|w)\s*)?(?:(\d+)\s*(?:天|日|days?|d)\s*)?$/i;

/** `{ months: 3 }` → `3个月`; `{ months: 1, weeks: 2 }` → `1个月2周`. */
export function showDuration(d: Duration): string {
  return [
    d.months !== undefined ? `${d.months}个月` : "",
    d.weeks !== undefined ? `${d.weeks}周` : "",
    d.days !== undefined ? `${d.days}天` : "",
  ].join("");
}

export function readDuration(v: string | number): Read<Duration> {
  const hint = "写成 3个月、2周、10天 或 1个月2周";
  if (typeof v === "number") return bad(`${v} 没有单位（${hint}）`);
  const s = ascii(v);
  const m = DURATION.exec(s);
  if (!s || !m || (m[1] === undefined && m[2] === undefined && m[3] === undefined)) return bad(`${quote(v)} 不是时长（${hint}）`);
  const d: { months?: number; weeks?: number; days?: number } = {};
  if (m[1] !== undefined) d.months = Number(m[1]);
  if (m[2] !== undefined) d.weeks = Number(m[2]);
  if (m[3] !== undefined) d.days = Number(m[3]);
  return ok(d);
}

// ---- words ------------------------------------------------------------------------------

export function readWord(v: string, voc: Vocab): Read<string> {
  const code = voc.read(v);
  if (code !== undefined) return ok(code);
  const options = voc.codes.map((c) => voc.show(c)).join("、");
  return bad(`${quote(v)} 不是可选的${voc.what}（可选：${options}）`);
}

/** A spreadsheet column's letters: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = "";
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}
