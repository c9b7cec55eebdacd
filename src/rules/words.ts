/**
 * The words a planner reads: units, regions, trainees and mentors by name,
 * departments, tiers and titles by their Chinese labels (English with
 * `lang: "en"`, the engineer's words: quoted ids and the spec's codes), slots by date. Every rule module writes its messages with
 * these, so no message shows a bare id or JSON.
 */
import {
  CATEGORY_LABELS, DEPT_LABELS, KIND_LABELS, LICENSE_LABELS, REGION_FLAG_LABELS, RELATION_LABELS, ROLE_LABELS, TIER_LABELS, TITLE_LABELS,
  WHERE_KEY_LABELS, label, type Lang,
} from "../model/labels.js";
import { type Coverage, type Quota, WHERE_KEYS, type Where } from "../model/types.js";
import type { Context } from "./context.js";

export type { Lang };

export interface Words {
  readonly lang: Lang;
  /** `zh` or `en`, whichever the words are in. */
  say(zh: string, en: string): string;
  unit(id: string): string;
  trainee(id: string): string;
  mentor(id: string): string;
  region(id: string): string;
  programme(id: string): string;
  team(id: string): string;
  dept(code: string): string;
  depts(codes: readonly string[]): string;
  tier(code: string): string;
  kind(code: string): string;
  title(code: string | undefined): string;
  relation(code: string): string;
  license(code: string): string;
  category(code: string): string;
  /** The slot's label (e.g. 2024-07). */
  slot(k: number): string;
  /** A list in words: 、 in Chinese, ", " in English. */
  list(items: readonly string[]): string;
}

const cache = new WeakMap<Context, Map<Lang, Words>>();

/** The words of an instance in a language (default Chinese). */
export function wordsOf(ctx: Context, lang: Lang = "zh"): Words {
  let byLang = cache.get(ctx);
  if (!byLang) cache.set(ctx, (byLang = new Map()));
  let w = byLang.get(lang);
  if (!w) byLang.set(lang, (w = makeWords(ctx, lang)));
  return w;
}

function makeWords(ctx: Context, lang: Lang): Words {
  // Chinese is the planner's language: names and labels. English is the engineer's: quoted ids and the spec's codes.
  const en = lang === "en";
  const named = (name: string | undefined, id: string) => (en ? `"${id}"` : name ?? id);
  const code = (table: Parameters<typeof label>[0]) => (c: string) => (en ? c : label(table, c, lang));
  const regions = new Map(ctx.instance.regions?.map((r) => [r.id, r]) ?? []);
  const list = (items: readonly string[]) => items.join(en ? ", " : "、");
  return {
    lang,
    say: (zh, e) => (en ? e : zh),
    unit: (id) => named(ctx.units.get(id)?.name, id),
    trainee: (id) => named(ctx.trainees.get(id)?.name, id),
    mentor: (id) => named((ctx.mentors.get(id) as { name?: string } | undefined)?.name, id),
    region: (id) => named(regions.get(id)?.name, id),
    programme: (id) => named(ctx.programmes.get(id)?.name, id),
    team: (id) => (en ? `"${id}"` : id),
    dept: code(DEPT_LABELS),
    depts: (codes) => list(codes.map(code(DEPT_LABELS))),
    tier: code(TIER_LABELS),
    kind: code(KIND_LABELS),
    title: (c) => code(TITLE_LABELS)(c ?? "none"),
    relation: code(RELATION_LABELS),
    license: code(LICENSE_LABELS),
    category: code(CATEGORY_LABELS),
    slot: (k) => ctx.slots.label(k),
    list,
  };
}

// ---------------------------------------------------------------------------------------
// The words reports and rule messages share: names by id, filters and quotas in words
// (one wording: a quota reads the same in a violation, a binding row and a report).

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

