/** R-PINNED: every pinned placement appears unchanged (trainee, unit, dept, start, end, mentor, rotations). */
import type { Placement, Violation } from "../model/types.js";
import type { Check } from "./types.js";

/** Whether two placements are the same for R-PINNED. */
export function samePlacement(a: Placement, b: Placement): boolean {
  const rot = (p: Placement) => JSON.stringify((p.rotations ?? []).map((r) => [r.dept, r.start, r.end, r.mentor ?? null]));
  return a.trainee === b.trainee && a.unit === b.unit && a.dept === b.dept && a.start === b.start && a.end === b.end &&
    (a.mentor ?? null) === (b.mentor ?? null) && rot(a) === rot(b);
}

export const checkPinned: Check = (ctx, plan) => {
  const out: Violation[] = [];
  for (const pin of ctx.instance.pinned ?? []) {
    const got = plan.placements.filter((p) => p.trainee === pin.trainee);
    if (!got.some((p) => samePlacement(p, pin)))
      out.push({
        code: "R-PINNED",
        ids: [pin.trainee],
        message: got.length
          ? `trainee "${pin.trainee}" is pinned to "${pin.unit}" ${pin.dept} [${pin.start}, ${pin.end}) but placed differently`
          : `trainee "${pin.trainee}" is pinned to "${pin.unit}" ${pin.dept} [${pin.start}, ${pin.end}) but not placed`,
      });
  }
  return out;
};
