/**
 * Solving an instance with residents (SPEC §10): column generation over
 * whole schedules, in the discipline of the 进修 decomposition (`pricing.ts`).
 *
 * One formulation holds every row — capacity, mentors, service (soft rows
 * with a shortfall slack), managers, R-ONCE heads — and both column kinds:
 * 进修 placements (all of them when the model is small, else priced from
 * their implicit families) and resident schedules (priced by dynamic
 * programming, `schedule.ts`), so residents and 进修 trainees share seats and
 * mentors exactly.
 *
 * 1. A greedy start: 进修 greedy, then residents one by one, each taking its
 *    cheapest schedule at prices that forbid full rows and reward short
 *    service rows (residents with fixed rotations first).
 * 2. Master LP over the columns so far, with elastic columns on hard `≥`
 *    rows; every group's best schedule at the duals is added while one
 *    prices out. Every round proves the Lagrangian bound: master value + Σ
 *    group size × max(0, best reduced cost).
 * 3. The restricted MILP; then the reduced-cost closure: every schedule with
 *    U(π) + rc above the incumbent is enumerated (`SchedulePricer.upTo`, at
 *    most `maxClosure` a round) and added, and the MILP re-solved; once none
 *    is missing the incumbent is optimal. When an enumeration is cut short,
 *    the bound stays the Lagrangian one.
 */
import { InternalError, UsageError } from "../../model/errors.js";
import type { Instance, Placement, Plan, ResidencyEntry, ResidencyRotation, Reason, Unplaced, Violation } from "../../model/types.js";
import type { Context } from "../../rules/context.js";
import { RULES, RULE_CODES } from "../../rules/index.js";
import { key } from "../../rules/keys.js";
import { placementWeights } from "../../rules/objective.js";
import { serviceSpan } from "../../rules/service.js";
import { type Lang, wordsOf } from "../../rules/words.js";
import { planFormatViolations } from "../../model/planformat.js";
import { verifyPlan } from "../../verify.js";
import type { Backend, BackendResult } from "../backend.js";
import type { SolvePhase } from "../index.js";
import { explicitFamily } from "../candidates.js";
import type { Clock } from "../clock.js";
import { type Entries, Formulation, type Group, PinnedUsage } from "../formulate.js";
import { greedyPlan } from "../greedy.js";
import { groupTrainees } from "../groups.js";
import { type LinearModel, lpRelaxation, padded, rowActivities } from "../model.js";
import { basePlan, completed, extractPlan, findConflicts, infeasiblePlan } from "../plan.js";
import { builderDuals, elastic, seedColumns, warmBasis, withinGap } from "../pricing.js";
import { ResidentFamily, pricerFor, rotationPlacement } from "./columns.js";
import { independentParts, partInstance } from "./components.js";
import { SchedulePricer } from "./schedule.js";
import { contextOf } from "../../rules/context.js";
import { validInstance } from "../../model/parse.js";
import { type Excluded, type ResidentGroup, residentGroups } from "./problem.js";

export interface ResidencySolveOptions {
  readonly relGap?: number;
  readonly pricingThreshold?: number;
  readonly engineOptions?: Readonly<Record<string, number | boolean | string>>;
  readonly lang: Lang;
  readonly onPhase: (phase: SolvePhase, p?: { incumbent?: number; bound?: number }) => void;
  /** Solving one independent part already (do not split again). */
  readonly part?: boolean;
  /** Schedule label graphs by structure, shared by the parts of one solve. */
  readonly pricers?: Map<string, SchedulePricer>;
}

export interface ResidencyStats {
  readonly variables: number;
  readonly constraints: number;
  readonly groups: number;
  readonly candidates: number;
  readonly engineStatus: string;
}

const BIG = 1e7;

/** Whether an instance has residents (a residency programme with trainees). */
export function hasResidents(instance: Instance): boolean {
  const res = new Set(instance.programmes.filter((p) => p.residency).map((p) => p.id));
  return res.size > 0 && instance.trainees.some((t) => res.has(t.programme));
}

