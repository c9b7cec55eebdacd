/**
 * `solve`: an optimal allocation plan (SPEC §6) for an instance, checked by
 * `verifyPlan` before it is returned.
 */
import { InternalError, UsageError } from "../model/errors.js";
import type { Instance, Placement, Plan, Reason } from "../model/types.js";
import { contextOf } from "../rules/context.js";
import { RULES, RULE_CODES } from "../rules/index.js";
import type { Lang } from "../rules/words.js";
import { validInstance } from "../model/parse.js";
import { verifyPlan } from "../verify.js";
import { planFormatViolations } from "../model/planformat.js";
import type { Backend, BackendResult } from "./backend.js";
import { candidatesIn, explicitFamily } from "./candidates.js";
import { Formulation, type Group, PinnedUsage } from "./formulate.js";
import { highsBackend } from "./highs.js";
import { jslpBackend } from "./jslp.js";
import { lpRelaxation, objectiveAt, padded } from "./model.js";
import { greedyPlan } from "./greedy.js";
import { groupTrainees, uniqueSpans } from "./groups.js";
import { basePlan, completed, extractPlan, findConflicts, infeasiblePlan } from "./plan.js";
import { seedColumns, solveByPricing } from "./pricing.js";
import { expandSchedules } from "./schedule.js";
import { hasResidents, solveResidency } from "./residency/solve.js";
import { Clock, checkClockOptions } from "./clock.js";
import { checkedBackend } from "./checked.js";
import { describeValue, expectFunctionOption, expectNumberOption, expectObject, expectOptions, isObject } from "../model/args.js";

const PRICING_THRESHOLD = 20_000;
/** About 3 GB at this size (measured: 4.0 M candidates, 3.0 GB peak); larger instances need decomposition. */
const MAX_CANDIDATES = 5_000_000;

export type { Backend, BackendResult } from "./backend.js";

/**
 * The phases `onProgress` reports, in the order they can occur:
 * `candidates` (candidate placements and trainee groups), `formulate` (rows),
 * `greedy` (the first valid plan), `solve` (the engine; repeated with each
 * new incumbent or bound), on large models `pricing N` (column generation
 * round N), `dive` (an integer plan from the master, with §9 schedule families)
 * and `restricted MILP N`, `relaxation bound` (restricted §9 rotation
 * families), `conflicts` (an infeasible instance's conflicting rows) and
 * `extract` (the plan, its mentors and reasons). With residents (SPEC §10),
 * bases that share no unit are independent problems: `independent parts N`,
 * then each part's phases prefixed `part i/N` (its first names its bases:
 * `part 1/2: 省立医院`).
 */
export type SolvePhase =
  | "candidates" | "formulate" | "greedy" | "solve" | `pricing ${number}` | "dive" | `restricted MILP ${number}` | "relaxation bound" | "conflicts" | "extract"
  | `independent parts ${number}` | `part ${number}/${number}${string}`;

export interface SolveProgress {
  /** Where the solve is: see {@link SolvePhase}. */
  readonly phase: SolvePhase;
  readonly incumbent?: number;
  readonly bound?: number;
  readonly elapsedMs: number;
}

