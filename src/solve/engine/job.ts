/**
 * One HiGHS solve inside the engine's thread (a Node worker thread or a browser
 * Web Worker): the model arrives as typed arrays (column-wise sparse), incumbents
 * and bounds stream back as messages, and the answer ends the job.
 *
 * `runJob` is self-contained (it reads nothing from this module's scope): Node's
 * host evaluates its source text in a worker thread (`node.ts`), the browser's
 * worker imports it (`worker.ts`). Keep it that way: no imports used inside it.
 */

/** A job posted to the engine thread. */
export interface EngineJob {
  readonly id: number;
  readonly model: {
    readonly numCols: number; readonly numRows: number; readonly offset: number;
    readonly colCost: Float64Array; readonly colLower: Float64Array; readonly colUpper: Float64Array;
    readonly rowLower: Float64Array; readonly rowUpper: Float64Array;
    readonly starts: Int32Array; readonly indices: Int32Array; readonly values: Float64Array;
    readonly integer: ArrayLike<number>;
  };
  readonly options: Record<string, number | boolean | string>;
  readonly start?: Float64Array;
  readonly target?: number;
  readonly basis?: { readonly colStatus: Int32Array; readonly rowStatus: Int32Array };
}

/** A message from the engine thread: `incumbent`, `progress`, `error` or `done` (the last of a job). */
export interface EngineMessage {
  readonly id: number;
  readonly type: "incumbent" | "progress" | "error" | "done";
  readonly [k: string]: any;
}

/** What a host needs of the engine's thread: post a job, hear its messages, stop it. */
export interface EngineThread {
  post(job: EngineJob): void;
  /**
   * Adds the listeners given; returns the function that removes them. (In Node a
   * message listener keeps the process alive even on an unref'd worker: add one only
   * for the time of a job.)
   */
  listen(on: { message?(m: EngineMessage): void; error?(e: Error): void; exit?(): void }): () => void;
  terminate(): void;
}

/** A place engine threads come from: Node's worker_threads or the browser's Web Workers. */
export interface EngineHost {
  readonly kind: "node" | "browser";
  spawn(): EngineThread;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
export function runJob(highs: any, job: EngineJob, post: (msg: Record<string, unknown>) => void): void {
  const m = job.model;
  const C = highs.constants;
  const send = (msg: Record<string, unknown>) => post({ id: job.id, ...msg });
  let model: any;
  try {
    model = highs.createModel({
      numCols: m.numCols, numRows: m.numRows, sense: C.objectiveSense.maximize, offset: m.offset,
      colCost: m.colCost, colLower: m.colLower, colUpper: m.colUpper,
      rowLower: m.rowLower, rowUpper: m.rowUpper,
      matrix: { format: "csc", numRows: m.numRows, numCols: m.numCols, starts: m.starts, indices: m.indices, values: m.values },
      integrality: Int32Array.from(m.integer),
    });
    model.options.set(job.options);
    if (job.start && m.numCols > 0) {
      try {
        model.setSolution({ colValue: job.start });
      } catch {
        // A start the engine refuses is only a missed hint.
      }
    }
    const callbacks: Record<number, (e: any) => void> = {
      [C.callbackType.mipImprovingSolution](e: any) {
        const x = e.data.mip_solution;
        send({ type: "incumbent", objective: e.data.objective_function_value, x: x ? Float64Array.from(x) : undefined, bound: e.data.mip_dual_bound });
      },
      [C.callbackType.mipLogging](e: any) {
        send({ type: "progress", incumbent: e.data.mip_primal_bound, bound: e.data.mip_dual_bound });
      },
    };
    const target = job.target;
    if (target !== undefined)
      callbacks[C.callbackType.mipInterrupt] = (e: any) => {
        if (e.data.mip_primal_bound >= target - 1e-6 * Math.max(1, Math.abs(target))) e.interrupt();
      };
    let isMip = false;
    for (let j = 0; j < m.numCols; j++) if (m.integer[j] === 1) isMip = true;
    if (job.basis && !isMip) {
      try {
        model.setBasis(job.basis);
      } catch {
        // A basis the engine refuses only costs the warm start.
      }
    }
    model.run(isMip ? callbacks : undefined);
    const status = model.getModelStatus();
    const sol = model.getSolution();
    const hasPrimal = Number(model.info.get("primal_solution_status")) === C.solutionStatus.feasible;
    const bound = isMip ? Number(model.info.get("mip_dual_bound")) : undefined;
    const hasDual = !isMip && Number(model.info.get("dual_solution_status")) === C.solutionStatus.feasible;
    let basis;
    if (hasDual) {
      try {
        const b = model.getBasis();
        basis = { colStatus: Int32Array.from(b.colStatus), rowStatus: Int32Array.from(b.rowStatus) };
      } catch {
        basis = undefined;
      }
    }
    send({
      type: "done", status, basis, x: hasPrimal ? Float64Array.from(sol.colValue) : undefined, rowDual: hasDual ? Float64Array.from(sol.rowDual) : undefined,
      objective: hasPrimal ? model.getObjectiveValue() : undefined, bound, runTime: model.getRunTime(),
      statusNames: {
        optimal: C.modelStatus.optimal, infeasible: C.modelStatus.infeasible, timeLimit: C.modelStatus.timeLimit,
        unboundedOrInfeasible: C.modelStatus.unboundedOrInfeasible, interrupted: C.modelStatus.interrupted,
      },
    });
  } catch (err: any) {
    send({ type: "error", message: String((err && err.message) || err) });
  } finally {
    if (model) model.dispose();
  }
}