/** The plan of an instance with residents (verified by the caller's `verifyPlan`). */
export async function solveResidency(ctx: Context, backend: Backend, clock: Clock, o: ResidencySolveOptions): Promise<{ plan: Plan; stats: ResidencyStats }> {
  const instance = ctx.instance;
  const lang = o.lang;
  const en = lang === "en";
  const w = wordsOf(ctx, lang);
  const pinned = instance.pinned ?? [];
  const usage = new PinnedUsage(ctx, pinned);
  const none = (engineStatus: string) => ({ variables: 0, constraints: 0, groups: 0, candidates: 0, engineStatus });

  // Rules nothing can repair, on the pinned placements and every resident's fixed rotations alone.
  const fixedEntries: ResidencyEntry[] = instance.trainees.filter((t) => t.fixed?.length && ctx.programmes.get(t.programme)?.residency).map((t) => ({ trainee: t.id, rotations: [...t.fixed!].sort((a, b) => (a.start < b.start ? -1 : 1)) }));
  const probe: Plan = { ...basePlan(instance, pinned), residencies: fixedEntries };
  const broken = verifyPlan(instance, probe, { rules: RULES.filter((r) => !r.repairable && r.code !== "R-CURRICULUM" && r.code !== "R-PINNED").map((r) => r.code), lang }).violations;
  if (broken.length) {
    const conflicts = broken.map((v) => ({ ...v, message: `${en ? "pinned placements and fixed rotations: " : "已定安排和已定轮转："}${v.message}` }));
    return { plan: infeasiblePlan(instance, pinned, conflicts, lang), stats: none("not run") };
  }

  // Bases that share no unit (and no 进修 trainee connects) are independent problems: solved apart.
  if (!o.part) {
    const parts = independentParts(ctx);
    if (parts.length > 1) return solveParts(ctx, backend, clock, o, parts);
  }

  o.onPhase("candidates");
  const jinxiu = await groupTrainees(ctx, usage, lang, clock);
  if (jinxiu.stopped) throw new UsageError("solve: stopped (time limit or abort) before any valid plan was found");
  const pricers = o.pricers ?? new Map<string, SchedulePricer>();
  const { groups: allResidents, excluded } = residentGroups(ctx, lang);
  // Residents whose curriculum has no valid schedule in their window at all (phase, after, blocks, fixed rotations).
  const residents = allResidents.filter((g) => {
    const p = pricerFor(pricers, g.shape).reprice(new Float64Array(g.shape.sites.length * g.shape.months));
    if (Number.isFinite(p.cheapest())) return true;
    const win = `[${ctx.slots.boundaries[g.shape.k0]}, ${ctx.slots.boundaries[g.shape.k0 + g.shape.months]})`;
    for (const t of g.trainees)
      excluded.set(t.id, {
        infeasible: g.shape.fixed.length > 0,
        reasons: [{ code: "R-CURRICULUM", message: w.say(`在时间窗 ${win} 内${g.shape.fixed.length ? "（连同已定轮转）" : ""}排不出满足培训大纲“${g.shape.info.curriculum.id}”各项轮转要求（时长、分段、阶段和先后顺序）的轮转计划`, `no schedule in the window ${win}${g.shape.fixed.length ? " (with the fixed rotations)" : ""} meets curriculum "${g.shape.info.curriculum.id}" (months, blocks, phases and order)`) }],
      });
    return false;
  });
  // A resident with fixed rotations that cannot be scheduled: no valid plan exists (reading 25).
  const stuck = [...excluded].filter(([, x]) => x.infeasible);
  const serviceConflicts = impossibleService(ctx, residents, usage, lang);
  if (stuck.length || serviceConflicts.length) {
    const conflicts: Violation[] = [
      ...stuck.map(([id, x]) => ({ code: "R-PINNED" as const, ids: [id], message: `${w.trainee(id)}${en ? " has fixed rotations but cannot be scheduled: " : "有已定轮转，但无法安排："}${x.reasons.map((r) => r.message).join(en ? "; " : "；")}` })),
      ...serviceConflicts,
    ];
    return { plan: infeasiblePlan(instance, pinned, conflicts, lang), stats: none("not run") };
  }

  o.onPhase("formulate");
  const groups: Group[] = [
    ...jinxiu.groups,
    ...residents.map((g) => ({ trainees: g.trainees, prog: g.shape.info.prog, family: explicitFamily([]) })),
  ];
  const offset = jinxiu.groups.length;
  const f = new Formulation(ctx, groups, usage);
  // Residents with fixed rotations must be scheduled (reading 8): a ≥ row per group.
  const extra = residents.map((g, i) => {
    if (g.shape.fixed.length === 0) return [];
    const row = f.row(key("fixed-resident", offset + i), () => ({
      lb: g.trainees.length, ub: Infinity,
      meta: { kind: "fixed", code: "R-PINNED", ids: g.trainees.map((t) => t.id), describe: (l: Lang) => (l === "en" ? `residents with fixed rotations scheduled (${g.trainees.map((t) => t.id).join(", ")})` : `有已定轮转的住院医师须安排（${g.trainees.map((t) => wordsOf(ctx, "zh").trainee(t.id)).join("、")}）`) },
    }));
    f.hardMinRows.push(row);
    return [[row, 1] as const];
  });
  const fam = new ResidentFamily(f, residents, offset, extra, pricers);
  // SPEC §11.1: every baseline schedule that could be kept is a column from the start.
  residents.forEach((_, i) => fam.addKeep(i));
  const pricing = jinxiu.nCands > (o.pricingThreshold ?? 20_000);
  if (pricing) seedColumns(f, 3);
  else f.addAll();

  o.onPhase("greedy");
  const start = greedyStart(f, fam, residents);
  const integral = placementWeights(ctx).every(Number.isInteger) && f.integralObjective;
  const res = await columnGeneration(backend, f, fam, start, clock, o, pricing, integral);
  const { model, keptRows } = f.builder.build();
  const stats = { variables: model.numCols, constraints: model.numRows, groups: groups.length, candidates: jinxiu.nCands, engineStatus: res.status };
  if (res.status === "infeasible") {
    o.onPhase("conflicts");
    const conflicts = await findConflicts(backend, model, keptRows.map((r) => f.builder.rowMeta[r]), clock.remaining(), clock.signal, lang);
    return { plan: infeasiblePlan(instance, pinned, conflicts, lang), stats };
  }
  if (!res.x) throw new UsageError(`solve: no valid plan found within the time limit; allow more time`);

  o.onPhase("extract");
  const x = padded(res.x, model.numCols);
  const entries: ResidencyEntry[] = [];
  const fresh: Placement[] = [];
  const fixedP: Placement[] = [];
  /** Per fresh placement: entry index and rotation index. */
  const where: [number, number][] = [];
  const scheduled = new Set<string>();
  residents.forEach((g, i) => {
    let next = 0;
    for (const c of fam.columns[i]) {
      const n = Math.round(x[c.col]);
      for (let k = 0; k < n && next < g.trainees.length; k++) {
        const t = g.trainees[next++];
        scheduled.add(t.id);
        const rots = fam.rotationsOf(i, c);
        const e = entries.length;
        entries.push({ trainee: t.id, rotations: rots.map((r) => r.rotation) });
        rots.forEach((r, ri) => {
          if (r.fixed) fixedP.push(rotationPlacement(t.id, r.rotation));
          else {
            fresh.push(rotationPlacement(t.id, r.rotation));
            where.push([e, ri]);
          }
        });
      }
    }
  });
  const rotations = entries.map((e) => [...e.rotations]);
  const draft = extractPlan(ctx, instance, f, res, groups, new Map<string, Reason[]>([...jinxiu.excluded, ...[...excluded].map(([id, e]) => [id, e.reasons] as [string, Reason[]])]), model, keptRows, lang, {
    fresh, fixed: fixedP,
    named: (named) => named.forEach((p, n) => {
      const [e, ri] = where[n];
      if (p.mentor !== undefined) rotations[e][ri] = { ...rotations[e][ri], mentor: p.mentor };
    }),
  });
  const residencies = entries
    .map((e, i) => ({ trainee: e.trainee, rotations: rotations[i].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0)) }))
    .sort((a, b) => (a.trainee < b.trainee ? -1 : a.trainee > b.trainee ? 1 : 0));
  const reasons = unscheduledReasons(ctx, f, fam, residents, excluded, model, x, keptRows, res.status === "optimal", lang);
  const unplaced: Unplaced[] = draft.unplaced
    .filter((u) => !scheduled.has(u.trainee))
    .map((u) => (reasons.has(u.trainee) ? { trainee: u.trainee, reasons: reasons.get(u.trainee)! } : u));
  const plan0: Plan = { ...draft, residencies, unplaced };
  const v = verifyPlan(instance, plan0, { rules: RULE_CODES, lang });
  const plan = completed(plan0, v);
  const wrong = [...v.violations, ...planFormatViolations(instance, plan, v.changes)];
  if (wrong.length)
    throw new InternalError(`solve: the computed plan fails verification (a bug in jinxiu, please report it):\n${wrong.slice(0, 10).map((y) => `${y.code}: ${y.message}`).join("\n")}`);
  return { plan, stats };
}

