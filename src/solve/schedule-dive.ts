/**
 * An integer plan from the column-generation master by diving with pricing,
 * for models with §9 schedule families (issue #11).
 *
 * On the 上海 rotation shape the restricted MILP over the generated schedules
 * (thousands of columns, each rotation in its own department's capacity and
 * mentor rows) does not improve the greedy start in HiGHS within tens of
 * seconds, while the master LP is within a few per cent of integral. Diving
 * closes that: solve the LP over the generated columns, round up the most
 * nearly integral fractional placement columns that fit together (at most a
 * tenth of them), price schedules at the new duals so that the trainees not
 * yet fixed find splits that fit what is left, solve again from the last
 * basis, and so on until the LP point is integral — then it is a plan of the
 * model, meeting every row. A rounding that makes the LP infeasible is undone
 * and a single column goes down instead. The result only serves as the
 * restricted MILP's start (or, within the gap target of the master's bound,
 * as the answer): it proves nothing itself.
 */
import type { Backend, Basis } from "./backend.js";
import type { Formulation } from "./formulate.js";
import { lpRelaxation } from "./model.js";

export interface DiveOptions {
  /** Wall-clock deadline (ms since the epoch). */
  readonly deadline: number;
  readonly signal?: AbortSignal;
  /** The master's last basis, by builder column and builder row (−1: none). */
  readonly colStat?: Int32Array;
  readonly rowStat?: Int32Array;
  /** New schedules priced per group and step (default 2). */
  readonly perGroup?: number;
  /** LP solves at most (default 200). */
  readonly maxSolves?: number;
}

/** An integral point (over the builder's columns), found by diving on the LP relaxation with pricing, or undefined. */
export async function priceAndDive(backend: Backend, f: Formulation, o: DiveOptions): Promise<{ x: Float64Array; objective: number } | undefined> {
  const lower = new Map<number, number>(), upper = new Map<number, number>();
  let colStat = o.colStat, rowStat = o.rowStat;
  let batch: { j: number; was: number | undefined; x: number }[] = [];
  let single = false;
  let best: { x: Float64Array; objective: number } | undefined;
  for (let solves = 0; solves < (o.maxSolves ?? 200); solves++) {
    if (Date.now() >= o.deadline || o.signal?.aborted) break;
    const { model, keptRows } = f.builder.build();
    const colLower = model.colLower.slice(), colUpper = model.colUpper.slice();
    for (const [j, v] of lower) colLower[j] = v;
    for (const [j, v] of upper) colUpper[j] = Math.min(colUpper[j], v);
    let basis: Basis | undefined;
    if (colStat && rowStat) {
      const cols = new Int32Array(model.numCols);
      cols.set(colStat.subarray(0, Math.min(colStat.length, model.numCols)));
      const rs = rowStat;
      basis = { colStatus: cols, rowStatus: Int32Array.from(keptRows, (r) => (r < rs.length && rs[r] >= 0 ? rs[r] : 1)) };
    }
    const res = await backend.solve({ ...lpRelaxation(model), colLower, colUpper }, { timeLimitMs: Math.max(1, o.deadline - Date.now()), basis, signal: o.signal });
    if (res.status !== "optimal" || !res.x || !res.rowDual || res.objective === undefined) {
      if (res.status !== "infeasible" || batch.length === 0) break;
      // Rounding this batch up broke a row: undo it; a single column goes down instead.
      for (const b of batch) (b.was === undefined ? lower.delete(b.j) : lower.set(b.j, b.was));
      if (batch.length === 1) upper.set(batch[0].j, Math.floor(batch[0].x + 1e-9));
      batch = [];
      single = true;
      continue;
    }
    const x = res.x;
    if (res.basis) {
      colStat = res.basis.colStatus.slice();
      rowStat = new Int32Array(f.builder.rowLower.length).fill(-1);
      keptRows.forEach((r, i) => (rowStat![r] = res.basis!.rowStatus[i]));
    }
    const frac: { j: number; f: number }[] = [];
    for (let j = 0; j < model.numCols; j++) {
      if (!model.integer[j]) continue;
      const v = x[j] - Math.floor(x[j] + 1e-9);
      if (v > 1e-6 && v < 1 - 1e-6) frac.push({ j, f: v });
    }
    if (frac.length === 0) {
      const point = Float64Array.from(x, (v, j) => (model.integer[j] ? Math.round(v) : v));
      let objective = model.offset;
      for (let j = 0; j < model.numCols; j++) objective += model.colCost[j] * point[j];
      if (!best || objective > best.objective) best = { x: point, objective };
    }
    // Schedules that price out at these duals: the trainees not fixed yet find what still fits.
    const dual = new Float64Array(f.builder.rowLower.length);
    keptRows.forEach((r, i) => (dual[r] = res.rowDual![i]));
    const perGroup = o.perGroup ?? 2;
    const found: { gi: number; ci: number; rc: number }[][] = f.groups.map(() => []);
    f.price(dual, 1e-7, (gi, ci, rc) => {
      if (f.column(gi, ci) === undefined && found[gi].length < perGroup) found[gi].push({ gi, ci, rc });
    }, perGroup);
    let added = 0;
    for (const list of found) for (const { gi, ci } of list) (f.add(gi, ci), added++);
    if (frac.length === 0) {
      if (added === 0) break;
      continue;
    }
    frac.sort((a, b) => b.f - a.f || a.j - b.j);
    // Round up, most nearly integral first, the columns that keep every row within its upper bound
    // at the point where the other placement columns are rounded down (that point witnesses that
    // the LP stays feasible, with the other columns as they are).
    const placement = (j: number) => f.columns[j]?.kind === "x";
    const act = new Float64Array(model.numRows);
    for (let j = 0; j < model.numCols; j++) {
      const v = placement(j) ? Math.floor(x[j] + 1e-9) : x[j];
      if (v !== 0) for (let i = model.starts[j]; i < model.starts[j + 1]; i++) act[model.indices[i]] += model.values[i] * v;
    }
    batch = [];
    const most = single ? 1 : Math.max(1, Math.ceil(frac.length / 10));
    for (const { j } of frac) {
      if (batch.length >= most) break;
      let fits = placement(j);
      for (let i = model.starts[j]; i < model.starts[j + 1] && fits; i++) {
        const r = model.indices[i];
        if (model.values[i] > 0 && act[r] + model.values[i] > model.rowUpper[r] + 1e-9) fits = false;
      }
      if (!fits) continue;
      for (let i = model.starts[j]; i < model.starts[j + 1]; i++) act[model.indices[i]] += model.values[i];
      batch.push({ j, was: lower.get(j), x: x[j] });
    }
    single = false;
    if (batch.length === 0) batch = [{ j: frac[0].j, was: lower.get(frac[0].j), x: x[frac[0].j] }];
    for (const b of batch) lower.set(b.j, Math.ceil(b.x - 1e-9));
  }
  return best;
}
