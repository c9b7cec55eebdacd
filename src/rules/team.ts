/** R-TEAM: every family-doctor team keeps `size − away ≥ minOnDuty`; support does not count. */
import type { Violation } from "../model/types.js";
import { type Check, resolved } from "./types.js";
import { SlotUsage } from "./usage.js";

export const checkTeam: Check = (ctx, plan) => {
  const away = new SlotUsage(ctx);
  for (const { t, p } of resolved(ctx, plan)) for (const team of ctx.teamsOf.get(t.id) ?? []) away.add(team.id, p.start, p.end, 1, t.id);
  const out: Violation[] = [];
  for (const team of ctx.instance.teams ?? [])
    for (let s = 0; s < ctx.slots.count; s++) {
      const n = team.size - away.get(team.id, s);
      if (n < team.minOnDuty)
        out.push({ code: "R-TEAM", ids: [team.id, ...away.ids(team.id, s)], message: `team "${team.id}" has ${n} on duty in ${ctx.slots.label(s)}, minimum ${team.minOnDuty}` });
    }
  return out;
};
