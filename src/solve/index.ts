/**
 * `solve`: an optimal allocation plan (SPEC §6) for an instance, checked by
 * `verifyPlan` before it is returned.
 */
import { InternalError, UsageError } from "../model/errors.js";
import type { Instance, Placement, Plan, PlanStatus, Reason, SupportRow, Trainee, Unplaced, Violation } from "../model/types.js";
import { type Context, contextOf } from "../rules/context.js";
import { ensureValid } from "../model/parse.js";
import { verifyPlan } from "../verify.js";
import type { Backend, BackendResult } from "./backend.js";
import { type Candidate, type Family, candidatesIn, explicitFamily, familyOf } from "./candidates.js";
import { Formulation, type Group, PinnedUsage, onReceivingSide } from "./formulate.js";
import { highsBackend } from "./highs.js";
import { jslpBackend } from "./jslp.js";
import { assignMentors } from "./mentors.js";
import { type LinearModel, type RowMeta, objectiveAt, rowActivities, withSingletons } from "./model.js";
import { greedyPlan } from "./greedy.js";
import { solveByPricing } from "./pricing.js";

const PRICING_THRESHOLD = 20_000;
/** About 3 GB at this size (measured: 4.0 M candidates, 3.0 GB peak); larger instances need decomposition. */
const MAX_CANDIDATES = 5_000_000;

export type { Backend, BackendResult } from "./backend.js";

export interface SolveProgress {
  /** `prepare`, `solve`, `conflicts`, `extract`. */
  readonly phase: string;
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
  const progress = (phase: string, p: { incumbent?: number; bound?: number } = {}) => options.onProgress?.({ phase, ...p, elapsedMs: elapsed() });
  const backend = typeof options.backend === "object" ? options.backend : options.backend === "jslp" ? jslpBackend : highsBackend;
  const ctx = contextOf(instance);
  progress("candidates");

  const pinned = instance.pinned ?? [];
  const pinnedIds = new Set(pinned.map((p) => p.trainee));
  const usage = new PinnedUsage(ctx, pinned);

  // Pinned placements that break a rule nothing can repair make the instance infeasible outright.
  const pinnedOnly = basePlan(instance, pinned);
  const fixed = verifyPlan(instance, pinnedOnly, {
    rules: ["R-ELIGIBLE", "R-RECEIVER", "R-DEPT", "R-DURATION", "R-WINDOW", "R-CAPACITY", "R-MENTOR", "R-TEAM", "R-BUDGET", "R-ROTATION"],
  }).violations;
  const statsBase = { backend: backend.name, groups: 0, candidates: 0 };
  if (fixed.length) {
    const plan = infeasiblePlan(instance, pinned, fixed.map((v) => ({ ...v, message: `pinned placements: ${v.message}` })));
    return { plan, stats: { ...statsBase, variables: 0, constraints: 0, engineStatus: "not run", elapsedMs: elapsed() } };
  }