/**
 * The independent parts solved one after another, each as its own instance,
 * and their plans merged: objectives add up (every row lives in one part;
 * units no trainee can reach only add their soft service shortfalls, the
 * same in every plan), so the bounds add up too.
 */
async function solveParts(ctx: Context, backend: Backend, clock: Clock, o: ResidencySolveOptions, parts: ReturnType<typeof independentParts>): Promise<{ plan: Plan; stats: ResidencyStats }> {
  const instance = ctx.instance;
  const names = (p: (typeof parts)[number]) => [...new Set(p.trainees.map((t) => t.unit))].map((u) => wordsOf(ctx, o.lang).unit(u)).join("、");
  o.onPhase(`independent parts ${parts.length}`);
  const pricers = new Map<string, SchedulePricer>();
  const plans: Plan[] = [];
  let variables = 0, constraints = 0, groups = 0, candidates = 0;
  for (let i = 0; i < parts.length; i++) {
    o.onPhase(`part ${i + 1}/${parts.length}: ${names(parts[i])}`);
    const sub = validInstance(partInstance(instance, parts[i]), "solve");
    const { plan, stats } = await solveResidency(contextOf(sub), backend, clock, { ...o, part: true, pricers, onPhase: (phase, p) => o.onPhase(`part ${i + 1}/${parts.length} ${phase}`, p) });
    if (plan.status === "infeasible") return { plan: infeasiblePlan(instance, instance.pinned ?? [], [...plan.conflicts], o.lang), stats };
    plans.push(plan);
    variables += stats.variables;
    constraints += stats.constraints;
    groups += stats.groups;
    candidates += stats.candidates;
  }
  const byId = <T extends { trainee: string }>(xs: T[]) => xs.sort((a, b) => (a.trainee < b.trainee ? -1 : a.trainee > b.trainee ? 1 : 0));
  const listed = new Set(plans.flatMap((p) => [...p.placements.map((x) => x.trainee), ...(p.residencies ?? []).map((x) => x.trainee), ...p.unplaced.map((x) => x.trainee)]));
  const draft: Plan = {
    version: 1,
    status: plans.every((p) => p.status === "optimal") ? "optimal" : plans.some((p) => p.status === "timeout-feasible") ? "timeout-feasible" : "feasible",
    objective: 0,
    placements: byId(plans.flatMap((p) => p.placements)),
    residencies: byId(plans.flatMap((p) => p.residencies ?? [])),
    support: plans.flatMap((p) => p.support),
    unplaced: byId([...plans.flatMap((p) => p.unplaced), ...instance.trainees.filter((t) => !listed.has(t.id)).map((t) => ({ trainee: t.id, reasons: [{ code: "INFEASIBLE", message: o.lang === "en" ? "in none of the independent parts" : "未纳入任何独立子问题" }] }))]),
    shortfalls: [], conflicts: [],
  };
  const v = verifyPlan(instance, draft, { rules: RULE_CODES, lang: o.lang });
  const sum = plans.reduce((x, p) => x + p.objective, 0);
  const bounds = plans.every((p) => p.bound !== undefined) ? plans.reduce((x, p) => x + p.bound!, 0) + (v.objective - sum) : undefined;
  const plan = completed(bounds !== undefined ? { ...draft, bound: bounds } : draft, v);
  const wrong = [...v.violations, ...planFormatViolations(instance, plan, v.changes)];
  if (wrong.length)
    throw new InternalError(`solve: the merged plan of independent parts fails verification (a bug in jinxiu, please report it):\n${wrong.slice(0, 10).map((y) => `${y.code}: ${y.message}`).join("\n")}`);
  return { plan, stats: { variables, constraints, groups, candidates, engineStatus: draft.status } };
}

