/**
 * HiGHS (npm `highs`, WebAssembly) as the default engine.
 *
 * Its solve call is synchronous, and its own time limit can overrun, so it runs
 * in a thread of its own — a worker thread in Node, a Web Worker in a browser
 * (`engine/host.ts` is the one for this build): incumbents stream back as they
 * are found, and a hard deadline terminates the thread, keeping the last
 * incumbent. The matrix goes over as typed arrays (column-wise sparse), not LP text.
 */
import type { Backend, BackendOptions, BackendResult } from "./backend.js";
import { engineHost } from "./engine/host.js";
import type { EngineMessage, EngineThread } from "./engine/job.js";
import type { LinearModel } from "./model.js";

/**
 * One engine thread kept between solves: WebAssembly starts on V8's baseline
 * compiler and is tiered up while it runs, so a warm worker solves the same
 * model several times faster than a fresh one (measured: ~5× on the 连云港
 * example). In Node it is unref'd, so it never keeps the process alive; a
 * thread killed at a deadline is replaced by a fresh one.
 */
let shared: EngineThread | undefined;
let jobs = 0;
function engineThread(): EngineThread {
  if (!shared) {
    const t = engineHost.spawn();
    t.listen({
      exit() {
        if (shared === t) shared = undefined;
      },
    });
    shared = t;
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
      const worker = engineThread();
      const id = ++jobs;
      let best: { x?: Float64Array; objective?: number; bound?: number } = {};
      let settled = false;
      const finish = (r: BackendResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        options.signal?.removeEventListener("abort", onAbort);
        unlisten();
        if (r.message === HARD_DEADLINE || r.status === "error") {
          if (shared === worker) shared = undefined;
          worker.terminate();
        }
        resolve(r);
      };
      // HiGHS's own limit can overrun on large models: past a grace period the worker is killed and the last incumbent kept.
      const timer = setTimeout(
        () => finish({ status: "timeout", x: best.x, objective: best.objective, bound: Number.isFinite(best.bound) ? best.bound : undefined, message: HARD_DEADLINE }),
        limitS !== undefined ? limitS * 1000 * 1.1 + 2000 : 2 ** 31 - 1,
      );
      const onMessage = (msg: EngineMessage) => {
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
      const onError = (e: Error) => finish({ status: "error", message: e.message });
      const onExit = () => finish({ status: best.x ? "timeout" : "error", x: best.x, objective: best.objective, bound: best.bound, message: "engine exited" });
      const unlisten = worker.listen({ message: onMessage, error: onError, exit: onExit });
      options.signal?.addEventListener("abort", onAbort, { once: true });
      if (options.signal?.aborted) return finish({ status: "timeout", message: "stopped before the engine started" });
      worker.post({ id, model, options: hOptions, start: options.start, target: options.target, basis: options.basis });
    });
  },
};
