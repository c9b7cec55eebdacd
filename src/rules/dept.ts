/** R-DEPT: the study department is one the trainee accepts, and the receiving unit receives in it. */
import { type Check, resolved } from "./types.js";

export const checkDept: Check = (ctx, plan) =>
  resolved(ctx, plan).flatMap(({ t, p, unit }) => {
    const out: ReturnType<Check> = [];
    const accepted = ctx.studyDepts(t);
    if (!accepted.includes(p.dept))
      out.push({ code: "R-DEPT", ids: [t.id], message: `trainee "${t.id}" studies "${p.dept}", not one of ${accepted.join(", ")}` });
    if (unit && !(unit.receive ?? []).some((r) => r.dept === p.dept))
      out.push({ code: "R-DEPT", ids: [t.id, unit.id], message: `unit "${unit.id}" receives no department "${p.dept}"` });
    return out;
  });
