/** R-ONCE: every trainee appears exactly once, placed or unplaced; no unknown ids. */
import type { Check } from "./types.js";

export const checkOnce: Check = (ctx, plan) => {
  const out: ReturnType<Check> = [];
  const seen = new Map<string, number>();
  const note = (id: string, where: string) => {
    if (!ctx.trainees.has(id)) out.push({ code: "R-ONCE", ids: [id], message: `${where} names unknown trainee "${id}"` });
    seen.set(id, (seen.get(id) ?? 0) + 1);
  };
  for (const p of plan.placements) note(p.trainee, "a placement");
  for (const u of plan.unplaced ?? []) note(u.trainee, "the unplaced list");
  for (const t of ctx.instance.trainees) {
    const n = seen.get(t.id) ?? 0;
    if (n === 0) out.push({ code: "R-ONCE", ids: [t.id], message: `trainee "${t.id}" is neither placed nor unplaced` });
    else if (n > 1) out.push({ code: "R-ONCE", ids: [t.id], message: `trainee "${t.id}" appears ${n} times` });
  }
  return out;
};
