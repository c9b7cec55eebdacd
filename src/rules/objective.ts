/**
 * The objective (SPEC §7): every term and its weight, defined once. The
 * verifier evaluates it on a plan; the formulation prices columns with the
 * same terms (`placementValue` for a placement column, `supportSlotCost` for a
 * support column, `shortfallCost` for a soft row's slack).
 */
import type { Plan, Shortfall, Trainee } from "../model/types.js";
import type { Context, Target } from "./context.js";
import { supportBlocks } from "./ledger.js";

/** §7 value of placing `t` at a receiving unit and department. */
export function placementValue(ctx: Context, t: Trainee, target: Target): number {
  return ctx.value(t, target);
}

/** The objective cost of one specialist sent down for one slot (下沉). */
export const supportSlotCost = (ctx: Context): number => ctx.weights.supportCost;

/** The objective cost of one unit short on a soft row. */
export const shortfallCost = (ctx: Context): number => ctx.weights.shortfall;

/** The weights a 进修 formulation prices (whole weights and whole values give a whole objective). */
export const placementWeights = (ctx: Context): number[] => {
  const w = ctx.weights;
  return [w.base, w.preferredUnit, w.relation, w.studyRank, w.supportCost, w.shortfall];
};

/** Specialist-slots of a plan's support rows. */
export function supportSlots(ctx: Context, plan: Pick<Plan, "support">): number {
  let n = 0;
  for (const s of plan.support ?? []) for (const b of supportBlocks(ctx, s)) n += s.count * Math.max(0, b.k1 - b.k0);
  return n;
}

/** §7: Σ value(p) − supportCost·Σ count×slots − shortfall·Σ units short. */
export function objectiveOf(ctx: Context, plan: Plan, shortfalls: readonly Shortfall[]): number {
  let obj = 0;
  for (const p of plan.placements) {
    const t = ctx.trainees.get(p.trainee);
    if (t) obj += placementValue(ctx, t, p);
  }
  obj -= supportSlotCost(ctx) * supportSlots(ctx, plan);
  obj -= shortfallCost(ctx) * shortfalls.reduce((s, x) => s + (x.needed - x.got), 0);
  return obj;
}
