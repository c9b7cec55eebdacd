/**
 * The page's solver thread: `solve` runs here (HiGHS in its own worker beside it), so the
 * page stays responsive and the stop button is heard while the candidates, the model and
 * the engine work. One solve at a time; "stop" aborts it and the best valid plan found so
 * far comes back (status timeout-feasible).
 */
import { JinxiuError, type Plan, type SolveProgress, solveDetailed } from "jinxiu";

export type ToWorker = { type: "solve"; instance: unknown; timeLimitMs?: number; relGap?: number } | { type: "stop" };
export type FromWorker =
  | { type: "progress"; progress: SolveProgress }
  | { type: "done"; plan: Plan; stats: { variables: number; constraints: number; elapsedMs: number; engineStatus: string } }
  | { type: "error"; message: string; code?: string };

const scope = self as unknown as { postMessage(m: FromWorker): void; onmessage: ((e: MessageEvent<ToWorker>) => void) | null };
let running: AbortController | undefined;

scope.onmessage = async (e) => {
  const msg = e.data;
  if (msg.type === "stop") {
    running?.abort();
    return;
  }
  running?.abort();
  const controller = new AbortController();
  running = controller;
  // Progress is sent at most every 100 ms (HiGHS reports far more often), the last one always.
  let last = 0;
  try {
    const { plan, stats } = await solveDetailed(msg.instance as never, {
      timeLimitMs: msg.timeLimitMs,
      relGap: msg.relGap,
      signal: controller.signal,
      onProgress(p) {
        const now = Date.now();
        if (p.phase !== "solve" || now - last > 100) {
          last = now;
          scope.postMessage({ type: "progress", progress: p });
        }
      },
    });
    scope.postMessage({ type: "done", plan, stats: { variables: stats.variables, constraints: stats.constraints, elapsedMs: stats.elapsedMs, engineStatus: stats.engineStatus } });
  } catch (err) {
    scope.postMessage({ type: "error", message: String((err as Error)?.message ?? err), code: err instanceof JinxiuError ? err.code : undefined });
  } finally {
    if (running === controller) running = undefined;
  }
};
