/**
 * HiGHS (npm `highs`, WebAssembly) as the default engine.
 *
 * Its solve call is synchronous, and its own time limit can overrun, so it runs
 * in a worker thread: incumbents stream back as they are found, and a hard
 * deadline terminates the worker, keeping the last incumbent. The matrix goes
 * over as typed arrays (column-wise sparse), not LP text.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Backend, BackendOptions, BackendResult } from "./backend.js";
import type { LinearModel } from "./model.js";

const WORKER = String.raw`
const { parentPort, workerData } = require("node:worker_threads");
const ready = require(workerData.highsPath)();
parentPort.on("message", (job) => ready.then((highs) => run(highs, job), (err) => parentPort.postMessage({ id: job.id, type: "error", message: "cannot load HiGHS: " + String(err && err.message || err) })));
function run(highs, job) {
  const m = job.model;
  const C = highs.constants;
  const post = (msg) => parentPort.postMessage({ id: job.id, ...msg });
  let model;
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
    const callbacks = {
      [C.callbackType.mipImprovingSolution](e) {
        const x = e.data.mip_solution;
        post({ type: "incumbent", objective: e.data.objective_function_value, x: x ? Float64Array.from(x) : undefined, bound: e.data.mip_dual_bound });
      },
      [C.callbackType.mipLogging](e) {
        post({ type: "progress", incumbent: e.data.mip_primal_bound, bound: e.data.mip_dual_bound });
      },
    };
    if (job.target !== undefined)
      callbacks[C.callbackType.mipInterrupt] = (e) => {
        if (e.data.mip_primal_bound >= job.target - 1e-6 * Math.max(1, Math.abs(job.target))) e.interrupt();
      };
    const isMip = m.integer.some((v) => v === 1);
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
    post({ type: "done", status, basis, x: hasPrimal ? Float64Array.from(sol.colValue) : undefined, rowDual: hasDual ? Float64Array.from(sol.rowDual) : undefined,
      objective: hasPrimal ? model.getObjectiveValue() : undefined, bound, runTime: model.getRunTime(),
      statusNames: { optimal: C.modelStatus.optimal, infeasible: C.modelStatus.infeasible, timeLimit: C.modelStatus.timeLimit, unboundedOrInfeasible: C.modelStatus.unboundedOrInfeasible, interrupted: C.modelStatus.interrupted } });
  } catch (err) {
    post({ type: "error", message: String(err && err.message || err) });
  } finally {
    if (model) model.dispose();
  }
}
`;

let highsPath: string | undefined;
function resolveHighs(): string {
  highsPath ??= createRequire(import.meta.url).resolve("highs");
  return highsPath;
}

/**
 * One engine worker kept between solves: WebAssembly starts on V8's baseline
 * compiler and is tiered up while it runs, so a warm worker solves the same
 * model several times faster than a fresh one (measured: ~5× on the 连云港
 * example). It is unref'd, so it never keeps the process alive; a worker killed
 * at a deadline is replaced by a fresh one.
 */
let shared: Worker | undefined;
let jobs = 0;
function engineWorker(): Worker {
  if (!shared) {
    const w = new Worker(WORKER, { eval: true, workerData: { highsPath: resolveHighs() } });
    w.unref();
    w.on("exit", () => {
      if (shared === w) shared = undefined;
    });
    shared = w;
  }
  return shared;
}

const HARD_DEADLINE = "hard deadline: engine stopped";