/**
 * Reading 25: a hard service row that cannot hold in some slot, whatever the
 * plan: fewer residents could be there (a fixed rotation there, or an open
 * requirement with that department at that site, inside window and phase)
 * than `min`, or fewer seats.
 */
function impossibleService(ctx: Context, residents: readonly ResidentGroup[], usage: PinnedUsage, lang: Lang): Violation[] {
  const out: Violation[] = [];
  const w = wordsOf(ctx, lang);
  for (const u of ctx.instance.units)
    (u.service ?? []).forEach((row, index) => {
      if (row.hard !== true || row.min <= 0) return;
      const [k0, k1] = serviceSpan(ctx, row);
      const short: string[] = [];
      for (let k = k0; k < k1; k++) {
        let could = 0;
        for (const g of residents) {
          const s = g.shape;
          const m = k - s.k0;
          if (m < 0 || m >= s.months) continue;
          const fixedHere = s.fixed.some((f) => {
            const [a, b] = ctx.span(f.start, f.end);
            return f.unit === u.id && f.dept === row.dept && a <= k && k < b;
          });
          const open = s.problem.reqs.some((r) => m >= r.lo && m < r.hi && r.options.some((o) => s.sites[o].unit === u.id && s.sites[o].dept === row.dept));
          if (fixedHere || open) could += g.trainees.length;
        }
        const seats = ctx.capacity(u.id, row.dept, k) - usage.capacity(u.id, row.dept, k);
        const most = Math.min(could, seats);
        if (most < row.min) short.push(w.say(`${w.slot(k)} 至多 ${Math.max(0, most)} 人`, `${w.slot(k)}: at most ${Math.max(0, most)}`));
      }
      if (short.length)
        out.push({
          code: "R-SERVICE", ids: [u.id, row.dept, `service[${index}]`],
          message: w.say(`${w.unit(u.id)}${w.dept(row.dept)}须至少 ${row.min} 名住院医师在岗（硬性），但无论如何安排：${short.slice(0, 6).join("、")}${short.length > 6 ? ` 等 ${short.length} 个月` : ""}`, `hard service of "${u.id}" ${row.dept} (min ${row.min}) cannot hold in any plan: ${short.slice(0, 6).join(", ")}${short.length > 6 ? ` (${short.length} months)` : ""}`),
        });
    });
  return out;
}

