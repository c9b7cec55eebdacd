/**
 * R-SITE (SPEC §10, readings 1 and 18): each rotation of a scheduled resident
 * is at the base or at a unit its requirement's `sites` allows, in a
 * department that unit lists in `receive`. A rotation at an unknown unit
 * breaks it; one naming an unknown requirement is judged by the receive row
 * only. One violation per resident. In a model: no rows (schedule columns use
 * allowed sites only, `sitesOf`).
 */
import type { Violation } from "../model/types.js";
import { receives, residencies, siteAllowed } from "./residents.js";
import type { Rule } from "./rule.js";

export const siteRule: Rule = {
  code: "R-SITE",
  repairable: false,
  check({ ctx, plan, w }) {
    const out: Violation[] = [];
    for (const { e, info } of residencies(ctx, plan)) {
      const zh: string[] = [], en: string[] = [];
      e.rotations.forEach((r, i) => {
        const at = w.say(`第 ${i + 1} 个轮转`, `rotations[${i}]`);
        const u = ctx.units.get(r.unit);
        if (!u) {
          zh.push(`${at}的单位“${r.unit}”不存在`);
          en.push(`${at} is at unknown unit "${r.unit}"`);
          return;
        }
        if (!receives(u, r.dept)) {
          zh.push(`${at}：${w.unit(u.id)}不接收${w.dept(r.dept)}`);
          en.push(`${at}: "${u.id}" has no receive row for ${r.dept}`);
        }
        const req = info.requirements.get(r.requirement);
        if (req && !siteAllowed(ctx, info.t.unit, req, u)) {
          const s = req.sites;
          const where = s
            ? w.say(`该要求只能在${[
              s.tiers ? w.list(s.tiers.map(w.tier)) : "",
              s.kinds ? w.list(s.kinds.map(w.kind)) : "",
              s.relations ? `基地或与基地有${w.list(s.relations.map(w.relation))}关系的单位` : "",
            ].filter(Boolean).join("、")}轮转`, `its sites allow ${[
              s.tiers ? `tiers ${w.list(s.tiers)}` : "",
              s.kinds ? `kinds ${w.list(s.kinds)}` : "",
              s.relations ? `the base or a unit it reaches by ${w.list(s.relations)}` : "",
            ].filter(Boolean).join("; ")}`)
            : w.say("该要求只能在本基地轮转", "it has no sites, so only the base");
          zh.push(`${at}在${w.unit(u.id)}，不是轮转要求“${r.requirement}”允许的轮转基地（${where}）`);
          en.push(`${at} at "${u.id}" is not a site requirement "${r.requirement}" allows (${where})`);
        }
      });
      if (zh.length) out.push({ code: "R-SITE", ids: [e.trainee], message: w.say(`${w.trainee(e.trainee)}：${zh.join("；")}`, `trainee "${e.trainee}": ${en.join("; ")}`) });
    }
    return out;
  },
};
