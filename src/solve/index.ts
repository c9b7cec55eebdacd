/**
 * `solve`: an optimal allocation plan (SPEC §6) for an instance, checked by
 * `verifyPlan` before it is returned.
 */
import { InternalError, UsageError } from "../model/errors.js";
import type { Instance, Plan } from "../model/types.js";
import { contextOf } from "../rules/context.js";
import { RULES } from "../rules/index.js";
import type { Lang } from "../rules/words.js";
import { ensureValid } from "../model/parse.js";
import { verifyPlan } from "../verify.js";
import type { Backend, BackendResult } from "./backend.js";
import { candidatesIn, explicitFamily } from "./candidates.js";
import { Formulation, type Group, PinnedUsage } from "./formulate.js";
import { highsBackend } from "./highs.js";
import { jslpBackend } from "./jslp.js";
import { lpRelaxation, objectiveAt, padded } from "./model.js";
import { greedyPlan } from "./greedy.js";
import { groupTrainees, uniqueSpans } from "./groups.js";
import { basePlan, extractPlan, findConflicts, infeasiblePlan, inSpecOrder } from "./plan.js";
import { seedColumns, solveByPricing } from "./pricing.js";

const PRICING_THRESHOLD = 20_000;
/** About 3 GB at this size (measured: 4.0 M candidates, 3.0 GB peak); larger instances need decomposition. */
const MAX_CANDIDATES = 5_000_000;

export type { Backend, BackendResult } from "./backend.js";

/**
 * The phases `onProgress` reports, in the order they can occur:
 * `candidates` (candidate placements and trainee groups), `formulate` (rows),
 * `greedy` (the first valid plan), `solve` (the engine; repeated with each
 * new incumbent or bound), on large models `pricing N` (column generation
 * round N) and `restricted MILP N`, `relaxation bound` (restricted §9 rotation
 * families), `conflicts` (an infeasible instance's conflicting rows) and
 * `extract` (the plan, its mentors and reasons).
 */
export type SolvePhase = "candidates" | "formulate" | "greedy" | "solve" | `pricing ${number}` | `restricted MILP ${number}` | "relaxation bound" | "conflicts" | "extract";

export interface SolveProgress {
  /** Where the solve is: see {@link SolvePhase}. */
  readonly phase: SolvePhase;
  readonly incumbent?: number;
  readonly bound?: number;
  readonly elapsedMs: number;
}

export interface SolveOptions {
  /** Wall-clock limit; the best valid plan found is returned with status `timeout-feasible`. */
  readonly timeLimitMs?: number;
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

/** `solve`, also returning model statistics (for benchmarks and the CLI summary). */
export async function solveDetailed(instance: Instance, options: SolveOptions = {}): Promise<{ plan: Plan; stats: SolveStats }> {
  ensureValid(instance, "solve");
  const t0 = Date.now();
  const elapsed = () => Date.now() - t0;
  const progress = (phase: SolvePhase, p: { incumbent?: number; bound?: number } = {}) => options.onProgress?.({ phase, ...p, elapsedMs: elapsed() });
  const backend = typeof options.backend === "object" ? options.backend : options.backend === "jslp" ? jslpBackend : highsBackend;
  const ctx = contextOf(instance);
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
  const { groups, excluded, nCands, nnz, restricted } = groupTrainees(ctx, usage, lang);
  const maxCandidates = options.maxCandidates ?? MAX_CANDIDATES;

  progress("formulate");
  const f = new Formulation(ctx, groups, usage);
  const pricingAt = options.pricingThreshold ?? PRICING_THRESHOLD;
  // Large models are solved by column generation over the implicit candidates (exact, see pricing.ts).
  let byPricing = !restricted && (nCands > pricingAt || nnz > 12 * pricingAt);
  const whole = () => {
    if (nCands > maxCandidates)
      throw new UsageError(
        `solve: ${nCands} candidate placements, more than maxCandidates (${maxCandidates}) for a model built whole; ` +
          "use column generation (the default above pricingThreshold) or raise maxCandidates",
      );
    f.addAll();
  };
  if (!byPricing) whole();
  // A greedy plan gives the engine an incumbent from the start (and is the fallback at a deadline).
  progress("greedy");
  const greedy = greedyPlan(f);
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
      return options.timeLimitMs !== undefined ? Math.max(1, options.timeLimitMs - elapsed()) : undefined;
    },
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
      deadline: options.timeLimitMs !== undefined ? t0 + options.timeLimitMs : undefined,
      onPhase: (phase) => progress(phase),
    });
    if (!res) {
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
    rf.addAll();
    const lp = await backend.solve(lpRelaxation(rf.builder.build().model), { timeLimitMs: engineOptions.timeLimitMs });
    if (lp.status === "optimal" && lp.objective !== undefined) relaxedBound = f.integralObjective ? Math.floor(lp.objective + 1e-6) : lp.objective;
    if (relaxedBound !== undefined && start) {
      const value = objectiveAt(model, start);
      if (value >= relaxedBound - (f.integralObjective ? 0.999 : 1e-6)) res = { status: "optimal", x: start, objective: value, bound: relaxedBound };
    }
  }
  res ??= await backend.solve(model, { ...engineOptions, start, target: relaxedBound });

  if (res.status === "infeasible") {
    progress("conflicts");
    const conflicts = await findConflicts(backend, model, keptRows.map((r) => f.builder.rowMeta[r]), options.timeLimitMs, lang);
    const plan = infeasiblePlan(instance, pinned, conflicts, lang);
    return { plan, stats: { ...stats, engineStatus: "infeasible", elapsedMs: elapsed() } };
  }
  if (!res.x && res.status === "timeout") {
    // No incumbent in time: fall back on the greedy construction (valid by construction, verified below).
    if (start) res = { status: "timeout", x: start, objective: objectiveAt(model, start), bound: res.bound };
  }
  if (!res.x) {
    if (res.status === "timeout") {
      throw new UsageError(`solve: no valid plan found within the time limit (${options.timeLimitMs} ms); allow more time`);
    }
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
  const plan = extractPlan(ctx, instance, f, res, groups, excluded, model, keptRows, lang);
  const v = verifyPlan(instance, plan);
  if (!v.valid) {
    throw new InternalError(
      `solve: the computed plan fails verification (a bug in jinxiu, please report it):\n${v.violations.slice(0, 10).map((x) => `${x.code}: ${x.message}`).join("\n")}`,
    );
  }
  return { plan: inSpecOrder({ ...plan, objective: v.objective, shortfalls: v.shortfalls }), stats: { ...stats, engineStatus: res.status, elapsedMs: elapsed() } };
}














