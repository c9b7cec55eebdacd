/** R-COVERAGE: every unit of the row's tier with an eligible trainee in the programme gets ≥ `min` placements. Soft rows become shortfalls. */
import type { Coverage, Plan, Programme, Shortfall, Violation } from "../model/types.js";
import type { Context } from "./context.js";
import { type Check, resolved } from "./types.js";

/** Units a coverage row counts: of its tier, with at least one eligible trainee in the programme. */
export function coveredUnits(ctx: Context, prog: Programme, row: Coverage): string[] {
  const out = new Set<string>();
  for (const t of ctx.instance.trainees) {
    if (t.programme !== prog.id || out.has(t.unit)) continue;
    if (ctx.units.get(t.unit)?.tier === row.tier && ctx.eligibility(t).length === 0) out.add(t.unit);
  }
  return [...out].sort();
}

function placementsByHome(ctx: Context, plan: Plan, prog: Programme): Map<string, number> {
  const n = new Map<string, number>();
  for (const { t } of resolved(ctx, plan)) if (t.programme === prog.id) n.set(t.unit, (n.get(t.unit) ?? 0) + 1);
  return n;
}

export const checkCoverage: Check = (ctx, plan) => {
  const out: Violation[] = [];
  for (const prog of ctx.instance.programmes) {
    if (!prog.coverage?.length) continue;
    const n = placementsByHome(ctx, plan, prog);
    prog.coverage.forEach((row, i) => {
      if (row.hard === false) return;
      for (const u of coveredUnits(ctx, prog, row)) {
        const got = n.get(u) ?? 0;
        if (got < row.min)
          out.push({ code: "R-COVERAGE", ids: [prog.id, `coverage[${i}]`, u], message: `programme "${prog.id}" coverage ${i}: "${u}" has ${got} placements, minimum ${row.min}` });
      }
    });
  }
  return out;
};

export function coverageShortfalls(ctx: Context, plan: Plan): Shortfall[] {
  const out: Shortfall[] = [];
  for (const prog of ctx.instance.programmes) {
    if (!prog.coverage?.length) continue;
    const n = placementsByHome(ctx, plan, prog);
    prog.coverage.forEach((row, i) => {
      if (row.hard !== false) return;
      const units = coveredUnits(ctx, prog, row);
      const needed = row.min * units.length;
      const got = units.reduce((s, u) => s + Math.min(n.get(u) ?? 0, row.min), 0);
      if (got < needed) out.push({ programme: prog.id, rule: "coverage", index: i, needed, got });
    });
  }
  return out;
}
