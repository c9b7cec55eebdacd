/** `jinxiu solve`: solve an instance, print a short summary, write the plan atomically. */
import type { Instance } from "../model/types.js";
import { serializePlan } from "../report/serialize.js";
import { summarizePlan } from "../report/summary.js";
import { solveDetailed } from "../solve/index.js";
import { CliInputError, type Io, writeAtomic } from "./io.js";
import { progressBar } from "./progress.js";

export interface SolveCliOptions {
  out?: string;
  timeLimit?: string;
  gap?: string;
  backend?: "highs" | "jslp";
  json?: boolean;
  quiet?: boolean;
}

function positive(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new CliInputError(`${option}: must be a positive number, got "${value}"`);
  return n;
}

export async function solveCommand(inst: Instance, opts: SolveCliOptions, io: Io): Promise<number> {
  const seconds = positive(opts.timeLimit, "--time-limit");
  const gap = opts.gap === undefined ? undefined : Number(opts.gap);
  if (gap !== undefined && !(gap >= 0 && gap < 1)) throw new CliInputError(`--gap: must be a fraction in [0, 1), got "${opts.gap}"`);
  const live = io.isTTY && !opts.quiet && !opts.json;
  const bar = live ? progressBar(seconds) : undefined;
  const plain = !live && !opts.quiet && !opts.json && !io.isTTY;
  let lastPhase = "";
  const { plan, stats } = await solveDetailed(inst, {
    timeLimitMs: seconds !== undefined ? seconds * 1000 : undefined,
    relGap: gap,
    backend: opts.backend,
    onProgress: (p) => {
      if (bar) bar.update(p);
      else if (plain && p.phase !== lastPhase && !p.phase.startsWith("solve")) io.err(`${p.phase} (${(p.elapsedMs / 1000).toFixed(1)} s)`);
      lastPhase = p.phase;
    },
  }).finally(() => bar?.stop());
  const text = serializePlan(plan);
  if (opts.out) writeAtomic(opts.out, text);
  if (opts.json) io.out(text);
  else if (!opts.quiet) io.out(summarizePlan(inst, plan, { stats, out: opts.out }));
  return plan.status === "infeasible" ? 1 : 0;
}

