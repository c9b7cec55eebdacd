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

/** What a row means, in planner words, for conflicts and explanations. */
export interface RowMeta {
  /** The rule family: capacity, mentor, staffing, pool, team, quota, share, coverage, budget, once. */
  readonly kind: string;
  /** The SPEC §5 code of the rule the row enforces. */
  readonly code: string;
  readonly ids: readonly string[];
  /** Describes the row, e.g. `capacity of "city-1" cardiology in 2024-07 (2)`. */
  readonly text: string;
  /** A soft row: its shortfall is priced, never a conflict. */
  readonly soft?: boolean;
}

interface PendingCol {
  readonly lb: number;
  readonly ub: number;
  readonly cost: number;
  readonly integer: boolean;
  readonly entries: readonly (readonly [number, number])[];
  /** Columns of one owner are alternatives of one trainee group (for row pruning). */
  readonly owner: number;
}

/** Builds a model row by row key and column by column, then drops rows that can never bind. */
export class ModelBuilder {
  private readonly rowIndex = new Map<string, number>();
  readonly rowLower: number[] = [];
  readonly rowUpper: number[] = [];
  readonly rowMeta: RowMeta[] = [];
  readonly rowKeys: string[] = [];
  private readonly cols: PendingCol[] = [];
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
      this.rowKeys.push(key);
    }
    return i;
  }

  hasRow(key: string): boolean {
    return this.rowIndex.has(key);
  }

  /** Adds a column; returns its index. */
  col(lb: number, ub: number, cost: number, integer: boolean, entries: readonly (readonly [number, number])[], owner = -1 - this.cols.length): number {
    this.cols.push({ lb, ub, cost, integer, entries, owner });
    return this.cols.length - 1;
  }

  get numCols(): number {
    return this.cols.length;
  }

  /**
   * The finished model. Rows of the form `A·x ≤ ub` with non-negative
   * coefficients whose largest reachable activity is within `ub` are dropped
   * (they cannot bind); `keptRows[i]` maps model rows back to builder rows.
   */
  build(): { model: LinearModel; keptRows: number[] } {
    const nRows = this.rowLower.length;
    const perOwner: Map<number, number>[] = Array.from({ length: nRows }, () => new Map());
    const hasNegative = new Uint8Array(nRows);
    const touched = new Uint8Array(nRows);
    for (const c of this.cols)
      for (const [r, v] of c.entries) {
        touched[r] = 1;
        if (v < 0) hasNegative[r] = 1;
        else perOwner[r].set(c.owner, Math.max(perOwner[r].get(c.owner) ?? 0, v * c.ub));
      }
    const keep: number[] = [];
    const newIndex = new Int32Array(nRows).fill(-1);
    for (let r = 0; r < nRows; r++) {
      let drop = false;
      // A group's columns are alternatives only because of its `once` row, so that row is always kept.
      if (!hasNegative[r] && this.rowLower[r] === -Infinity && this.rowMeta[r].kind !== "once") {
        let potential = 0;
        for (const v of perOwner[r].values()) potential += v;
        drop = potential <= this.rowUpper[r] + 1e-9;
      }
      if (!drop && !touched[r] && this.rowLower[r] <= 0 && this.rowUpper[r] >= 0) drop = true;
      if (!drop) {
        newIndex[r] = keep.length;
        keep.push(r);
      }
    }
    const numCols = this.cols.length;
    const starts = new Int32Array(numCols + 1);
    let nnz = 0;
    this.cols.forEach((c, j) => {
      starts[j] = nnz;
      for (const [r] of c.entries) if (newIndex[r] >= 0) nnz++;
    });
    starts[numCols] = nnz;
    const indices = new Int32Array(nnz);
    const values = new Float64Array(nnz);
    let k = 0;
    for (const c of this.cols) {
      const sorted = c.entries.filter(([r]) => newIndex[r] >= 0).map(([r, v]) => [newIndex[r], v] as const).sort((a, b) => a[0] - b[0]);
      for (const [r, v] of sorted) {
        indices[k] = r;
        values[k++] = v;
      }
    }
    return {
      keptRows: keep,
      model: {
        numCols,
        numRows: keep.length,
        offset: this.offset,
        colCost: Float64Array.from(this.cols, (c) => c.cost),
        colLower: Float64Array.from(this.cols, (c) => c.lb),
        colUpper: Float64Array.from(this.cols, (c) => c.ub),
        integer: Uint8Array.from(this.cols, (c) => (c.integer ? 1 : 0)),
        rowLower: Float64Array.from(keep, (r) => this.rowLower[r]),
        rowUpper: Float64Array.from(keep, (r) => this.rowUpper[r]),
        starts,
        indices,
        values,
      },
    };
  }
}
