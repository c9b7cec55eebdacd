/**
 * The objective (SPEC §7): every term and its weight, defined once. The
 * verifier evaluates it on a plan; the formulation prices columns with the
 * same terms (`placementValue` for a placement column, `supportSlotCost` for a
 * support column, `shortfallCost` for a soft row's slack).
 */
import type { Placement, Plan, ResidencyRotation, Shortfall, Trainee } from "../model/types.js";
import type { Context, Target } from "./context.js";
import { supportBlocks } from "./ledger.js";
import { isResident, residencies } from "./residents.js";

/** §7 value of placing `t` at a receiving unit and department. */
export function placementValue(ctx: Context, t: Trainee, target: Target): number {
  return ctx.value(t, target);
}

/** §10 value of scheduling resident `t`: base × priority (reading 14: `wants` never counts for residents). */
export function residencyValue(ctx: Context, t: Trainee): number {
  return ctx.weights.base * ctx.priority(t);
}

/** The objective cost of one §10 rotation listed (a hand-over, fixed ones included). */
export const transitionCost = (ctx: Context): number => ctx.weights.transition;

/** The objective cost of one specialist sent down for one slot (下沉). */
export const supportSlotCost = (ctx: Context): number => ctx.weights.supportCost;

/** The objective cost of one unit short on a soft row. */
export const shortfallCost = (ctx: Context): number => ctx.weights.shortfall;

/** The weights a 进修 formulation prices (whole weights and whole values give a whole objective). */
export const placementWeights = (ctx: Context): number[] => {
  const w = ctx.weights;
  const residents = ctx.instance.programmes.some((p) => p.residency);
  return [w.base, w.preferredUnit, w.relation, w.studyRank, w.supportCost, w.shortfall, ...(ctx.instance.baseline ? [w.change] : []), ...(residents ? [w.transition] : [])];
};

/** Specialist-slots of a plan's support rows. */
export function supportSlots(ctx: Context, plan: Pick<Plan, "support">): number {
  let n = 0;
  for (const s of plan.support ?? []) for (const b of supportBlocks(ctx, s)) n += s.count * Math.max(0, b.k1 - b.k0);
  return n;
}

/** The fields of a placement a change compares (SPEC §11.1, §11.2), in the order a difference lists them. */
export const DIFF_FIELDS = ["unit", "dept", "start", "end", "rotations"] as const;
export type DiffField = (typeof DIFF_FIELDS)[number];

/** A placement's §9 rotations as compared: the ordered (dept, start, end), mentors left out. */
const rotationsKey = (p: Placement): string => JSON.stringify((p.rotations ?? []).map((r) => [r.dept, r.start, r.end]));

/** The fields of §11.2 that differ between two placements of one trainee, in `DIFF_FIELDS` order (mentors are never a change). */
export function changedFields(a: Placement, b: Placement): DiffField[] {
  return DIFF_FIELDS.filter((f) => (f === "rotations" ? rotationsKey(a) !== rotationsKey(b) : a[f] !== b[f]));
}

/** A resident's rotations as compared (§11 reading 2): ordered by start, each (requirement, unit, dept, start, end), mentors left out. */
export function rotationsCompared(rotations: readonly ResidencyRotation[]): string {
  return JSON.stringify(rotations.map((r) => [r.start, r.requirement, r.unit, r.dept, r.end]).sort((a, b) => (a.join("\u0000") < b.join("\u0000") ? -1 : a.join("\u0000") > b.join("\u0000") ? 1 : 0)));
}

/**
 * SPEC §11.1: the trainees the baseline places (or schedules) that the plan
 * leaves out or gives another unit, dept, start, end or rotations (a
 * resident: other rotations, mentors left out); a baseline entry of the other
 * kind than the trainee's (reading 2: a 进修 trainee among the residencies, a
 * resident among the placements) is always one. Trainees the baseline does
 * not name are never changes.
 */
export function changedTrainees(ctx: Context, plan: Pick<Plan, "placements"> & Partial<Pick<Plan, "residencies">>): string[] {
  const base = ctx.instance.baseline;
  if (!base) return [];
  const placed = new Map<string, Placement>();
  for (const p of plan.placements) if (!placed.has(p.trainee)) placed.set(p.trainee, p);
  const scheduled = new Map<string, readonly ResidencyRotation[]>();
  for (const r of plan.residencies ?? []) if (!scheduled.has(r.trainee)) scheduled.set(r.trainee, r.rotations);
  const resident = (id: string) => {
    const t = ctx.trainees.get(id);
    return t !== undefined && isResident(ctx, t);
  };
  const out = new Set<string>();
  for (const b of base.placements ?? []) {
    const p = placed.get(b.trainee);
    if (resident(b.trainee) || !p || changedFields(b, p).length > 0) out.add(b.trainee);
  }
  for (const b of base.residencies ?? []) {
    if (!ctx.trainees.has(b.trainee)) continue;
    const got = scheduled.get(b.trainee);
    if (!resident(b.trainee) || !got || rotationsCompared(got) !== rotationsCompared(b.rotations)) out.add(b.trainee);
  }
  return [...out];
}

/** The objective cost of one changed trainee (§11.1). */
export const changeCost = (ctx: Context): number => ctx.weights.change;

/**
 * The change term of a model's objective before any column: every baseline
 * trainee counted changed, less the pinned ones that keep their entry. A
 * placement column that keeps its trainee's baseline entry is worth `change`
 * more (`Family.bonus`), which gives the change back.
 */
export function baselineOffset(ctx: Context): number {
  const base = ctx.instance.baseline;
  if (!base) return 0;
  const pinned = ctx.instance.pinned ?? [];
  const kept = changedTrainees(ctx, { placements: pinned });
  const named = new Set([...(base.placements ?? []).map((p) => p.trainee), ...(base.residencies ?? []).map((r) => r.trainee)].filter((id) => ctx.trainees.has(id)));
  const pinnedIds = new Set(pinned.map((p) => p.trainee));
  // Pinned trainees the baseline names and the pinned placement keeps: not changed.
  const keptPinned = [...named].filter((id) => pinnedIds.has(id) && !kept.includes(id)).length;
  return -changeCost(ctx) * (named.size - keptPinned);
}

/**
 * §7 and §10: Σ value(p) − supportCost·Σ count×slots − shortfall·Σ units short
 * (quota, coverage and service rows) + Σ scheduled residents' base × priority
 * − transition × rotations listed (− change × changed trainees, with a
 * baseline, §11.1). A resident listed among the placements, or a 进修 trainee
 * among the residencies, earns nothing (it is R-ONCE's alone, §10 reading 15).
 */
export function objectiveOf(ctx: Context, plan: Plan, shortfalls: readonly Shortfall[]): number {
  let obj = 0;
  for (const p of plan.placements) {
    const t = ctx.trainees.get(p.trainee);
    if (t && !isResident(ctx, t)) obj += placementValue(ctx, t, p);
  }
  for (const { e, info } of residencies(ctx, plan)) obj += residencyValue(ctx, info.t) - transitionCost(ctx) * e.rotations.length;
  obj -= supportSlotCost(ctx) * supportSlots(ctx, plan);
  obj -= shortfallCost(ctx) * shortfalls.reduce((s, x) => s + (x.needed - x.got), 0);
  if (ctx.instance.baseline) obj -= changeCost(ctx) * changedTrainees(ctx, plan).length;
  return obj;
}
