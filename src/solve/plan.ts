/**
 * From an engine's solution to a SPEC §6 plan: placements with their mentors
 * named, support rows merged over consecutive slots, every unplaced trainee
 * with a reason; and the plan of an infeasible instance with the hard rows
 * that conflict.
 */
import type { Instance, Placement, Plan, PlanStatus, Reason, SupportRow, Unplaced, Violation } from "../model/types.js";
import type { Context } from "../rules/context.js";
import { verifyPlan } from "../verify.js";
import type { Backend, BackendResult } from "./backend.js";
import type { Candidate } from "./candidates.js";
import type { Formulation, Group } from "./formulate.js";
import { assignMentors } from "./mentors.js";
import { type LinearModel, type RowMeta, rowActivities, withSingletons } from "./model.js";
import type { Lang } from "../rules/words.js";

/** The plan's keys in SPEC §6 order, so plan files read the same everywhere. */
export function inSpecOrder(p: Plan): Plan {
  const { version, status, objective, bound, placements, residencies, support, unplaced, shortfalls, conflicts, changes } = p;
  const head = bound === undefined ? { version, status, objective } : { version, status, objective, bound };
  return { ...head, placements, ...(residencies !== undefined ? { residencies } : {}), support, unplaced, shortfalls, conflicts, ...(changes !== undefined ? { changes } : {}) };
}

/** A draft plan completed by its verification: the objective, the shortfalls and (with a baseline) the changes, in SPEC §6 order. */
export function completed(draft: Plan, v: { objective: number; shortfalls: readonly Plan["shortfalls"][number][]; changes?: number }): Plan {
  return inSpecOrder({ ...draft, objective: v.objective, shortfalls: v.shortfalls, ...(v.changes !== undefined ? { changes: v.changes } : {}) });
}

/** A plan of the given placements only, every other trainee unplaced with `reason` (status infeasible). */
export function basePlan(instance: Instance, placements: readonly Placement[], reason = ""): Plan {
  const placed = new Set(placements.map((p) => p.trainee));
  return {
    version: 1, status: "infeasible", objective: 0, placements, support: [],
    unplaced: instance.trainees.filter((t) => !placed.has(t.id)).map((t) => ({ trainee: t.id, reasons: [{ code: "INFEASIBLE", message: reason }] })),
    shortfalls: [], conflicts: [],
  };
}

export function infeasiblePlan(instance: Instance, pinned: readonly Placement[], conflicts: Violation[], lang: Lang = "zh"): Plan {
  const en = lang === "en";
  const draft: Plan = {
    ...basePlan(instance, pinned, en ? "the instance has no valid plan; see conflicts" : "本实例不存在满足全部硬性规则的方案，见冲突列表"),
    conflicts: conflicts.length ? conflicts : [{ code: "INFEASIBLE", ids: [], message: en ? "the hard rules cannot all hold" : "硬性规则无法同时满足" }],
  };
  return completed(draft, verifyPlan(instance, draft));
}

/**
 * The hard rows that cannot all hold: the model made elastic (every hard row
 * may be broken at a price), solved for the least total breach; the rows it
 * breaks are a small set of conflicting rules, in planner words.
 */
export async function findConflicts(backend: Backend, m: LinearModel, meta: readonly RowMeta[], timeLimitMs?: number, signal?: AbortSignal, lang: Lang = "zh"): Promise<Violation[]> {
  const hard: number[] = [];
  for (let r = 0; r < m.numRows; r++) if (!meta[r].soft && meta[r].kind !== "once") hard.push(r);
  const elastic = withSingletons({ ...m, offset: 0, colCost: new Float64Array(m.numCols) }, hard.map((r) => ({ row: r, value: Number.isFinite(m.rowUpper[r]) ? -1 : 1, cost: -1 })));
  const res = await backend.solve(elastic, { timeLimitMs: timeLimitMs ?? 60_000, signal });
  if (!res.x) return [];
  const out: Violation[] = [];
  hard.forEach((r, i) => {
    const breach = res.x![m.numCols + i];
    if (breach > 1e-6) {
      const by = +breach.toFixed(6);
      out.push({ code: meta[r].code, ids: [...meta[r].ids], message: lang === "en" ? `${meta[r].describe("en")} cannot hold (short by ${by})` : `${meta[r].describe("zh")}无法满足（差 ${by}）` });
    }
  });
  return out;
}