/**
 * The greedy start: the 进修 greedy plan, then each resident (fixed rotations
 * first, then by value) taking its cheapest schedule at prices that rule out
 * rows at their limit and reward service rows still short. Returns the
 * values of the columns (soft slacks covering what is short).
 */
function greedyStart(f: Formulation, fam: ResidentFamily, residents: readonly ResidentGroup[]): Float64Array {
  const g = greedyPlan(f);
  const b = f.builder;
  const cols: [number, number][] = [];
  if (g) {
    for (const [j, v] of g.base) cols.push([j, v]);
    for (const [gi, ci, n] of g.takes) cols.push([f.add(gi, ci), n]);
  }
  const act = new Float64Array(Math.max(1, b.rowLower.length) * 2);
  const grow = (r: number) => (r < act.length ? act : undefined);
  // Activities of the 进修 part.
  {
    const { model, keptRows } = b.build();
    const x = new Float64Array(model.numCols);
    for (const [j, v] of cols) x[j] += v;
    const a = rowActivities(model, x);
    keptRows.forEach((r, i) => grow(r) && (act[r] = a[i]));
  }
  let actArr = act;
  const at = (r: number) => (r < actArr.length ? actArr[r] : 0);
  const add = (r: number, v: number) => {
    if (r >= actArr.length) {
      const n = new Float64Array(Math.max(r + 1, actArr.length * 2));
      n.set(actArr);
      actArr = n;
    }
    actArr[r] += v;
  };
  const shortfall = f.ctx.weights.shortfall;
  const order = residents.map((_, i) => i).sort((a, c) => (residents[c].shape.fixed.length > 0 ? 1 : 0) - (residents[a].shape.fixed.length > 0 ? 1 : 0) || residents[c].shape.value - residents[a].shape.value || a - c);
  const taken = new Map<number, number>();
  for (const i of order) {
    const grp = residents[i];
    const s = grp.shape;
    const M = s.months;
    const price = new Float64Array(s.sites.length * M);
    const must = s.fixed.length > 0;
    let last: { j: number; value: number } | undefined;
    const fits = (e: Entries) => {
      for (let q = 0; q < e.rows.length; q++) if (b.rowUpper[e.rows[q]] < Infinity && at(e.rows[q]) + e.vals[q] > b.rowUpper[e.rows[q]] + 1e-9) return false;
      return true;
    };
    for (let n = 0; n < grp.trainees.length; n++) {
      // The schedule the last resident of the group took, again while it fits (no new pricing).
      let j = last && (must || last.value > 0) && fits(fam.entriesOf(last.j)) ? last.j : -1;
      if (j < 0) {
        price.fill(0);
        s.sites.forEach((_, site) => {
          const rows = fam.rowsOfSite(i, site);
          for (let x = 0; x < rows.length; x += 3) {
            const m = rows[x] - s.k0;
            if (m < 0 || m >= M) continue;
            const r = rows[x + 1], c = rows[x + 2];
            if (b.rowUpper[r] < Infinity && at(r) + c > b.rowUpper[r] + 1e-9) price[site * M + m] += BIG;
            else if (b.rowLower[r] > -Infinity && c > 0 && at(r) < b.rowLower[r] - 1e-9) price[site * M + m] -= b.rowMeta[r].soft ? shortfall : 10 * shortfall;
          }
        });
        const best = fam.pricer(i).reprice(price).best();
        if (!best || best.cost >= BIG / 2) break;
        // Worth scheduling: its value beats what its transitions cost (service rewards included), or it must be.
        if (!must && s.value - best.cost <= 0) break;
        j = fam.add(i, best);
        // The managers row and other group rows must keep their limits too.
        if (!fits(fam.entriesOf(j))) break;
        last = { j, value: s.value - f.ctx.weights.transition * best.rotations.length };
      }
      const e = fam.entriesOf(j);
      for (let q = 0; q < e.rows.length; q++) add(e.rows[q], e.vals[q]);
      taken.set(j, (taken.get(j) ?? 0) + 1);
    }
  }
  const x = new Float64Array(b.numCols);
  for (const [j, v] of cols) x[j] += v;
  for (const [j, v] of taken) x[j] += v;
  // Soft slacks cover what is short.
  f.columns.forEach((c, j) => {
    if (c.kind === "slack") x[j] = Math.max(0, b.rowLower[c.row] - at(c.row));
  });
  return x;
}

