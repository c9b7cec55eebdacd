/**
 * R-ELIGIBLE: a placed trainee (or scheduled resident, SPEC §10 reading 19:
 * one violation per resident) meets its programme's eligibility. Enforced in
 * a model by the candidates (an ineligible trainee has none).
 */
import type { Violation } from "../model/types.js";
import { residencies } from "./residents.js";
import type { Rule } from "./rule.js";
import { resolved } from "./types.js";

export const eligibleRule: Rule = {
  code: "R-ELIGIBLE",
  repairable: false,
  check: ({ ctx, plan, w }) => [
    ...resolved(ctx, plan).flatMap(({ t }) =>
      ctx.eligibility(t, w.lang).map((r) => ({ code: "R-ELIGIBLE", ids: [t.id], message: w.say(`${w.trainee(t.id)}：${r.message}`, `trainee "${t.id}": ${r.message}`) })),
    ),
    ...residencies(ctx, plan).flatMap(({ info: { t } }): Violation[] => {
      const reasons = ctx.eligibility(t, w.lang);
      return reasons.length ? [{ code: "R-ELIGIBLE", ids: [t.id], message: w.say(`${w.trainee(t.id)}：${reasons.map((r) => r.message).join("；")}`, `trainee "${t.id}": ${reasons.map((r) => r.message).join("; ")}`) }] : [];
    }),
  ],
};
