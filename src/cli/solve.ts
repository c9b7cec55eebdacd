/**
 * `jinxiu solve`: solve an instance, print a short summary, write the plan
 * atomically — to `--out`, to standard output for `--out -`, else beside the
 * instance as `<instance>.plan.json`. The output path is checked before the
 * solve starts. Ctrl-C (SIGINT) or SIGTERM stops the solve: the best valid plan
 * found so far is written (status `timeout-feasible`) and the exit code is
 * 130 / 143; a second Ctrl-C quits at once.
 */
import { UsageError } from "../model/errors.js";
import type { Plan } from "../model/types.js";
import { serializePlan } from "../report/serialize.js";
import { summarizePlan } from "../report/summary.js";
import { solveDetailed } from "../solve/index.js";
import { CliInputError, type Io, checkOutput, writeOutput } from "./io.js";
import { loadInstance } from "./load.js";
import { progressBar } from "./progress.js";

export interface SolveCliOptions {
  /** Language of reasons, conflicts and the summary (default zh). */
  lang?: string;
  out?: string;
  timeLimit?: string;
  gap?: string;
  backend?: "highs" | "jslp";
  json?: boolean;
  quiet?: boolean;
}

/** The longest `--time-limit`: one week. */
export const MAX_TIME_LIMIT_S = 7 * 24 * 3600;

/** `--time-limit`: seconds, positive, finite, at most a week. */
export function timeLimitSeconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = value.trim() === "" ? NaN : Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > MAX_TIME_LIMIT_S)
    throw new CliInputError(`--time-limit: must be a number of seconds, more than 0 and at most ${MAX_TIME_LIMIT_S} (one week), got "${value}"`, [
      { path: "--time-limit", message: `must be a number of seconds in (0, ${MAX_TIME_LIMIT_S}], got "${value}"` },
    ]);
  return n;
}

/** Where the plan goes when `--out` is not given: `x.json` → `x.plan.json`; standard output when the instance came from it. */
export function defaultOut(instanceFile: string): string {
  if (instanceFile === "-") return "-";
  return `${instanceFile.replace(/\.json$/i, "")}.plan.json`;
}

const EXIT_SIGNAL: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

export async function solveCommand(file: string, opts: SolveCliOptions, io: Io): Promise<number> {
  const seconds = timeLimitSeconds(opts.timeLimit);
  const gap = opts.gap === undefined ? undefined : Number(opts.gap);
  if (gap !== undefined && !(gap >= 0 && gap < 1))
    throw new CliInputError(`--gap: must be a fraction in [0, 1), got "${opts.gap}"`, [{ path: "--gap", message: `must be a fraction in [0, 1), got "${opts.gap}"` }]);
  const out = opts.out ?? defaultOut(file);
  if (out === "-" && opts.json) throw new CliInputError("--out - and --json both write to standard output; give --out a file", [{ path: "--out", message: "--out - and --json both write to standard output" }]);
  if (out !== "-") checkOutput(out, { option: "--out", inputs: [file] });
  const inst = await loadInstance(file, io);

  const live = io.isTTY && !opts.quiet && !opts.json;
  const plain = !live && !opts.quiet && !opts.json && !io.isTTY;
  const abort = new AbortController();
  let interrupted: NodeJS.Signals | undefined;
  let bar: ReturnType<typeof progressBar> | undefined;
  const onSignal = (sig: NodeJS.Signals) => {
    if (interrupted) {
      // A second signal: leave now, the terminal restored.
      bar?.stop();
      process.exit(EXIT_SIGNAL[sig] ?? 130);
    }
    interrupted = sig;
    bar?.stop();
    bar = undefined;
    if (!opts.quiet) io.err(`${sig === "SIGINT" ? "interrupted" : sig}: stopping, the best plan found so far will be written (press Ctrl-C again to quit without it) — 正在停止，将保存目前最好的方案（再按 Ctrl-C 直接退出，不保存）`);
    abort.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  // The handlers stay until the plan is written: a signal during the write lets it finish (a second one quits).
  try {
    bar = live ? progressBar(seconds) : undefined;
    let lastPhase = "";
    let result: Awaited<ReturnType<typeof solveDetailed>>;
    try {
      result = await solveDetailed(inst, {
        timeLimitMs: seconds !== undefined ? seconds * 1000 : undefined,
        relGap: gap,
        backend: opts.backend,
        lang: opts.lang === "en" ? "en" : "zh",
        signal: abort.signal,
        onProgress: (p) => {
          if (bar) bar.update(p);
          else if (plain && !interrupted && p.phase !== lastPhase && !p.phase.startsWith("solve")) io.err(`${p.phase} (${(p.elapsedMs / 1000).toFixed(1)} s)`);
          lastPhase = p.phase;
        },
      });
    } catch (e) {
      // Stopped before the first valid plan existed: nothing to write.
      if (interrupted && e instanceof UsageError) {
        io.err(`${interrupted === "SIGINT" ? "interrupted" : interrupted} before any valid plan was found; nothing written (尚无可行方案，未写入文件)`);
        return EXIT_SIGNAL[interrupted] ?? 130;
      }
      throw e;
    } finally {
      bar?.stop();
    }
    const { plan, stats } = result;
    const text = serializePlan(plan);
    if (out === "-") io.out(text);
    else writeOutput(out, text, { option: "--out", inputs: [file] });
    if (opts.json) io.out(JSON.stringify({ ok: true, out, ...outline(plan), plan }));
    else if (!opts.quiet) {
      const summary = summarizePlan(inst, plan, { stats, out: out === "-" ? undefined : out, lang: opts.lang === "en" ? "en" : "zh" });
      if (out === "-") io.err(summary);
      else io.out(summary);
    }
    if (interrupted) return EXIT_SIGNAL[interrupted] ?? 130;
    return plan.status === "infeasible" ? 1 : 0;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

/** The plan at a glance, for `--json`. */
const outline = (plan: Plan) => ({
  status: plan.status,
  objective: plan.objective,
  bound: plan.bound,
  placed: plan.placements.length,
  unplaced: plan.unplaced?.length ?? 0,
});
