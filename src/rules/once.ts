/**
 * R-ONCE: every trainee appears exactly once, placed (a resident: scheduled,
 * SPEC §10) or unplaced; no unknown ids. A resident listed in `placements`, or
 * a 进修 trainee in `residencies`, breaks it (reading 15). In a model: each
 * group's trainees placed at most once.
 */
import type { Violation } from "../model/types.js";
import { key } from "./keys.js";
import { isResident } from "./residents.js";
import type { Rule } from "./rule.js";

export const onceRule: Rule = {
  code: "R-ONCE",
  repairable: true,
  check({ ctx, plan, w }) {
    const out: Violation[] = [];
    const seen = new Map<string, number>();
    const note = (id: string, zh: string, en: string) => {
      if (!ctx.trainees.has(id)) out.push({ code: "R-ONCE", ids: [id], message: w.say(`${zh}列出了名单中没有的人员“${id}”`, `${en} names unknown trainee "${id}"`) });
      seen.set(id, (seen.get(id) ?? 0) + 1);
    };
    for (const p of plan.placements) {
      note(p.trainee, "安排", "a placement");
      const t = ctx.trainees.get(p.trainee);
      if (t && isResident(ctx, t)) out.push({ code: "R-ONCE", ids: [t.id], message: w.say(`${w.trainee(t.id)}是住院医师，应列入轮转计划（residencies），不能作为进修安排`, `trainee "${t.id}" is a resident: it belongs in residencies, not placements`) });
    }
    for (const r of plan.residencies ?? []) {
      note(r.trainee, "住培轮转计划", "a residency entry");
      const t = ctx.trainees.get(r.trainee);
      if (t && !isResident(ctx, t)) out.push({ code: "R-ONCE", ids: [t.id], message: w.say(`${w.trainee(t.id)}是进修人员，不能列入住培轮转计划`, `trainee "${t.id}" is not a resident: it belongs in placements, not residencies`) });
    }
    for (const u of plan.unplaced ?? []) note(u.trainee, "未安排名单", "the unplaced list");
    for (const t of ctx.instance.trainees) {
      const n = seen.get(t.id) ?? 0;
      if (n === 0) out.push({ code: "R-ONCE", ids: [t.id], message: w.say(`${w.trainee(t.id)}既未安排也不在未安排名单中`, `trainee "${t.id}" is neither placed nor unplaced`) });
      else if (n > 1) out.push({ code: "R-ONCE", ids: [t.id], message: w.say(`${w.trainee(t.id)}出现了 ${n} 次`, `trainee "${t.id}" appears ${n} times`) });
    }
    return out;
  },
  rows: {
    head: (h, gi) =>
      h.row(key("once", gi), () => ({
        lb: -Infinity,
        ub: h.groups[gi].trainees.length,
        meta: { kind: "once", code: "R-ONCE", ids: h.groups[gi].trainees.map((x) => x.id), describe: (lang) => (lang === "en" ? "each trainee placed at most once" : "每人至多安排一次") },
      })),
  },
};
