/** The solve progress bar on a terminal (cli-progress): phase, incumbent, bound and gap, elapsed time. */
import cliProgress from "cli-progress";
import type { SolveProgress } from "../solve/index.js";

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
  let incumbent: number | undefined;
  let bound: number | undefined;
  bar.start(100, 0, { phase: "prepare", incumbent: "—", bound: "—", gap: "—", elapsed: "0.0" });
  return {
    update(p) {
      if (p.incumbent !== undefined) incumbent = p.incumbent;
      if (p.bound !== undefined) bound = p.bound;
      const gap = incumbent !== undefined && bound !== undefined ? Math.max(0, (bound - incumbent) / Math.max(1, Math.abs(bound))) : undefined;
      // The bar shows time used against the limit, or how far the gap has closed.
      const value = limitSeconds ? Math.min(100, p.elapsedMs / 10 / limitSeconds) : gap !== undefined ? 100 * (1 - Math.min(1, gap)) : 0;
      bar.update(Math.round(value), {
        phase: p.phase,
        incumbent: incumbent === undefined ? "—" : Math.round(incumbent),
        bound: bound === undefined ? "—" : Math.round(bound),
        gap: gap === undefined ? "—" : `${(gap * 100).toFixed(2)} %`,
        elapsed: (p.elapsedMs / 1000).toFixed(1),
      });
    },
    stop: () => bar.stop(),
  };
}
