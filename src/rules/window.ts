/**
 * R-WINDOW: `[start, end)` lies inside the calendar, the programme window and
 * the trainee's availability, on slot boundaries; for a resident, every
 * rotation inside the calendar, the window and the training period (SPEC §10
 * reading 17; one violation per resident). Enforced in a model by the
 * candidates' spans.
 */
import type { Violation } from "../model/types.js";
import { residencies } from "./residents.js";
import type { Rule } from "./rule.js";
import { resolved } from "./types.js";

export const windowRule: Rule = {
  code: "R-WINDOW",
  repairable: false,
  check: ({ ctx, plan, w }) =>
    resolved(ctx, plan).flatMap(({ t, p, prog }) => {
      const out: Violation[] = [];
      const fail = (zh: string, en: string) => out.push({ code: "R-WINDOW", ids: [t.id], message: w.say(`${w.trainee(t.id)}：${zh}`, `trainee "${t.id}": ${en}`) });
      const cal = ctx.instance.calendar;
      if (ctx.slots.boundaryIndex(p.start) === undefined) fail(`开始日期 ${p.start} 不在日历的时段边界上`, `start ${p.start} is not a slot boundary of the calendar`);
      if (ctx.slots.boundaryIndex(p.end) === undefined) fail(`结束日期 ${p.end} 不在日历的时段边界上`, `end ${p.end} is not a slot boundary of the calendar`);
      if (p.start < cal.start || p.end > cal.end) fail(`[${p.start}, ${p.end}) 超出日历 [${cal.start}, ${cal.end})`, `[${p.start}, ${p.end}) is outside the calendar [${cal.start}, ${cal.end})`);
      if (prog.window?.from && p.start < prog.window.from) fail(`${p.start} 开始，早于项目起始日期 ${prog.window.from}`, `starts ${p.start}, before the programme window opens ${prog.window.from}`);
      if (prog.window?.to && p.end > prog.window.to) fail(`${p.end} 结束，晚于项目截止日期 ${prog.window.to}`, `ends ${p.end}, after the programme window closes ${prog.window.to}`);
      if (t.available?.from && p.start < t.available.from) fail(`${p.start} 开始，早于本人可进修日期 ${t.available.from}`, `starts ${p.start}, before the trainee is available (${t.available.from})`);
      if (t.available?.to && p.end > t.available.to) fail(`${p.end} 结束，晚于本人可进修截止 ${t.available.to}`, `ends ${p.end}, after the trainee's availability ends (${t.available.to})`);
      return out;
    }).concat(residencies(ctx, plan).flatMap(({ e, info: { t, prog } }): Violation[] => {
      const zh: string[] = [], en: string[] = [];
      const cal = ctx.instance.calendar;
      e.rotations.forEach((r, i) => {
        const at = w.say(`第 ${i + 1} 个轮转 [${r.start}, ${r.end})`, `rotations[${i}] [${r.start}, ${r.end})`);
        const fail = (z: string, x: string) => { zh.push(`${at}${z}`); en.push(`${at} ${x}`); };
        if (ctx.slots.boundaryIndex(r.start) === undefined) fail(`开始日期不在日历的月初边界上`, `starts off a slot boundary of the calendar`);
        if (ctx.slots.boundaryIndex(r.end) === undefined) fail(`结束日期不在日历的月初边界上`, `ends off a slot boundary of the calendar`);
        if (r.start < cal.start || r.end > cal.end) fail(`超出日历 [${cal.start}, ${cal.end})`, `is outside the calendar [${cal.start}, ${cal.end})`);
        if (prog.window?.from && r.start < prog.window.from) fail(`早于项目起始日期 ${prog.window.from}`, `starts before the programme window opens ${prog.window.from}`);
        if (prog.window?.to && r.end > prog.window.to) fail(`晚于项目截止日期 ${prog.window.to}`, `ends after the programme window closes ${prog.window.to}`);
        if (t.available?.from && r.start < t.available.from) fail(`早于培训开始 ${t.available.from}`, `starts before the training period (${t.available.from})`);
        if (t.available?.to && r.end > t.available.to) fail(`晚于培训结束 ${t.available.to}`, `ends after the training period (${t.available.to})`);
      });
      return zh.length ? [{ code: "R-WINDOW", ids: [t.id], message: w.say(`${w.trainee(t.id)}：${zh.join("；")}`, `trainee "${t.id}": ${en.join("; ")}`) }] : [];
    })),
};
