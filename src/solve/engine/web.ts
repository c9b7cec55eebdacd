/**
 * The engine host in a browser: HiGHS in a module Web Worker (`worker.ts`, built
 * as dist/browser/highs-worker.js beside this module, with highs.wasm beside it).
 * The `new Worker(new URL(…, import.meta.url))` form is the one bundlers (Vite,
 * webpack, Parcel) recognise and copy with the worker's own assets.
 */
import type { EngineHost, EngineJob, EngineMessage, EngineThread } from "./job.js";

/** The little of the DOM's Worker this host uses (the library is type-checked without the DOM library). */
interface WebWorker {
  postMessage(message: unknown): void;
  addEventListener(type: "message", fn: (e: { data: EngineMessage }) => void): void;
  addEventListener(type: "error" | "messageerror", fn: (e: { message?: string }) => void): void;
  removeEventListener(type: string, fn: (e: any) => void): void;
  terminate(): void;
}
declare const Worker: new (url: URL, options: { type: "module"; name?: string }) => WebWorker;

export const engineHost: EngineHost = {
  kind: "browser",
  spawn(): EngineThread {
    const w = new Worker(new URL("./highs-worker.js", import.meta.url), { type: "module", name: "jinxiu-highs" });
    const exits = new Set<() => void>();
    return {
      post: (job: EngineJob) => w.postMessage(job),
      listen(on) {
        const message = (e: { data: EngineMessage }) => on.message?.(e.data);
        // A worker that fails to load or throws: the job ends with an error (the host replaces the worker).
        const error = (e: { message?: string; preventDefault?: () => void }) => {
          e.preventDefault?.();
          on.error?.(new Error(e.message || "the HiGHS worker failed to load (is highs-worker.js served beside the library?)"));
        };
        w.addEventListener("message", message);
        w.addEventListener("error", error);
        w.addEventListener("messageerror", error);
        const exit = () => on.exit?.();
        exits.add(exit);
        return () => {
          w.removeEventListener("message", message);
          w.removeEventListener("error", error);
          w.removeEventListener("messageerror", error);
          exits.delete(exit);
        };
      },
      terminate() {
        w.terminate();
        // A Web Worker fires no exit event: its listeners hear it here, as Node's do.
        const heard = [...exits];
        exits.clear();
        for (const fn of heard) fn();
      },
    };
  },
};
