/**
 * Column generation with reduced-cost closure: how jinxiu carries a province.
 *
 * This is a price-coordinated decomposition. The coupling between trainees is
 * thin — receiving capacity and mentors per slot, staffing of home units,
 * quotas, coverage and budgets — and all of it lives in one small master LP.
 * Each trainee group's subproblem (its best unit × department × span at the
 * current prices) is solved by walking its implicit candidates with prefix
 * sums of the slot rows' duals (`Formulation.price`): tens of millions of
 * candidates are priced per round without making one column.
 *
 * 1. Master LP over a restricted set of placement columns (a greedy plan's
 *    and each group's best-valued few); price every other candidate with the
 *    LP's row duals (reduced cost c − Aᵀπ), add the best few per group, until
 *    none prices out. The LP value U is then the LP optimum over *all*
 *    columns: a global upper bound on the MILP. Before that, every round
 *    proves the Lagrangian bound U(π) = master value + Σ group size × the
 *    group's best reduced cost; with a gap target (or half the time gone) the
 *    master stops once that bound is close. Each master LP starts from the
 *    last round's basis. Hard `≥` rows get elastic columns at a high price so
 *    the master is feasible from the first round (more columns: still a
 *    relaxation, U stays a bound).
 * 2. The MILP over the restricted columns, started from the greedy plan
 *    (incumbent z).
 * 3. A column with reduced cost r can only appear in an integer solution of
 *    value ≤ U(π) + r. Every column with U(π) + r above z (plus the objective's
 *    granularity; at most 300,000 a round, best first, the rest counted in the
 *    bound) is added and step 2 repeated; once none is missing, the
 *    restricted optimum is a global optimum. With a gap target, the loop stops
 *    as soon as z is within it of U. Either way the bound reported is proven
 *    for the whole model.
 */
import type { Backend, BackendOptions, BackendResult, Basis } from "./backend.js";
import { spanFits } from "./candidates.js";
import type { Formulation } from "./formulate.js";
import { type LinearModel, lpRelaxation, objectiveAt, padded, withSingletons } from "./model.js";
import { priceAndDive } from "./schedule-dive.js";

export interface PricingOptions extends BackendOptions {
  /** Wall-clock deadline (ms since the epoch). */
  readonly deadline?: number;
  /** Columns added per group and round (default 4; 8 with §9 schedule families). */
  readonly perGroup?: number;
  /** Largest number of columns the closure may add in one round, best reduced cost first (default 300,000). */
  readonly maxClosure?: number;
  readonly onPhase?: (phase: `pricing ${number}` | "dive" | `restricted MILP ${number}`) => void;
}

export interface PricingResult extends BackendResult {
  /** Placement columns in the final restricted model. */
  readonly columnsUsed: number;
}

/**
 * Solves the formulation by pricing. `start` gives the values of columns
 * already in `f` (a greedy plan). Returns undefined when the master cannot be
 * made feasible or the restricted MILP has no solution (the caller then
 * builds the whole model).
 */
