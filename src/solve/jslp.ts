/**
 * javascript-lp-solver as the pure-JS engine, for small models and hosts
 * without WebAssembly. It can call a non-integral answer feasible, so every
 * answer is checked here against bounds, rows and integrality before use.
 */
import solver from "javascript-lp-solver";
import type { Backend, BackendResult } from "./backend.js";
import { type LinearModel, objectiveAt, rowActivities } from "./model.js";

export const jslpBackend: Backend = {
  name: "jslp",
  async solve(m: LinearModel, options): Promise<BackendResult> {
    const constraints: Record<string, { min?: number; max?: number }> = {};
    const variables: Record<string, Record<string, number>> = {};
    const ints: Record<string, 1> = {};
    for (let r = 0; r < m.numRows; r++) {
      const c: { min?: number; max?: number } = {};
      if (Number.isFinite(m.rowLower[r])) c.min = m.rowLower[r];
      if (Number.isFinite(m.rowUpper[r])) c.max = m.rowUpper[r];
      constraints[`r${r}`] = c;
    }
    for (let j = 0; j < m.numCols; j++) {
      const v: Record<string, number> = { obj: m.colCost[j] };
      for (let k = m.starts[j]; k < m.starts[j + 1]; k++) v[`r${m.indices[k]}`] = m.values[k];
      if (Number.isFinite(m.colUpper[j])) {
        v[`ub${j}`] = 1;
        constraints[`ub${j}`] = { max: m.colUpper[j] };
      }
      if (m.colLower[j] > 0) {
        v[`lb${j}`] = 1;
        constraints[`lb${j}`] = { min: m.colLower[j] };
      }
      variables[`c${j}`] = v;
      if (m.integer[j]) ints[`c${j}`] = 1;
    }
    const res = solver.Solve({
      optimize: "obj", opType: "max", constraints, variables, ints,
      options: { timeout: options.timeLimitMs ?? 60_000, tolerance: 0 },
    } as Parameters<typeof solver.Solve>[0]) as { feasible?: boolean; [k: string]: unknown };
    if (!res.feasible) return { status: "infeasible" };
    const x = new Float64Array(m.numCols);
    for (let j = 0; j < m.numCols; j++) {
      const v = res[`c${j}`];
      x[j] = typeof v === "number" ? v : 0;
    }
    const problem = checkSolution(m, x);
    if (problem) return { status: "error", message: `javascript-lp-solver returned an invalid answer: ${problem}` };
    return { status: "feasible", x, objective: objectiveAt(m, x) };
  },
};

/** Why `x` is not a solution of the model (undefined when it is). */
export function checkSolution(m: LinearModel, x: Float64Array, tol = 1e-6): string | undefined {
  for (let j = 0; j < m.numCols; j++) {
    if (x[j] < m.colLower[j] - tol || x[j] > m.colUpper[j] + tol) return `column ${j} = ${x[j]} outside [${m.colLower[j]}, ${m.colUpper[j]}]`;
    if (m.integer[j] && Math.abs(x[j] - Math.round(x[j])) > tol) return `column ${j} = ${x[j]} is not whole`;
  }
  const act = rowActivities(m, x);
  for (let r = 0; r < m.numRows; r++)
    if (act[r] < m.rowLower[r] - tol || act[r] > m.rowUpper[r] + tol) return `row ${r} activity ${act[r]} outside [${m.rowLower[r]}, ${m.rowUpper[r]}]`;
  return undefined;
}
