/** R-QUOTA: hard `min`, every `max` and every `maxShare` of each programme's quota rows. Soft `min` rows become shortfalls. */
import type { Plan, Shortfall, Violation } from "../model/types.js";
import type { Context } from "./context.js";
import { type Check, resolved } from "./types.js";

/** Placements of a programme matching each quota row, and all placements of the programme. */
export function quotaCounts(ctx: Context, plan: Plan): Map<string, { total: number; rows: number[] }> {
  const out = new Map<string, { total: number; rows: number[] }>();
  for (const prog of ctx.instance.programmes) out.set(prog.id, { total: 0, rows: (prog.quotas ?? []).map(() => 0) });
  for (const { t, p, prog } of resolved(ctx, plan)) {
    const c = out.get(prog.id)!;
    c.total++;
    (prog.quotas ?? []).forEach((q, i) => {
      if (ctx.matches(q.where, t, p)) c.rows[i]++;
    });
  }
  return out;
}

export const checkQuota: Check = (ctx, plan) => {
  const out: Violation[] = [];
  const counts = quotaCounts(ctx, plan);
  for (const prog of ctx.instance.programmes) {
    const c = counts.get(prog.id)!;
    (prog.quotas ?? []).forEach((q, i) => {
      const n = c.rows[i];
      const fail = (message: string) => out.push({ code: "R-QUOTA", ids: [prog.id, `quotas[${i}]`], message: `programme "${prog.id}" quota ${i}: ${message}` });
      if (q.min !== undefined && q.hard !== false && n < q.min) fail(`${n} placements, minimum ${q.min}`);
      if (q.max !== undefined && n > q.max) fail(`${n} placements, maximum ${q.max}`);
      if (q.maxShare !== undefined && n > q.maxShare * c.total + 1e-9) fail(`${n} of ${c.total} placements, more than share ${q.maxShare}`);
    });
  }
  return out;
};

export function quotaShortfalls(ctx: Context, plan: Plan): Shortfall[] {
  const counts = quotaCounts(ctx, plan);
  const out: Shortfall[] = [];
  for (const prog of ctx.instance.programmes)
    (prog.quotas ?? []).forEach((q, i) => {
      const got = counts.get(prog.id)!.rows[i];
      if (q.hard === false && q.min !== undefined && got < q.min) out.push({ programme: prog.id, rule: "quota", index: i, needed: q.min, got });
    });
  return out;
}
