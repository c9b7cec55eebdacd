/**
 * The words a planner reads: units, regions, trainees and mentors by name,
 * departments, tiers and titles by their Chinese labels (English with
 * `lang: "en"`, the engineer's words: quoted ids and the spec's codes), slots by date. Every rule module writes its messages with
 * these, so no message shows a bare id or JSON.
 */
import { DEPT_LABELS, TIER_LABELS, TITLE_LABELS, KIND_LABELS, RELATION_LABELS, LICENSE_LABELS, CATEGORY_LABELS, label, type Lang } from "../model/labels.js";
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