export const highsBackend: Backend = {
  name: "highs",
  solve(model: LinearModel, options: BackendOptions): Promise<BackendResult> {
    const limitS = options.timeLimitMs !== undefined ? Math.max(0.05, options.timeLimitMs / 1000) : undefined;
    const hOptions: Record<string, number | boolean | string> = {
      output_flag: false,
      mip_rel_gap: options.relGap ?? 1e-9,
      mip_abs_gap: options.absGap ?? 1e-6,
      random_seed: 0,
      // Measured on the example instances (HiGHS 1.15, WASM): with its primal heuristics at their
      // defaults HiGHS spent 10–20× longer at the root than the whole solve takes without them;
      // these models are solved by the LP bound and branching, not by the heuristics.
      mip_heuristic_run_feasibility_jump: false,
      mip_heuristic_run_root_reduced_cost: false,
      mip_heuristic_run_zi_round: false,
      mip_heuristic_run_shifting: false,
      mip_heuristic_effort: 0.01,
      ...options.engineOptions,
    };
    if (limitS !== undefined) hOptions.time_limit = limitS;
    return new Promise((resolve) => {
      const worker = engineWorker();
      const id = ++jobs;
      let best: { x?: Float64Array; objective?: number; bound?: number } = {};
      let settled = false;
      const finish = (r: BackendResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        options.signal?.removeEventListener("abort", onAbort);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        if (r.message === HARD_DEADLINE || r.status === "error") {
          if (shared === worker) shared = undefined;
          void worker.terminate();
        }
        resolve(r);
      };
      // HiGHS's own limit can overrun on large models: past a grace period the worker is killed and the last incumbent kept.
      const timer = setTimeout(
        () => finish({ status: "timeout", x: best.x, objective: best.objective, bound: Number.isFinite(best.bound) ? best.bound : undefined, message: HARD_DEADLINE }),
        limitS !== undefined ? limitS * 1000 * 1.1 + 2000 : 2 ** 31 - 1,
      );
      const onMessage = (msg: { id: number; type: string; [k: string]: any }) => {
        if (msg.id !== id) return;
        if (msg.type === "incumbent") {
          if (msg.x && (best.objective === undefined || msg.objective > best.objective)) best = { ...best, x: msg.x, objective: msg.objective };
          if (Number.isFinite(msg.bound)) best = { ...best, bound: msg.bound };
          options.onProgress?.({ incumbent: msg.objective, bound: msg.bound });
        } else if (msg.type === "progress") {
          if (Number.isFinite(msg.bound)) best = { ...best, bound: msg.bound };
          options.onProgress?.({ incumbent: Number.isFinite(msg.incumbent) ? msg.incumbent : undefined, bound: Number.isFinite(msg.bound) ? msg.bound : undefined });
        } else if (msg.type === "error") {
          finish({ status: "error", message: msg.message });
        } else if (msg.type === "done") {
          const s = msg.statusNames;
          // Only HiGHS's dual bound is a bound; an incumbent's value never is (an LP's optimum is).
          const isMip = model.integer.some((v) => v === 1);
          const bound = Number.isFinite(msg.bound) ? msg.bound : !isMip && msg.x ? msg.objective : undefined;
          if (msg.status === s.optimal) {
            // HiGHS calls a solution optimal once within the gap options; only a closed gap is "optimal" here.
            const proven = bound === undefined || bound - msg.objective <= (options.absGap ?? 1e-6) + 1e-9 * Math.abs(msg.objective);
            finish({ status: proven ? "optimal" : "feasible", x: msg.x, objective: msg.objective, bound: proven ? msg.objective : bound, rowDual: msg.rowDual, basis: msg.basis });
          } else if (msg.status === s.interrupted && options.target !== undefined && msg.x && msg.objective >= options.target - 1e-6 * Math.max(1, Math.abs(options.target))) {
            finish({ status: "optimal", x: msg.x, objective: msg.objective, bound: options.target });
          } else if (msg.status === s.infeasible || msg.status === s.unboundedOrInfeasible) finish({ status: "infeasible" });
          else if (msg.status === s.timeLimit || msg.status === s.interrupted) finish({ status: "timeout", x: msg.x ?? best.x, objective: msg.x ? msg.objective : best.objective, bound });
          else finish({ status: msg.x ? "feasible" : "error", x: msg.x, objective: msg.objective, bound, message: `HiGHS model status ${msg.status}` });
        }
      };
      // Stopped from outside (deadline or abort): HiGHS's run is synchronous, so the worker goes, the incumbent stays.
      const onAbort = () =>
        finish({ status: "timeout", x: best.x, objective: best.objective, bound: Number.isFinite(best.bound) ? best.bound : undefined, message: HARD_DEADLINE });
      options.signal?.addEventListener("abort", onAbort, { once: true });
      const onError = (e: Error) => finish({ status: "error", message: e.message });
      const onExit = () => finish({ status: best.x ? "timeout" : "error", x: best.x, objective: best.objective, bound: best.bound, message: "engine exited" });
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
      if (options.signal?.aborted) return finish({ status: "timeout", message: "stopped before the engine started" });
      worker.postMessage({ id, model, options: hOptions, start: options.start, target: options.target, basis: options.basis });
    });
  },
};
