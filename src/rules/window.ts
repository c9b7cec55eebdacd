/** R-WINDOW: `[start, end)` lies inside the calendar, the programme window and the trainee's availability, on slot boundaries. Enforced in a model by the candidates' spans. */
import type { Violation } from "../model/types.js";
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
    }),
};
