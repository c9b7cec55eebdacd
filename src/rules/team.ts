/** R-TEAM: every family-doctor team keeps `size − away ≥ minOnDuty`; support does not count (contracted residents keep their own doctors). */
import type { Team, Violation } from "../model/types.js";
import type { Ledger } from "./ledger.js";
import { key } from "./keys.js";
import type { Rule } from "./rule.js";
import { wordsOf } from "./words.js";

/** A family-doctor team in slot k: members on duty, and whether the minimum holds (the rule's verdict). */
export function teamAt(ledger: Ledger, team: Team, k: number): { away: number; onDuty: number; ok: boolean } {
  const away = ledger.at({ kind: "team", team: team.id }, k);
  return { away, onDuty: team.size - away, ok: team.size - away >= team.minOnDuty };
}

export const teamRule: Rule = {
  code: "R-TEAM",
  repairable: false,
  check({ ctx, ledger, w }) {
    const out: Violation[] = [];
    for (const team of ctx.instance.teams ?? []) {
      const r = { kind: "team", team: team.id } as const;
      for (let k = 0; k < ctx.slots.count; k++) {
        const { ok, onDuty: n } = teamAt(ledger, team, k);
        if (!ok)
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
