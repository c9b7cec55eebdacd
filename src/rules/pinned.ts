/** R-PINNED: every pinned placement appears unchanged (trainee, unit, dept, start, end, mentor, rotations). In a model: pinned placements are constants on the rows' right-hand sides. */
import type { Placement, Violation } from "../model/types.js";
import type { Rule } from "./rule.js";

/** Whether two placements are the same for R-PINNED. */
export function samePlacement(a: Placement, b: Placement): boolean {
  const rot = (p: Placement) => JSON.stringify((p.rotations ?? []).map((r) => [r.dept, r.start, r.end, r.mentor ?? null]));
  return a.trainee === b.trainee && a.unit === b.unit && a.dept === b.dept && a.start === b.start && a.end === b.end &&
    (a.mentor ?? null) === (b.mentor ?? null) && rot(a) === rot(b);
}

export const pinnedRule: Rule = {
  code: "R-PINNED",
  repairable: true,
  check({ ctx, plan, w }) {
    const out: Violation[] = [];
    for (const pin of ctx.instance.pinned ?? []) {
      const got = plan.placements.filter((p) => p.trainee === pin.trainee);
      if (got.some((p) => samePlacement(p, pin))) continue;
      const zh = `${w.trainee(pin.trainee)}已定安排为${w.unit(pin.unit)}${w.dept(pin.dept)} [${pin.start}, ${pin.end})，`;
      const en = `trainee "${pin.trainee}" is pinned to "${pin.unit}" ${pin.dept} [${pin.start}, ${pin.end}) but `;
      out.push({ code: "R-PINNED", ids: [pin.trainee], message: got.length ? w.say(`${zh}计划中的安排与之不同`, `${en}placed differently`) : w.say(`${zh}计划中却未安排`, `${en}not placed`) });
    }
    return out;
  },
};
