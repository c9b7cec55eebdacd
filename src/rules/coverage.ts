/**
 * R-COVERAGE: every unit of the row's tier with an eligible trainee in the
 * programme gets ≥ `min` placements; soft rows become shortfalls. In a model:
 * one `≥` row per covered unit (soft where the coverage is).
 */
import type { Coverage, Plan, Programme, Shortfall, Violation } from "../model/types.js";
import type { Context } from "./context.js";
import { key } from "./keys.js";
import type { Judgement, Rule, RowHost } from "./rule.js";
import { resolved } from "./types.js";
import { wordsOf } from "./words.js";

const unitsCache = new WeakMap<Context, Map<string, string[]>>();

/** Units a coverage row counts: of its tier, with at least one eligible trainee in the programme. */
export function coveredUnits(ctx: Context, prog: Programme, row: Coverage): string[] {
  let byRow = unitsCache.get(ctx);
  if (!byRow) unitsCache.set(ctx, (byRow = new Map()));
  const i = (prog.coverage ?? []).indexOf(row);
  const id = key(prog.id, i);
  const hit = i >= 0 ? byRow.get(id) : undefined;
  if (hit) return hit;
  const out = new Set<string>();
  for (const t of ctx.instance.trainees) {
    if (t.programme !== prog.id || out.has(t.unit)) continue;
    if (ctx.units.get(t.unit)?.tier === row.tier && ctx.eligibility(t).length === 0) out.add(t.unit);
  }
  const units = [...out].sort();
  if (i >= 0) byRow.set(id, units);
  return units;
}

/** Placements of a programme per home unit. */
export function placementsByHome(ctx: Context, plan: Pick<Plan, "placements">, prog: Programme): Map<string, number> {
  const n = new Map<string, number>();
  for (const { t } of resolved(ctx, plan)) if (t.programme === prog.id) n.set(t.unit, (n.get(t.unit) ?? 0) + 1);
  return n;
}

/** A coverage row on a plan: the units counted, the §6 shortfall totals, the units short (the rule's verdict per unit). */
export function coverageStatus(ctx: Context, plan: Pick<Plan, "placements">, prog: Programme, row: Coverage): { units: string[]; needed: number; got: number; missing: string[] } {
  const byHome = placementsByHome(ctx, plan, prog);
  const units = coveredUnits(ctx, prog, row);
  return {
    units,
    needed: row.min * units.length,
    got: units.reduce((s, u) => s + Math.min(byHome.get(u) ?? 0, row.min), 0),
    missing: units.filter((u) => (byHome.get(u) ?? 0) < row.min),
  };
}

const rowKey = (prog: Programme, i: number, unit: string) => key("cov", prog.id, i, unit);

const shortfallsOf = ({ ctx, plan }: Judgement): Shortfall[] => {
  const out: Shortfall[] = [];
  for (const prog of ctx.instance.programmes) {
    if (!prog.coverage?.length) continue;
    prog.coverage.forEach((row, i) => {
      if (row.hard !== false) return;
      const { needed, got } = coverageStatus(ctx, plan, prog, row);
      if (got < needed) out.push({ programme: prog.id, rule: "coverage", index: i, needed, got });
    });
  }
  return out;
};

export const coverageRule: Rule = {
  code: "R-COVERAGE",
  repairable: true,
  check({ ctx, plan, w }) {
    const out: Violation[] = [];
    for (const prog of ctx.instance.programmes) {
      if (!prog.coverage?.length) continue;
      const n = placementsByHome(ctx, plan, prog);
      prog.coverage.forEach((row, i) => {
        if (row.hard === false) return;
        for (const u of coverageStatus(ctx, plan, prog, row).missing) {
          const got = n.get(u) ?? 0;
          out.push({
            code: "R-COVERAGE", ids: [prog.id, `coverage[${i}]`, u],
            message: w.say(`${w.programme(prog.id)}覆盖要求：${w.unit(u)}安排 ${got} 人，至少应 ${row.min} 人`, `programme "${prog.id}" coverage ${i}: "${u}" has ${got} placements, minimum ${row.min}`),
          });
        }
      });
    }
    return out;
  },
  shortfalls: shortfallsOf,
  rows: {
    bounds(h: RowHost, prog) {
      (prog.coverage ?? []).forEach((row, i) => {
        for (const u of coveredUnits(h.ctx, prog, row)) {
          const need = row.min - h.fixed.byHome(prog.id, u);
          if (need > 0)
            h.row(rowKey(prog, i, u), () => ({
              lb: need,
              ub: Infinity,
              meta: {
                kind: "coverage", code: "R-COVERAGE", ids: [prog.id, `coverage[${i}]`, u], soft: row.hard === false,
                describe: (lang) => {
                  const w = wordsOf(h.ctx, lang);
                  return w.say(`${w.programme(prog.id)}覆盖要求：${w.unit(u)}至少 ${row.min} 人`, `coverage ${i} of "${prog.id}": "${u}" needs ${row.min} placement(s)`);
                },
              },
            }));
        }
      });
    },
    groupEntries(h, gi, add) {
      const g = h.groups[gi];
      const t = g.trainees[0];
      (g.prog.coverage ?? []).forEach((row, i) => {
        const k = rowKey(g.prog, i, t.unit);
        if (coveredUnits(h.ctx, g.prog, row).includes(t.unit) && h.hasRow(k)) add(h.row(k, unreachable), 1);
      });
    },
  },
  reads: (_ctx, t) => key(t.unit),
};

function unreachable(): never {
  throw new Error("coverage: row requested before it was made");
}
