/** R-CAPACITY: in every slot, trainees hosted in a unit's department ≤ that slot's `receive` capacity (rotations count in their own department). */
import type { Violation } from "../model/types.js";
import { key } from "./keys.js";
import type { Context } from "./context.js";
import type { Rule, RowHost, SlotFamily } from "./rule.js";
import { type Words, wordsOf } from "./words.js";

const describe = (ctx: Context, w: Words, unit: string, dept: string, k: number) =>
  w.say(`${w.unit(unit)}${w.dept(dept)} ${w.slot(k)} 的接收容量（${ctx.capacity(unit, dept, k)} 人）`, `capacity of "${unit}" ${dept} in ${w.slot(k)} (${ctx.capacity(unit, dept, k)})`);

/** Seats of a receiving department per slot, less what pinned placements hold. */
export function capacityFamily(h: RowHost, unit: string, dept: string): SlotFamily {
  const ctx = h.ctx;
  const seat = { kind: "seat", unit, dept } as const;
  return {
    key: key("cap", unit, dept),
    make: (k) => ({
      lb: -Infinity,
      ub: ctx.capacity(unit, dept, k) - h.fixed.ledger.at(seat, k),
      meta: { kind: "capacity", code: "R-CAPACITY", ids: [unit, dept], describe: (lang) => describe(ctx, wordsOf(ctx, lang), unit, dept, k) },
    }),
  };
}

export const capacityRule: Rule = {
  code: "R-CAPACITY",
  repairable: false,
  check({ ctx, ledger, w }) {
    const out: Violation[] = [];
    for (const seat of ledger.resources("seat"))
      for (let k = 0; k < ctx.slots.count; k++) {
        const n = ledger.at(seat, k), cap = ctx.capacity(seat.unit, seat.dept, k);
        if (n > cap)
          out.push({
            code: "R-CAPACITY",
            ids: [seat.unit, seat.dept, ...ledger.who(seat, k)],
            message: w.say(`${w.unit(seat.unit)}${w.dept(seat.dept)} ${w.slot(k)} 接收 ${n} 人，超过接收容量 ${cap} 人`, `"${seat.unit}" ${seat.dept} hosts ${n} in ${w.slot(k)}, capacity ${cap}`),
          });
      }
    return out;
  },
  rows: { slot: { seat: (h, r) => [capacityFamily(h, r.unit, r.dept)] } },
};
