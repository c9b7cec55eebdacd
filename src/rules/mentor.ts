/** R-MENTOR: mentors of the receiving unit and study department, of sufficient title, within their concurrent capacity. */
import type { Violation } from "../model/types.js";
import { type Check, resolved, segments } from "./types.js";
import { SlotUsage } from "./usage.js";

export const checkMentor: Check = (ctx, plan) => {
  const out: Violation[] = [];
  const use = new SlotUsage(ctx);
  for (const { t, p, prog } of resolved(ctx, plan)) {
    const fail = (message: string, ...ids: string[]) => out.push({ code: "R-MENTOR", ids: [t.id, ...ids], message: `trainee "${t.id}": ${message}` });
    const rotating = !!p.rotations && p.rotations.length > 0;
    if (rotating && p.mentor !== undefined) fail(`a rotating placement names mentors per rotation, not "${p.mentor}" on the placement`, p.mentor);
    for (const s of segments(p)) {
      const where = s.path ? `${s.path} ` : "";
      if (s.mentor === undefined) {
        if (prog.mentor) fail(`${where}names no mentor; programme "${prog.id}" requires one of title ≥ ${prog.mentor.minTitle}`);
        continue;
      }
      const m = ctx.mentors.get(s.mentor);
      if (!m) {
        fail(`${where}names unknown mentor "${s.mentor}"`, s.mentor);
        continue;
      }
      if (m.unit !== p.unit || m.dept !== s.dept) fail(`${where}mentor "${m.id}" is in "${m.unit}" ${m.dept}, not "${p.unit}" ${s.dept}`, m.id);
      if (prog.mentor && ctx.titleRank(m.title) < ctx.titleRank(prog.mentor.minTitle))
        fail(`${where}mentor "${m.id}" is ${m.title}, below ${prog.mentor.minTitle}`, m.id);
      use.add(m.id, s.start, s.end, 1, t.id);
    }
  }
  for (const id of use.keys()) {
    const m = ctx.mentors.get(id)!;
    const cap = m.capacity ?? 1;
    for (let k = 0; k < ctx.slots.count; k++)
      if (use.get(id, k) > cap)
        out.push({ code: "R-MENTOR", ids: [id, ...use.ids(id, k)], message: `mentor "${id}" has ${use.get(id, k)} trainees in ${ctx.slots.label(k)}, capacity ${cap}` });
  }
  return out;
};
