/**
 * Whether a plan was made for this instance at all. SPEC §6 fixes the plan's
 * keys and an external checker reads our plans, so a plan carries no hash of its
 * instance; instead, a plan most of whose trainees (placed or unplaced) are not
 * in the instance is "for another instance" — said in one line, not as one
 * R-ONCE violation per trainee.
 */
import type { Instance, Plan } from "../model/types.js";

/** A sentence saying the plan is for another instance, or undefined when it plausibly is for this one. */
export function foreignPlan(instance: Instance, plan: Plan): string | undefined {
  const known = new Set(instance.trainees.map((t) => t.id));
  const listed = new Set<string>();
  for (const p of plan.placements) listed.add(p.trainee);
  for (const u of plan.unplaced ?? []) listed.add(u.trainee);
  for (const r of plan.residencies ?? []) listed.add(r.trainee); // SPEC §10: scheduled residents
  if (listed.size === 0) return known.size > 0 ? `the plan lists none of the instance's ${known.size} trainees; it is not a plan for this instance (方案与实例不对应)` : undefined;
  let unknown = 0;
  let example: string | undefined;
  for (const id of listed) {
    if (known.has(id)) continue;
    unknown++;
    example ??= id;
  }
  if (unknown * 2 <= listed.size) return undefined;
  return `${unknown} of the plan's ${listed.size} trainees (e.g. ${JSON.stringify(example)}) are not in the instance; it is not a plan for this instance (方案与实例不对应)`;
}