export async function solveByPricing(backend: Backend, f: Formulation, options: PricingOptions): Promise<PricingResult | undefined> {
  const remaining = () => (options.deadline !== undefined ? Math.max(1, options.deadline - Date.now()) : undefined);
  const expired = () => options.signal?.aborted === true || (options.deadline !== undefined && Date.now() >= options.deadline);
  // Schedule families (§9) have many near-equal splits: more of them a round, fewer rounds.
  const perGroup = options.perGroup ?? (f.groups.some((g) => g.family.schedules) ? 8 : 4);
  const integral = f.integralObjective;
  const eps = 1e-7;
  const groups = f.groups.length;

  // 1. Master LP with pricing.
  /** The best proven bound on the LP over all columns so far. */
  let upper = Infinity;
  /** The last duals, and the bound U(π) they prove (for the closure: a plan using column j is worth ≤ U(π) + rc_j). */
  let dual: Float64Array | undefined;
  let dualBound = Infinity;
  const best: { ci: number; rc: number }[][] = Array.from({ length: groups }, () => []);
  const delta = new Float64Array(groups);
  /** Per group, Σ positive reduced costs of its master columns (each at its upper bound, the group's size). */
  const inMaster = new Float64Array(groups);
  const sizes = Float64Array.from(f.groups, (g) => g.trainees.length);
  // The last round's basis by builder column and row, so each master LP starts where the last one ended.
  let colStat: Int32Array | undefined, rowStat: Int32Array | undefined, elasticStat: Int32Array | undefined;
  const started = Date.now();
  let elasticUsed = false;
  /** The starting plan's objective (its columns are in the model from the first round). */
  const startValue = options.start ? f.builder.objectiveAt(options.start) : undefined;
  for (let round = 0; round < 500 && !expired(); round++) {
    options.onPhase?.(`pricing ${round + 1}`);
    const { model, keptRows } = f.builder.build();
    const master = elastic(lpRelaxation(model), keptRows, f);
    const basis = colStat && rowStat && elasticStat ? warmBasis(master, model.numCols, keptRows, colStat, rowStat, elasticStat) : undefined;
    const lp = await backend.solve(master, { timeLimitMs: remaining(), engineOptions: options.engineOptions, basis, signal: options.signal });
    if (lp.status !== "optimal" || !lp.rowDual || lp.objective === undefined) break;
    // Elastic columns in the master's optimum: no plan meets the hard minimums (the caller explains).
    elasticUsed = !!lp.x && lp.x.subarray(model.numCols).some((v) => v > 1e-7);
    if (lp.basis) {
      colStat = lp.basis.colStatus.slice(0, model.numCols);
      elasticStat = lp.basis.colStatus.slice(model.numCols);
      rowStat = new Int32Array(f.builder.rowLower.length).fill(-1);
      keptRows.forEach((r, i) => (rowStat![r] = lp.basis!.rowStatus[i]));
    }
    dual = builderDuals(lp.rowDual, keptRows, f.builder.rowLower.length);
    for (const list of best) list.length = 0;
    delta.fill(0);
    inMaster.fill(0);
    let found = 0;
    f.price(dual, eps, (gi, ci, rc) => {
      if (rc > delta[gi]) delta[gi] = rc;
      if (f.column(gi, ci) !== undefined) {
        // A master column at its upper bound (the whole group in it, e.g. a kept baseline entry) prices
        // above 0: the master's value already counts that.
        inMaster[gi] += rc;
        return;
      }
      const list = best[gi];
      if (list.length < perGroup) list.push({ ci, rc });
      else {
        let worst = 0;
        for (let i = 1; i < list.length; i++) if (list[i].rc < list[worst].rc) worst = i;
        if (rc <= list[worst].rc) return;
        list[worst] = { ci, rc };
      }
      found++;
    }, perGroup);
    if (found === 0) upper = dualBound = lp.objective;
    else {
      // Lagrangian bound: the master's value is Σ row duals × bounds + Σ column upper bounds × positive
      // reduced costs (a master column of a group: the group's size); any plan gains at most its size × its
      // best reduced cost per group instead (a group's columns sum to at most its size).
      dualBound = lp.objective;
      for (let gi = 0; gi < groups; gi++) dualBound += sizes[gi] * (delta[gi] - inMaster[gi]);
      upper = Math.min(upper, dualBound);
    }
    options.onProgress?.({ bound: upper });
    // The starting plan (a re-plan's kept baseline entries, repaired greedily) within the gap target of the
    // bound, or at it: that plan is the answer, with no restricted MILP (the bound holds for every column).
    const relGap = options.relGap ?? 0;
    if (startValue !== undefined && !elasticUsed && withinGap(startValue, upper, relGap > 0 ? options : {}, integral)) {
      const proven = withinGap(startValue, upper, {}, integral);
      return { status: proven ? "optimal" : "feasible", x: padded(options.start!, f.builder.numCols), objective: startValue, bound: proven ? startValue : upper, columnsUsed: model.numCols };
    }
    if (found === 0) break;
    // With a gap target, the master need not converge: stop once its value is well within the target of
    // the bound, or once it has used half the time left.
    if (relGap > 0 && dualBound - lp.objective <= (relGap / 4) * Math.max(1, Math.abs(dualBound))) break;
    if (options.deadline !== undefined && Date.now() - started > (options.deadline - started) / 2) break;
    best.forEach((list, gi) => {
      list.sort((a, b) => b.rc - a.rc || a.ci - b.ci);
      for (const { ci } of list) f.add(gi, ci);
    });
  }
  const bounded = upper !== Infinity && dual !== undefined;

  // §9 schedule families: an integer plan by diving on the master (schedule-dive.ts) starts the
  // restricted MILP, or is the answer when it is within the gap target of the master's bound.
  let start = options.start;
  if (bounded && !elasticUsed && f.groups.some((g) => g.family.schedules) && !expired()) {
    options.onPhase?.("dive");
    const now = Date.now();
    const deadline = options.deadline !== undefined ? now + (options.deadline - now) / 2 : now + 60_000;
    const dive = await priceAndDive(backend, f, { deadline, signal: options.signal, colStat, rowStat: !(elasticStat ?? new Int32Array(0)).some((v) => v === 1) ? rowStat : undefined });
    const { model } = f.builder.build();
    const from = start ? objectiveAt(model, padded(start, model.numCols)) : -Infinity;
    if (dive && dive.objective > from + 1e-9) {
      start = padded(dive.x, model.numCols);
      options.onProgress?.({ incumbent: dive.objective, bound: upper });
      if ((options.relGap ?? 0) > 0 && withinGap(dive.objective, upper, options, integral))
        return { status: withinGap(dive.objective, upper, {}, integral) ? "optimal" : "feasible", x: padded(dive.x, f.builder.numCols), objective: dive.objective, bound: Math.max(dive.objective, upper), columnsUsed: model.numCols };
    }
  }

  // 2–3. MILP on the restricted set, closed under reduced costs.
  let last: BackendResult | undefined;
  /** Largest U + rc over candidates outside the model `last` was solved on. */
  let outside = Infinity;
  let widen = 0;
  for (let round = 0; round < 8; round++) {
    // Out of time before a restricted MILP: the caller falls back on the greedy plan (no model built in vain).
    if (expired() && !last) return undefined;
    options.onPhase?.(`restricted MILP ${round + 1}`);
    const { model } = f.builder.build();
    const from = last?.x ?? start;
    const got = await backend.solve(model, {
      ...options,
      start: from ? padded(from, model.numCols) : undefined,
      timeLimitMs: remaining(),
      // The restricted model's own bound is not global: progress reports the master's.
      onProgress: (p) => options.onProgress?.({ incumbent: p.incumbent, bound: bounded ? upper : undefined }),
    });
    const res = round === 0 ? withStart(got, model, start !== options.start ? start : undefined) : got;
    if (!res.x || res.objective === undefined) {
      // No plan from the engine (e.g. out of time): the caller falls back on the greedy plan. The
      // restricted model's own bound is not global; the master's is.
      if (last?.x) break;
      // The master meets every hard row but the generated columns hold no integer plan: give each
      // group its next best candidates by reduced cost (8, then 32, 128) and try again.
      if (res.status === "infeasible" && bounded && !elasticUsed && widen < 3 && !expired()) {
        const n = 8 * 4 ** widen++;
        const best: { ci: number; rc: number }[][] = Array.from({ length: groups }, () => []);
        f.price(dual!, -Infinity, (gi, ci, rc) => {
          if (f.column(gi, ci) === undefined) best[gi].push({ ci, rc });
        }, n);
        best.forEach((list, gi) => {
          list.sort((a, b) => b.rc - a.rc || a.ci - b.ci);
          for (const { ci } of list.slice(0, n)) f.add(gi, ci);
        });
        continue;
      }
      return res.status === "infeasible" ? undefined : { status: res.status, bound: bounded ? upper : undefined, message: res.message, columnsUsed: model.numCols };
    }
    last = res;
    if (!bounded) break;
    // Within the gap target of the master's bound already: done (the bound is the master's).
    if (withinGap(res.objective, upper, options, integral) && (options.relGap ?? 0) > 0) {
      outside = Infinity;
      break;
    }
    // Candidates that could still beat z: reduced cost above z − U (+ the objective's granularity).
    const threshold = res.objective - dualBound + (integral ? 1 : 0) - 1e-6;
    const found: { gi: number; ci: number; rc: number }[] = [];
    f.price(dual!, threshold, (gi, ci, rc) => {
      if (f.column(gi, ci) === undefined) found.push({ gi, ci, rc });
    });
    // The most promising first when there are more than one round may add; the rest stay outside.
    const cap = options.maxClosure ?? 300_000;
    if (found.length > cap) found.sort((a, b) => b.rc - a.rc || a.gi - b.gi || a.ci - b.ci);
    const adds = found.slice(0, cap);
    const best = found.reduce((m, c) => Math.max(m, c.rc), threshold);
    // None above the threshold: no plan using an outside column beats z (by the granularity), so
    // the restricted MILP's own bound is global.
    outside = found.length === 0 ? -Infinity : dualBound + best;
    if (found.length === 0 || withinGap(res.objective, Math.min(upper, Math.max(res.bound ?? upper, outside)), options, integral)) break;
    if (res.status === "timeout" || expired()) break;
    for (const { gi, ci } of adds) f.add(gi, ci);
  }
  if (!last?.x || last.objective === undefined) return undefined;
  // Bound: the restricted MILP's bound covers columns inside; a column left out can reach at most U + rc.
  const bound = bounded ? Math.max(last.objective, Math.min(upper, Math.max(last.bound ?? upper, outside))) : undefined;
  // Within a requested gap the search stops, but only a closed gap is called optimal.
  const proven = bound !== undefined && withinGap(last.objective, bound, {}, integral);
  return {
    status: proven ? "optimal" : last.status === "timeout" || expired() ? "timeout" : "feasible",
    x: padded(last.x, f.builder.numCols),
    objective: last.objective,
    bound,
    columnsUsed: last.x.length,
  };
}

