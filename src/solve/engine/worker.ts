/**
 * The browser's HiGHS worker (a module Web Worker, built as dist/browser/highs-worker.js
 * with HiGHS bundled in; highs.wasm is fetched from beside it). Jobs run one at a time
 * (HiGHS's run is synchronous); incumbents and the answer go back as messages.
 */
import loadHighs from "highs";
import { type EngineJob, runJob } from "./job.js";

interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: "message", fn: (e: { data: EngineJob }) => void): void;
}
const scope = globalThis as unknown as WorkerScope;

// Written out literally so that bundlers see the asset beside the worker and copy it.
const WASM = new URL("./highs.wasm", import.meta.url).href;
const ready = loadHighs({ locateFile: (file: string) => (file.endsWith(".wasm") ? WASM : file) });
scope.addEventListener("message", (e) => {
  const job = e.data;
  ready.then(
    (highs) => runJob(highs, job, (msg) => scope.postMessage(msg)),
    (err: unknown) => scope.postMessage({ id: job.id, type: "error", message: `cannot load HiGHS: ${String((err as Error)?.message ?? err)}` }),
  );
});