export interface SolveOptions {
  /**
   * Wall-clock limit for the whole solve, from the call (every phase): the best
   * valid plan found is returned with status `timeout-feasible`. A positive
   * finite number of milliseconds, at most one week (604,800,000); absent: no
   * limit. The solve returns within about 10 % + 1 s of it.
   */
  readonly timeLimitMs?: number;
  /**
   * Aborting stops the solve in whatever phase it is, exactly as a reached
   * time limit does: the best valid plan found so far, status
   * `timeout-feasible`. Before the greedy plan exists that is the plan of the
   * pinned placements alone (everyone else unplaced with reason `TIME-LIMIT`),
   * when it is valid; when no valid plan is known at all (hard minimums that
   * nothing placed yet meets) the solve rejects with a `UsageError` saying so.
   * An abort never hangs and never leaves an engine running (HiGHS's worker
   * is stopped; `jslp`, synchronous and for small models only, finishes its
   * current call). The candidates phase yields to the event loop every
   * ~50 ms, so an `abort()` from a signal handler (SIGINT) is seen there at
   * once; the formulation, the greedy construction and a pricing round are
   * synchronous, so such an abort is seen when the one running ends (measured
   * on the 浙江 three-year under load: up to ~5 s). The time limit itself is
   * checked inside all of them.
   */
  readonly signal?: AbortSignal;
  /** Stop once the relative gap to the bound is at most this (default 0: prove optimality). */
  readonly relGap?: number;
  /** `highs` (default, WebAssembly) or `jslp` (pure JS, small models), or your own engine. */
  readonly backend?: "highs" | "jslp" | Backend;
  readonly onProgress?: (p: SolveProgress) => void;
  /**
   * Models with more placement columns than this (or more than 12× as many
   * matrix entries) are solved by column
   * generation (LP pricing, then a restricted MILP closed under reduced costs;
   * exact, see `pricing.ts`). Default 20,000.
   */
  readonly pricingThreshold?: number;
  /** Refuse (with a UsageError) instances with more candidate placements than this. Default 5,000,000. */
  readonly maxCandidates?: number;
  /** The language of unplaced reasons and conflicts: `zh` (default; names and Chinese labels) or `en` (ids and codes). */
  readonly lang?: Lang;
  /**
   * A plan published before (SPEC §11.1): solve the instance with it as its
   * `baseline`, changing as few trainees as `objective.change` says — sugar for
   * `{ ...instance, baseline: { placements: plan.placements } }`.
   */
  readonly baseline?: Pick<Plan, "placements">;
  /** Engine options passed through unchanged, e.g. HiGHS's `{ mip_lp_solver: "ipm" }`. */
  readonly engineOptions?: Readonly<Record<string, number | boolean | string>>;
}

export interface SolveStats {
  readonly backend: string;
  readonly variables: number;
  readonly constraints: number;
  readonly groups: number;
  readonly candidates: number;
  readonly engineStatus: string;
  readonly elapsedMs: number;
}

/**
 * Computes an allocation plan: who goes where, in which department, when and
 * with which mentor, with the support sent down to keep home units staffed.
 *
 * @example
 * const plan = await solve(parseInstance(text), { timeLimitMs: 60_000 });
 * console.log(plan.status, plan.objective, plan.bound);
 */
export async function solve(instance: Instance, options: SolveOptions = {}): Promise<Plan> {
  return (await solveDetailed(instance, options)).plan;
}

/**
 * `solve`, also returning model statistics (for benchmarks and the CLI summary).
 *
 * @example
 * const { plan, stats } = await solveDetailed(instance, { relGap: 0.01 });
 * console.log(stats.variables, stats.constraints, stats.elapsedMs);
 */
export async function solveDetailed(instance: Instance, options: SolveOptions = {}): Promise<{ plan: Plan; stats: SolveStats }> {
  const t0 = Date.now();
  checkSolveArgs(instance, options);
  // The instance as checked: parseInstance's (frozen), or a frozen copy of a plain object.
  instance = validInstance(instance, "solve");
  if (options.baseline) instance = validInstance({ ...instance, baseline: { placements: options.baseline.placements } }, "solve");
  const clock = new Clock(t0, options.timeLimitMs, options.signal);
  try {
    return await solveWithin(instance, options, clock, t0);
  } finally {
    clock.dispose();
  }
}