/** The engine may drop a start it finds marginally infeasible: the dive's plan stays when it is better. */
function withStart(res: BackendResult, model: LinearModel, start: Float64Array | undefined): BackendResult {
  if (!start) return res;
  const x = padded(start, model.numCols);
  const z = objectiveAt(model, x);
  return res.objective === undefined || z > res.objective + 1e-9 ? { ...res, status: res.status === "infeasible" ? "timeout" : res.status, x, objective: z } : res;
}

/** Whether `z` is at `bound` (within the objective's granularity) or within `o.relGap` of it. */
export function withinGap(z: number, bound: number, o: Pick<BackendOptions, "relGap">, integral: boolean): boolean {
  const gap = bound - z;
  if (gap <= (integral ? 1 - 1e-6 : 1e-6 * Math.max(1, Math.abs(bound)))) return true;
  return o.relGap !== undefined && o.relGap > 0 && gap <= o.relGap * Math.max(1, Math.abs(bound));
}

/** A starting basis for this round's master from the last round's: new columns at their lower bound, new rows basic. */
export function warmBasis(master: LinearModel, numCols: number, keptRows: readonly number[], colStat: Int32Array, rowStat: Int32Array, elasticStat: Int32Array): Basis | undefined {
  if (master.numCols - numCols !== elasticStat.length) return undefined;
  const cols = new Int32Array(master.numCols);
  cols.set(colStat.subarray(0, Math.min(colStat.length, numCols)));
  cols.set(elasticStat, numCols);
  const rows = Int32Array.from(keptRows, (r) => (r < rowStat.length && rowStat[r] >= 0 ? rowStat[r] : 1));
  return { colStatus: cols, rowStatus: rows };
}

