/** R-BUDGET: the total cost of a programme's placements stays within its cap. */
import type { Placement, Programme, Trainee, Violation } from "../model/types.js";
import type { Context } from "./context.js";
import { type Check, resolved } from "./types.js";

/** What one placement costs its programme: the amount of every cost row it matches. */
export function costOf(ctx: Context, prog: Programme, t: Trainee, p: Pick<Placement, "unit" | "dept">): number {
  let c = 0;
  for (const row of prog.budget?.costs ?? []) if (ctx.matches(row.where, t, p)) c += row.amount;
  return c;
}

export const checkBudget: Check = (ctx, plan) => {
  const spent = new Map<string, number>();
  for (const { t, p, prog } of resolved(ctx, plan)) if (prog.budget) spent.set(prog.id, (spent.get(prog.id) ?? 0) + costOf(ctx, prog, t, p));
  const out: Violation[] = [];
  for (const prog of ctx.instance.programmes) {
    const s = spent.get(prog.id) ?? 0;
    if (prog.budget && s > prog.budget.cap + 1e-9)
      out.push({ code: "R-BUDGET", ids: [prog.id], message: `programme "${prog.id}" spends ${s}, cap ${prog.budget.cap}` });
  }
  return out;
};
