/**
 * A MILP in the shape every backend takes: maximise c·x + offset subject to
 * rowLower ≤ A·x ≤ rowUpper and colLower ≤ x ≤ colUpper, some x integer.
 * The matrix is column-wise (CSC) in typed arrays, ready to hand to HiGHS.
 */

export interface LinearModel {
  readonly numCols: number;
  readonly numRows: number;
  readonly offset: number;
  readonly colCost: Float64Array;
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
  /** 1 where the column is integer. */
  readonly integer: Uint8Array;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  readonly starts: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/** The objective `offset + c·x` at a point. */
export function objectiveAt(m: LinearModel, x: Float64Array): number {
  let v = m.offset;
  for (let j = 0; j < m.numCols; j++) v += m.colCost[j] * x[j];
  return v;
}

/** The model with every column continuous: its LP relaxation. */
export function lpRelaxation(m: LinearModel): LinearModel {
  return { ...m, integer: new Uint8Array(m.numCols) };
}

/** A point over the first columns of a model, extended with zeros (or cut) to `n` columns. */
export function padded(x: Float64Array, n: number): Float64Array {
  if (x.length === n) return x;
  const out = new Float64Array(n);
  out.set(x.subarray(0, Math.min(n, x.length)));
  return out;
}

/** Row activities `A·x` at a point. */
export function rowActivities(m: LinearModel, x: Float64Array): Float64Array {
  const act = new Float64Array(m.numRows);
  for (let j = 0; j < m.numCols; j++) {
    if (x[j] === 0) continue;
    for (let k = m.starts[j]; k < m.starts[j + 1]; k++) act[m.indices[k]] += m.values[k] * x[j];
  }
  return act;
}

/**
 * The model with extra continuous columns in [0, ∞), each with one coefficient
 * (`value` in `row`) and objective `cost`: elastic columns that let rows give.
 */
export function withSingletons(m: LinearModel, singles: readonly { row: number; value: number; cost: number }[]): LinearModel {
  const n = m.numCols + singles.length;
  const starts = new Int32Array(n + 1);
  starts.set(m.starts);
  const indices = new Int32Array(m.indices.length + singles.length);
  indices.set(m.indices);
  const values = new Float64Array(m.values.length + singles.length);
  values.set(m.values);
  const extend = (a: Float64Array, v: (i: number) => number) => {
    const out = new Float64Array(n);
    out.set(a);
    for (let i = 0; i < singles.length; i++) out[m.numCols + i] = v(i);
    return out;
  };
  singles.forEach((e, i) => {
    const k = m.indices.length + i;
    indices[k] = e.row;
    values[k] = e.value;
    starts[m.numCols + i + 1] = k + 1;
  });
  const integer = new Uint8Array(n);
  integer.set(m.integer);
  return {
    ...m, numCols: n, starts, indices, values, integer,
    colCost: extend(m.colCost, (i) => singles[i].cost), colLower: extend(m.colLower, () => 0), colUpper: extend(m.colUpper, () => Infinity),
  };
}

/** What a row means (the rule modules write it). */
export type { RowMeta } from "../rules/rule.js";
import type { RowMeta } from "../rules/rule.js";

/** A growable typed array. */
class Grow<T extends Float64Array | Int32Array | Uint8Array> {
  length = 0;
  constructor(public data: T, private readonly make: (n: number) => T) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(Math.max(16, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}
const f64 = () => new Grow(new Float64Array(1024), (n) => new Float64Array(n));
const i32 = () => new Grow(new Int32Array(1024), (n) => new Int32Array(n));

/** Builds a model row by row key and column by column, then drops rows that can never bind. */
export class ModelBuilder {
  private readonly rowIndex = new Map<string, number>();
  readonly rowLower: number[] = [];
  readonly rowUpper: number[] = [];
  readonly rowMeta: RowMeta[] = [];
  // Columns in typed arrays (a province-size model has millions of entries).
  private readonly colLb = f64();
  private readonly colUb = f64();
  private readonly colCost = f64();
  private readonly colInt = i32();
  /** Columns of one owner are alternatives of one trainee group (for row pruning); added consecutively. */
  private readonly colOwner = i32();
  private readonly colStart = i32();
  private readonly entryRow = i32();
  private readonly entryVal = f64();
  offset = 0;

  /** Index of the row `key`, created with `make()` the first time. */
  row(key: string, make: () => { lb: number; ub: number; meta: RowMeta }): number {
    let i = this.rowIndex.get(key);
    if (i === undefined) {
      const r = make();
      i = this.rowLower.length;
      this.rowIndex.set(key, i);
      this.rowLower.push(r.lb);
      this.rowUpper.push(r.ub);
      this.rowMeta.push(r.meta);
    }
    return i;
  }

  hasRow(key: string): boolean {
    return this.rowIndex.has(key);
  }

  /** Adds a column; returns its index. */
  col(lb: number, ub: number, cost: number, integer: boolean, entries: readonly (readonly [number, number])[], owner = -1 - this.colLb.length): number {
    const j = this.openCol(lb, ub, cost, integer, owner);
    for (const [r, v] of entries) this.entry(r, v);
    return j;
  }

  /** Starts a column; `entry` then adds its coefficients. Returns its index. */
  openCol(lb: number, ub: number, cost: number, integer: boolean, owner = -1 - this.colLb.length): number {
    this.colLb.push(lb);
    this.colUb.push(ub);
    this.colCost.push(cost);
    this.colInt.push(integer ? 1 : 0);
    this.colOwner.push(owner);
    this.colStart.push(this.entryRow.length);
    return this.colLb.length - 1;
  }

  /** A coefficient of the column last opened (each row at most once per column). */
  entry(row: number, value: number): void {
    this.entryRow.push(row);
    this.entryVal.push(value);
  }

  get numCols(): number {
    return this.colLb.length;
  }

  /** The objective `offset + c·x` at a point over the columns so far. */
  objectiveAt(x: Float64Array): number {
    let v = this.offset;
    const c = this.colCost.data;
    for (let j = 0; j < x.length; j++) if (x[j] !== 0) v += c[j] * x[j];
    return v;
  }

  /**
   * The finished model. Rows of the form `A·x ≤ ub` with non-negative
   * coefficients whose largest reachable activity is within `ub` are dropped
   * (they cannot bind); `keptRows[i]` maps model rows back to builder rows.
   */
  build(): { model: LinearModel; keptRows: number[] } {
    const nRows = this.rowLower.length;
    const numCols = this.colLb.length;
    const ub = this.colUb.view(), owner = this.colOwner.view(), entryRow = this.entryRow.view(), entryVal = this.entryVal.view();
    const colStart = Int32Array.from({ length: numCols + 1 }, (_, j) => (j < numCols ? this.colStart.data[j] : entryRow.length));
    // Largest reachable activity per row: per owner the largest entry × bound, summed over owners
    // (an owner's columns are consecutive, so one pass with the row's current owner suffices).
    const potential = new Float64Array(nRows);
    const lastOwner = new Int32Array(nRows).fill(0x7fffffff);
    const ownerMax = new Float64Array(nRows);
    const hasNegative = new Uint8Array(nRows);
    const touched = new Uint8Array(nRows);
    // Columns in owner order (they are already, unless columns were added over several rounds).
    let sorted = true;
    for (let j = 1; j < numCols && sorted; j++) if (owner[j] < owner[j - 1] && owner[j] >= 0) sorted = false;
    const order = sorted ? undefined : Int32Array.from({ length: numCols }, (_, j) => j).sort((a, c) => owner[a] - owner[c] || a - c);
    for (let i = 0; i < numCols; i++) {
      const j = order ? order[i] : i;
      for (let p = colStart[j]; p < colStart[j + 1]; p++) {
        const r = entryRow[p], v = entryVal[p];
        touched[r] = 1;
        if (v < 0) {
          hasNegative[r] = 1;
          continue;
        }
        if (lastOwner[r] !== owner[j]) {
          potential[r] += ownerMax[r];
          ownerMax[r] = 0;
          lastOwner[r] = owner[j];
        }
        ownerMax[r] = Math.max(ownerMax[r], v * ub[j]);
      }
    }
    for (let r = 0; r < nRows; r++) potential[r] += ownerMax[r];
    const keep: number[] = [];
    const newIndex = new Int32Array(nRows).fill(-1);
    for (let r = 0; r < nRows; r++) {
      let drop = false;
      // A group's columns are alternatives only because of its `once` row, so that row is always kept.
      if (!hasNegative[r] && this.rowLower[r] === -Infinity && this.rowMeta[r].kind !== "once") drop = potential[r] <= this.rowUpper[r] + 1e-9;
      if (!drop && !touched[r] && this.rowLower[r] <= 0 && this.rowUpper[r] >= 0) drop = true;
      if (!drop) {
        newIndex[r] = keep.length;
        keep.push(r);
      }
    }
    const starts = new Int32Array(numCols + 1);
    let nnz = 0;
    for (let j = 0; j < numCols; j++) {
      starts[j] = nnz;
      for (let p = colStart[j]; p < colStart[j + 1]; p++) if (newIndex[entryRow[p]] >= 0) nnz++;
    }
    starts[numCols] = nnz;
    const indices = new Int32Array(nnz);
    const values = new Float64Array(nnz);
    let k = 0;
    for (let j = 0; j < numCols; j++) {
      const from = k;
      for (let p = colStart[j]; p < colStart[j + 1]; p++) {
        const r = newIndex[entryRow[p]];
        if (r < 0) continue;
        indices[k] = r;
        values[k++] = entryVal[p];
      }
      // HiGHS wants each column's row indices in order.
      sortSegment(indices, values, from, k);
    }
    return {
      keptRows: keep,
      model: {
        numCols,
        numRows: keep.length,
        offset: this.offset,
        colCost: Float64Array.from(this.colCost.view()),
        colLower: Float64Array.from(this.colLb.view()),
        colUpper: Float64Array.from(ub),
        integer: Uint8Array.from(this.colInt.view()),
        rowLower: Float64Array.from(keep, (r) => this.rowLower[r]),
        rowUpper: Float64Array.from(keep, (r) => this.rowUpper[r]),
        starts,
        indices,
        values,
      },
    };
  }
}

/** Insertion sort of `indices[a..b)` carrying `values` (columns have few entries). */
function sortSegment(indices: Int32Array, values: Float64Array, a: number, b: number): void {
  for (let i = a + 1; i < b; i++) {
    const ri = indices[i], vi = values[i];
    let j = i - 1;
    while (j >= a && indices[j] > ri) {
      indices[j + 1] = indices[j];
      values[j + 1] = values[j];
      j--;
    }
    indices[j + 1] = ri;
    values[j + 1] = vi;
  }
}
