/**
 * How the reports word the things of an instance for a planner: names instead of ids,
 * labels instead of codes, filters and quotas in words instead of JSON. Shared by the
 * forms, the text summary and the HTML report, so the three say the same thing.
 *
 * Every lookup by a user-given string goes through a `Map` (the context's maps) or
 * `Object.hasOwn` (the label tables): a department, unit or region named `constructor`
 * or `__proto__` is shown as itself. Nothing here escapes HTML; callers do.
 */
import {
  CATEGORY_LABELS, DEPT_LABELS, KIND_LABELS, type Lang, REASON_LABELS, REGION_FLAG_LABELS, ROLE_LABELS,
  SHORTFALL_LABELS, TIER_LABELS, TITLE_LABELS, WHERE_KEY_LABELS, label,
} from "../model/labels.js";
import type { Coverage, Instance, Placement, Plan, Programme, Quota, Reason, Shortfall, Trainee, Where } from "../model/types.js";
import { WHERE_KEYS } from "../model/types.js";
import type { Context } from "../rules/context.js";
import type { YearlyRow } from "./yearly.js";

export type { Lang } from "../model/labels.js";

/** Names of the things an instance holds, by id (Maps: no inherited keys). */
export interface Names {
  readonly lang: Lang;
  unit(id: string): string;
  region(id: string): string;
  trainee(id: string): string;
  programme(id: string): string;
  dept(code: string): string;
  /** `张医生（副高级）`, or the id when the mentor has no name; "" for none. */
  mentor(id: string | undefined): string;
}

/**
 * Names for one instance in one language. `deptNames` (a planner's own department names)
 * win over the label table.
 */
export function namesOf(ctx: Context, lang: Lang = "zh", deptNames?: ReadonlyMap<string, string>): Names {
  const regions = new Map((ctx.instance.regions ?? []).map((r) => [r.id, r.name ?? r.id]));
  const dept = (code: string) => deptNames?.get(code) ?? label(DEPT_LABELS, code, lang);
  return {
    lang,
    unit: (id) => ctx.units.get(id)?.name ?? id,
    region: (id) => regions.get(id) ?? id,
    trainee: (id) => ctx.trainees.get(id)?.name ?? id,
    programme: (id) => ctx.programmes.get(id)?.name ?? id,
    dept,
    mentor: (id) => {
      if (id === undefined || id === "") return "";
      const m = ctx.mentors.get(id);
      if (!m) return id;
      const name = (m as { name?: unknown }).name;
      const who = typeof name === "string" && name !== "" ? name : id;
      const title = label(TITLE_LABELS, m.title ?? "none", lang);
      return lang === "zh" ? `${who}（${title}）` : `${who} (${title})`;
    },
  };
}

/** Lists joined the way each language joins them. */
export const join = (xs: readonly string[], lang: Lang): string => xs.join(lang === "zh" ? "、" : ", ");

/** One value of a `where` key, in words. */
function whereValue(names: Names, key: (typeof WHERE_KEYS)[number], v: string): string {
  const lang = names.lang;
  switch (key) {
    case "homeUnit": case "receivingUnit": return names.unit(v);
    case "homeRegion": return names.region(v);
    case "homeRegionFlag": return label(REGION_FLAG_LABELS, v, lang);
    case "homeTier": case "receivingTier": return label(TIER_LABELS, v, lang);
    case "receivingKind": return label(KIND_LABELS, v, lang);
    case "homeDept": case "studyDept": return names.dept(v);
    case "role": return label(ROLE_LABELS, v, lang);
    case "category": return label(CATEGORY_LABELS, v, lang);
  }
}

/**
 * A `where` filter in words: `东海县`, `派出地区：东海县、灌云县；原科室：全科`, or
 * `全部学员` for `{}`. A filter on home regions or units alone is just their names.
 */
