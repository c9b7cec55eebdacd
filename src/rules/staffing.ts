/** R-STAFFING: in every slot, `staff − away + support ≥ minOnDuty` for every staffed home department (上修下沉). */
import type { Violation } from "../model/types.js";
import { type Check, resolved } from "./types.js";
import { SlotUsage, key } from "./usage.js";

export const checkStaffing: Check = (ctx, plan) => {
  const away = new SlotUsage(ctx);
  for (const { t, p } of resolved(ctx, plan)) away.add(key(t.unit, t.dept), p.start, p.end, 1, t.id);
  const support = new SlotUsage(ctx);
  for (const s of plan.support ?? []) support.add(key(s.to, s.dept), s.start, s.end, s.count, s.from);
  const out: Violation[] = [];
  for (const u of ctx.instance.units)
    for (const d of u.departments ?? []) {
      const k = key(u.id, d.dept);
      for (let s = 0; s < ctx.slots.count; s++) {
        const onDuty = d.staff - away.get(k, s) + support.get(k, s);
        if (onDuty < d.minOnDuty)
          out.push({
            code: "R-STAFFING",
            ids: [u.id, d.dept, ...away.ids(k, s)],
            message: `"${u.id}" ${d.dept} has ${onDuty} on duty in ${ctx.slots.label(s)} (staff ${d.staff} − away ${away.get(k, s)} + support ${support.get(k, s)}), minimum ${d.minOnDuty}`,
          });
      }
    }
  return out;
};
