/**
 * R-PINNED: every pinned placement appears unchanged (trainee, unit, dept,
 * start, end, mentor, rotations); every resident's `fixed` rotation appears
 * among its rotations with equal requirement, unit, dept, start, end and
 * mentor — one violation per fixed rotation, also when the resident is not
 * scheduled (SPEC §10 reading 8). In a model: pinned placements are constants
 * on the rows' right-hand sides; fixed rotations are part of every schedule
 * column of their resident.
 */
import type { Placement, ResidencyRotation, Violation } from "../model/types.js";
import { isResident } from "./residents.js";
import type { Rule } from "./rule.js";

/** Whether two resident rotations are the same for R-PINNED (mentor absent = none). */
export function sameRotation(a: ResidencyRotation, b: ResidencyRotation): boolean {
  return a.requirement === b.requirement && a.unit === b.unit && a.dept === b.dept && a.start === b.start && a.end === b.end && (a.mentor ?? null) === (b.mentor ?? null);
}

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
    const scheduled = new Map<string, ResidencyRotation[]>();
    for (const e of plan.residencies ?? []) scheduled.set(e.trainee, [...(scheduled.get(e.trainee) ?? []), ...e.rotations]);
    for (const t of ctx.instance.trainees) {
      if (!t.fixed?.length || !isResident(ctx, t)) continue;
      const got = scheduled.get(t.id);
      for (const f of t.fixed) {
        if (got?.some((r) => sameRotation(r, f))) continue;
        const zh = `${w.trainee(t.id)}已定轮转${w.unit(f.unit)}${w.dept(f.dept)} [${f.start}, ${f.end})（${f.requirement}），`;
        const en = `resident "${t.id}" has fixed rotation "${f.unit}" ${f.dept} [${f.start}, ${f.end}) for "${f.requirement}" but `;
        out.push({ code: "R-PINNED", ids: [t.id], message: got ? w.say(`${zh}计划中没有原样保留`, `${en}the plan does not keep it unchanged`) : w.say(`${zh}计划中却未安排该住院医师`, `${en}the resident is not scheduled`) });
      }
    }
    return out;
  },
};