export function whereWords(names: Names, w: Where | undefined): string {
  const lang = names.lang;
  const keys = WHERE_KEYS.filter((k) => w !== undefined && Object.hasOwn(w, k) && Array.isArray(w[k]));
  if (!w || keys.length === 0) return lang === "zh" ? "全部学员" : "all trainees";
  const values = (k: (typeof WHERE_KEYS)[number]) => join((w[k] as readonly string[]).map((v) => whereValue(names, k, String(v))), lang);
  if (keys.length === 1 && (keys[0] === "homeRegion" || keys[0] === "homeUnit")) return values(keys[0]);
  return keys.map((k) => `${label(WHERE_KEY_LABELS, k, lang)}${lang === "zh" ? "：" : ": "}${values(k)}`).join(lang === "zh" ? "；" : "; ");
}

const pct = (x: number) => `${+(x * 100).toFixed(2)}%`;

/** A quota's bounds in words: `至少 10，至多 10` / `at least 10, at most 10` / `占比至多 30%`. */
export function quotaBoundsWords(q: Quota, lang: Lang): string {
  const parts: string[] = [];
  if (lang === "zh") {
    if (q.min !== undefined) parts.push(q.hard === false ? `软性最低 ${q.min}` : `至少 ${q.min}`);
    if (q.max !== undefined) parts.push(`至多 ${q.max}`);
    if (q.maxShare !== undefined) parts.push(`占比至多 ${pct(q.maxShare)}`);
    return parts.join("，") || "不限";
  }
  if (q.min !== undefined) parts.push(q.hard === false ? `soft minimum ${q.min}` : `at least ${q.min}`);
  if (q.max !== undefined) parts.push(`at most ${q.max}`);
  if (q.maxShare !== undefined) parts.push(`share at most ${pct(q.maxShare)}`);
  return parts.join(", ") || "no bound";
}

/** A quota row in words: `东海县 的名额（至少 10，至多 10）` / `quota for 东海县 (at least 10, at most 10)`. */
export function quotaWords(names: Names, q: Quota): string {
  const w = whereWords(names, q.where);
  return names.lang === "zh" ? `${w} 的名额（${quotaBoundsWords(q, "zh")}）` : `quota for ${w} (${quotaBoundsWords(q, "en")})`;
}

/** A coverage row in words: `每个有合格报名者的乡镇（社区）单位至少 1 人`. */
export function coverageWords(names: Names, row: Coverage): string {
  const tier = label(TIER_LABELS, row.tier, names.lang);
  return names.lang === "zh"
    ? `每个有合格报名者的${tier}单位至少 ${row.min} 人${row.hard === false ? "（软性）" : ""}`
    : `every ${tier} unit with an eligible trainee sends at least ${row.min}${row.hard === false ? " (soft)" : ""}`;
}

/** A shortfall row in words, naming the programme and the row: `…：东海县 的名额（至少 10）— 需要 10，实际 8，缺口 2`. */
export function shortfallWords(names: Names, inst: Instance, s: Shortfall): string {
  const prog: Programme | undefined = inst.programmes.find((p) => p.id === s.programme);
  const rowText = s.rule === "quota" && prog?.quotas?.[s.index]
    ? quotaWords(names, prog.quotas[s.index])
    : s.rule === "coverage" && prog?.coverage?.[s.index]
      ? coverageWords(names, prog.coverage[s.index])
      : `${label(SHORTFALL_LABELS, s.rule, names.lang)} ${s.index + 1}`;
  const progName = names.programme(s.programme);
  const gap = s.needed - s.got;
  return names.lang === "zh"
    ? `${progName}：${rowText} — 需要 ${s.needed}，实际 ${s.got}，缺口 ${gap}`
    : `${progName}: ${rowText} — needed ${s.needed}, got ${s.got}, short by ${gap}`;
}