  // Candidate families (implicit: pairs × spans), then groups of interchangeable trainees.
  const excluded = new Map<string, Reason[]>();
  const byKey = new Map<string, { trainees: Trainee[]; family: Family }>();
  const explicitDepts = modelMentorDepts(ctx, usage);
  let nCands = 0;
  let nnz = 0;
  /** Some trainee's rotation splits were a restricted family: the bound then comes from a relaxation. */
  let restricted = false;
  const maxCandidates = options.maxCandidates ?? MAX_CANDIDATES;
  for (const t of [...instance.trainees].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    if (pinnedIds.has(t.id)) continue;
    const found = familyOf(ctx, t, usage);
    const { reasons } = found;
    let family = found.family;
    if (family && needsModelMentors(ctx, t, family, explicitDepts)) {
      const cands = withModelMentors(ctx, t, [...candidatesIn(family)].map(([, c]) => c), explicitDepts, usage);
      if (cands.length === 0) reasons.push({ code: "R-MENTOR", message: "no single qualified mentor is free for a whole placement in an allowed department" });
      family = cands.length ? explicitFamily(cands) : undefined;
    }
    if (found.restricted) restricted = true;
    if (!family) {
      excluded.set(t.id, reasons);
      continue;
    }
    nCands += family.size;
    nnz += family.size * (3 + 3 * meanSpan(family));
    const key = groupKey(ctx, t, family);
    const g = byKey.get(key);
    if (g) g.trainees.push(t);
    else byKey.set(key, { trainees: [t], family });
  }
  const groups: Group[] = [...byKey.values()].map((g) => ({ trainees: g.trainees, prog: ctx.programmeOf(g.trainees[0]), family: g.family }));

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
  const greedyStart = () => {
    if (!greedy) return undefined;
    const x = new Float64Array(f.builder.numCols);
    for (const [j, v] of greedy.base) x[j] = v;
    for (const [gi, ci, n] of greedy.takes) x[f.add(gi, ci)] += n;
    return x;
  };
  let start = greedyStart();
  progress("solve");
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
    seedColumns(f, 3);
    start = greedyStart();
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
  if (start && start.length < model.numCols) {
    const padded = new Float64Array(model.numCols);
    padded.set(start);
    start = padded;
  }
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
    const relaxed = rf.builder.build().model;
    const lp = await backend.solve({ ...relaxed, integer: new Uint8Array(relaxed.numCols) }, { timeLimitMs: engineOptions.timeLimitMs });
    if (lp.status === "optimal" && lp.objective !== undefined) relaxedBound = f.integralObjective ? Math.floor(lp.objective + 1e-6) : lp.objective;
    if (relaxedBound !== undefined && start) {
      const value = objectiveAt(model, start);
      if (value >= relaxedBound - (f.integralObjective ? 0.999 : 1e-6)) res = { status: "optimal", x: start, objective: value, bound: relaxedBound };
    }
  }
  res ??= await backend.solve(model, { ...engineOptions, start, target: relaxedBound });

  if (res.status === "infeasible") {
    progress("conflicts");
    const conflicts = await findConflicts(backend, model, keptRows.map((r) => f.builder.rowMeta[r]), options.timeLimitMs);
    const plan = infeasiblePlan(instance, pinned, conflicts);
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
  const plan = extractPlan(ctx, instance, f, res, groups, excluded, model, keptRows);
  const v = verifyPlan(instance, plan);
  if (!v.valid) {
    throw new InternalError(
      `solve: the computed plan fails verification (a bug in jinxiu, please report it):\n${v.violations.slice(0, 10).map((x) => `${x.code}: ${x.message}`).join("\n")}`,
    );
  }
  return { plan: inSpecOrder({ ...plan, objective: v.objective, shortfalls: v.shortfalls }), stats: { ...stats, engineStatus: res.status, elapsedMs: elapsed() } };
}

/**
 * Unit departments whose mentors the model must choose one by one: per-slot seat
 * counts are exact for interval assignment only when every seat is the same in
 * every slot. They are not where a pinned placement holds a named mentor, nor
 * where mentors qualify for some programmes' title thresholds but not others'.
 */
function modelMentorDepts(ctx: Context, usage: PinnedUsage): Set<string> {
  const out = usage.pinnedMentorDepts();
  const thresholds = [...new Set(ctx.instance.programmes.filter((p) => p.mentor).map((p) => ctx.titleRank(p.mentor!.minTitle)))];
  if (thresholds.length > 1) {
    const top = Math.max(...thresholds), low = Math.min(...thresholds);
    for (const m of ctx.mentors.values()) {
      const r = ctx.titleRank(m.title);
      if (r >= low && r < top) out.add(`${m.unit}|${m.dept}`);
    }
  }
  return out;
}

/** Candidates in such departments, one per choice of qualified mentor free over each segment. */
function withModelMentors(ctx: Context, t: Trainee, cands: Candidate[], depts: ReadonlySet<string>, usage: PinnedUsage): Candidate[] {
  const prog = ctx.programmeOf(t);
  if (!prog.mentor || depts.size === 0) return cands;
  const rank = ctx.titleRank(prog.mentor.minTitle);
  const out: Candidate[] = [];
  for (const c of cands) {
    const segs = c.rotations ?? [{ dept: c.dept, k0: c.k0, k1: c.k1 }];
    if (!segs.some((g) => depts.has(`${c.unit}|${g.dept}`))) {
      out.push(c);
      continue;
    }
    let combos: (string | undefined)[][] = [[]];
    for (const g of segs) {
      let options: (string | undefined)[] = [undefined];
      if (depts.has(`${c.unit}|${g.dept}`)) {
        options = (ctx.units.get(c.unit)?.mentors ?? [])
          .filter((m) => m.dept === g.dept && ctx.titleRank(m.title) >= rank)
          .filter((m) => {
            for (let k = g.k0; k < g.k1; k++) if ((m.capacity ?? 1) - usage.mentorUse(m.id, k) <= 0) return false;
            return true;
          })
          .map((m) => m.id);
      }
      combos = combos.flatMap((cm) => options.map((o) => [...cm, o]));
    }
    for (const mentors of combos) out.push({ ...c, mentors });
  }
  return out;
}

