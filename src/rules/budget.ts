/**
 * R-BUDGET: the total cost of a programme's placements stays within its cap.
 * In a model: one row per programme, scaled by its largest cost.
 */
import type { Placement, Plan, Programme, Trainee, Violation } from "../model/types.js";
import type { Context } from "./context.js";
import { key } from "./keys.js";
import { onReceivingSide } from "./quota.js";
import type { Rule } from "./rule.js";
import { resolved } from "./types.js";
import { wordsOf } from "./words.js";

/** What one placement costs its programme: the amount of every cost row it matches. */
export function costOf(ctx: Context, prog: Programme, t: Trainee, p: Pick<Placement, "unit" | "dept">): number {
  let c = 0;
  for (const row of prog.budget?.costs ?? []) if (ctx.matches(row.where, t, p)) c += row.amount;
  return c;
}

/**
 * Budget rows are scaled by the largest cost (e.g. ¥10,000 → 1), which keeps
 * the matrix well conditioned; when every cost and the cap are whole multiples
 * of it the scaled row is exact.
 */
function budgetScale(prog: Programme): number {
  const amounts = (prog.budget!.costs ?? []).map((c) => c.amount).filter((a) => a > 0);
  return amounts.length ? Math.max(...amounts) : 1;
}

const costBits = (ctx: Context, t: Trainee, target: Pick<Placement, "unit" | "dept"> | undefined, receiving: boolean) =>
  (ctx.programmeOf(t).budget?.costs ?? []).filter((r) => onReceivingSide(r.where) === receiving).map((r) => (ctx.matches(r.where, t, target) ? "1" : "0")).join("");

/** What each programme with a budget spends on a plan's placements. */
export function spentOf(ctx: Context, plan: Pick<Plan, "placements">): Map<string, number> {
  const spent = new Map<string, number>();
  for (const { t, p, prog } of resolved(ctx, plan)) if (prog.budget) spent.set(prog.id, (spent.get(prog.id) ?? 0) + costOf(ctx, prog, t, p));
  return spent;
}

/** The rule's verdict on a programme's spending. */
export const withinBudget = (prog: Programme, spent: number): boolean => !prog.budget || spent <= prog.budget.cap + 1e-9;

export const budgetRule: Rule = {
  code: "R-BUDGET",
  repairable: false,
  check({ ctx, plan, w }) {
    const spent = spentOf(ctx, plan);
    const out: Violation[] = [];
    for (const prog of ctx.instance.programmes) {
      const s = spent.get(prog.id) ?? 0;
      if (!withinBudget(prog, s))
        out.push({ code: "R-BUDGET", ids: [prog.id], message: w.say(`${w.programme(prog.id)}经费支出 ${s} 元，超过上限 ${prog.budget!.cap} 元`, `programme "${prog.id}" spends ${s}, cap ${prog.budget!.cap}`) });
    }
    return out;
  },
  rows: {
    pairEntries(h, gi, target, add) {
      const g = h.groups[gi];
      const prog = g.prog;
      if (!prog.budget) return;
      const cost = costOf(h.ctx, prog, g.trainees[0], target);
      if (cost === 0) return;
      const row = h.row(key("bud", prog.id), () => ({
        lb: -Infinity,
        ub: (prog.budget!.cap - h.fixed.cost(prog.id)) / budgetScale(prog),
        meta: {
          kind: "budget", code: "R-BUDGET", ids: [prog.id],
          describe: (lang) => {
            const w = wordsOf(h.ctx, lang);
            return w.say(`${w.programme(prog.id)}的经费（上限 ${prog.budget!.cap} 元）`, `budget of "${prog.id}" (cap ${prog.budget!.cap})`);
          },
        },
      }));
      add(row, cost / budgetScale(prog));
    },
  },
  reads: (ctx, t) => costBits(ctx, t, undefined, false),
  readsAt: (ctx, t, target) => costBits(ctx, t, target, true),
};