/** A reason, violation or conflict: its code's label, then the message (`接收容量：…`). */
export function reasonWords(r: Pick<Reason, "code" | "message">, lang: Lang): string {
  const what = label(REASON_LABELS, r.code, lang);
  const msg = typeof r.message === "string" ? r.message : "";
  if (msg === "") return what;
  return lang === "zh" ? `${what}：${msg}` : `${what}: ${msg}`;
}

/** A licence, title, … in words, or "" when absent. */
export const maybeLabel = (table: Parameters<typeof label>[0], code: string | undefined, lang: Lang): string =>
  code === undefined ? "" : label(table, code, lang);

/**
 * The placements of a plan grouped by receiving hospital (in `instance.units` order, unknown
 * units last), then by start, study department and trainee name: the 接收名单 of each hospital.
 */
export function receivingList(
  ctx: Context, plan: Plan, names: Names, keep: (p: Placement) => boolean = () => true,
): { p: Placement; t: Trainee }[] {
  const unitIndex = new Map(ctx.instance.units.map((u, i) => [u.id, i]));
  const out: { p: Placement; t: Trainee }[] = [];
  for (const p of plan.placements) {
    const t = ctx.trainees.get(p.trainee);
    if (t && keep(p)) out.push({ p, t });
  }
  const rank = (u: string) => unitIndex.get(u) ?? Number.MAX_SAFE_INTEGER;
  return out.sort((a, b) =>
    rank(a.p.unit) - rank(b.p.unit) || naturalCompare(a.p.unit, b.p.unit) ||
    (a.p.start < b.p.start ? -1 : a.p.start > b.p.start ? 1 : 0) ||
    naturalCompare(names.dept(a.p.dept), names.dept(b.p.dept)) ||
    naturalCompare(a.t.name ?? a.t.id, b.t.name ?? b.t.id) || naturalCompare(a.t.id, b.t.id));
}

/** Code-unit comparison that orders digit runs by value (`t-2` < `t-10`); locale-independent. */
export function naturalCompare(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    let x = pa[i], y = pb[i];
    if (/^\d/.test(x) && /^\d/.test(y)) {
      x = x.replace(/^0+/, "");
      y = y.replace(/^0+/, "");
      if (x.length !== y.length) return x.length - y.length;
    }
    if (x !== y) return x < y ? -1 : 1;
  }
  return pa.length - pb.length || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * The label of a per-year row, Chinese and English (plain text, not escaped); the 分年度
 * sheet of the workbook and the text summary use the same labels.
 */
export function yearlyRowLabel(ctx: Context, row: YearlyRow): { zh: string; en: string } {
  const monthly = ctx.slots.granularity === "month";
  const su = monthly ? { zh: "月", en: "month" } : { zh: "周", en: "week" };
  switch (row.metric) {
    case "started": return { zh: "新开始进修（人次）", en: "placements started" };
    case "trainees": return { zh: "在修人数", en: "trainees in training" };
    case "traineeSlots": return { zh: `进修人·${su.zh}`, en: `trainee-${su.en}s` };
    case "flag": return { zh: `其中${label(REGION_FLAG_LABELS, row.flag!)}（新开始）`, en: `started from ${label(REGION_FLAG_LABELS, row.flag!, "en")}` };
    case "quota": {
      const prog = ctx.programmes.get(row.programme!);
      const where = prog?.quotas?.[row.quota!]?.where;
      return {
        zh: `累计完成：${whereWords(namesOf(ctx, "zh"), where)}（名额第 ${row.quota! + 1} 行，软性最低）`,
        en: `cumulative: ${whereWords(namesOf(ctx, "en"), where)} (quota row ${row.quota! + 1}, soft minimum)`,
      };
    }
    case "support": return { zh: `下沉支援（人·${su.zh}）`, en: `specialist-${su.en}s sent down` };
  }
}

/** Display width of a cell: CJK and full-width characters count 2. */
export function displayWidth(v: string | number): number {
  let w = 0;
  for (const ch of String(v)) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u2014]/.test(ch) || ch.codePointAt(0)! > 0xffff ? 2 : 1;
  return w;
}
