/**
 * SPEC §11.4 bottlenecks: which scarce resource, one unit larger, buys the
 * most? Each candidate — a receiving department's capacity, a mentor, a
 * support pool, a quota `max`, a budget `cap` that the plan uses to its limit —
 * is written as an RFC 6902 JSON Patch on the instance, the patched instance is
 * solved again, and the gain stated is the objective difference of the two
 * plans (exact when both solves are optimal), not a dual estimate.
 */
import fastJsonPatch, { type Operation } from "fast-json-patch";
import { expectObject } from "../model/args.js";
import { UsageError } from "../model/errors.js";
import { parseInstance } from "../model/parse.js";
import type { Instance, Plan } from "../model/types.js";
import { spentOf } from "../rules/budget.js";
import { contextOf } from "../rules/context.js";
import { ledgerOf } from "../rules/ledger.js";
import { quotaStatus, quotaWords } from "../rules/quota.js";
import { poolOf } from "../rules/support.js";
import { type Lang, wordsOf } from "../rules/words.js";
import { type SolveOptions, solve } from "../solve/index.js";

export type ResourceKind = "capacity" | "mentor" | "support" | "quota" | "budget";

export interface Bottleneck {
  readonly resource: { readonly kind: ResourceKind; readonly label: string };
  /** The change, as a JSON Patch on the instance. */
  readonly patch: readonly Operation[];
  /** Objective of the patched instance's plan − the given plan's objective. */
  readonly gain: number;
  /** Placements gained. */
  readonly placedGain: number;
}

export interface BottleneckOptions {
  /** Entries returned, best first (default 20, the spec's most). */
  readonly limit?: number;
  /** Options of each re-solve (default: a 60 s time limit each). */
  readonly solve?: Omit<SolveOptions, "baseline" | "onProgress">;
  readonly lang?: Lang;
}

/** The resources the plan uses to their limit, each with the patch that gives one more unit. */
export function bottleneckCandidates(instance: Instance, plan: Plan, lang: Lang = "zh"): { kind: ResourceKind; label: string; patch: Operation[] }[] {
  const ctx = contextOf(instance);
  const w = wordsOf(ctx, lang);
  const ledger = ledgerOf(ctx, plan);
  const b = ctx.slots.boundaries;
  const out: { kind: ResourceKind; label: string; patch: Operation[] }[] = [];
  instance.units.forEach((u, ui) => {
    (u.receive ?? []).forEach((r, ri) => {
      const k0 = r.from === undefined ? 0 : ctx.slots.firstFrom(r.from);
      const k1 = r.to === undefined ? ctx.slots.count : ctx.slots.firstFrom(r.to);
      let full = false;
      for (let k = k0; k < k1 && !full; k++) full = ledger.at({ kind: "seat", unit: u.id, dept: r.dept }, k) >= ctx.capacity(u.id, r.dept, k);
      if (full)
        out.push({
          kind: "capacity",
          label: w.say(`${w.unit(u.id)}${w.dept(r.dept)}接收容量 +1（${b[k0]}—${b[k1]}）`, `capacity of "${u.id}" ${r.dept} +1 (${b[k0]}–${b[k1]})`),
          patch: [{ op: "replace", path: `/units/${ui}/receive/${ri}/capacity`, value: r.capacity + 1 }],
        });
    });
    (u.mentors ?? []).forEach((m, mi) => {
      const cap = m.capacity ?? 1;
      let full = false;
      for (let k = 0; k < ctx.slots.count && !full; k++) full = ledger.at({ kind: "mentor", mentor: m.id }, k) >= cap;
      if (full)
        out.push({
          kind: "mentor",
          label: w.say(`带教老师${w.mentor(m.id)}带教名额 +1`, `mentor "${m.id}" capacity +1`),
          patch: [{ op: m.capacity === undefined ? "add" : "replace", path: `/units/${ui}/mentors/${mi}/capacity`, value: cap + 1 }],
        });
    });
    (u.support ?? []).forEach((s, si) => {
      const per = poolOf(ctx, u.id, s.dept) ?? 0;
      let full = false;
      for (let k = 0; k < ctx.slots.count && !full; k++) full = ledger.at({ kind: "pool", unit: u.id, dept: s.dept }, k) >= per;
      if (full)
        out.push({
          kind: "support",
          label: w.say(`${w.unit(u.id)}${w.dept(s.dept)}下沉支援能力 +1`, `support pool of "${u.id}" ${s.dept} +1`),
          patch: [{ op: "replace", path: `/units/${ui}/support/${si}/perSlot`, value: s.perSlot + 1 }],
        });
    });
  });
  const status = quotaStatus(ctx, plan);
  const spent = spentOf(ctx, plan);
  instance.programmes.forEach((p, pi) => {
    (p.quotas ?? []).forEach((q, qi) => {
      if (q.max !== undefined && status.get(p.id)![qi].count >= q.max)
        out.push({ kind: "quota", label: w.say(`${quotaWords(ctx, w, p, qi)}上限 +1`, `${quotaWords(ctx, w, p, qi)}: max +1`), patch: [{ op: "replace", path: `/programmes/${pi}/quotas/${qi}/max`, value: q.max + 1 }] });
    });
    if (p.budget) {
      // One more unit of budget: the dearest placement's cost, where another placement would not fit.
      const step = Math.max(0, ...(p.budget.costs ?? []).map((c) => c.amount));
      if (step > 0 && (spent.get(p.id) ?? 0) + step > p.budget.cap + 1e-9)
        out.push({ kind: "budget", label: w.say(`${w.programme(p.id)}经费上限 +${step} 元`, `budget cap of "${p.id}" +${step}`), patch: [{ op: "replace", path: `/programmes/${pi}/budget/cap`, value: p.budget.cap + step }] });
    }
  });
  return out;
}

/**
 * The scarce resources ranked by what one more unit of each buys (SPEC §11.4):
 * each candidate's patch applied to the instance (RFC 6902, fast-json-patch),
 * the patched instance solved, the gain stated exactly. At most `limit` (20)
 * entries, by gain, then label.
 *
 * @example
 * for (const b of await bottlenecks(instance, plan)) console.log(b.resource.label, b.gain, b.placedGain);
 */
export async function bottlenecks(instance: Instance, plan: Plan, options: BottleneckOptions = {}): Promise<Bottleneck[]> {
  expectObject("bottlenecks", "instance", instance, "an instance object (parse it with parseInstance)");
  expectObject("bottlenecks", "plan", plan, "a plan object (parse it with parsePlan)");
  const limit = options.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 0) throw new UsageError(`bottlenecks: options.limit must be a whole number ≥ 0, got ${String(limit)}`);
  const out: Bottleneck[] = [];
  for (const c of bottleneckCandidates(instance, plan, options.lang)) {
    const patched = fastJsonPatch.applyPatch(JSON.parse(JSON.stringify(instance)), c.patch as Operation[], true, false).newDocument;
    const next = await solve(parseInstance(patched), { timeLimitMs: 60_000, ...(options.solve ?? {}) });
    if (next.status === "infeasible") continue;
    out.push({ resource: { kind: c.kind, label: c.label }, patch: c.patch, gain: next.objective - plan.objective, placedGain: next.placements.length - plan.placements.length });
  }
  out.sort((x, y) => y.gain - x.gain || (x.resource.label < y.resource.label ? -1 : x.resource.label > y.resource.label ? 1 : 0));
  return out.slice(0, limit);
}