async function solveWithin(instance: Instance, options: SolveOptions, clock: Clock, t0: number): Promise<{ plan: Plan; stats: SolveStats }> {
  const elapsed = () => Date.now() - t0;
  const expired = () => clock.expired();
  const progress = (phase: SolvePhase, p: { incumbent?: number; bound?: number } = {}) => options.onProgress?.({ phase, ...p, elapsedMs: elapsed() });
  // Every answer is checked before use; your own engine's also against the model.
  const backend = typeof options.backend === "object" ? checkedBackend(options.backend, true) : checkedBackend(options.backend === "jslp" ? jslpBackend : highsBackend, false);
  const ctx = contextOf(instance);
  // SPEC §10: instances with residents are solved by column generation over whole schedules.
  if (hasResidents(instance)) {
    const lang = options.lang ?? "zh";
    const { plan, stats } = await solveResidency(ctx, backend, clock, {
      relGap: options.relGap, pricingThreshold: options.pricingThreshold, engineOptions: options.engineOptions, lang,
      onPhase: (phase, p) => progress(phase, p),
    });
    return { plan, stats: { ...stats, backend: backend.name, elapsedMs: elapsed() } };
  }
  progress("candidates");

  const pinned = instance.pinned ?? [];
  const usage = new PinnedUsage(ctx, pinned);

  // Pinned placements that break a rule nothing can repair make the instance infeasible outright.
  const pinnedOnly = basePlan(instance, pinned);
  const lang = options.lang ?? "zh";
  const fixed = verifyPlan(instance, pinnedOnly, { rules: RULES.filter((r) => !r.repairable).map((r) => r.code), lang }).violations;
  const statsBase = { backend: backend.name, groups: 0, candidates: 0 };
  if (fixed.length) {
    const plan = infeasiblePlan(instance, pinned, fixed.map((v) => ({ ...v, message: `${lang === "en" ? "pinned placements: " : "已定安排："}${v.message}` })), lang);
    return { plan, stats: { ...statsBase, variables: 0, constraints: 0, engineStatus: "not run", elapsedMs: elapsed() } };
  }

  // Candidate families (implicit: pairs × spans), then groups of interchangeable trainees.
  const { groups, excluded, nCands, nnz, restricted, stopped } = await groupTrainees(ctx, usage, lang, clock);
  const maxCandidates = options.maxCandidates ?? MAX_CANDIDATES;
  if (stopped) {
    // Stopped before any plan exists: the pinned placements alone, if they make a valid plan.
    const plan = stoppedPlan(instance, pinned, excluded, clock, options.timeLimitMs, lang);
    return { plan, stats: { ...statsBase, variables: 0, constraints: 0, engineStatus: "stopped", elapsedMs: elapsed() } };
  }

  progress("formulate");
  const f = new Formulation(ctx, groups, usage);
  const pricingAt = options.pricingThreshold ?? PRICING_THRESHOLD;
  // Large models are solved by column generation over the implicit candidates (exact, see pricing.ts).
  // §9 schedule families (rotating trainees with too many splits to list) exist only under column generation.
  const scheduled = groups.some((g) => g.family.schedules);
  let byPricing = !restricted && (scheduled || nCands > pricingAt || nnz > 12 * pricingAt);
  /** The model was cut short by the deadline: its bound and infeasibility are not the instance's. */
  let partial = false;
  const whole = () => {
    // Every schedule of every schedule family, listed (only when column generation could not decide).
    if (scheduled) for (const g of groups) if (g.family.schedules) expandSchedules(g.family.schedules);
    const nCands = groups.reduce((n, g) => n + (g.family.schedules ? g.family.schedules.list.length : g.family.size), 0);
    if (nCands > maxCandidates)
      throw new UsageError(
        `solve: ${nCands} candidate placements, more than maxCandidates (${maxCandidates}) for a model built whole; ` +
          "use column generation (the default above pricingThreshold) or raise maxCandidates",
      );
    if (!f.addAll(expired)) partial = true;
  };
  if (!byPricing) whole();
  // A greedy plan gives the engine an incumbent from the start (and is the fallback at a deadline).
  progress("greedy");
  const greedy = greedyPlan(f, expired);
  // The greedy plan's columns, then (column generation) each group's best few candidates.
  const greedyCols = greedy?.takes.map(([gi, ci]) => f.add(gi, ci));
  if (byPricing) seedColumns(f, 3);
  const greedyStart = (): Float64Array | undefined => {
    if (!greedy || !greedyCols) return undefined;
    const x = new Float64Array(f.builder.numCols);
    for (const [j, v] of greedy.base) x[j] = v;
    greedy.takes.forEach(([, , n], i) => (x[greedyCols[i]] += n));
    return x;
  };
  let start = greedyStart();
  // The greedy plan is the first incumbent a caller sees.
  progress("solve", start ? { incumbent: f.builder.objectiveAt(start) } : {});
  const engineOptions = {
    /** What is left of the time limit when the engine starts. */
    get timeLimitMs() {
      return clock.remaining();
    },
    signal: clock.signal,
    relGap: options.relGap,
    absGap: f.integralObjective && !options.relGap ? 0.999 : undefined,
    onProgress: (p: { incumbent?: number; bound?: number }) => progress("solve", p),
    engineOptions: options.engineOptions,
  };
  let res: BackendResult | undefined;
  if (byPricing) {
    res = await solveByPricing(backend, f, {
      ...engineOptions,
      start,
      deadline: clock.engineDeadline,
      onPhase: (phase) => progress(phase),
    });
    if (!res && clock.enginesDone() && start) {
      // Out of time with no better plan: the greedy plan, on the columns there are.
      res = { status: "timeout" };
    } else if (!res) {
      // The restricted model found no plan: the whole model decides (and explains an infeasible instance).
      byPricing = false;
      whole();
      start = greedyStart();
    }
  }
  const { model, keptRows } = f.builder.build();
  const stats = { ...statsBase, groups: groups.length, candidates: nCands, variables: model.numCols, constraints: model.numRows };
  if (start) start = padded(start, model.numCols);
  if (!res && model.numCols === 0) {
    // Nothing to decide (nobody has a candidate): the plan is the pinned placements; engines do not take empty models.
    let ok = true;
    for (let r = 0; r < model.numRows; r++) if (model.rowLower[r] > 1e-9 || model.rowUpper[r] < -1e-9) ok = false;
    res = ok ? { status: "optimal", x: new Float64Array(0), objective: model.offset, bound: model.offset } : { status: "infeasible" };
  }
  // Rotation splits were restricted for some trainee: the whole problem is bounded by a
  // relaxation that drops per-rotation capacity and mentor rows (its LP), and the
  // engine may stop as soon as a plan reaches that bound.
  let relaxedBound: number | undefined;
  if (!res && restricted) {
    progress("relaxation bound");
    const relaxedGroups = groups.map((g) => ({ ...g, family: explicitFamily(uniqueSpans([...candidatesIn(g.family)].map(([, c]) => c))) }));
    const rf = new Formulation(ctx, relaxedGroups, usage);
    // A relaxation cut short bounds nothing.
    const lp = rf.addAll(expired)
      ? await backend.solve(lpRelaxation(rf.builder.build().model), { timeLimitMs: engineOptions.timeLimitMs, signal: clock.signal })
      : { status: "timeout" as const, objective: undefined };
    if (lp.status === "optimal" && lp.objective !== undefined) relaxedBound = f.integralObjective ? Math.floor(lp.objective + 1e-6) : lp.objective;
    if (relaxedBound !== undefined && start) {
      const value = objectiveAt(model, start);
      if (value >= relaxedBound - (f.integralObjective ? 0.999 : 1e-6)) res = { status: "optimal", x: start, objective: value, bound: relaxedBound };
    }
  }
  res ??= await backend.solve(model, { ...engineOptions, start, target: relaxedBound });
  // Part of the model only: a plan in it is a plan, but its bound or infeasibility is not the instance's.
  if (partial) res = res.x ? { ...res, status: "timeout", bound: undefined } : { status: "timeout" };

  if (res.status === "infeasible") {
    progress("conflicts");
    const conflicts = await findConflicts(backend, model, keptRows.map((r) => f.builder.rowMeta[r]), clock.remaining(), clock.signal, lang);
    const plan = infeasiblePlan(instance, pinned, conflicts, lang);
    return { plan, stats: { ...stats, engineStatus: "infeasible", elapsedMs: elapsed() } };
  }
  if (!res.x && res.status === "timeout") {
    // No incumbent in time: fall back on the greedy construction (valid by construction, verified below).
    if (start) res = { status: "timeout", x: start, objective: objectiveAt(model, start), bound: res.bound };
  }
  if (!res.x) {
    if (res.status === "timeout") throw noPlanInTime(clock, options.timeLimitMs);
    throw new InternalError(`solve: the ${backend.name} engine failed: ${res.message ?? res.status}`);
  }

  if (restricted && relaxedBound !== undefined && res.x && res.objective !== undefined) {
    // Optimality is claimed against the relaxation's bound only (the restricted model's own bound is not global).
    const reached = res.objective >= relaxedBound - (f.integralObjective ? 0.999 : 1e-6);
    res = { ...res, status: res.status === "timeout" ? "timeout" : reached ? "optimal" : "feasible", bound: reached ? res.objective : relaxedBound };
  } else if (restricted && res.x) {
    res = { ...res, status: res.status === "timeout" ? "timeout" : "feasible", bound: undefined };
  }

  progress("extract");
  const draft = extractPlan(ctx, instance, f, res, groups, excluded, model, keptRows, lang);
  // Every §5 rule on the draft, then the §6 form on the plan with its objective and shortfalls.
  const v = verifyPlan(instance, draft, { rules: RULE_CODES, lang });
  const plan = completed(draft, v);
  const wrong = [...v.violations, ...planFormatViolations(instance, plan, v.changes)];
  if (wrong.length) {
    throw new InternalError(
      `solve: the computed plan fails verification (a bug in jinxiu, please report it):\n${wrong.slice(0, 10).map((x) => `${x.code}: ${x.message}`).join("\n")}`,
    );
  }
  return { plan, stats: { ...stats, engineStatus: res.status, elapsedMs: elapsed() } };
}

