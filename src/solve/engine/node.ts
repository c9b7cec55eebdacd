/**
 * The engine host in Node: HiGHS in a worker thread (node:worker_threads). The one
 * module of the library's core that imports a Node built-in; the browser build
 * (tsup.config.ts) puts `web.ts` in its place.
 *
 * The thread's code is `runJob`'s own source text, evaluated in the thread, so it
 * runs alike from the TypeScript sources (tests, tsx) and from dist/.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { type EngineHost, type EngineThread, runJob } from "./job.js";

const SOURCE = String.raw`
const { parentPort, workerData } = require("node:worker_threads");
// Helpers a TypeScript transform may insert into a function's text (esbuild's keepNames).
const __name = (f) => f;
const runJob = ${runJob.toString()};
const ready = require(workerData.highsPath)();
parentPort.on("message", (job) => ready.then(
  (highs) => runJob(highs, job, (msg) => parentPort.postMessage(msg)),
  (err) => parentPort.postMessage({ id: job.id, type: "error", message: "cannot load HiGHS: " + String(err && err.message || err) })));
`;

let highsPath: string | undefined;

export const engineHost: EngineHost = {
  kind: "node",
  spawn(): EngineThread {
    highsPath ??= createRequire(import.meta.url).resolve("highs");
    const w = new Worker(SOURCE, { eval: true, workerData: { highsPath } });
    // The engine never keeps the process alive on its own.
    w.unref();
    return {
      post: (job) => w.postMessage(job),
      listen(on) {
        const added = (["message", "error", "exit"] as const).flatMap((event) => {
          const fn = on[event] as ((...args: any[]) => void) | undefined;
          if (!fn) return [];
          w.on(event, fn);
          return [() => w.off(event, fn)];
        });
        return () => added.forEach((off) => off());
      },
      terminate: () => void w.terminate(),
    };
  },
};
