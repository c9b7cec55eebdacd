/** R-ELIGIBLE: a placed trainee meets its programme's eligibility. */
import { type Check, resolved } from "./types.js";

export const checkEligible: Check = (ctx, plan) =>
  resolved(ctx, plan).flatMap(({ t }) =>
    ctx.eligibility(t).map((r) => ({ code: "R-ELIGIBLE", ids: [t.id], message: `trainee "${t.id}": ${r.message}` })),
  );
