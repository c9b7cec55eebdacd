/**
 * Column generation with reduced-cost closure, for models too large to hand
 * to the engine whole.
 *
 * 1. Solve the LP relaxation over a restricted set of placement columns; price
 *    every other column with the LP's row duals (reduced cost c − Aᵀπ) and add
 *    the best-priced ones, until none prices out. The LP value U is then the
 *    LP optimum over *all* columns: a valid upper bound on the MILP.
 * 2. Solve the MILP over the restricted columns (incumbent z).
 * 3. A column with reduced cost r can only appear in an integer solution of
 *    value ≤ U + r. So every column with U + r above z (plus the objective's
 *    granularity) is added and step 2 repeated; once none is missing, the
 *    restricted optimum is a global optimum, and the reported bound stays a
 *    proven bound for the whole model.
 */
import type { Backend, BackendOptions, BackendResult } from "./backend.js";
import type { LinearModel } from "./model.js";

export interface PricingInput {
  readonly model: LinearModel;
  /** Group of each placement column (-1: other columns, always kept). */
  readonly groupOf: Int32Array;
  /** Columns to start with. */
  readonly initial: Uint8Array;
  /** Whether every objective coefficient is whole (then integer solutions differ by ≥ 1). */
  readonly integral: boolean;
}

/** The columns `keep` of a model, as a model of their own. */
export function subModel(m: LinearModel, cols: readonly number[], relax = false): LinearModel {
  let nnz = 0;
  for (const j of cols) nnz += m.starts[j + 1] - m.starts[j];
  const starts = new Int32Array(cols.length + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let k = 0;
  cols.forEach((j, c) => {
    starts[c] = k;
    for (let p = m.starts[j]; p < m.starts[j + 1]; p++) {
      indices[k] = m.indices[p];
      values[k++] = m.values[p];
    }
  });
  starts[cols.length] = k;
  return {
    numCols: cols.length,
    numRows: m.numRows,
    offset: m.offset,
    colCost: Float64Array.from(cols, (j) => m.colCost[j]),
    colLower: Float64Array.from(cols, (j) => m.colLower[j]),
    colUpper: Float64Array.from(cols, (j) => m.colUpper[j]),
    integer: relax ? new Uint8Array(cols.length) : Uint8Array.from(cols, (j) => m.integer[j]),
    rowLower: m.rowLower,
    rowUpper: m.rowUpper,
    starts,
    indices,
    values,
  };
}

function reducedCosts(m: LinearModel, dual: Float64Array): Float64Array {
  const rc = new Float64Array(m.numCols);
  for (let j = 0; j < m.numCols; j++) {
    let v = m.colCost[j];
    for (let p = m.starts[j]; p < m.starts[j + 1]; p++) v -= m.values[p] * dual[m.indices[p]];
    rc[j] = v;
  }
  return rc;
}

/**
 * Solves the model by pricing. Returns undefined when the restricted LP has no
 * duals or is infeasible (the caller then solves the whole model).
 */
export async function solveByPricing(
  backend: Backend,
  input: PricingInput,
  options: BackendOptions & { readonly deadline?: number; readonly perGroup?: number; readonly onPhase?: (phase: string) => void },
): Promise<(BackendResult & { readonly columnsUsed: number }) | undefined> {
  const { model: m, groupOf, integral } = input;
  const inSet = Uint8Array.from(input.initial);
  for (let j = 0; j < m.numCols; j++) if (groupOf[j] < 0 || (options.start && options.start[j] > 0)) inSet[j] = 1;
  const remaining = () => (options.deadline !== undefined ? Math.max(1, options.deadline - Date.now()) : undefined);
  const members = () => {
    const out: number[] = [];
    for (let j = 0; j < m.numCols; j++) if (inSet[j]) out.push(j);
    return out;
  };
  const perGroup = options.perGroup ?? 4;
  const eps = 1e-7;

  // 1. LP with pricing.
  let upper = Infinity;
  let rc: Float64Array | undefined;
  for (let round = 0; round < 200; round++) {
    options.onPhase?.(`pricing ${round + 1}`);
    const cols = members();
    const lp = await backend.solve(subModel(m, cols, true), { timeLimitMs: remaining(), engineOptions: options.engineOptions });
    if (lp.status !== "optimal" || !lp.rowDual || lp.objective === undefined) return undefined;
    rc = reducedCosts(m, lp.rowDual);
    // Best-priced missing columns, a few per group.
    const best = new Map<number, number[]>();
    for (let j = 0; j < m.numCols; j++) {
      if (inSet[j] || rc[j] <= eps) continue;
      const g = groupOf[j];
      const list = best.get(g) ?? [];
      list.push(j);
      best.set(g, list);
    }
    if (best.size === 0) {
      upper = lp.objective;
      break;
    }
    for (const list of best.values()) {
      list.sort((a, b) => rc![b] - rc![a] || a - b);
      for (const j of list.slice(0, perGroup)) inSet[j] = 1;
    }
  }
  if (!rc || upper === Infinity) return undefined;

  // 2–3. MILP on the restricted set, closed under reduced costs.
  let last: BackendResult | undefined;
  let cols: number[] = [];
  for (let round = 0; round < 6; round++) {
    options.onPhase?.(`restricted MILP ${round + 1}`);
    cols = members();
    const start = options.start ? Float64Array.from(cols, (j) => options.start![j]) : undefined;
    const res = await backend.solve(subModel(m, cols), { ...options, start, timeLimitMs: remaining() });
    if (!res.x || res.objective === undefined) return res.status === "infeasible" ? undefined : { ...res, columnsUsed: cols.length };
    last = res;
    const threshold = res.objective - upper + (integral ? 1 : 0) - 1e-6;
    let added = 0;
    for (let j = 0; j < m.numCols; j++)
      if (!inSet[j] && rc[j] > threshold) {
        inSet[j] = 1;
        added++;
      }
    if (added === 0 || res.status === "timeout") break;
  }
  if (!last?.x) return undefined;
  // The solution in full-model columns.
  const x = new Float64Array(m.numCols);
  cols.forEach((j, c) => (x[j] = last!.x![c]));
  // Bound: the restricted bound covers columns inside; columns left out can reach at most U + rc.
  let outside = -Infinity;
  for (let j = 0; j < m.numCols; j++) if (!inSet[j]) outside = Math.max(outside, upper + rc[j]);
  const restrictedBound = last.bound ?? upper;
  const bound = Math.min(upper, Math.max(restrictedBound, outside));
  const closed = last.status === "optimal" && outside <= last.objective! + (integral ? 1 : 0) - 1e-6 + 1e-9;
  return {
    status: closed ? "optimal" : last.status === "timeout" ? "timeout" : "feasible",
    x,
    objective: last.objective,
    bound: closed ? last.objective : bound,
    columnsUsed: cols.length,
  };
}
