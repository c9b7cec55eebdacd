/**
 * A fast greedy construction on the formulated model: placement columns in
 * order of value, each taken when every row stays within its limits, a
 * staffing row that would break repaired by support columns (上修下沉) with
 * room in their pools; soft slacks then cover what is short. It gives a valid
 * plan in milliseconds on any size, used when the engine finds none in time.
 */
import type { Formulation } from "./formulate.js";
import type { LinearModel } from "./model.js";

/** A solution of the model, or undefined when greedy cannot satisfy a hard `≥` row. */
export function greedySolution(m: LinearModel, f: Formulation): Float64Array | undefined {
  const x = new Float64Array(m.numCols);
  const act = new Float64Array(m.numRows);
  // Rows → columns with a negative entry (support columns that relieve a staffing row).
  const relievers = new Map<number, number[]>();
  f.columns.forEach((c, j) => {
    if (c.kind !== "y") return;
    for (let p = m.starts[j]; p < m.starts[j + 1]; p++) {
      if (m.values[p] >= 0) continue;
      const r = m.indices[p];
      if (!relievers.has(r)) relievers.set(r, []);
      relievers.get(r)!.push(j);
    }
  });
  const fits = (j: number) => {
    if (x[j] + 1 > m.colUpper[j] + 1e-9) return false;
    for (let p = m.starts[j]; p < m.starts[j + 1]; p++) {
      const r = m.indices[p];
      const v = m.values[p];
      if (v > 0 && act[r] + v > m.rowUpper[r] + 1e-9) return false;
    }
    return true;
  };
  const apply = (j: number, d: number) => {
    x[j] += d;
    for (let p = m.starts[j]; p < m.starts[j + 1]; p++) act[m.indices[p]] += d * m.values[p];
  };
  /** Takes column j, repairing rows it would push over their limit with support; false if impossible. */
  const take = (j: number): boolean => {
    if (x[j] + 1 > m.colUpper[j] + 1e-9) return false;
    const added: number[] = [];
    apply(j, 1);
    for (let p = m.starts[j]; p < m.starts[j + 1]; p++) {
      const r = m.indices[p];
      while (act[r] > m.rowUpper[r] + 1e-9) {
        const y = (relievers.get(r) ?? []).find((k) => fits(k));
        if (y === undefined) {
          for (const k of added) apply(k, -1);
          apply(j, -1);
          return false;
        }
        apply(y, 1);
        added.push(y);
      }
    }
    return true;
  };
  const order: number[] = [];
  f.columns.forEach((c, j) => {
    if (c.kind === "x") order.push(j);
  });
  // Value first; among equals, the column that touches fewer rows (shorter, fewer conflicts).
  order.sort((a, b) => m.colCost[b] - m.colCost[a] || m.starts[a + 1] - m.starts[a] - (m.starts[b + 1] - m.starts[b]) || a - b);
  for (const j of order) {
    if (m.colCost[j] <= 0) continue;
    while (take(j));
  }
  // Soft rows: slacks cover shortfalls.
  f.columns.forEach((c, j) => {
    if (c.kind !== "slack") return;
    const r = m.indices[m.starts[j]];
    const need = Math.min(m.colUpper[j], Math.max(0, m.rowLower[r] - act[r]));
    if (need > 0) apply(j, need);
  });
  for (let r = 0; r < m.numRows; r++) if (act[r] < m.rowLower[r] - 1e-9 || act[r] > m.rowUpper[r] + 1e-9) return undefined;
  return x;
}
