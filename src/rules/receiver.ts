/** R-RECEIVER: the receiving unit's tier, kind and relation to the home unit are allowed; TCM to TCM; not the home unit. Enforced in a model by the candidates. */
import type { Rule } from "./rule.js";
import { resolved } from "./types.js";

export const receiverRule: Rule = {
  code: "R-RECEIVER",
  repairable: false,
  check: ({ ctx, plan, w }) =>
    resolved(ctx, plan).flatMap(({ t, p, unit }) => {
      if (!unit) return [{ code: "R-RECEIVER", ids: [t.id, p.unit], message: w.say(`${w.trainee(t.id)}被安排到不存在的单位“${p.unit}”`, `trainee "${t.id}" is placed at unknown unit "${p.unit}"`) }];
      return ctx.receiverReasons(t, unit, w.lang).map((r) => ({ code: "R-RECEIVER", ids: [t.id, unit.id], message: w.say(`${w.trainee(t.id)}：${r.message}`, `trainee "${t.id}": ${r.message}`) }));
    }),
};
