/**
 * R-QUOTA: hard `min`, every `max` and every `maxShare` of each programme's
 * quota rows; soft `min` rows become shortfalls. In a model: a `max` row, a
 * `min` row (soft where the quota is) and a share row `count − share × all ≤
 * pinned terms` per quota.
 */
import type { Plan, Programme, Quota, Shortfall, Trainee, Violation, Where } from "../model/types.js";
import type { Context, Target } from "./context.js";
import { key } from "./keys.js";
import type { FixedUse, Judgement, Rule, RowSpec } from "./rule.js";
import { resolved } from "./types.js";
import { type Words, namesOf, whereWords, wordsOf } from "./words.js";

/** `where` keys on the receiving side of a placement (the rest describe the trainee). */
const TARGET_KEYS = ["studyDept", "receivingUnit", "receivingTier", "receivingKind"] as const;

/** Whether a filter reads the receiving side of a placement (else it is a property of the trainee). */
export function onReceivingSide(w: Where | undefined): boolean {
  return !!w && TARGET_KEYS.some((k) => w[k] !== undefined);
}

/** Whether a placement of `t` at `target` counts toward quota row `i` of its programme. */
export const quotaHit = (ctx: Context, q: Quota, t: Trainee, target?: Target): boolean => ctx.matches(q.where, t, target);

/** Placements of a programme matching each quota row, and all placements of the programme. */
export function quotaCounts(ctx: Context, plan: Pick<Plan, "placements">): Map<string, { total: number; rows: number[] }> {
  const out = new Map<string, { total: number; rows: number[] }>();
  for (const prog of ctx.instance.programmes) out.set(prog.id, { total: 0, rows: (prog.quotas ?? []).map(() => 0) });
  for (const { t, p, prog } of resolved(ctx, plan)) {
    const c = out.get(prog.id)!;
    c.total++;
    (prog.quotas ?? []).forEach((q, i) => {
      if (quotaHit(ctx, q, t, p)) c.rows[i]++;
    });
  }
  return out;
}

/**
 * A quota row in words: in Chinese the filter as the reports say it (`东海县 的名额`, one
 * wording everywhere), in English the engineer's `quota 0 of "lyg-2024" (donghai)`.
 */
export function quotaWords(ctx: Context, w: Words, prog: Programme, i: number): string {
  const q = prog.quotas![i];
  if (w.lang !== "en") return `${whereWords(namesOf(ctx, "zh"), q.where)} 的名额`;
  const where = q.where ?? {};
  const parts = (Object.keys(where) as (keyof Where)[]).filter((k) => Array.isArray(where[k])).map((k) => (where[k] as readonly string[]).join("/"));
  return `quota ${i} of "${prog.id}"${parts.length ? ` (${parts.join("; ")})` : ""}`;
}

function rowSpec(ctx: Context, fixed: FixedUse, prog: Programme, i: number, which: "max" | "min" | "share"): RowSpec {
  const q = prog.quotas![i];
  const have = fixed.quota(prog.id, i);
  const ids = [prog.id, `quotas[${i}]`];
  const say = (zh: (what: string) => string, en: (what: string) => string) => (lang: "zh" | "en") => {
    const w = wordsOf(ctx, lang);
    return w.say(zh(quotaWords(ctx, w, prog, i)), en(quotaWords(ctx, w, prog, i)));
  };
  if (which === "max") return { lb: -Infinity, ub: q.max! - have, meta: { kind: "quota", code: "R-QUOTA", ids, describe: say((x) => `${x}（至多 ${q.max} 人）`, (x) => `${x}: at most ${q.max}`) } };
  if (which === "min")
    return { lb: q.min! - have, ub: Infinity, meta: { kind: "quota", code: "R-QUOTA", ids, soft: q.hard === false, describe: say((x) => `${x}（至少 ${q.min} 人）`, (x) => `${x}: at least ${q.min}`) } };
  return {
    lb: -Infinity,
    ub: q.maxShare! * fixed.total(prog.id) - have,
    meta: { kind: "share", code: "R-QUOTA", ids, describe: say((x) => `${x}（至多占项目人数的 ${+(q.maxShare! * 100).toFixed(6)}%）`, (x) => `${x}: at most a share ${q.maxShare} of the programme's placements`) },
  };
}

/** Quota indices of a programme whose filter reads only the trainee (`group`) or also the receiving side (`pair`). */
const sidesCache = new WeakMap<Programme, { group: number[]; pair: number[] }>();
function sides(prog: Programme): { group: number[]; pair: number[] } {
  let s = sidesCache.get(prog);
  if (!s) {
    const quotas = prog.quotas ?? [];
    const idx = quotas.map((_, i) => i);
    sidesCache.set(prog, (s = { group: idx.filter((i) => !onReceivingSide(quotas[i].where)), pair: idx.filter((i) => onReceivingSide(quotas[i].where)) }));
  }
  return s;
}

/** A quota row's count against its limits: the rule's verdicts (a soft `min` is a shortfall, never a violation). */
export interface QuotaStatus {
  readonly count: number;
  /** Placements of the programme (the share's denominator). */
  readonly total: number;
  readonly minOk: boolean;
  readonly maxOk: boolean;
  readonly shareOk: boolean;
  /** `min` is soft: short is a shortfall. */
  readonly soft: boolean;
}