export function extractPlan(
  ctx: Context, instance: Instance, f: Formulation, res: BackendResult, groups: readonly Group[],
  excluded: ReadonlyMap<string, Reason[]>, model: LinearModel, keptRows: readonly number[], lang: Lang = "zh",
  /** SPEC §10: residents' rotations as placements, named with the 进修 placements in one assignment (a mentor's capacity counts both); `named` receives them with mentors. */
  residents?: { readonly fresh: readonly Placement[]; readonly fixed: readonly Placement[]; readonly named: (rotations: Placement[]) => void },
): Plan {
  const x = res.x!;
  const placements: Placement[] = [...(instance.pinned ?? [])];
  const chosen = new Map<string, { cand: Candidate }>();
  const b = ctx.slots.boundaries;
  const next = new Int32Array(groups.length);
  f.columns.forEach((c, j) => {
    if (c.kind !== "x") return;
    const g = groups[c.group];
    const n = Math.round(x[j]);
    for (let i = 0; i < n && next[c.group] < g.trainees.length; i++) chosen.set(g.trainees[next[c.group]++].id, { cand: f.candidate(c.group, c.cand) });
  });
  const fresh: Placement[] = [];
  for (const [id, { cand }] of chosen) {
    const p: Placement = { trainee: id, unit: cand.unit, dept: cand.dept, start: b[cand.k0], end: b[cand.k1] };
    const m = cand.mentors;
    if (cand.rotations)
      fresh.push({ ...p, rotations: cand.rotations.map((r, i) => ({ dept: r.dept, start: b[r.k0], end: b[r.k1], ...(m?.[i] ? { mentor: m[i] } : {}) })) });
    else fresh.push(m?.[0] ? { ...p, mentor: m[0] } : p);
  }
  const named = assignMentors(ctx, [...fresh, ...(residents?.fresh ?? [])], [...(instance.pinned ?? []), ...(residents?.fixed ?? [])]);
  placements.push(...named.slice(0, fresh.length));
  residents?.named(named.slice(fresh.length));

  // Support rows: per-slot counts merged over consecutive slots.
  const perSlot = new Map<string, number[]>();
  f.columns.forEach((c, j) => {
    if (c.kind !== "y") return;
    const n = Math.round(x[j]);
    if (n <= 0) return;
    const key = JSON.stringify([c.from, c.to, c.dept]);
    let row = perSlot.get(key);
    if (!row) perSlot.set(key, (row = new Array(ctx.slots.count).fill(0)));
    row[c.k] += n;
  });
  const support: SupportRow[] = [];
  for (const [key, row] of [...perSlot].sort(([a], [c]) => (a < c ? -1 : 1))) {
    const [from, to, dept] = JSON.parse(key) as string[];
    for (let k = 0; k < row.length; ) {
      if (row[k] === 0) {
        k++;
        continue;
      }
      let e = k;
      while (e < row.length && row[e] === row[k]) e++;
      support.push({ from, to, dept, start: b[k], end: b[e], count: row[k] });
      k = e;
    }
  }

  const status: PlanStatus = res.status === "optimal" ? "optimal" : res.status === "timeout" ? "timeout-feasible" : "feasible";
  // Unplaced with reasons: excluded outright, or lost the competition to binding rows.
  const binding = bindingRows(model, x, keptRows, f, lang);
  const unplaced: Unplaced[] = [];
  const placedIds = new Set(placements.map((p) => p.trainee));
  const colsOf = new Map<number, number[]>();
  f.columns.forEach((c, j) => {
    if (c.kind !== "x") return;
    const list = colsOf.get(c.group);
    if (list) list.push(j);
    else colsOf.set(c.group, [j]);
  });
  groups.forEach((g, gi) => {
    const left = g.trainees.filter((t) => !placedIds.has(t.id));
    if (left.length === 0) return;
    // Interchangeable trainees lost to the same rows.
    const lostTo = new Set<string>();
    for (const col of colsOf.get(gi) ?? []) for (const r of binding(col)) lostTo.add(r);
    const what = [...lostTo].slice(0, 4);
    const more = lostTo.size - what.length;
    const message =
      lang === "en"
        ? what.length
          ? `eligible, but ${status === "optimal" ? "the optimum" : "the plan"} used the room elsewhere; binding: ${what.join("; ")}${more > 0 ? ` (+${more} more)` : ""}`
          : "eligible, but placing this trainee would lower the objective (e.g. support cost)"
        : what.length
          ? `符合条件，但${status === "optimal" ? "最优方案" : "本方案"}把名额用在了别处；已用满：${what.join("；")}${more > 0 ? `（另有 ${more} 项）` : ""}`
          : "符合条件，但安排此人会降低总体得分（例如需要额外的下沉支援）";
    for (const t of left) unplaced.push({ trainee: t.id, reasons: [{ code: "CAPACITY-COMPETITION", message }] });
  });
  for (const [id, reasons] of excluded) unplaced.push({ trainee: id, reasons });
  unplaced.sort((a, c) => (a.trainee < c.trainee ? -1 : a.trainee > c.trainee ? 1 : 0));
  placements.sort((a, c) => (a.trainee < c.trainee ? -1 : a.trainee > c.trainee ? 1 : 0));

  const plan: Plan = { version: 1, status, objective: 0, placements, support, unplaced, shortfalls: [], conflicts: [] };
  return res.bound !== undefined && Number.isFinite(res.bound) ? { ...plan, bound: roundBound(res.bound, f.integralObjective) } : plan;
}

/** A proven bound, rounded down to a whole number when every objective coefficient is whole. */
function roundBound(bound: number, integral: boolean): number {
  return integral ? Math.floor(bound + 1e-6) : bound;
}

/** Rows at their limit in the solution, for a column: what a left-out trainee lost to (computed only for those asked). */
function bindingRows(m: LinearModel, x: Float64Array, keptRows: readonly number[], f: Formulation, lang: Lang): (col: number) => string[] {
  const act = rowActivities(m, x);
  return (j) => {
    const out: string[] = [];
    for (let k = m.starts[j]; k < m.starts[j + 1]; k++) {
      const r = m.indices[k];
      const meta = f.builder.rowMeta[keptRows[r]];
      if (meta.kind === "once" || meta.soft) continue;
      if (m.values[k] > 0 && act[r] >= m.rowUpper[r] - 1e-6) out.push(meta.describe(lang));
    }
    return out;
  };
}
