/** R-TEAM: every family-doctor team keeps `size − away ≥ minOnDuty`; support does not count (contracted residents keep their own doctors). */
import type { Violation } from "../model/types.js";
import { key } from "./keys.js";
import type { Rule } from "./rule.js";
import { wordsOf } from "./words.js";

export const teamRule: Rule = {
  code: "R-TEAM",
  repairable: false,
  check({ ctx, ledger, w }) {
    const out: Violation[] = [];
    for (const team of ctx.instance.teams ?? []) {
      const r = { kind: "team", team: team.id } as const;
      for (let k = 0; k < ctx.slots.count; k++) {
        const n = team.size - ledger.at(r, k);
        if (n < team.minOnDuty)
          out.push({ code: "R-TEAM", ids: [team.id, ...ledger.who(r, k)], message: w.say(`家庭医生团队${w.team(team.id)} ${w.slot(k)} 在岗 ${n} 人，少于最低 ${team.minOnDuty} 人`, `team "${team.id}" has ${n} on duty in ${w.slot(k)}, minimum ${team.minOnDuty}`) });
      }
    }
    return out;
  },
  rows: {
    slot: {
      team: (h, r) => {
        const team = h.ctx.instance.teams!.find((x) => x.id === r.team)!;
        return [{
          key: key("team", team.id),
          make: (k) => ({
            lb: -Infinity,
            ub: team.size - team.minOnDuty - h.fixed.ledger.at(r, k),
            meta: {
              kind: "team", code: "R-TEAM", ids: [team.id],
              describe: (lang) => {
                const w = wordsOf(h.ctx, lang);
                return w.say(`家庭医生团队${w.team(team.id)} ${w.slot(k)} 的在岗人数（${team.size} 人，最低 ${team.minOnDuty} 人）`, `family-doctor team "${team.id}" in ${w.slot(k)} (size ${team.size}, minimum ${team.minOnDuty})`);
              },
            },
          }),
        }];
      },
    },
  },
  reads: (ctx, t) => key(...(ctx.teamsOf.get(t.id) ?? []).map((x) => x.id)),
};