/** Placement-level candidates without rotations: a relaxation of every rotation split of the same span. */
function uniqueSpans(cands: readonly Candidate[]): Candidate[] {
  const seen = new Set<string>();
  const out: Candidate[] = [];
  for (const c of cands) {
    if (!c.rotations) {
      out.push(c);
      continue;
    }
    const key = `${c.unit}|${c.dept}|${c.k0}|${c.k1}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ unit: c.unit, dept: c.dept, k0: c.k0, k1: c.k1, value: c.value, rotations: [] });
  }
  return out;
}

/** Whether some of a trainee's candidates lie in departments whose mentors the model chooses one by one. */
function needsModelMentors(ctx: Context, t: Trainee, family: Family, depts: ReadonlySet<string>): boolean {
  if (!ctx.programmeOf(t).mentor || depts.size === 0) return false;
  if (family.explicit) return family.explicit.some((c) => (c.rotations ?? [c]).some((g) => depts.has(`${c.unit}|${g.dept}`)));
  return family.pairs.some((p) => depts.has(`${p.unit}|${p.dept}`));
}

/** Mean span length of a family's candidates (for the model-size estimate). */
function meanSpan(f: Family): number {
  if (f.explicit) return f.explicit.reduce((s, c) => s + c.k1 - c.k0, 0) / Math.max(1, f.explicit.length);
  let sum = 0;
  for (let s = 0; s < f.spans.length; s += 2) sum += f.spans[s + 1] - f.spans[s];
  return sum / Math.max(1, f.spans.length / 2);
}

/** Starting columns for pricing: each group's `n` best-valued candidates, earliest first. */
function seedColumns(f: Formulation, n: number): void {
  f.groups.forEach((g, gi) => {
    const fam = g.family;
    if (fam.explicit) {
      const order = fam.explicit.map((_, ci) => ci).sort((a, b) => fam.explicit![b].value - fam.explicit![a].value || a - b);
      for (const ci of order.slice(0, n)) f.add(gi, ci);
      return;
    }
    const order = fam.pairs.map((_, p) => p).sort((a, b) => fam.pairs[b].value - fam.pairs[a].value || a - b);
    const ns = fam.spans.length / 2;
    let taken = 0;
    for (const p of order) {
      const run = fam.pairs[p].run;
      for (let s = 0; s < ns && taken < n; s++)
        if (fam.spans[2 * s + 1] <= run[fam.spans[2 * s]]) {
          f.add(gi, p * ns + s);
          taken++;
        }
      if (taken >= n) break;
    }
  });
}

/** The plan's keys in SPEC §6 order, so plan files read the same everywhere. */
function inSpecOrder(p: Plan): Plan {
  const { version, status, objective, bound, placements, support, unplaced, shortfalls, conflicts } = p;
  return bound === undefined
    ? { version, status, objective, placements, support, unplaced, shortfalls, conflicts }
    : { version, status, objective, bound, placements, support, unplaced, shortfalls, conflicts };
}

/**
 * Trainees with equal keys have identical columns: same programme, home
 * department (staffing), teams, candidates with their values, and the same
 * quota, coverage and budget matches (computed once per unit and department).
 * An implicit family is keyed by its pairs and spans (its room runs depend on
 * the unit, department and programme only).
 */
function groupKey(ctx: Context, t: Trainee, family: Family): string {
  const prog = ctx.programmeOf(t);
  const teams = (ctx.teamsOf.get(t.id) ?? []).map((x) => x.id);
  const filters = [...(prog.quotas ?? []).map((q) => q.where), ...(prog.budget?.costs ?? []).map((r) => r.where)];
  // Filters on the trainee side only are matched once; those on the receiving side per pair.
  const own = filters.filter((w) => !onReceivingSide(w)).map((w) => (ctx.matches(w, t) ? "1" : "0")).join("");
  const receiving = filters.filter(onReceivingSide);
  const bits = (c: Candidate) => receiving.map((w) => (ctx.matches(w, t, c) ? "1" : "0")).join("");
  if (!family.explicit) {
    const pairs = family.pairs.map((p) => `${p.unit}\u0000${p.dept}\u0000${p.value}\u0000${bits({ unit: p.unit, dept: p.dept, k0: 0, k1: 0, value: p.value })}`);
    return JSON.stringify([prog.id, t.unit, t.dept, teams, own, family.spans.join(","), pairs]);
  }
  const pairs = new Map<string, string>();
  const parts: string[] = [];
  for (const c of family.explicit) {
    const pair = `${c.unit}\u0000${c.dept}`;
    if (!pairs.has(pair)) pairs.set(pair, bits(c));
    parts.push(`${pair}\u0000${c.k0}\u0000${c.k1}\u0000${c.value}\u0000${c.rotations ? JSON.stringify(c.rotations) : ""}\u0000${c.mentors ? c.mentors.join(",") : ""}`);
  }
  return JSON.stringify([prog.id, t.unit, t.dept, teams, own, [...pairs], parts]);
}

/** A plan of the given placements only, every other trainee unplaced with `reason` (status infeasible). */
function basePlan(instance: Instance, placements: readonly Placement[], reason = ""): Plan {
  const placed = new Set(placements.map((p) => p.trainee));
  return {
    version: 1, status: "infeasible", objective: 0, placements, support: [],
    unplaced: instance.trainees.filter((t) => !placed.has(t.id)).map((t) => ({ trainee: t.id, reasons: [{ code: "INFEASIBLE", message: reason }] })),
    shortfalls: [], conflicts: [],
  };
}

function infeasiblePlan(instance: Instance, pinned: readonly Placement[], conflicts: Violation[]): Plan {
  const draft: Plan = {
    ...basePlan(instance, pinned, "the instance has no valid plan; see conflicts"),
    conflicts: conflicts.length ? conflicts : [{ code: "INFEASIBLE", ids: [], message: "the hard rules cannot all hold" }],
  };
  const v = verifyPlan(instance, draft);
  return inSpecOrder({ ...draft, objective: v.objective, shortfalls: v.shortfalls });
}

/**
 * The hard rows that cannot all hold: the model made elastic (every hard row
 * may be broken at a price), solved for the least total breach; the rows it
 * breaks are a small set of conflicting rules, in planner words.
 */
async function findConflicts(backend: Backend, m: LinearModel, meta: readonly RowMeta[], timeLimitMs?: number): Promise<Violation[]> {
  const hard: number[] = [];
  for (let r = 0; r < m.numRows; r++) if (!meta[r].soft && meta[r].kind !== "once") hard.push(r);
  const elastic = withSingletons({ ...m, offset: 0, colCost: new Float64Array(m.numCols) }, hard.map((r) => ({ row: r, value: Number.isFinite(m.rowUpper[r]) ? -1 : 1, cost: -1 })));
  const res = await backend.solve(elastic, { timeLimitMs: timeLimitMs ?? 60_000 });
  if (!res.x) return [];
  const out: Violation[] = [];
  hard.forEach((r, i) => {
    const breach = res.x![m.numCols + i];
    if (breach > 1e-6) out.push({ code: meta[r].code, ids: [...meta[r].ids], message: `${meta[r].text} cannot hold (short by ${+breach.toFixed(6)})` });
  });
  return out;
}

function extractPlan(
  ctx: Context, instance: Instance, f: Formulation, res: BackendResult, groups: readonly Group[],
  excluded: ReadonlyMap<string, Reason[]>, model: LinearModel, keptRows: readonly number[],
): Plan {
  const x = res.x!;
  const placements: Placement[] = [...(instance.pinned ?? [])];
  const chosen = new Map<string, { cand: Candidate }>();
  const b = ctx.slots.boundaries;
  const next = new Int32Array(groups.length);
  f.columns.forEach((c, j) => {
    if (c.kind !== "x") return;
    const g = groups[c.group];
    const n = Math.round(x[j]);
    for (let i = 0; i < n && next[c.group] < g.trainees.length; i++) chosen.set(g.trainees[next[c.group]++].id, { cand: f.candidate(c.group, c.cand) });
  });
  const fresh: Placement[] = [];
  for (const [id, { cand }] of chosen) {
    const p: Placement = { trainee: id, unit: cand.unit, dept: cand.dept, start: b[cand.k0], end: b[cand.k1] };
    const m = cand.mentors;
    if (cand.rotations)
      fresh.push({ ...p, rotations: cand.rotations.map((r, i) => ({ dept: r.dept, start: b[r.k0], end: b[r.k1], ...(m?.[i] ? { mentor: m[i] } : {}) })) });
    else fresh.push(m?.[0] ? { ...p, mentor: m[0] } : p);
  }
  placements.push(...assignMentors(ctx, fresh, instance.pinned ?? []));

  // Support rows: per-slot counts merged over consecutive slots.
  const perSlot = new Map<string, number[]>();
  f.columns.forEach((c, j) => {
    if (c.kind !== "y") return;
    const n = Math.round(x[j]);
    if (n <= 0) return;
    const key = JSON.stringify([c.from, c.to, c.dept]);
    let row = perSlot.get(key);
    if (!row) perSlot.set(key, (row = new Array(ctx.slots.count).fill(0)));
    row[c.k] += n;
  });
  const support: SupportRow[] = [];
  for (const [key, row] of [...perSlot].sort(([a], [c]) => (a < c ? -1 : 1))) {
    const [from, to, dept] = JSON.parse(key) as string[];
    for (let k = 0; k < row.length; ) {
      if (row[k] === 0) {
        k++;
        continue;
      }
      let e = k;
      while (e < row.length && row[e] === row[k]) e++;
      support.push({ from, to, dept, start: b[k], end: b[e], count: row[k] });
      k = e;
    }
  }

  const status: PlanStatus = res.status === "optimal" ? "optimal" : res.status === "timeout" ? "timeout-feasible" : "feasible";
  // Unplaced with reasons: excluded outright, or lost the competition to binding rows.
  const binding = bindingRows(model, x, keptRows, f);
  const unplaced: Unplaced[] = [];
  const placedIds = new Set(placements.map((p) => p.trainee));
  const colsOf = new Map<number, number[]>();
  f.columns.forEach((c, j) => {
    if (c.kind !== "x") return;
    const list = colsOf.get(c.group);
    if (list) list.push(j);
    else colsOf.set(c.group, [j]);
  });
  groups.forEach((g, gi) => {
    const left = g.trainees.filter((t) => !placedIds.has(t.id));
    if (left.length === 0) return;
    // Interchangeable trainees lost to the same rows.
    const lostTo = new Set<string>();
    for (const col of colsOf.get(gi) ?? []) for (const r of binding(col)) lostTo.add(r);
    const what = [...lostTo].slice(0, 4);
    const message = what.length
      ? `eligible, but ${status === "optimal" ? "the optimum" : "the plan"} used the room elsewhere; binding: ${what.join("; ")}${lostTo.size > what.length ? ` (+${lostTo.size - what.length} more)` : ""}`
      : "eligible, but placing this trainee would lower the objective (e.g. support cost)";
    for (const t of left) unplaced.push({ trainee: t.id, reasons: [{ code: "CAPACITY-COMPETITION", message }] });
  });
  for (const [id, reasons] of excluded) unplaced.push({ trainee: id, reasons });
  unplaced.sort((a, c) => (a.trainee < c.trainee ? -1 : a.trainee > c.trainee ? 1 : 0));
  placements.sort((a, c) => (a.trainee < c.trainee ? -1 : a.trainee > c.trainee ? 1 : 0));

  const plan: Plan = { version: 1, status, objective: 0, placements, support, unplaced, shortfalls: [], conflicts: [] };
  return res.bound !== undefined && Number.isFinite(res.bound) ? { ...plan, bound: roundBound(res.bound, f.integralObjective) } : plan;
}

/** A proven bound, rounded down to a whole number when every objective coefficient is whole. */
function roundBound(bound: number, integral: boolean): number {
  return integral ? Math.floor(bound + 1e-6) : bound;
}

/** Rows at their limit in the solution, for a column: what a left-out trainee lost to (computed only for those asked). */
function bindingRows(m: LinearModel, x: Float64Array, keptRows: readonly number[], f: Formulation): (col: number) => string[] {
  const act = rowActivities(m, x);
  return (j) => {
    const out: string[] = [];
    for (let k = m.starts[j]; k < m.starts[j + 1]; k++) {
      const r = m.indices[k];
      const meta = f.builder.rowMeta[keptRows[r]];
      if (meta.kind === "once" || meta.soft) continue;
      if (m.values[k] > 0 && act[r] >= m.rowUpper[r] - 1e-6) out.push(meta.text);
    }
    return out;
  };
}
