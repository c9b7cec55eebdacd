/**
 * R-STAFFING: in every slot, `staff − away + support ≥ minOnDuty` for every
 * staffed home department (上修下沉). In a model: `away − support ≤ staff −
 * minOnDuty` per slot, made only where absence could break the minimum, and
 * relieved by support columns.
 */
import type { StaffedDepartment, Violation } from "../model/types.js";
import { key } from "./keys.js";
import type { Ledger } from "./ledger.js";
import type { Rule, SlotFamily } from "./rule.js";
import { wordsOf } from "./words.js";

const family = (unit: string, dept: string, coef = 1): SlotFamily => ({ key: key("staff", unit, dept), make: () => undefined, coef });

/** One home department in one slot: who is on duty, and whether the minimum holds (the rule's verdict). */
export interface OnDuty {
  readonly staff: number;
  readonly away: number;
  readonly support: number;
  readonly onDuty: number;
  readonly minOnDuty: number;
  readonly ok: boolean;
}

/** `staff − away + support ≥ minOnDuty` of a home department in slot k, from a plan's ledger. */
export function onDutyAt(ledger: Ledger, unit: string, d: StaffedDepartment, k: number): OnDuty {
  const away = ledger.at({ kind: "away", unit, dept: d.dept }, k);
  const support = ledger.at({ kind: "cover", unit, dept: d.dept }, k);
  const onDuty = d.staff - away + support;
  return { staff: d.staff, away, support, onDuty, minOnDuty: d.minOnDuty, ok: onDuty >= d.minOnDuty };
}

export const staffingRule: Rule = {
  code: "R-STAFFING",
  repairable: true,
  check({ ctx, ledger, w }) {
    const out: Violation[] = [];
    for (const u of ctx.instance.units)
      for (const d of u.departments ?? []) {
        for (let k = 0; k < ctx.slots.count; k++) {
          const s = onDutyAt(ledger, u.id, d, k);
          if (!s.ok)
            out.push({
              code: "R-STAFFING",
              ids: [u.id, d.dept, ...ledger.who({ kind: "away", unit: u.id, dept: d.dept }, k)],
              message: w.say(
                `${w.unit(u.id)}${w.dept(d.dept)} ${w.slot(k)} 在岗 ${s.onDuty} 人（编制 ${d.staff} − 外出进修 ${s.away} + 下沉支援 ${s.support}），少于最低在岗 ${d.minOnDuty} 人`,
                `"${u.id}" ${d.dept} has ${s.onDuty} on duty in ${w.slot(k)} (staff ${d.staff} − away ${s.away} + support ${s.support}), minimum ${d.minOnDuty}`,
              ),
            });
        }
      }
    return out;
  },
  rows: {
    relieved(h) {
      const ctx = h.ctx;
      // Rows only where the trainees who could be away at once exceed the slack.
      const potential = new Map<string, number>();
      h.groups.forEach((g, gi) => {
        const t = g.trainees[0];
        const slots = h.slotsTouched(gi);
        for (let k = 0; k < slots.length; k++) if (slots[k]) potential.set(key(t.unit, t.dept, k), (potential.get(key(t.unit, t.dept, k)) ?? 0) + g.trainees.length);
      });
      for (const u of ctx.instance.units)
        for (const d of u.departments ?? []) {
          const fam = family(u.id, d.dept);
          const away = { kind: "away", unit: u.id, dept: d.dept } as const;
          for (let k = 0; k < ctx.slots.count; k++) {
            const slack = d.staff - d.minOnDuty - h.fixed.ledger.at(away, k);
            if ((potential.get(key(u.id, d.dept, k)) ?? 0) <= slack) {
              h.slotRow(fam, k, undefined);
              continue;
            }
            const row = h.slotRow(fam, k, {
              lb: -Infinity,
              ub: slack,
              meta: {
                kind: "staffing", code: "R-STAFFING", ids: [u.id, d.dept],
                describe: (lang) => {
                  const w = wordsOf(ctx, lang);
                  return w.say(`${w.unit(u.id)}${w.dept(d.dept)} ${w.slot(k)} 的在岗人数（编制 ${d.staff}，最低在岗 ${d.minOnDuty}）`, `staffing of "${u.id}" ${d.dept} in ${w.slot(k)} (staff ${d.staff}, minimum ${d.minOnDuty})`);
                },
              },
            });
            h.relievable(row, u.id, d.dept, k);
          }
        }
    },
    slot: {
      away: (_h, r) => [family(r.unit, r.dept)],
      // Specialists sent down count against the absence.
      cover: (_h, r) => [family(r.unit, r.dept, -1)],
    },
  },
  reads: (_ctx, t) => key(t.unit, t.dept),
};
