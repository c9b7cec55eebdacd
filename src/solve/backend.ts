import type { LinearModel } from "./model.js";

export interface Basis {
  readonly colStatus: Int32Array;
  readonly rowStatus: Int32Array;
}

export interface BackendOptions {
  /** Wall-clock limit for the engine; it returns its best solution then. */
  readonly timeLimitMs?: number;
  /** Relative gap at which the engine may stop (0: prove optimality). */
  readonly relGap?: number;
  /** Absolute gap at which the engine may stop (e.g. just under 1 when every objective coefficient is whole). */
  readonly absGap?: number;
  /** Stop as soon as an incumbent reaches this objective (a bound known from elsewhere). */
  readonly target?: number;
  /** A feasible solution to start from (an incumbent the engine can improve on). */
  readonly start?: Float64Array;
  /** Engine-specific options passed through as they are (e.g. HiGHS option names). */
  readonly engineOptions?: Readonly<Record<string, number | boolean | string>>;
  /** An LP's starting simplex basis (HiGHS codes: 0 lower, 1 basic, 2 upper), e.g. the last round's in column generation. */
  readonly basis?: Basis;
  /** Stop now, returning the best incumbent as `timeout` (the solve's time limit or the caller's abort). */
  readonly signal?: AbortSignal;
  /** Incumbent and bound as the search goes. */
  readonly onProgress?: (p: { incumbent?: number; bound?: number }) => void;
}

export interface BackendResult {
  /** `optimal`: proven within the gap; `feasible`: a solution, not proven; `timeout`: limit hit (with or without a solution). */
  readonly status: "optimal" | "feasible" | "infeasible" | "timeout" | "error";
  /** Column values (present with a solution). */
  readonly x?: Float64Array;
  /** Objective including the model's offset. */
  readonly objective?: number;
  /** A proven upper bound on the objective (maximisation), with offset. */
  readonly bound?: number;
  /** Row duals of an LP (no integer column), where the engine gives them: `c − Aᵀ·rowDual` are the reduced costs. */
  readonly rowDual?: Float64Array;
  /** The optimal simplex basis of an LP, where the engine gives it. */
  readonly basis?: Basis;
  readonly message?: string;
}

/**
 * A MILP engine. The formulation never knows which one runs it.
 * Engines: `highs` (HiGHS compiled to WebAssembly, default) and `jslp`
 * (javascript-lp-solver, pure JS, small models only; its answers are checked).
 */
export interface Backend {
  readonly name: string;
  solve(model: LinearModel, options: BackendOptions): Promise<BackendResult>;
}
