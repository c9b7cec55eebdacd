/** R-DURATION: `add(start, min) ≤ end ≤ add(start, max)`, one continuous block. Enforced in a model by the candidates' spans. */
import { durationBounds } from "./context.js";
import type { Rule } from "./rule.js";
import { resolved } from "./types.js";

export const durationRule: Rule = {
  code: "R-DURATION",
  repairable: false,
  check: ({ ctx, plan, w }) =>
    resolved(ctx, plan).flatMap(({ t, p, prog }) => {
      const fail = (zh: string, en: string) => [{ code: "R-DURATION", ids: [t.id], message: w.say(`${w.trainee(t.id)}：${zh}`, `trainee "${t.id}": ${en}`) }];
      if (p.end <= p.start) return fail(`结束日期 ${p.end} 不晚于开始日期 ${p.start}`, `end ${p.end} is not after start ${p.start}`);
      const { minEnd, maxEnd } = durationBounds(prog, p.start);
      if (minEnd && p.end < minEnd) return fail(`[${p.start}, ${p.end}) 短于最短时长（应至 ${minEnd} 或以后结束）`, `[${p.start}, ${p.end}) is shorter than the minimum (end ≥ ${minEnd})`);
      if (maxEnd && p.end > maxEnd) return fail(`[${p.start}, ${p.end}) 长于最长时长（应在 ${maxEnd} 或以前结束）`, `[${p.start}, ${p.end}) is longer than the maximum (end ≤ ${maxEnd})`);
      return [];
    }),
};
