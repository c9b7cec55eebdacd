/**
 * An engine's answer checked before the solver uses it: a status it knows,
 * column values of the model's length and finite, a finite objective. Your
 * own backend's answers are also checked against the model (bounds, rows,
 * integrality), so a wrong answer is a UsageError naming the backend, never a
 * crash or a plan blamed on jinxiu; a built-in engine's malformed answer is an
 * InternalError (a bug).
 */
import { describeValue, isObject } from "../model/args.js";
import { InternalError, UsageError } from "../model/errors.js";
import type { Backend, BackendResult } from "./backend.js";
import { checkSolution } from "./jslp.js";
import type { LinearModel } from "./model.js";

const STATUSES = new Set(["optimal", "feasible", "infeasible", "timeout", "error"]);

/** Why `res` is not a usable answer for `m` (undefined when it is). */
export function answerProblem(m: LinearModel, res: unknown, againstModel: boolean): string | undefined {
  if (!isObject(res)) return `answered ${describeValue(res)}, not a result object`;
  if (typeof res.status !== "string" || !STATUSES.has(res.status)) return `answered status ${describeValue(res.status)} (one of ${[...STATUSES].join(", ")})`;
  const vec = (name: string, v: unknown, n: number): string | undefined => {
    if (v === undefined) return undefined;
    if (!(v instanceof Float64Array) && !Array.isArray(v)) return `answered ${name} as ${describeValue(v)}, not a Float64Array`;
    const a = v as ArrayLike<unknown>;
    if (a.length !== n) return `answered ${name} of length ${a.length} for a model of ${n}`;
    for (let j = 0; j < a.length; j++) if (typeof a[j] !== "number" || !Number.isFinite(a[j])) return `answered ${name}[${j}] = ${describeValue(a[j])}`;
    return undefined;
  };
  const bad = vec("x", res.x, m.numCols) ?? vec("rowDual", res.rowDual, m.numRows);
  if (bad) return bad;
  if (res.objective !== undefined && (typeof res.objective !== "number" || !Number.isFinite(res.objective))) return `answered objective ${describeValue(res.objective)}`;
  if (res.bound !== undefined && (typeof res.bound !== "number" || Number.isNaN(res.bound))) return `answered bound ${describeValue(res.bound)}`;
  if (res.x !== undefined && res.objective === undefined && res.status !== "timeout") return "answered a solution without its objective";
  if (againstModel && res.x !== undefined) {
    const problem = checkSolution(m, Float64Array.from(res.x as ArrayLike<number>));
    if (problem) return `answered a solution that is not one: ${problem}`;
  }
  return undefined;
}

/** `backend`, its answers checked; `custom`: the caller's own engine (UsageError, checked against the model). */
export function checkedBackend(backend: Backend, custom: boolean): Backend {
  const fail = (message: string) => (custom ? new UsageError(`solve: the backend "${backend.name}" ${message}`) : new InternalError(`solve: the ${backend.name} engine ${message} (a bug in jinxiu, please report it)`));
  return {
    name: backend.name,
    async solve(m, options): Promise<BackendResult> {
      let res: unknown;
      try {
        res = await backend.solve(m, options);
      } catch (e) {
        if (!custom) throw e;
        throw fail(`failed: ${e instanceof Error ? e.message : describeValue(e)}`);
      }
      const problem = answerProblem(m, res, custom);
      if (problem) throw fail(problem);
      const r = res as BackendResult;
      return r.x && !(r.x instanceof Float64Array) ? { ...r, x: Float64Array.from(r.x as ArrayLike<number>) } : r;
    },
  };
}
