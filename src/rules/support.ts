/**
 * R-SUPPORT: support comes from a unit's pool for that department, along an
 * alliance or pairing relation, within `perSlot` (下沉). In a model: one
 * support column per supporter, home department and slot, within the
 * supporter's per-slot pool row.
 */
import type { Unit, Violation } from "../model/types.js";
import type { Context } from "./context.js";
import { key } from "./keys.js";
import type { Rule } from "./rule.js";
import { wordsOf } from "./words.js";

/** Whether `from` may send `dept` specialists to `to`: a pool for the department, and an alliance or pairing relation. */
export function maySupport(ctx: Context, from: Unit, to: string, dept: string): boolean {
  return from.id !== to && (from.support ?? []).some((s) => s.dept === dept) && ctx.related(from.id, to);
}

/** The units that may send `dept` specialists to `home`, in instance order. */
export function supportersOf(ctx: Context, home: string, dept: string): Unit[] {
  return ctx.instance.units.filter((f) => maySupport(ctx, f, home, dept));
}

/** A unit's per-slot pool for a department (undefined: none). */
export const poolOf = (ctx: Context, unit: string, dept: string): number | undefined => ctx.units.get(unit)?.support?.find((x) => x.dept === dept)?.perSlot;

export const supportRule: Rule = {
  code: "R-SUPPORT",
  repairable: true,
  check({ ctx, plan, ledger, w }) {
    const out: Violation[] = [];
    (plan.support ?? []).forEach((s, i) => {
      const fail = (zh: string, en: string) => out.push({ code: "R-SUPPORT", ids: [s.from, s.to, s.dept], message: w.say(`第 ${i + 1} 条下沉支援：${zh}`, `support[${i}]: ${en}`) });
      const from = ctx.units.get(s.from);
      if (!from) fail(`派出单位“${s.from}”不存在`, `unknown sending unit "${s.from}"`);
      else if (!(from.support ?? []).some((x) => x.dept === s.dept)) fail(`${w.unit(s.from)}没有${w.dept(s.dept)}的下沉支援能力`, `"${s.from}" has no support pool for ${s.dept}`);
      if (!ctx.units.has(s.to)) fail(`受援单位“${s.to}”不存在`, `unknown supported unit "${s.to}"`);
      else if (!ctx.net.hasRelation(s.from, s.to, ["alliance", "pairing"])) fail(`${w.unit(s.from)}与${w.unit(s.to)}之间没有医共体或帮扶关系`, `no alliance or pairing relation runs from "${s.from}" to "${s.to}"`);
      const a = ctx.slots.boundaryIndex(s.start), b = ctx.slots.boundaryIndex(s.end);
      if (a === undefined || b === undefined) fail(`[${s.start}, ${s.end}) 不在日历的时段边界上`, `[${s.start}, ${s.end}) is not on slot boundaries of the calendar`);
      else if (b <= a) fail(`结束日期 ${s.end} 不晚于开始日期 ${s.start}`, `end ${s.end} is not after start ${s.start}`);
      if (!Number.isInteger(s.count) || s.count < 1) fail(`人数须为正整数，实为 ${s.count}`, `count must be a positive whole number, got ${s.count}`);
    });
    for (const pool of ledger.resources("pool")) {
      const perSlot = poolOf(ctx, pool.unit, pool.dept);
      if (perSlot === undefined) continue;
      for (let k = 0; k < ctx.slots.count; k++) {
        const n = ledger.at(pool, k);
        if (n > perSlot)
          out.push({ code: "R-SUPPORT", ids: [pool.unit, pool.dept, ...ledger.who(pool, k)], message: w.say(`${w.unit(pool.unit)} ${w.slot(k)} 下派${w.dept(pool.dept)}专家 ${n} 人，超过其能力 ${perSlot} 人`, `"${pool.unit}" sends ${n} ${pool.dept} specialists in ${w.slot(k)}, pool ${perSlot}`) });
      }
    }
    return out;
  },
  rows: {
    slot: {
      pool: (h, r) => {
        const perSlot = poolOf(h.ctx, r.unit, r.dept)!;
        return [{
          key: key("pool", r.unit, r.dept),
          make: (k) => ({
            lb: -Infinity,
            ub: perSlot,
            meta: {
              kind: "pool", code: "R-SUPPORT", ids: [r.unit, r.dept],
              describe: (lang) => {
                const w = wordsOf(h.ctx, lang);
                return w.say(`${w.unit(r.unit)} ${w.slot(k)} 的${w.dept(r.dept)}下沉支援能力（${perSlot} 人）`, `support pool of "${r.unit}" ${r.dept} in ${w.slot(k)} (${perSlot})`);
              },
            },
          }),
        }];
      },
    },
  },
};