function noPlanInTime(clock: Clock, timeLimitMs: number | undefined): UsageError {
  return new UsageError(
    clock.aborted
      ? "solve: aborted (options.signal) before any valid plan was found"
      : `solve: no valid plan found within the time limit (${timeLimitMs} ms); allow more time`,
  );
}

/**
 * The plan when the solve stops before the greedy plan exists: the pinned
 * placements only, trainees already excluded with their reasons, everyone
 * else with `TIME-LIMIT`. Status `timeout-feasible` when valid; otherwise no
 * valid plan is known (a UsageError says so).
 */
function stoppedPlan(instance: Instance, pinned: readonly Placement[], excluded: ReadonlyMap<string, Reason[]>, clock: Clock, timeLimitMs: number | undefined, lang: Lang): Plan {
  const en = lang === "en";
  const why = clock.aborted
    ? en ? "the solve was aborted before it reached this trainee" : "求解在排到此人之前被中止"
    : en ? "the time limit was reached before the solve reached this trainee" : "求解在排到此人之前已到时限";
  const base = basePlan(instance, pinned);
  const unplaced = base.unplaced.map((u) => ({ trainee: u.trainee, reasons: excluded.get(u.trainee) ?? [{ code: "TIME-LIMIT", message: why }] }));
  const draft: Plan = { ...base, status: "timeout-feasible", unplaced };
  const v = verifyPlan(instance, draft, { rules: RULE_CODES });
  if (!v.valid) throw noPlanInTime(clock, timeLimitMs);
  return completed(draft, v);
}

