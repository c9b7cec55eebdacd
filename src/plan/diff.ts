/**
 * SPEC §11.2: the difference between two plans of one instance — who arrives,
 * leaves or moves, whose mentor changes, which support rows are added or
 * removed — so a commission can tell each hospital what changed (变更通知).
 */
import { expectObject } from "../model/args.js";
import type { Instance, Placement, Plan, Reason, ResidencyEntry, SupportRow } from "../model/types.js";
import { type DiffField, changedFields, rotationsCompared } from "../rules/objective.js";
import { verifyPlan } from "../verify.js";

export { DIFF_FIELDS, changedFields, type DiffField } from "../rules/objective.js";

/** A plan's entry for one trainee: a 进修 placement or a §10 residency. */
export type PlanEntry = Placement | ResidencyEntry;

/** Whether an entry is a §10 residency (it has rotations with requirements and no unit). */
export const isResidencyEntry = (e: PlanEntry): e is ResidencyEntry => !("unit" in e);

export type TraineeChange =
  | { readonly trainee: string; readonly change: "moved"; readonly fields: readonly DiffField[]; readonly before: PlanEntry; readonly after: PlanEntry }
  | { readonly trainee: string; readonly change: "mentor"; readonly before: PlanEntry; readonly after: PlanEntry }
  | { readonly trainee: string; readonly change: "added"; readonly after: PlanEntry }
  | { readonly trainee: string; readonly change: "removed"; readonly before: PlanEntry; readonly reasons: readonly Reason[] };

export interface PlanDiff {
  /** Each plan's objective (§7, and §11.1's change term with a baseline), recomputed under the instance (not copied from the plans). */
  readonly objective: { readonly before: number; readonly after: number };
  /** Every trainee whose entry differs, ascending by id (JavaScript string order). */
  readonly trainees: readonly TraineeChange[];
  /** Support rows as multisets: in `after` more often than in `before` (added), or the reverse (removed). */
  readonly support: { readonly added: readonly SupportRow[]; readonly removed: readonly SupportRow[] };
}

/** Its mentors, the placement's and the rotations' (a residency's rotations in any listed order, reading 8). */
const mentorsKey = (p: PlanEntry): string => isResidencyEntry(p)
  ? JSON.stringify(p.rotations.map((r) => JSON.stringify([r.start, r.requirement, r.unit, r.dept, r.end, r.mentor ?? null])).sort())
  : JSON.stringify([p.mentor ?? null, ...(p.rotations ?? []).map((r) => r.mentor ?? null)]);

/** The §11.2 fields that differ; a residency compares `rotations` only, and an entry of the other kind differs in `rotations`. */
function fieldsOf(a: PlanEntry, b: PlanEntry): DiffField[] {
  const ra = isResidencyEntry(a), rb = isResidencyEntry(b);
  if (!ra && !rb) return changedFields(a, b);
  if (ra && rb) return rotationsCompared(a.rotations) === rotationsCompared(b.rotations) ? [] : ["rotations"];
  return ["rotations"];
}

const supportKey = (s: SupportRow): string => JSON.stringify([s.from, s.to, s.dept, s.start, s.end, s.count]);
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `a` minus `b`, as multisets of support rows, in the order from, to, dept, start, end, count. */
function supportMinus(a: readonly SupportRow[], b: readonly SupportRow[]): SupportRow[] {
  const left = new Map<string, number>();
  for (const s of b) left.set(supportKey(s), (left.get(supportKey(s)) ?? 0) + 1);
  const out: SupportRow[] = [];
  for (const s of a) {
    const k = supportKey(s);
    const n = left.get(k) ?? 0;
    if (n > 0) left.set(k, n - 1);
    else out.push(s);
  }
  return out.sort((x, y) => byString(x.from, y.from) || byString(x.to, y.to) || byString(x.dept, y.dept) || byString(x.start, y.start) || byString(x.end, y.end) || x.count - y.count);
}

/** A plan's entries by trainee (placements, then residencies; the first entry where a trainee appears twice). */
function byTrainee(plan: Plan): Map<string, PlanEntry> {
  const out = new Map<string, PlanEntry>();
  for (const p of plan.placements) if (!out.has(p.trainee)) out.set(p.trainee, p);
  for (const r of plan.residencies ?? []) if (!out.has(r.trainee)) out.set(r.trainee, r);
  return out;
}

/**
 * What changed from `before` to `after` (SPEC §11.2): every trainee placed in
 * either plan whose entry differs — `moved` (unit, dept, start, end or §9
 * rotations), `mentor` (only mentors), `added`, `removed` (with the reasons
 * `after` gives) — and the support rows added and removed.
 *
 * @example
 * const d = diff(instance, published, replanned);
 * for (const t of d.trainees) console.log(t.trainee, t.change);
 * console.log(d.objective.before, "→", d.objective.after);
 */
export function diff(instance: Instance, before: Plan, after: Plan): PlanDiff {
  expectObject("diff", "instance", instance, "an instance object (parse it with parseInstance)");
  expectObject("diff", "before", before, "a plan object (parse it with parsePlan)");
  expectObject("diff", "after", after, "a plan object (parse it with parsePlan)");
  const a = byTrainee(before), b = byTrainee(after);
  const reasons = new Map((after.unplaced ?? []).map((u) => [u.trainee, u.reasons]));
  const ids = [...new Set([...a.keys(), ...b.keys()])].sort(byString);
  const trainees: TraineeChange[] = [];
  for (const trainee of ids) {
    const x = a.get(trainee), y = b.get(trainee);
    if (x && y) {
      const fields = fieldsOf(x, y);
      if (fields.length) trainees.push({ trainee, change: "moved", fields, before: x, after: y });
      else if (mentorsKey(x) !== mentorsKey(y)) trainees.push({ trainee, change: "mentor", before: x, after: y });
    } else if (y) trainees.push({ trainee, change: "added", after: y });
    else if (x) trainees.push({ trainee, change: "removed", before: x, reasons: reasons.get(trainee) ?? [] });
  }
  return {
    objective: { before: verifyPlan(instance, before).objective, after: verifyPlan(instance, after).objective },
    trainees,
    support: { added: supportMinus(after.support ?? [], before.support ?? []), removed: supportMinus(before.support ?? [], after.support ?? []) },
  };
}
