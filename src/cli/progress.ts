/**
 * The solve progress bar on a terminal (cli-progress): phase, incumbent, bound
 * and gap, elapsed time. `progressTracker` is the arithmetic, apart from the
 * terminal: only finite numbers are shown (an engine may report an unchecked
 * Infinity or NaN), the incumbent is the best so far and the bound the tightest
 * so far (each reported bound is proven, so the least one holds), and the bar
 * measures one thing that never moves back — time against the limit when there
 * is one, else the share of the gap closed.
 */
import cliProgress from "cli-progress";
import type { SolveProgress } from "../solve/index.js";

export interface ProgressView {
  readonly phase: string;
  readonly incumbent?: number;
  readonly bound?: number;
  /** Relative gap in [0, 1], when both ends are known. */
  readonly gap?: number;
  /** 0–100, never less than the previous value. */
  readonly percent: number;
  readonly elapsedMs: number;
}

const finite = (x: number | undefined): x is number => typeof x === "number" && Number.isFinite(x);

/** Folds progress reports into what the bar shows. */
export function progressTracker(limitSeconds?: number): (p: SolveProgress) => ProgressView {
  let incumbent: number | undefined;
  let bound: number | undefined;
  let percent = 0;
  return (p) => {
    if (finite(p.incumbent) && (incumbent === undefined || p.incumbent > incumbent)) incumbent = p.incumbent;
    if (finite(p.bound) && (bound === undefined || p.bound < bound)) bound = p.bound;
    const gap = incumbent !== undefined && bound !== undefined ? Math.min(1, Math.max(0, (bound - incumbent) / Math.max(1, Math.abs(bound)))) : undefined;
    const elapsedMs = finite(p.elapsedMs) ? Math.max(0, p.elapsedMs) : 0;
    const measure = limitSeconds ? elapsedMs / 10 / limitSeconds : gap !== undefined ? 100 * (1 - gap) : 0;
    percent = Math.max(percent, Math.min(100, finite(measure) ? measure : 0));
    return { phase: p.phase, incumbent, bound, gap, percent, elapsedMs };
  };
}

const SHOW_CURSOR = "\u001B[?25h";

export function progressBar(limitSeconds?: number): { update(p: SolveProgress): void; stop(): void } {
  const bar = new cliProgress.SingleBar(
    {
      format: " {bar} {phase} | incumbent {incumbent} | bound {bound} | gap {gap} | {elapsed} s",
      barsize: 20,
      hideCursor: true,
      clearOnComplete: true,
      stream: process.stderr,
      noTTYOutput: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const track = progressTracker(limitSeconds);
  // However the process ends (a second Ctrl-C, an uncaught error), the cursor comes back.
  const restore = () => void process.stderr.write(SHOW_CURSOR);
  process.once("exit", restore);
  let stopped = false;
  bar.start(100, 0, { phase: "prepare", incumbent: "—", bound: "—", gap: "—", elapsed: "0.0" });
  return {
    update(p) {
      const v = track(p);
      bar.update(Math.round(v.percent), {
        phase: v.phase,
        incumbent: v.incumbent === undefined ? "—" : Math.round(v.incumbent),
        bound: v.bound === undefined ? "—" : Math.round(v.bound),
        gap: v.gap === undefined ? "—" : `${(v.gap * 100).toFixed(2)} %`,
        elapsed: (v.elapsedMs / 1000).toFixed(1),
      });
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bar.stop();
      process.off("exit", restore);
      restore();
    },
  };
}