/** Column generation over schedules (and 进修 placements when priced), then the restricted MILP closed under reduced costs. */
async function columnGeneration(backend: Backend, f: Formulation, fam: ResidentFamily, start: Float64Array, clock: Clock, o: ResidencySolveOptions, pricingJinxiu: boolean, integral: boolean): Promise<BackendResult> {
  const expired = () => clock.expired();
  const remaining = () => clock.remaining();
  const eps = 1e-7;
  const R = fam.groups.length;
  let upper = Infinity;
  let dual: Float64Array | undefined;
  let dualBound = Infinity;
  let basis: { col: Int32Array; row: Int32Array; elastic: Int32Array } | undefined;
  /** Elastic columns in the last master's optimum: no plan meets the hard minimums. */
  let elasticUsed = false;
  let widen = 0;
  const prices = fam.groups.map((g) => new Float64Array(g.shape.sites.length * g.shape.months));
  const started = Date.now();
  const deadline = clock.engineDeadline;
  for (let round = 0; round < 300 && !expired(); round++) {
    o.onPhase(`pricing ${round + 1}`);
    const { model, keptRows } = f.builder.build();
    const master = elastic(lpRelaxation(model), keptRows, f);
    const warm = basis ? warmBasis(master, model.numCols, keptRows, basis.col, basis.row, basis.elastic) : undefined;
    // Engines do not take empty models: with no column yet the master's value is its offset and every dual 0.
    const lp: BackendResult = master.numCols === 0
      ? (emptyFeasible(master) ? { status: "optimal", x: new Float64Array(0), objective: master.offset, rowDual: new Float64Array(master.numRows) } : { status: "infeasible" })
      : await backend.solve(master, { timeLimitMs: remaining(), engineOptions: o.engineOptions, basis: warm, signal: clock.signal });
    if (lp.status !== "optimal" || !lp.rowDual || lp.objective === undefined) break;
    elasticUsed = !!lp.x && lp.x.subarray(model.numCols).some((v) => v > 1e-7);
    if (lp.basis) {
      const row = new Int32Array(f.builder.rowLower.length).fill(-1);
      keptRows.forEach((r, i) => (row[r] = lp.basis!.rowStatus[i]));
      basis = { col: lp.basis.colStatus.slice(0, model.numCols), row, elastic: lp.basis.colStatus.slice(model.numCols) };
    }
    dual = builderDuals(lp.rowDual, keptRows, f.builder.rowLower.length);
    let gain = 0;
    let found = 0;
    for (let i = 0; i < R; i++) {
      const p = fam.pricer(i).reprice(fam.pricesOf(i, dual, prices[i]));
      const best = p.best();
      // The baseline schedule is worth `change` more than the DP sees (it is a column already).
      const keep = fam.keepReducedCost(i, dual, prices[i]) ?? -Infinity;
      if (!best) {
        if (keep > 0) gain += fam.groups[i].trainees.length * keep;
        continue;
      }
      const rc = fam.reducedCost(i, dual, best.cost);
      if (Math.max(rc, keep) > 0) gain += fam.groups[i].trainees.length * Math.max(rc, keep);
      if (rc > eps && !fam.has(i, best)) {
        fam.add(i, best);
        found++;
      }
    }
    if (pricingJinxiu) {
      const bestJ = new Map<number, { ci: number; rc: number }[]>();
      const delta = new Float64Array(f.groups.length);
      f.price(dual, eps, (gi, ci, rc) => {
        if (rc > delta[gi]) delta[gi] = rc;
        if (f.column(gi, ci) !== undefined) return;
        const list = bestJ.get(gi) ?? [];
        list.push({ ci, rc });
        bestJ.set(gi, list);
      });
      f.groups.forEach((g, gi) => (gain += g.trainees.length * delta[gi]));
      for (const [gi, list] of bestJ) {
        list.sort((a, b) => b.rc - a.rc || a.ci - b.ci);
        for (const { ci } of list.slice(0, 4)) {
          f.add(gi, ci);
          found++;
        }
      }
    }
    dualBound = lp.objective + gain;
    upper = Math.min(upper, dualBound);
    o.onPhase("solve", { bound: upper });
    if (found === 0) {
      upper = dualBound = lp.objective;
      break;
    }
    const relGap = o.relGap ?? 0;
    // With a gap target the master need not converge: stop once the Lagrangian bound is within half of it.
    if (relGap > 0 && dualBound - lp.objective <= (relGap / 2) * Math.max(1, Math.abs(dualBound))) break;
    if (deadline !== undefined && Date.now() - started > (deadline - started) / 2) break;
  }
  const bounded = Number.isFinite(upper) && dual !== undefined;

  let last: BackendResult | undefined;
  let outside = Infinity;
  for (let round = 0; round < 8; round++) {
    if (expired() && last) break;
    o.onPhase(`restricted MILP ${round + 1}`);
    const { model } = f.builder.build();
    const from = last?.x ?? start;
    // With a gap target, the engine may stop at a plan within it of the master's proven bound (that bound, not the engine's, is reported).
    const target = bounded && (o.relGap ?? 0) > 0 ? upper - (o.relGap ?? 0) * Math.max(1, Math.abs(upper)) : undefined;
    const solved: BackendResult = model.numCols === 0
      ? (emptyFeasible(model) ? { status: "optimal", x: new Float64Array(0), objective: model.offset, bound: model.offset } : { status: "infeasible" })
      : await backend.solve(model, {
      target,
      start: padded(from, model.numCols), timeLimitMs: remaining(), signal: clock.signal, relGap: o.relGap,
      absGap: integral && !o.relGap ? 0.999 : undefined, engineOptions: o.engineOptions,
      onProgress: (p) => o.onPhase("solve", { incumbent: p.incumbent, bound: bounded ? upper : undefined }),
    });
    const res: BackendResult = target !== undefined && solved.objective !== undefined && solved.objective >= target - 1e-6 * Math.max(1, Math.abs(target)) ? { ...solved, bound: undefined } : solved;
    if (!res.x || res.objective === undefined) {
      if (last?.x) break;
      // The master meets every hard row but the generated schedules hold no integer plan: give each
      // group its next cheapest schedules at the last duals (8, then 32, 128) and try again.
      if (res.status === "infeasible" && bounded && !elasticUsed && widen < 3 && !expired()) {
        const n = 8 * 4 ** widen++;
        fam.groups.forEach((_, i) => {
          const p = fam.pricer(i).reprice(fam.pricesOf(i, dual!, prices[i]));
          const c = p.cheapest();
          if (!Number.isFinite(c)) return;
          let { schedules } = p.upTo(c + Math.max(1, Math.abs(c)), n);
          if (schedules.length < n) schedules = p.upTo(Infinity, n).schedules;
          for (const sc of schedules) if (!fam.has(i, sc)) fam.add(i, sc);
        });
        continue;
      }
      if (res.status === "infeasible") return { status: "infeasible" };
      // Out of time: the greedy start, when it is a plan (it keeps every ≤ row; hard ≥ rows may be short).
      return startHolds(f, start) ? { status: "timeout", x: start } : { status: "timeout" };
    }
    last = res;
    if (!bounded) break;
    if (withinGap(res.objective, upper, o, integral) && (o.relGap ?? 0) > 0) {
      outside = Infinity;
      break;
    }
    // Schedules that could still beat z: reduced cost above z − U(π).
    const threshold = res.objective - dualBound + (integral ? 1 : 0) - 1e-6;
    let complete = true;
    let added = 0;
    let best = threshold;
    const cap = 20_000;
    for (let i = 0; i < fam.groups.length && added < cap; i++) {
      const p = fam.pricer(i).reprice(fam.pricesOf(i, dual!, prices[i]));
      // rc = value − duals − cost > threshold  ⇔  cost < value − duals − threshold.
      const fixedPart = fam.reducedCost(i, dual!, 0);
      const { schedules, complete: all } = p.upTo(fixedPart - threshold, cap - added);
      if (!all) complete = false;
      for (const s of schedules) {
        const rc = fixedPart - s.cost;
        if (rc > best) best = rc;
        if (!fam.has(i, s)) {
          fam.add(i, s);
          added++;
        }
      }
    }
    if (pricingJinxiu) {
      f.price(dual!, threshold, (gi, ci, rc) => {
        if (rc > best) best = rc;
        if (f.column(gi, ci) === undefined && added < 300_000) {
          f.add(gi, ci);
          added++;
        }
      });
    }
    outside = complete && added === 0 ? -Infinity : complete ? dualBound + best : upper;
    if (added === 0 && complete) break;
    if (withinGap(res.objective, Math.min(upper, Math.max(res.bound ?? upper, outside)), o, integral)) break;
    if (res.status === "timeout" || expired()) break;
  }
  if (!last?.x || last.objective === undefined) return { status: "timeout" };
  const bound = bounded ? Math.max(last.objective, Math.min(upper, Math.max(last.bound ?? upper, outside))) : undefined;
  const proven = bound !== undefined && withinGap(last.objective, bound, {}, integral);
  return { status: proven ? "optimal" : expired() ? "timeout" : "feasible", x: padded(last.x, f.builder.numCols), objective: last.objective, bound };
}