/** Every quota row's status, per programme id. */
export function quotaStatus(ctx: Context, plan: Pick<Plan, "placements">): Map<string, QuotaStatus[]> {
  const counts = quotaCounts(ctx, plan);
  const out = new Map<string, QuotaStatus[]>();
  for (const prog of ctx.instance.programmes) {
    const c = counts.get(prog.id)!;
    out.set(prog.id, (prog.quotas ?? []).map((q, i) => {
      const n = c.rows[i];
      return {
        count: n, total: c.total, soft: q.hard === false,
        minOk: q.min === undefined || n >= q.min,
        maxOk: q.max === undefined || n <= q.max,
        shareOk: q.maxShare === undefined || n <= q.maxShare * c.total + 1e-9,
      };
    }));
  }
  return out;
}

const shortfallsOf = ({ ctx, plan }: Judgement): Shortfall[] => {
  const status = quotaStatus(ctx, plan);
  const out: Shortfall[] = [];
  for (const prog of ctx.instance.programmes)
    (prog.quotas ?? []).forEach((q, i) => {
      const s = status.get(prog.id)![i];
      if (s.soft && !s.minOk) out.push({ programme: prog.id, rule: "quota", index: i, needed: q.min!, got: s.count });
    });
  return out;
};

export const quotaRule: Rule = {
  code: "R-QUOTA",
  repairable: true,
  check({ ctx, plan, w }) {
    const out: Violation[] = [];
    const status = quotaStatus(ctx, plan);
    for (const prog of ctx.instance.programmes)
      (prog.quotas ?? []).forEach((q, i) => {
        const { count: n, total, minOk, maxOk, shareOk, soft } = status.get(prog.id)![i];
        const fail = (zh: string, en: string) =>
          out.push({ code: "R-QUOTA", ids: [prog.id, `quotas[${i}]`], message: w.say(`${quotaWords(ctx, w, prog, i)}：${zh}`, `programme "${prog.id}" quota ${i}: ${en}`) });
        if (!minOk && !soft) fail(`安排 ${n} 人，少于至少 ${q.min} 人`, `${n} placements, minimum ${q.min}`);
        if (!maxOk) fail(`安排 ${n} 人，超过至多 ${q.max} 人`, `${n} placements, maximum ${q.max}`);
        if (!shareOk) fail(`安排 ${n} 人（共 ${total} 人），超过占比上限 ${+(q.maxShare! * 100).toFixed(6)}%`, `${n} of ${total} placements, more than share ${q.maxShare}`);
      });
    return out;
  },
  shortfalls: shortfallsOf,
  rows: {
    bounds(h, prog) {
      (prog.quotas ?? []).forEach((q, i) => {
        const have = h.fixed.quota(prog.id, i);
        if (q.min !== undefined && q.min - have > 0) h.row(key("qmin", prog.id, i), () => rowSpec(h.ctx, h.fixed, prog, i, "min"));
        if (q.max !== undefined && q.max - have < 0) h.row(key("qmax", prog.id, i), () => rowSpec(h.ctx, h.fixed, prog, i, "max"));
        if (q.maxShare !== undefined) h.row(key("qshare", prog.id, i), () => rowSpec(h.ctx, h.fixed, prog, i, "share"));
      });
    },
    groupEntries(h, gi, add) {
      const g = h.groups[gi];
      for (const i of sides(g.prog).group) entries(h, g.prog, i, g.trainees[0], undefined, add);
    },
    pairEntries(h, gi, target, add) {
      const g = h.groups[gi];
      for (const i of sides(g.prog).pair) entries(h, g.prog, i, g.trainees[0], target, add);
    },
  },
  reads: (ctx, t) => bits(ctx, t, undefined, sides(ctx.programmeOf(t)).group),
  readsAt: (ctx, t, target) => bits(ctx, t, target, sides(ctx.programmeOf(t)).pair),
};

function bits(ctx: Context, t: Trainee, target: Target | undefined, idx: readonly number[]): string {
  const quotas = ctx.programmeOf(t).quotas ?? [];
  let s = "";
  for (const i of idx) s += quotaHit(ctx, quotas[i], t, target) ? "1" : "0";
  return s;
}

function entries(h: Parameters<NonNullable<NonNullable<Rule["rows"]>["bounds"]>>[0], prog: Programme, i: number, t: Trainee, target: Target | undefined, add: (r: number, v: number) => void): void {
  const q = prog.quotas![i];
  const hit = quotaHit(h.ctx, q, t, target);
  if (q.max !== undefined && hit) add(h.row(key("qmax", prog.id, i), () => rowSpec(h.ctx, h.fixed, prog, i, "max")), 1);
  if (q.min !== undefined && hit && h.hasRow(key("qmin", prog.id, i))) add(h.row(key("qmin", prog.id, i), unreachable), 1);
  if (q.maxShare !== undefined) add(h.row(key("qshare", prog.id, i), () => rowSpec(h.ctx, h.fixed, prog, i, "share")), hit ? 1 - q.maxShare : -q.maxShare);
}

function unreachable(): never {
  throw new Error("quota: row requested before it was made");
}
