/** R-ELIGIBLE: a placed trainee meets its programme's eligibility. Enforced in a model by the candidates (an ineligible trainee has none). */
import type { Rule } from "./rule.js";
import { resolved } from "./types.js";

export const eligibleRule: Rule = {
  code: "R-ELIGIBLE",
  repairable: false,
  check: ({ ctx, plan, w }) =>
    resolved(ctx, plan).flatMap(({ t }) =>
      ctx.eligibility(t, w.lang).map((r) => ({ code: "R-ELIGIBLE", ids: [t.id], message: w.say(`${w.trainee(t.id)}：${r.message}`, `trainee "${t.id}": ${r.message}`) })),
    ),
};