const SOLVE_OPTIONS = ["timeLimitMs", "signal", "relGap", "backend", "onProgress", "pricingThreshold", "maxCandidates", "engineOptions", "lang", "baseline"] as const;

/** `solve`'s arguments: a UsageError naming the argument for any misuse. */
function checkSolveArgs(instance: unknown, options: unknown): asserts options is SolveOptions {
  expectObject("solve", "instance", instance, "an instance object (parse it with parseInstance)");
  expectOptions("solve", options, SOLVE_OPTIONS);
  const o = (options ?? {}) as Record<string, unknown>;
  checkClockOptions("solve", o.timeLimitMs, o.signal);
  expectNumberOption("solve", "relGap", o.relGap, 0, 1, "a relative gap from 0 to 1");
  expectNumberOption("solve", "pricingThreshold", o.pricingThreshold, 0, Number.POSITIVE_INFINITY, "a number ≥ 0");
  expectNumberOption("solve", "maxCandidates", o.maxCandidates, 1, Number.POSITIVE_INFINITY, "a number ≥ 1");
  expectFunctionOption("solve", "onProgress", o.onProgress);
  if (o.lang !== undefined && o.lang !== "zh" && o.lang !== "en") throw new UsageError(`solve: options.lang must be "zh" or "en", got ${describeValue(o.lang)}`);
  if (o.baseline !== undefined && !(isObject(o.baseline) && Array.isArray((o.baseline as { placements?: unknown }).placements)))
    throw new UsageError(`solve: options.baseline must be a plan (an object with placements), got ${describeValue(o.baseline)}`);
  const b = o.backend;
  if (b !== undefined && b !== "highs" && b !== "jslp") {
    if (typeof b === "string") throw new UsageError(`solve: options.backend must be "highs", "jslp" or a Backend object, got ${describeValue(b)}`);
    if (!isObject(b) || typeof b.name !== "string" || typeof b.solve !== "function")
      throw new UsageError(`solve: options.backend must be "highs", "jslp" or a Backend ({ name: string, solve(model, options) }), got ${describeValue(b)}`);
  }
  if (o.engineOptions !== undefined) {
    expectObject("solve", "options.engineOptions", o.engineOptions, "an object of engine option names to numbers, booleans or strings");
    for (const [k, v] of Object.entries(o.engineOptions as object))
      if (!["number", "boolean", "string"].includes(typeof v)) throw new UsageError(`solve: options.engineOptions.${k} must be a number, boolean or string, got ${describeValue(v)}`);
  }
}
