/**
 * Residents (SPEC §10) as the solver sees them: each resident's schedule
 * problem (window, open requirements with their sites, phases in window
 * months, `after`, fixed rotations), and groups of interchangeable residents
 * (same programme, curriculum, base, window, period start, completed set,
 * fixed rotations and priority: identical columns, one integer count).
 */
import type { Reason, ResidencyRotation, Trainee } from "../../model/types.js";
import { type Context, windowOf } from "../../rules/context.js";
import { curriculumProblems } from "../../rules/curriculum.js";
import { residencyValue, rotationsCompared } from "../../rules/objective.js";
import { isResident, monthNumber, type ResidentInfo, residentOf, sitesOf } from "../../rules/residents.js";
import { type Lang, wordsOf } from "../../rules/words.js";
import type { FixedSpec, ReqSpec, ScheduleProblem } from "./schedule.js";

/** A (unit, dept) pair a requirement may be done at. */
export interface Site {
  readonly unit: string;
  readonly dept: string;
}

/** The schedule problem shared by a group of interchangeable residents. */
export interface ResidentShape {
  readonly info: ResidentInfo;
  /** First calendar slot of the window and its length in months. */
  readonly k0: number;
  readonly months: number;
  /** Open requirements (not completed), in curriculum order: their ids. */
  readonly reqIds: readonly string[];
  /** Regular options: (unit, dept) pairs, indices of `price` rows. */
  readonly sites: readonly Site[];
  /** The structure for `SchedulePricer` (prices zero). */
  readonly problem: ScheduleProblem;
  /** The fixed rotations, in `problem.fixed` order. */
  readonly fixed: readonly ResidencyRotation[];
  /** base × priority. */
  readonly value: number;
}

export interface ResidentGroup {
  readonly trainees: Trainee[];
  readonly shape: ResidentShape;
  readonly key: string;
  /**
   * SPEC §11.1: the residents' baseline schedule (compared as `rotationsCompared`), and its
   * rotations in slots when it is a valid schedule the plan could keep (worth `change` more).
   */
  readonly keep?: { readonly compared: string; readonly rotations?: readonly { readonly req: number; readonly site: number; readonly k0: number; readonly k1: number }[] };
}

/** Why a resident cannot be scheduled, found before any model: reasons, and whether the instance is infeasible (a fixed rotation kept cannot be). */
export interface Excluded {
  readonly reasons: Reason[];
  readonly infeasible: boolean;
}

/** Every resident of the instance: groups of interchangeable ones, and those excluded outright. */
export function residentGroups(ctx: Context, lang: Lang): { groups: ResidentGroup[]; excluded: Map<string, Excluded> } {
  const byKey = new Map<string, ResidentGroup>();
  const excluded = new Map<string, Excluded>();
  const w = wordsOf(ctx, lang);
  // SPEC §11.1: a resident the baseline schedules (and does not also list among its placements) may keep that schedule.
  const base = ctx.instance.baseline;
  const placedBefore = new Set((base?.placements ?? []).map((p) => p.trainee));
  const before = new Map<string, readonly ResidencyRotation[]>();
  for (const e of base?.residencies ?? []) if (!before.has(e.trainee) && !placedBefore.has(e.trainee)) before.set(e.trainee, e.rotations);
  for (const t of [...ctx.instance.trainees].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    if (!isResident(ctx, t)) continue;
    const info = residentOf(ctx, t);
    if (!info) continue;
    const fixed = t.fixed ?? [];
    const eligibility = ctx.eligibility(t, lang);
    if (eligibility.length) {
      excluded.set(t.id, { reasons: eligibility, infeasible: fixed.length > 0 });
      continue;
    }
    const built = shapeOf(ctx, info, w);
    if ("reasons" in built) {
      excluded.set(t.id, { reasons: built.reasons, infeasible: fixed.length > 0 });
      continue;
    }
    const was = before.get(t.id);
    const compared = was ? rotationsCompared(was) : undefined;
    const key = JSON.stringify([info.prog.id, info.curriculum.id, t.unit, built.k0, built.months, info.periodStart, [...info.completed].sort(), fixed, built.value, compared ?? null]);
    const g = byKey.get(key);
    if (g) g.trainees.push(t);
    else byKey.set(key, { trainees: [t], shape: built, key, ...(was ? { keep: { compared: compared!, rotations: keepable(ctx, built, was) } } : {}) });
  }
  return { groups: [...byKey.values()], excluded };
}

