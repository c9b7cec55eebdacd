/** R-DEPT: the study department is one the trainee accepts, and the receiving unit receives in it. Enforced in a model by the candidates. */
import type { Violation } from "../model/types.js";
import type { Rule } from "./rule.js";
import { resolved } from "./types.js";

export const deptRule: Rule = {
  code: "R-DEPT",
  repairable: false,
  check: ({ ctx, plan, w }) =>
    resolved(ctx, plan).flatMap(({ t, p, unit }) => {
      const out: Violation[] = [];
      const accepted = ctx.studyDepts(t);
      if (!accepted.includes(p.dept))
        out.push({ code: "R-DEPT", ids: [t.id], message: w.say(`${w.trainee(t.id)}进修${w.dept(p.dept)}，不是其意向专科（${w.depts(accepted)}）`, `trainee "${t.id}" studies "${p.dept}", not one of ${accepted.join(", ")}`) });
      if (unit && !(unit.receive ?? []).some((r) => r.dept === p.dept))
        out.push({ code: "R-DEPT", ids: [t.id, unit.id], message: w.say(`${w.unit(unit.id)}不接收${w.dept(p.dept)}进修`, `unit "${unit.id}" receives no department "${p.dept}"`) });
      return out;
    }),
};
