/** R-CAPACITY: in every slot, trainees hosted in a unit's department ≤ that slot's `receive` capacity (rotations count in their own department). */
import type { Violation } from "../model/types.js";
import { type Check, resolved, segments } from "./types.js";
import { SlotUsage, key, unkey } from "./usage.js";

export const checkCapacity: Check = (ctx, plan) => {
  const use = new SlotUsage(ctx);
  for (const { p } of resolved(ctx, plan))
    for (const s of segments(p)) use.add(key(p.unit, s.dept), s.start, s.end, 1, p.trainee);
  const out: Violation[] = [];
  for (const k of use.keys()) {
    const [unit, dept] = unkey(k);
    for (let s = 0; s < ctx.slots.count; s++) {
      const n = use.get(k, s), cap = ctx.capacity(unit, dept, s);
      if (n > cap)
        out.push({ code: "R-CAPACITY", ids: [unit, dept, ...use.ids(k, s)], message: `"${unit}" ${dept} hosts ${n} in ${ctx.slots.label(s)}, capacity ${cap}` });
    }
  }
  return out;
};