/** A baseline schedule in slots when the plan could keep it (a valid schedule at allowed sites inside the window, fixed rotations as agreed). */
function keepable(ctx: Context, shape: ResidentShape, rotations: readonly ResidencyRotation[]): { req: number; site: number; k0: number; k1: number }[] | undefined {
  if (curriculumProblems(shape.info, rotations, wordsOf(ctx, "en")).length) return undefined;
  const out: { req: number; site: number; k0: number; k1: number }[] = [];
  const fixedLeft = new Set(shape.fixed.map((_, i) => i));
  for (const r of [...rotations].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))) {
    const a = ctx.slots.boundaryIndex(r.start), b = ctx.slots.boundaryIndex(r.end);
    const req = shape.reqIds.indexOf(r.requirement);
    if (a === undefined || b === undefined || a < shape.k0 || b > shape.k0 + shape.months || req < 0) return undefined;
    const f = shape.fixed.findIndex((x, i) => fixedLeft.has(i) && x.requirement === r.requirement && x.unit === r.unit && x.dept === r.dept && x.start === r.start && x.end === r.end);
    if (f >= 0) {
      fixedLeft.delete(f);
      out.push({ req, site: -1 - f, k0: a, k1: b });
      continue;
    }
    const site = shape.sites.findIndex((s) => s.unit === r.unit && s.dept === r.dept);
    if (site < 0 || !shape.problem.reqs[req].options.includes(site)) return undefined;
    // Months on a fixed rotation's months would overlap it.
    out.push({ req, site, k0: a, k1: b });
  }
  return fixedLeft.size === 0 ? out : undefined;
}

/** The schedule problem of one resident, or why it has none. */
export function shapeOf(ctx: Context, info: ResidentInfo, w: ReturnType<typeof wordsOf>): ResidentShape | { reasons: Reason[] } {
  const t = info.t;
  const win = windowOf(ctx, t);
  const k0 = ctx.slots.firstFrom(win.from);
  const k1 = Math.min(ctx.slots.count, ctx.slots.firstFrom(win.to));
  const months = Math.max(0, k1 - k0);
  // Month k of the training period is slot k0 + k − offset.
  const offset = k0 < ctx.slots.count ? monthNumber(ctx.slots.boundaries[k0]) - info.periodStart : 0;
  const open = info.curriculum.requirements.filter((r) => !info.completed.has(r.id));
  const reqIds = open.map((r) => r.id);
  const sites: Site[] = [];
  const siteIndex = new Map<string, number>();
  const reqs: ReqSpec[] = [];
  const reasons: Reason[] = [];
  for (const r of open) {
    const options: number[] = [];
    for (const s of sitesOf(ctx, t.unit, r)) {
      const k = `${s.unit}\u0000${s.dept}`;
      let i = siteIndex.get(k);
      if (i === undefined) {
        siteIndex.set(k, (i = sites.length));
        sites.push(s);
      }
      options.push(i);
    }
    const fixedHere = (t.fixed ?? []).some((f) => f.requirement === r.id);
    if (options.length === 0 && !fixedHere)
      reasons.push({ code: "R-SITE", message: w.say(`轮转要求“${r.id}”（${w.depts(r.depts)}）没有可轮转的单位和科室`, `requirement "${r.id}" (${r.depts.join(", ")}) has no site: no allowed unit receives one of its departments`) });
    const lo = Math.max(0, (r.phase?.from ?? 0) - offset);
    const hi = Math.min(months, r.phase?.to === undefined ? months : r.phase.to - offset);
    if (hi - lo < r.min)
      reasons.push({
        code: "R-CURRICULUM",
        message: w.say(`轮转要求“${r.id}”需 ${r.min} 个月，但在日历、项目时间窗和培训期内${r.phase ? "及其阶段要求内" : ""}只有 ${Math.max(0, hi - lo)} 个月`, `requirement "${r.id}" needs ${r.min} month(s); the window${r.phase ? " and its phase" : ""} leave ${Math.max(0, hi - lo)}`),
      });
    reqs.push({ min: r.min, max: r.max, blocks: r.blocks ?? 1, lo, hi: Math.max(lo, hi), after: (r.after ?? []).map((a) => reqIds.indexOf(a)).filter((i) => i >= 0), options });
  }
  const fixedSpecs: FixedSpec[] = [];
  for (const f of t.fixed ?? []) {
    const [a, b] = ctx.span(f.start, f.end);
    const req = reqIds.indexOf(f.requirement);
    if (a < k0 || b > k1 || req < 0)
      reasons.push({ code: "R-PINNED", message: w.say(`已定轮转 ${w.unit(f.unit)}${w.dept(f.dept)} [${f.start}, ${f.end}) 不在可轮转的时间窗 [${win.from}, ${win.to}) 内`, `fixed rotation "${f.unit}" ${f.dept} [${f.start}, ${f.end}) lies outside the window [${win.from}, ${win.to})`) });
    else fixedSpecs.push({ req, m0: a - k0, m1: b - k0 });
  }
  if (reasons.length) return { reasons };
  const total = open.reduce((s, r) => s + r.min, 0);
  if (total > months)
    return { reasons: [{ code: "R-CURRICULUM", message: w.say(`培训大纲未完成的轮转至少需 ${total} 个月，时间窗 [${win.from}, ${win.to}) 只有 ${months} 个月`, `the open requirements need ${total} months; the window [${win.from}, ${win.to}) has ${months}`) }] };
  const problem: ScheduleProblem = {
    months, options: sites.length, minBlock: info.minBlock, reqs, fixed: fixedSpecs,
    transition: ctx.weights.transition, price: new Float64Array(sites.length * months),
  };
  return { info, k0, months, reqIds, sites, problem, fixed: t.fixed ?? [], value: residencyValue(ctx, t) };
}
