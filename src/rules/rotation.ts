/** R-ROTATION (SPEC §9): rotations present exactly when the programme asks; count, contiguity, distinct departments, lengths, main department, required rows. Enforced in a model by the rotating candidates. */
import { addDuration } from "../calendar/index.js";
import type { Duration, Violation } from "../model/types.js";
import type { Rule } from "./rule.js";
import { resolved } from "./types.js";

/** Whether `[start, end)` has a length within `min`/`max`. */
export function lengthWithin(start: string, end: string, min?: Duration, max?: Duration): boolean {
  if (min && end < addDuration(start, min)) return false;
  if (max && end > addDuration(start, max)) return false;
  return true;
}

export const rotationRule: Rule = {
  code: "R-ROTATION",
  repairable: false,
  check({ ctx, plan, w }) {
    const out: Violation[] = [];
    for (const { t, p, prog, unit } of resolved(ctx, plan)) {
      const fail = (zh: string, en: string) => out.push({ code: "R-ROTATION", ids: [t.id], message: w.say(`${w.trainee(t.id)}：${zh}`, `trainee "${t.id}": ${en}`) });
      const rots = p.rotations ?? [];
      const rules = prog.rotations;
      if (!rules) {
        if (p.rotations !== undefined) fail(`项目${w.programme(prog.id)}不设轮转，安排却列了 ${rots.length} 个轮转`, `programme "${prog.id}" has no rotations, but the placement lists ${rots.length}`);
        continue;
      }
      if (rots.length === 0) {
        fail(`项目${w.programme(prog.id)}要求 ${rules.count.min}–${rules.count.max} 个轮转科室，安排中没有轮转`, `programme "${prog.id}" asks for ${rules.count.min}–${rules.count.max} rotations; the placement has none`);
        continue;
      }
      const depts = rots.map((r) => r.dept);
      const distinct = new Set(depts);
      if (distinct.size !== depts.length) fail(`有科室重复轮转（${w.depts(depts)}）`, `a department appears in more than one rotation (${depts.join(", ")})`);
      if (distinct.size < rules.count.min || distinct.size > rules.count.max)
        fail(`轮转 ${distinct.size} 个科室，应为 ${rules.count.min}–${rules.count.max} 个`, `${distinct.size} rotation departments, allowed ${rules.count.min}–${rules.count.max}`);
      if (!distinct.has(p.dept)) fail(`主修科室${w.dept(p.dept)}不在轮转科室中`, `main department "${p.dept}" is not among the rotations`);
      if (rots[0].start !== p.start) fail(`第一个轮转 ${rots[0].start} 开始，安排 ${p.start} 开始`, `first rotation starts ${rots[0].start}, the placement ${p.start}`);
      const last = rots[rots.length - 1];
      if (last.end !== p.end) fail(`最后一个轮转 ${last.end} 结束，安排 ${p.end} 结束`, `last rotation ends ${last.end}, the placement ${p.end}`);
      const required = (rules.required ?? []).filter((r) => ctx.matches(r.when, t));
      rots.forEach((r, i) => {
        if (i > 0 && r.start !== rots[i - 1].end) fail(`第 ${i + 1} 个轮转 ${r.start} 开始，未接上前一个轮转的结束（${rots[i - 1].end}）`, `rotation ${i} starts ${r.start}, not where rotation ${i - 1} ends (${rots[i - 1].end})`);
        if (r.end <= r.start) fail(`第 ${i + 1} 个轮转 ${r.end} 结束，不晚于其开始 ${r.start}`, `rotation ${i} ends ${r.end}, not after its start ${r.start}`);
        if (ctx.slots.boundaryIndex(r.start) === undefined || ctx.slots.boundaryIndex(r.end) === undefined)
          fail(`第 ${i + 1} 个轮转 [${r.start}, ${r.end}) 不在时段边界上`, `rotation ${i} [${r.start}, ${r.end}) is not on slot boundaries`);
        if (unit && !(unit.receive ?? []).some((x) => x.dept === r.dept)) fail(`第 ${i + 1} 个轮转：${w.unit(unit.id)}不接收${w.dept(r.dept)}`, `rotation ${i}: "${unit.id}" receives no department "${r.dept}"`);
        const req = required.find((q) => q.dept === r.dept);
        if (req) {
          if (!lengthWithin(r.start, r.end, req.min, req.max)) fail(`第 ${i + 1} 个轮转（必轮${w.dept(r.dept)}）[${r.start}, ${r.end}) 时长不在要求范围内`, `rotation ${i} in required ${r.dept} [${r.start}, ${r.end}) is outside its length bounds`);
        } else if (!lengthWithin(r.start, r.end, rules.each?.min, rules.each?.max)) {
          fail(`第 ${i + 1} 个轮转（${w.dept(r.dept)}）[${r.start}, ${r.end}) 时长不在每段轮转的范围内`, `rotation ${i} in ${r.dept} [${r.start}, ${r.end}) is outside the length bounds of every rotation`);
        }
      });
      for (const req of required) if (!distinct.has(req.dept)) fail(`须轮转${w.dept(req.dept)}`, `needs a rotation in ${req.dept}`);
    }
    return out;
  },
};