/** Duals by builder row (rows the model dropped: 0). */
export function builderDuals(rowDual: Float64Array, keptRows: readonly number[], nRows: number): Float64Array {
  const out = new Float64Array(nRows);
  keptRows.forEach((r, i) => (out[r] = rowDual[i]));
  return out;
}

/**
 * The model with an elastic column on each hard `≥` row (quota minimums,
 * coverage), priced far below any placement, so the master LP is feasible
 * before the columns that meet those rows have been generated.
 */
export function elastic(m: LinearModel, keptRows: readonly number[], f: Formulation): LinearModel {
  const hard = new Set(f.hardMinRows);
  const rows: number[] = [];
  keptRows.forEach((r, i) => {
    if (hard.has(r)) rows.push(i);
  });
  if (rows.length === 0) return m;
  let big = 1;
  for (let j = 0; j < m.numCols; j++) big = Math.max(big, Math.abs(m.colCost[j]));
  return withSingletons(m, rows.map((row) => ({ row, value: 1, cost: -1000 * big })));
}

/** Starting columns for pricing: each group's `n` best-valued candidates, earliest first. */
export function seedColumns(f: Formulation, n: number): void {
  f.groups.forEach((g, gi) => {
    const fam = g.family;
    if (fam.explicit) {
      const order = fam.explicit.map((_, ci) => ci).sort((a, b) => fam.explicit![b].value - fam.explicit![a].value || a - b);
      for (const ci of order.slice(0, n)) f.add(gi, ci);
      return;
    }
    const order = fam.pairs.map((_, p) => p).sort((a, b) => fam.pairs[b].value - fam.pairs[a].value || a - b);
    const ns = fam.spans.length / 2;
    let taken = 0;
    // The candidate that keeps the baseline entry (SPEC §11.1) is seeded first.
    if (fam.bonus) {
      f.add(gi, fam.bonus.ci);
      taken++;
    }
    for (const p of order) {
      for (let s = 0; s < ns && taken < n; s++)
        if (spanFits(fam, fam.pairs[p], s)) {
          f.add(gi, p * ns + s);
          taken++;
        }
      if (taken >= n) break;
    }
  });
}
