/**
 * SPEC §11.2: the difference between two plans of one instance — who arrives,
 * leaves or moves, whose mentor changes, which support rows are added or
 * removed — so a commission can tell each hospital what changed (变更通知).
 */
import { expectObject } from "../model/args.js";
import type { Instance, Placement, Plan, Reason, SupportRow } from "../model/types.js";
import { verifyPlan } from "../verify.js";

/** The fields of a placement a change compares, in the order `fields` lists them (§11.2). */
export const DIFF_FIELDS = ["unit", "dept", "start", "end", "rotations"] as const;
export type DiffField = (typeof DIFF_FIELDS)[number];

export type TraineeChange =
  | { readonly trainee: string; readonly change: "moved"; readonly fields: readonly DiffField[]; readonly before: Placement; readonly after: Placement }
  | { readonly trainee: string; readonly change: "mentor"; readonly before: Placement; readonly after: Placement }
  | { readonly trainee: string; readonly change: "added"; readonly after: Placement }
  | { readonly trainee: string; readonly change: "removed"; readonly before: Placement; readonly reasons: readonly Reason[] };

export interface PlanDiff {
  /** Each plan's §7 objective, recomputed under the instance (not copied from the plans). */
  readonly objective: { readonly before: number; readonly after: number };
  /** Every trainee whose entry differs, ascending by id (JavaScript string order). */
  readonly trainees: readonly TraineeChange[];
  /** Support rows as multisets: in `after` more often than in `before` (added), or the reverse (removed). */
  readonly support: { readonly added: readonly SupportRow[]; readonly removed: readonly SupportRow[] };
}

/** A placement's §9 rotations as compared: the ordered (dept, start, end), mentors left out. */
const rotationsKey = (p: Placement): string => JSON.stringify((p.rotations ?? []).map((r) => [r.dept, r.start, r.end]));
/** Its mentors, the placement's and the rotations'. */
const mentorsKey = (p: Placement): string => JSON.stringify([p.mentor ?? null, ...(p.rotations ?? []).map((r) => r.mentor ?? null)]);

/** The fields of §11.2 that differ between two placements of one trainee, in `DIFF_FIELDS` order. */
export function changedFields(a: Placement, b: Placement): DiffField[] {
  return DIFF_FIELDS.filter((f) => (f === "rotations" ? rotationsKey(a) !== rotationsKey(b) : a[f] !== b[f]));
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

/** A plan's placements by trainee (the first entry where a trainee appears twice). */
function byTrainee(plan: Plan): Map<string, Placement> {
  const out = new Map<string, Placement>();
  for (const p of plan.placements) if (!out.has(p.trainee)) out.set(p.trainee, p);
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
      const fields = changedFields(x, y);
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