/** Whether the start point keeps every row of the model. */
function startHolds(f: Formulation, start: Float64Array): boolean {
  const { model } = f.builder.build();
  const act = rowActivities(model, padded(start, model.numCols));
  for (let r = 0; r < model.numRows; r++) if (act[r] < model.rowLower[r] - 1e-6 || act[r] > model.rowUpper[r] + 1e-6) return false;
  return true;
}

/** Whether a model without columns holds: every row admits activity 0. */
function emptyFeasible(m: LinearModel): boolean {
  for (let r = 0; r < m.numRows; r++) if (m.rowLower[r] > 1e-9 || m.rowUpper[r] < -1e-9) return false;
  return true;
}

/**
 * Why each resident is not scheduled, in the planner's words: excluded
 * outright (eligibility, no site, the window), or left out by the optimum —
 * then the requirement whose sites are full, in which months, and the other
 * rows its schedules met at their limit (managers, mentors).
 */
function unscheduledReasons(
  ctx: Context, f: Formulation, fam: ResidentFamily, residents: readonly ResidentGroup[], excluded: ReadonlyMap<string, Excluded>,
  model: LinearModel, x: Float64Array, keptRows: readonly number[], optimal: boolean, lang: Lang,
): Map<string, Reason[]> {
  const w = wordsOf(ctx, lang);
  const out = new Map<string, Reason[]>();
  for (const [id, e] of excluded) out.set(id, e.reasons);
  const act = rowActivities(model, x);
  const modelRow = new Map<number, number>();
  keptRows.forEach((r, i) => modelRow.set(r, i));
  const full = (r: number) => {
    const i = modelRow.get(r);
    const ub = f.builder.rowUpper[r];
    return ub < Infinity && (i === undefined ? 0 : act[i]) >= ub - 1e-6;
  };
  residents.forEach((g, i) => {
    let used = 0;
    for (const c of fam.columns[i]) used += Math.round(x[c.col] ?? 0);
    if (used >= g.trainees.length) return;
    const s = g.shape;
    // Per requirement: its sites' months whose seats (or mentors) are full.
    const blocked: string[] = [];
    s.problem.reqs.forEach((r, j) => {
      const months = new Set<number>();
      const rows = new Set<string>();
      for (let m = r.lo; m < r.hi; m++) {
        let allFull = r.options.length > 0;
        for (const o of r.options) {
          const trip = fam.rowsOfSite(i, o);
          let here = false;
          for (let q = 0; q < trip.length; q += 3)
            if (trip[q] === s.k0 + m && full(trip[q + 1])) {
              here = true;
              if (rows.size < 2) rows.add(f.builder.rowMeta[trip[q + 1]].describe(lang));
            }
          if (!here) allFull = false;
        }
        if (allFull) months.add(s.k0 + m);
      }
      if (months.size > 0 || rows.size > 0) {
        const list = [...months].sort((a, b) => a - b).map((k) => w.slot(k));
        blocked.push(w.say(
          `轮转要求“${s.reqIds[j]}”${list.length ? `在 ${list.slice(0, 6).join("、")}${list.length > 6 ? ` 等 ${list.length} 个月` : ""}所有可轮转科室均已满` : "的部分可轮转科室已满"}${rows.size ? `（${[...rows].join("；")}）` : ""}`,
          `requirement "${s.reqIds[j]}": ${list.length ? `every site is full in ${list.slice(0, 6).join(", ")}${list.length > 6 ? ` (${list.length} months)` : ""}` : "some sites are full"}${rows.size ? ` (${[...rows].join("; ")})` : ""}`,
        ));
      }
    });
    // Group rows at their limit: managers.
    const groupRows: string[] = [];
    for (let r = 0; r < f.builder.rowMeta.length; r++) {
      const meta = f.builder.rowMeta[r];
      if (meta.kind === "managers" && meta.ids[0] === g.trainees[0].unit && full(r)) groupRows.push(meta.describe(lang));
    }
    const what = [...groupRows, ...blocked];
    const message = what.length
      ? w.say(`符合条件，但${optimal ? "最优方案" : "本方案"}未能安排：${what.join("；")}`, `eligible, but ${optimal ? "the optimum" : "the plan"} could not schedule this resident: ${what.join("; ")}`)
      : w.say("符合条件，但安排此人会降低总体得分（例如科室服务需求与轮转冲突、轮转交接成本）", "eligible, but scheduling this resident would lower the objective (service rows, transitions)");
    const left = g.trainees.slice(used);
    for (const t of left) out.set(t.id, [{ code: "CAPACITY-COMPETITION", message }]);
  });
  return out;
}

export type { ResidencyRotation };
