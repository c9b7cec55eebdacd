/**
 * R-MANAGERS (SPEC §10, reading 13): a training base's scheduled residents (of
 * every residency programme, over the whole plan) ≤ 100 × `managers`, and
 * none when `managers` < 3; `managers` absent: no limit. One violation per
 * base. In a model: one row per base that every column of its resident groups
 * enters.
 */
import type { Violation } from "../model/types.js";
import type { Context } from "./context.js";
import { key } from "./keys.js";
import { managersLimit, residencies, residentOf } from "./residents.js";
import type { Judgement, Rule } from "./rule.js";
import { wordsOf } from "./words.js";

/** A base's scheduled residents against its limit. */
export interface ManagersStatus {
  readonly base: string;
  readonly scheduled: number;
  /** `Infinity` without `managers`. */
  readonly limit: number;
  readonly managers?: number;
}

/** Every base with scheduled residents, in order of first appearance. */
export function managersStatus(ctx: Context, plan: Judgement["plan"]): ManagersStatus[] {
  const count = new Map<string, number>();
  for (const { info } of residencies(ctx, plan)) count.set(info.t.unit, (count.get(info.t.unit) ?? 0) + 1);
  return [...count].map(([base, scheduled]) => {
    const u = ctx.units.get(base);
    return { base, scheduled, limit: managersLimit(u), ...(u?.managers !== undefined ? { managers: u.managers } : {}) };
  });
}

export const managersRule: Rule = {
  code: "R-MANAGERS",
  repairable: true,
  check({ ctx, plan, w }) {
    const out: Violation[] = [];
    for (const s of managersStatus(ctx, plan)) {
      if (s.scheduled <= s.limit) continue;
      out.push({
        code: "R-MANAGERS", ids: [s.base],
        message: s.limit === 0
          ? w.say(`${w.unit(s.base)}专职管理人员 ${s.managers} 人，少于 3 人，不能安排住院医师，计划中却有 ${s.scheduled} 人`, `base "${s.base}" has ${s.managers} manager(s) (< 3), so no resident may be scheduled there; ${s.scheduled} are`)
          : w.say(`${w.unit(s.base)}专职管理人员 ${s.managers} 人，至多管理 ${s.limit} 名住院医师，计划中有 ${s.scheduled} 人`, `base "${s.base}" has ${s.managers} managers: at most ${s.limit} residents, ${s.scheduled} scheduled`),
      });
    }
    return out;
  },
  rows: {
    groupEntries(h, gi, add) {
      const g = h.groups[gi];
      const t = g.trainees[0];
      if (!g.prog.residency || !residentOf(h.ctx, t)) return;
      const limit = managersLimit(h.ctx.units.get(t.unit));
      if (limit === Infinity) return;
      add(h.row(key("managers", t.unit), () => ({
        lb: -Infinity, ub: limit,
        meta: {
          kind: "managers", code: "R-MANAGERS", ids: [t.unit],
          describe: (lang) => {
            const w = wordsOf(h.ctx, lang);
            return w.say(`${w.unit(t.unit)}的住院医师规模（专职管理人员 ${h.ctx.units.get(t.unit)?.managers} 人，至多 ${limit} 人）`, `residents of base "${t.unit}" (at most ${limit})`);
          },
        },
      })), 1);
    },
  },
};
