/** R-RECEIVER: the receiving unit's tier, kind and relation to the home unit are allowed; TCM to TCM; not the home unit. */
import { type Check, resolved } from "./types.js";

export const checkReceiver: Check = (ctx, plan) =>
  resolved(ctx, plan).flatMap(({ t, p, unit }) => {
    if (!unit) return [{ code: "R-RECEIVER", ids: [t.id, p.unit], message: `trainee "${t.id}" is placed at unknown unit "${p.unit}"` }];
    return ctx.receiverReasons(t, unit).map((r) => ({ code: "R-RECEIVER", ids: [t.id, unit.id], message: `trainee "${t.id}": ${r.message}` }));
  });
