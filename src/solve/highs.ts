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
const load = require(workerData.highsPath);
load().then((highs) => {
  const m = workerData.model;
  const C = highs.constants;
  const model = highs.createModel({
    numCols: m.numCols, numRows: m.numRows, sense: C.objectiveSense.maximize, offset: m.offset,
    colCost: m.colCost, colLower: m.colLower, colUpper: m.colUpper,
    rowLower: m.rowLower, rowUpper: m.rowUpper,
    matrix: { format: "csc", numRows: m.numRows, numCols: m.numCols, starts: m.starts, indices: m.indices, values: m.values },
    integrality: Int32Array.from(m.integer),
  });
  try {
    model.options.set(workerData.options);
    const callbacks = {
      [C.callbackType.mipImprovingSolution](e) {
        const x = e.data.mip_solution;
        parentPort.postMessage({ type: "incumbent", objective: e.data.objective_function_value, x: x ? Float64Array.from(x) : undefined, bound: e.data.mip_dual_bound });
      },
      [C.callbackType.mipLogging](e) {
        parentPort.postMessage({ type: "progress", incumbent: e.data.mip_primal_bound, bound: e.data.mip_dual_bound });
      },
    };
    const isMip = m.integer.some((v) => v === 1);
    model.run(isMip ? callbacks : undefined);
    const status = model.getModelStatus();
    const sol = model.getSolution();
    const hasPrimal = Number(model.info.get("primal_solution_status")) === C.solutionStatus.feasible;
    const bound = isMip ? Number(model.info.get("mip_dual_bound")) : undefined;
    if (process.env.JINXIU_DEBUG) console.error("HIGHS", status, model.getObjectiveValue(), bound, model.info.get("mip_gap"), model.info.get("mip_node_count"));
    parentPort.postMessage({ type: "done", status, x: hasPrimal ? Float64Array.from(sol.colValue) : undefined,
      objective: hasPrimal ? model.getObjectiveValue() : undefined, bound,
      statusNames: { optimal: C.modelStatus.optimal, infeasible: C.modelStatus.infeasible, timeLimit: C.modelStatus.timeLimit, unboundedOrInfeasible: C.modelStatus.unboundedOrInfeasible, interrupted: C.modelStatus.interrupted } });
  } catch (err) {
    parentPort.postMessage({ type: "error", message: String(err && err.message || err) });
  } finally {
    model.dispose();
  }
}, (err) => parentPort.postMessage({ type: "error", message: "cannot load HiGHS: " + String(err && err.message || err) }));
`;

let highsPath: string | undefined;
function resolveHighs(): string {
  highsPath ??= createRequire(import.meta.url).resolve("highs");
  return highsPath;
}

export const highsBackend: Backend = {
  name: "highs",
  solve(model: LinearModel, options: BackendOptions): Promise<BackendResult> {
    const limitS = options.timeLimitMs !== undefined ? Math.max(0.05, options.timeLimitMs / 1000) : undefined;
    const hOptions: Record<string, number | boolean | string> = {
      output_flag: false,
      mip_rel_gap: options.relGap ?? 1e-9,
      mip_abs_gap: options.absGap ?? 1e-6,
      random_seed: 0,
    };
    if (limitS !== undefined) hOptions.time_limit = limitS;
    return new Promise((resolve) => {
      const worker = new Worker(WORKER, { eval: true, workerData: { highsPath: resolveHighs(), model, options: hOptions } });
      let best: { x?: Float64Array; objective?: number; bound?: number } = {};
      let settled = false;
      const finish = (r: BackendResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        void worker.terminate();
        resolve(r);
      };
      // HiGHS's own limit can overrun on large models: past a grace period the worker is killed and the last incumbent kept.
      const timer = setTimeout(
        () => finish({ status: "timeout", x: best.x, objective: best.objective, bound: best.bound, message: "hard deadline: engine stopped" }),
        limitS !== undefined ? limitS * 1000 * 1.1 + 2000 : 2 ** 31 - 1,
      );
      worker.on("message", (msg) => {
        if (msg.type === "incumbent") {
          if (msg.x && (best.objective === undefined || msg.objective > best.objective)) best = { x: msg.x, objective: msg.objective, bound: msg.bound };
          options.onProgress?.({ incumbent: msg.objective, bound: msg.bound });
        } else if (msg.type === "progress") {
          if (Number.isFinite(msg.bound)) best = { ...best, bound: msg.bound };
          options.onProgress?.({ incumbent: Number.isFinite(msg.incumbent) ? msg.incumbent : undefined, bound: Number.isFinite(msg.bound) ? msg.bound : undefined });
        } else if (msg.type === "error") {
          finish({ status: "error", message: msg.message });
        } else if (msg.type === "done") {
          const s = msg.statusNames;
          const bound = Number.isFinite(msg.bound) ? msg.bound : msg.x ? msg.objective : undefined;
          if (msg.status === s.optimal) {
            // HiGHS calls a solution optimal once within the gap options; only a closed gap is "optimal" here.
            const proven = bound === undefined || bound - msg.objective <= (options.absGap ?? 1e-6) + 1e-9 * Math.abs(msg.objective);
            finish({ status: proven ? "optimal" : "feasible", x: msg.x, objective: msg.objective, bound: proven ? msg.objective : bound });
          }
          else if (msg.status === s.infeasible || msg.status === s.unboundedOrInfeasible) finish({ status: "infeasible" });
          else if (msg.status === s.timeLimit || msg.status === s.interrupted) finish({ status: "timeout", x: msg.x ?? best.x, objective: msg.x ? msg.objective : best.objective, bound });
          else finish({ status: msg.x ? "feasible" : "error", x: msg.x, objective: msg.objective, bound, message: `HiGHS model status ${msg.status}` });
        }
      });
      worker.on("error", (e) => finish({ status: "error", message: e.message }));
      worker.on("exit", () => finish({ status: best.x ? "timeout" : "error", x: best.x, objective: best.objective, bound: best.bound, message: "engine exited" }));
    });
  },
};
