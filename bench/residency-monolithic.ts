/**
 * The monolithic reference for §10 (issue #11): the residency problem as one
 * plain time-indexed MILP, written independently of jinxiu's solver (it reads
 * only the instance and SPEC §10), solved on HiGHS or native CBC, its solution
 * turned into a plan that `verifyPlan` must accept before it counts.
 *
 * Variables, per resident r:
 * - `z[r]` ∈ {0,1}: scheduled (fixed to 1 when r has `fixed` rotations: R-PINNED);
 * - `x[r,q,u,d,k]` ∈ {0,1}: r spends open month k on requirement q at unit u,
 *   department d — only where q is not completed, (u,d) is a site of q (R-SITE),
 *   k lies in the training period, the window, q's phase, and u receives d in k;
 * - `y[r,q,u,d,k]` ≥ 0: a rotation starts at k (y ≥ x_k − x_{k−1}); each rotation
 *   costs `transition`, fixed ones a constant;
 * - `b[r,q,k]` ≥ 0: a block of q starts at k (b ≥ A_k − A_{k−1}, A_k = Σ x or the
 *   fixed months as constants), Σ b ≤ blocks;
 * - `w[r,q,k]` ∈ [0,1]: q has started by k, for `after` (w_k ≥ A_q,k, w_k ≥ w_{k−1},
 *   A_p,k + w_k ≤ 1 for every p that q comes after);
 * - `s[row,k]` ∈ [0,min]: resident-months short of a soft service row.
 * Rows: months of q in [min·z, max·z]; one rotation per month; minBlock (a block
 * started at k lasts: A_{k+j} ≥ A_k − A_{k−1}); capacity per (u,d,k) counting
 * fixed rotations and 进修 placements; qualified mentor seats per (u,d,k) (named
 * afterwards by interval colouring: fixed rotations keep their mentors, new ones
 * take the first mentor with room all through); service rows (hard, or soft with
 * shortfall); managers per base.
 *
 * 进修 trainees of programmes without rotations, quotas, coverage, budget, mentor
 * rule or staffing: one binary per (trainee, unit, dept, start) of an allowed
 * duration, valued by §7. Anything else the reference does not model throws.
 */
import type {
  Instance, Kind, LinearModel, Placement, Plan, Programme, Requirement, ResidencyEntry, ResidencyRotation, ServiceShortfall, Tier, Title, Trainee, Unplaced,
} from "jinxiu";
import { TITLES, type Backend } from "jinxiu";
import { performance } from "node:perf_hooks";

const ym = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
const isoOf = (m: number) => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}-01`;
const key = (...parts: string[]) => parts.join("\u0000");

/** A column's meaning, to read the solution back. */
type Col =
  | { kind: "z"; r: number }
  | { kind: "x"; r: number; q: string; unit: string; dept: string; k: number }
  | { kind: "p"; t: number; unit: string; dept: string; start: number; end: number }
  | { kind: "aux" };

export interface MonolithicModel {
  readonly model: LinearModel;
  /** Built from the instance: read a solution back into a plan. */
  readonly toPlan: (x: Float64Array, status: Plan["status"], bound?: number) => Plan;
  /** The binary part of a plan as a point of the model (auxiliary columns 0). */
  readonly pointOf: (plan: Pick<Plan, "residencies" | "placements">) => Float64Array;
  readonly stats: { readonly binaries: number; readonly columns: number; readonly rows: number; readonly nonzeros: number };
}

class Builder {
  cost: number[] = [];
  lower: number[] = [];
  upper: number[] = [];
  integer: number[] = [];
  cols: Col[] = [];
  /** Row-wise entries, turned column-wise at the end. */
  rowLo: number[] = [];
  rowUp: number[] = [];
  entries: [number, number, number][] = [];
  offset = 0;
  col(c: Col, cost: number, lo: number, up: number, int: boolean): number {
    this.cols.push(c);
    this.cost.push(cost);
    this.lower.push(lo);
    this.upper.push(up);
    this.integer.push(int ? 1 : 0);
    return this.cols.length - 1;
  }
  row(terms: readonly (readonly [number, number])[], lo: number, up: number): void {
    const i = this.rowLo.length;
    this.rowLo.push(lo);
    this.rowUp.push(up);
    for (const [j, v] of terms) if (v !== 0) this.entries.push([j, i, v]);
  }
  build(): LinearModel {
    const n = this.cols.length;
    const starts = new Int32Array(n + 1);
    for (const [j] of this.entries) starts[j + 1]++;
    for (let j = 0; j < n; j++) starts[j + 1] += starts[j];
    const fill = starts.slice(0, n);
    const indices = new Int32Array(this.entries.length);
    const values = new Float64Array(this.entries.length);
    for (const [j, i, v] of this.entries) {
      const p = fill[j]++;
      indices[p] = i;
      values[p] = v;
    }
    return {
      numCols: n, numRows: this.rowLo.length, offset: this.offset,
      colCost: Float64Array.from(this.cost), colLower: Float64Array.from(this.lower), colUpper: Float64Array.from(this.upper),
      integer: Uint8Array.from(this.integer), rowLower: Float64Array.from(this.rowLo), rowUpper: Float64Array.from(this.rowUp),
      starts, indices, values,
    };
  }
}

/** A linear expression with a constant: a requirement's activity in one month. */
interface Expr { c: number; terms: [number, number][] }
const minus = (a: Expr, b: Expr): Expr => ({ c: a.c - b.c, terms: [...a.terms, ...b.terms.map(([j, v]) => [j, -v] as [number, number])] });

/** Builds the monolithic MILP of an instance (parsed by `parseInstance`). */
export function buildMonolithic(inst: Instance): MonolithicModel {
  const W = { base: 100, preferredUnit: 10, relation: 5, studyRank: 3, supportCost: 1, shortfall: 50, transition: 1, ...inst.objective };
  const cal0 = ym(inst.calendar.start);
  const cal1 = ym(inst.calendar.end);
  const K = cal1 - cal0;
  if (inst.calendar.granularity !== "month") throw new Error("residency-monolithic: month calendars only");
  if ((inst.pinned ?? []).length || inst.baseline || (inst.teams ?? []).length) throw new Error("residency-monolithic: pinned, baseline and teams are not modelled");
  const units = new Map(inst.units.map((u) => [u.id, u]));
  const progs = new Map(inst.programmes.map((p) => [p.id, p]));
  const rank = (t: Title | undefined) => TITLES.indexOf(t ?? "none");
  const rel = new Set((inst.relations ?? []).map((r) => key(r.type, r.from, r.to)));

  /** Capacity of (unit, dept) in month k (0 where no row covers it). */
  const capOf = (unit: string, dept: string, k: number): number => {
    const m = cal0 + k;
    for (const r of units.get(unit)?.receive ?? [])
      if (r.dept === dept && (r.from ? ym(r.from) : cal0) <= m && m < (r.to ? ym(r.to) : cal1)) return r.capacity;
    return 0;
  };
  const residencyProgs = inst.programmes.filter((p) => p.residency);
  const minTitle = residencyProgs.map((p) => p.mentor?.minTitle).find((t) => t !== undefined);
  if (residencyProgs.some((p) => p.mentor?.minTitle !== minTitle)) throw new Error("residency-monolithic: one mentor rule for all residency programmes");
  for (const p of inst.programmes) {
    if (p.priority?.length) throw new Error(`residency-monolithic: programme ${p.id}: priority rows are not modelled`);
    if (p.residency && p.eligibility) throw new Error(`residency-monolithic: programme ${p.id}: residency eligibility is not modelled`);
    if (!p.residency && (p.rotations || p.quotas?.length || p.coverage?.length || p.budget || p.mentor))
      throw new Error(`residency-monolithic: programme ${p.id}: rotations, quotas, coverage, budget and mentor rules of 进修 are not modelled`);
  }
  /** Qualified mentor seats of (unit, dept) for residents. */
  const seatsOf = (unit: string, dept: string): number =>
    (units.get(unit)?.mentors ?? []).filter((m) => m.dept === dept && (minTitle === undefined || rank(m.title) >= rank(minTitle))).reduce((s, m) => s + (m.capacity ?? 1), 0);

  const B = new Builder();
  const residents: { t: Trainee; prog: Programme; z: number }[] = [];
  const others: Trainee[] = [];
  for (const t of inst.trainees) (progs.get(t.programme)?.residency ? residents.push({ t, prog: progs.get(t.programme)!, z: -1 }) : others.push(t));

  /** Per (unit, dept, month): linear terms of residents present (new months) and the fixed count. */
  const presence = new Map<string, { terms: [number, number][]; fixed: number }[]>();
  const presenceOf = (unit: string, dept: string) => {
    let a = presence.get(key(unit, dept));
    if (!a) presence.set(key(unit, dept), (a = Array.from({ length: K }, () => ({ terms: [], fixed: 0 }))));
    return a;
  };
  const jinxiuAt = new Map<string, [number, number][][]>();
  /** Per base: z columns of its residents. */
  const byBase = new Map<string, number[]>();
  let binaries = 0;

  residents.forEach((res, ri) => {
    const { t, prog } = res;
    const cur = prog.residency!.curricula.find((c) => c.id === t.curriculum);
    if (!cur) throw new Error(`residency-monolithic: ${t.id}: unknown curriculum`);
    const fixed = t.fixed ?? [];
    const p0 = ym(t.available!.from!) - cal0;
    const p1 = ym(t.available!.to!) - cal0;
    const w0 = Math.max(0, p0, prog.window?.from ? ym(prog.window.from) - cal0 : 0);
    const w1 = Math.min(K, p1, prog.window?.to ? ym(prog.window.to) - cal0 : K);
    const z = B.col({ kind: "z", r: ri }, W.base * (t.priority ?? 1), fixed.length ? 1 : 0, 1, true);
    binaries++;
    res.z = z;
    if (!byBase.has(t.unit)) byBase.set(t.unit, []);
    byBase.get(t.unit)!.push(z);
    // Months covered by fixed rotations, and per requirement its fixed months.
    const covered = new Set<number>();
    const fixedMonths = new Map<string, Set<number>>();
    for (const f of fixed) {
      for (let k = ym(f.start) - cal0; k < ym(f.end) - cal0; k++) {
        covered.add(k);
        if (!fixedMonths.has(f.requirement)) fixedMonths.set(f.requirement, new Set());
        fixedMonths.get(f.requirement)!.add(k);
        presenceOf(f.unit, f.dept)[k].fixed++;
      }
      B.offset -= W.transition;
    }
    const done = new Set(t.completed ?? []);
    const open = cur.requirements.filter((q) => !done.has(q.id));
    const minBlock = cur.minBlock ?? 1;
    /** Per requirement and month: its activity (Σ x, or 1 on a fixed month). */
    const activity = new Map<string, Expr[]>();
    const perMonth: [number, number][][] = Array.from({ length: K }, () => []);
    for (const q of open) {
      const act: Expr[] = Array.from({ length: K }, (_, k) => ({ c: fixedMonths.get(q.id)?.has(k) ? 1 : 0, terms: [] }));
      activity.set(q.id, act);
      const ph0 = p0 + (q.phase?.from ?? 0);
      const ph1 = q.phase?.to !== undefined ? p0 + q.phase.to : K;
      for (const site of sitesOf(inst, t.unit, q)) {
        let prev: number | undefined;
        for (let k = Math.max(w0, ph0); k < Math.min(w1, ph1); k++) {
          if (covered.has(k) || capOf(site.unit, site.dept, k) <= 0) {
            prev = undefined;
            continue;
          }
          const j = B.col({ kind: "x", r: ri, q: q.id, unit: site.unit, dept: site.dept, k }, 0, 0, 1, true);
          binaries++;
          act[k].terms.push([j, 1]);
          perMonth[k].push([j, 1]);
          presenceOf(site.unit, site.dept)[k].terms.push([j, 1]);
          // Rotation start: the first month of a run of (q, unit, dept) costs a transition.
          if (prev === undefined) B.cost[j] -= W.transition;
          else {
            const y = B.col({ kind: "aux" }, -W.transition, 0, 1, false);
            B.row([[y, 1], [j, -1], [prev, 1]], 0, Number.POSITIVE_INFINITY);
          }
          prev = j;
        }
      }
      // Months in [min, max] (× z).
      const all = act.flatMap((e) => e.terms);
      const F = fixedMonths.get(q.id)?.size ?? 0;
      B.row([...all, [z, F - q.min]], 0, Number.POSITIVE_INFINITY);
      B.row([...all, [z, F - q.max]], Number.NEGATIVE_INFINITY, 0);
      // Blocks: Σ block starts ≤ blocks.
      const at = (k: number): Expr => (k < 0 || k >= K ? { c: 0, terms: [] } : act[k]);
      const starts: [number, number][] = [];
      let constStarts = 0;
      for (let k = 0; k < K; k++) {
        const e = minus(at(k), at(k - 1));
        if (e.terms.length === 0) constStarts += Math.max(0, e.c);
        else {
          const b = B.col({ kind: "aux" }, 0, 0, 1, false);
          B.row([[b, 1], ...e.terms.map(([j, v]) => [j, -v] as [number, number])], e.c, Number.POSITIVE_INFINITY);
          starts.push([b, 1]);
        }
        // minBlock: a block started at k lasts minBlock months.
        for (let d = 1; d < minBlock; d++) {
          const need = minus(at(k + d), e);
          if (need.terms.length === 0) continue;
          B.row(need.terms, -need.c, Number.POSITIVE_INFINITY);
        }
      }
      if (starts.length) B.row(starts, Number.NEGATIVE_INFINITY, (q.blocks ?? 1) - constStarts);
    }
    // after: q starts only after the last month of every p it lists.
    for (const q of open) {
      const later = (q.after ?? []).filter((p) => activity.has(p));
      if (!later.length) continue;
      const aq = activity.get(q.id)!;
      let prevW: number | undefined;
      let started = false;
      for (let k = 0; k < K; k++) {
        if (!started && aq[k].c === 0 && aq[k].terms.length === 0) continue;
        started = true;
        const w = B.col({ kind: "aux" }, 0, 0, 1, false);
        B.row([[w, 1], ...aq[k].terms.map(([j, v]) => [j, -v] as [number, number])], aq[k].c, Number.POSITIVE_INFINITY);
        if (prevW !== undefined) B.row([[w, 1], [prevW, -1]], 0, Number.POSITIVE_INFINITY);
        for (const p of later) {
          const ap = activity.get(p)![k];
          B.row([[w, 1], ...ap.terms], Number.NEGATIVE_INFINITY, 1 - ap.c);
        }
        prevW = w;
      }
    }
    // One rotation per month.
    for (let k = 0; k < K; k++) if (perMonth[k].length > 1) B.row(perMonth[k], Number.NEGATIVE_INFINITY, 1);
  });

  // 进修 trainees: one column per (unit, dept, start) of an allowed duration.
  others.forEach((t, ti) => {
    const prog = progs.get(t.programme)!;
    const home = units.get(t.unit)!;
    if (home.departments?.length) throw new Error("residency-monolithic: staffing rules are not modelled");
    const e = prog.eligibility;
    if (e && (e.maxAge !== undefined || e.minPracticeYears !== undefined || e.licenses || e.categories || e.minYearsSinceLast !== undefined))
      throw new Error("residency-monolithic: 进修 eligibility other than tiers is not modelled");
    const eligible = !e?.tiers || e.tiers.includes(home.tier);
    const dmin = prog.duration?.min?.months ?? 1;
    const dmax = prog.duration?.max?.months ?? dmin;
    if ((prog.duration?.min?.weeks ?? 0) || (prog.duration?.min?.days ?? 0)) throw new Error("residency-monolithic: month durations only");
    const a0 = Math.max(0, t.available?.from ? ym(t.available.from) - cal0 : 0, prog.window?.from ? ym(prog.window.from) - cal0 : 0);
    const a1 = Math.min(K, t.available?.to ? ym(t.available.to) - cal0 : K, prog.window?.to ? ym(prog.window.to) - cal0 : K);
    const wants = t.wants?.depts?.length ? t.wants.depts : [t.dept];
    const mine: [number, number][] = [];
    if (eligible)
      for (const u of inst.units) {
        if (u.id === t.unit) continue;
        const r = prog.receiving;
        if (r?.tiers && !r.tiers.includes(u.tier)) continue;
        if (r?.kinds && !r.kinds.includes(u.kind as Kind)) continue;
        if (r?.tcmToTcm && t.practice === "tcm" && u.kind !== "tcm") continue;
        const linked = (types: readonly string[]) => types.some((ty) => rel.has(key(ty, u.id, t.unit)));
        if (r?.relations?.length && !(r.openTiers ?? []).includes(u.tier as Tier) && !linked(r.relations)) continue;
        wants.forEach((dept, rk) => {
          if (!(u.receive ?? []).some((row) => row.dept === dept)) return;
          for (let d = dmin; d <= dmax; d++)
            for (let s = a0; s + d <= a1; s++) {
              let ok = true;
              for (let k = s; k < s + d && ok; k++) ok = capOf(u.id, dept, k) > 0;
              if (!ok) continue;
              const value = W.base * (t.priority ?? 1) + (t.wants?.units?.includes(u.id) ? W.preferredUnit : 0) + (linked(["alliance", "pairing"]) ? W.relation : 0) - W.studyRank * rk;
              const j = B.col({ kind: "p", t: ti, unit: u.id, dept, start: s, end: s + d }, value, 0, 1, true);
              binaries++;
              mine.push([j, 1]);
              let arr = jinxiuAt.get(key(u.id, dept));
              if (!arr) jinxiuAt.set(key(u.id, dept), (arr = Array.from({ length: K }, () => [])));
              for (let k = s; k < s + d; k++) arr[k].push([j, 1]);
            }
        });
      }
    if (mine.length > 1) B.row(mine, Number.NEGATIVE_INFINITY, 1);
  });

  // Capacity and qualified mentor seats per (unit, dept, month).
  for (const u of inst.units)
    for (const dept of new Set((u.receive ?? []).map((r) => r.dept))) {
      const pres = presence.get(key(u.id, dept));
      const jx = jinxiuAt.get(key(u.id, dept));
      const seats = seatsOf(u.id, dept);
      for (let k = 0; k < K; k++) {
        const cap = capOf(u.id, dept, k);
        const terms = [...(pres?.[k].terms ?? []), ...(jx?.[k] ?? [])];
        const fixed = pres?.[k].fixed ?? 0;
        if (terms.length) B.row(terms, Number.NEGATIVE_INFINITY, cap - fixed);
        if (minTitle !== undefined && pres?.[k].terms.length && seats < cap) B.row(pres[k].terms, Number.NEGATIVE_INFINITY, seats - fixed);
      }
    }
  // Service rows.
  const serviceSlots: { unit: string; dept: string; index: number; min: number; k0: number; k1: number; hard: boolean }[] = [];
  for (const u of inst.units)
    (u.service ?? []).forEach((s, index) => {
      const k0 = Math.max(0, s.from ? ym(s.from) - cal0 : 0);
      const k1 = Math.min(K, s.to ? ym(s.to) - cal0 : K);
      serviceSlots.push({ unit: u.id, dept: s.dept, index, min: s.min, k0, k1, hard: s.hard === true });
      const pres = presence.get(key(u.id, s.dept));
      for (let k = k0; k < k1; k++) {
        const terms = pres?.[k].terms ?? [];
        const fixed = pres?.[k].fixed ?? 0;
        if (s.min - fixed <= 0) continue;
        if (s.hard) B.row(terms, s.min - fixed, Number.POSITIVE_INFINITY);
        else if (terms.length === 0) B.offset -= W.shortfall * (s.min - fixed);
        else {
          const short = B.col({ kind: "aux" }, -W.shortfall, 0, s.min - fixed, false);
          B.row([...terms, [short, 1]], s.min - fixed, Number.POSITIVE_INFINITY);
        }
      }
    });
  // Managers: ≤ 100 × managers per base, none below 3.
  for (const [base, zs] of byBase) {
    const m = units.get(base)?.managers;
    if (m === undefined) continue;
    B.row(zs.map((z) => [z, 1] as [number, number]), Number.NEGATIVE_INFINITY, m < 3 ? 0 : 100 * m);
  }
  const model = B.build();

  const toPlan = (x: Float64Array, status: Plan["status"], bound?: number): Plan => {
    const on = (j: number) => x[j] > 0.5;
    const months = new Map<number, Map<string, number[]>>();
    const placements: Placement[] = [];
    const placed = new Set<number>();
    B.cols.forEach((c, j) => {
      if (!on(j)) return;
      if (c.kind === "x") {
        let m = months.get(c.r);
        if (!m) months.set(c.r, (m = new Map()));
        const k = key(c.q, c.unit, c.dept);
        if (!m.has(k)) m.set(k, []);
        m.get(k)!.push(c.k);
      } else if (c.kind === "p") {
        placed.add(c.t);
        placements.push({ trainee: others[c.t].id, unit: c.unit, dept: c.dept, start: isoOf(cal0 + c.start), end: isoOf(cal0 + c.end) });
      }
    });
    // Runs of months into rotations, then mentors: fixed ones keep theirs, new ones by start take the first qualified mentor with room.
    const used = new Map<string, Int32Array>();
    const take = (mentor: string, a: number, b: number) => {
      let u = used.get(mentor);
      if (!u) used.set(mentor, (u = new Int32Array(K)));
      for (let k = a; k < b; k++) u[k]++;
    };
    const residencies: ResidencyEntry[] = [];
    const unplaced: Unplaced[] = [];
    const fresh: { r: number; rot: { requirement: string; unit: string; dept: string; a: number; b: number; mentor?: string } }[] = [];
    residents.forEach((res, ri) => {
      if (!on(res.z)) return;
      for (const f of res.t.fixed ?? []) if (f.mentor) take(f.mentor, ym(f.start) - cal0, ym(f.end) - cal0);
      for (const [k, ms] of months.get(ri) ?? []) {
        const [requirement, unit, dept] = k.split("\u0000");
        ms.sort((p, q) => p - q);
        let a = ms[0];
        for (let i = 1; i <= ms.length; i++)
          if (i === ms.length || ms[i] !== ms[i - 1] + 1) {
            fresh.push({ r: ri, rot: { requirement, unit, dept, a, b: ms[i - 1] + 1 } });
            a = ms[i];
          }
      }
    });
    fresh.sort((p, q) => p.rot.a - q.rot.a || p.r - q.r);
    for (const f of fresh) {
      if (minTitle === undefined) continue;
      const m = (units.get(f.rot.unit)?.mentors ?? []).find((m) => {
        if (m.dept !== f.rot.dept || rank(m.title) < rank(minTitle)) return false;
        const u = used.get(m.id);
        for (let k = f.rot.a; k < f.rot.b; k++) if ((u?.[k] ?? 0) >= (m.capacity ?? 1)) return false;
        return true;
      });
      if (m) {
        f.rot.mentor = m.id;
        take(m.id, f.rot.a, f.rot.b);
      }
    }
    const freshOf = new Map<number, ResidencyRotation[]>();
    for (const f of fresh) {
      if (!freshOf.has(f.r)) freshOf.set(f.r, []);
      freshOf.get(f.r)!.push({ requirement: f.rot.requirement, unit: f.rot.unit, dept: f.rot.dept, start: isoOf(cal0 + f.rot.a), end: isoOf(cal0 + f.rot.b), ...(f.rot.mentor ? { mentor: f.rot.mentor } : {}) });
    }
    residents.forEach((res, ri) => {
      if (!on(res.z)) {
        unplaced.push({ trainee: res.t.id, reasons: [{ code: "CAPACITY-COMPETITION", message: "单体模型的最优方案未排入该住院医师（接收容量、带教、服务与管理人员限额之下）" }] });
        return;
      }
      const rotations = [...(res.t.fixed ?? []), ...(freshOf.get(ri) ?? [])].sort((p, q) => (p.start < q.start ? -1 : p.start > q.start ? 1 : 0));
      residencies.push({ trainee: res.t.id, rotations });
    });
    others.forEach((t, ti) => {
      if (!placed.has(ti)) unplaced.push({ trainee: t.id, reasons: [{ code: "CAPACITY-COMPETITION", message: "单体模型的最优方案未安排该进修人员" }] });
    });
    // Service shortfalls from the plan itself (SPEC §10: needed = min × slots, got = Σ min(present, min)).
    const present = new Map<string, Int32Array>();
    for (const e of residencies)
      for (const r of e.rotations) {
        let a = present.get(key(r.unit, r.dept));
        if (!a) present.set(key(r.unit, r.dept), (a = new Int32Array(K)));
        for (let k = ym(r.start) - cal0; k < ym(r.end) - cal0; k++) a[k]++;
      }
    const shortfalls: ServiceShortfall[] = [];
    for (const s of serviceSlots) {
      if (s.hard) continue;
      const a = present.get(key(s.unit, s.dept));
      let got = 0;
      for (let k = s.k0; k < s.k1; k++) got += Math.min(a?.[k] ?? 0, s.min);
      const needed = s.min * (s.k1 - s.k0);
      if (got < needed) shortfalls.push({ rule: "service", unit: s.unit, dept: s.dept, index: s.index, needed, got });
    }
    // The §10 objective of the plan itself (an engine's point may carry slack above its minimum, so the model's value can be lower).
    let objective = 0;
    const priorityOf = new Map(residents.map((r) => [r.t.id, r.t.priority ?? 1]));
    for (const e of residencies) objective += W.base * priorityOf.get(e.trainee)! - W.transition * e.rotations.length;
    B.cols.forEach((c, j) => {
      if (c.kind === "p" && on(j)) objective += model.colCost[j];
    });
    for (const s of shortfalls) objective -= W.shortfall * (s.needed - s.got);
    return {
      version: 1, status, objective: Math.round(objective * 1e6) / 1e6, ...(bound !== undefined ? { bound } : {}),
      placements, residencies, support: [], unplaced, shortfalls, conflicts: [],
    };
  };
  /** The 0/1 point of a plan's residencies and placements (auxiliary columns 0): with `completeAux`, for checking a known plan against the rows. */
  const pointOf = (plan: Pick<Plan, "residencies" | "placements">): Float64Array => {
    const x = new Float64Array(model.numCols);
    const idx = new Map<string, number>();
    B.cols.forEach((c, j) => {
      if (c.kind === "x") idx.set(key("x", String(c.r), c.q, c.unit, c.dept, String(c.k)), j);
      else if (c.kind === "z") idx.set(key("z", String(c.r)), j);
      else if (c.kind === "p") idx.set(key("p", String(c.t), c.unit, c.dept, String(c.start), String(c.end)), j);
    });
    const rIndex = new Map(residents.map((r, i) => [r.t.id, i]));
    const tIndex = new Map(others.map((t, i) => [t.id, i]));
    for (const e of plan.residencies ?? []) {
      const ri = rIndex.get(e.trainee)!;
      x[idx.get(key("z", String(ri)))!] = 1;
      const fixed = new Set((residents[ri].t.fixed ?? []).map((f) => JSON.stringify([f.requirement, f.unit, f.dept, f.start, f.end])));
      for (const r of e.rotations) {
        if (fixed.has(JSON.stringify([r.requirement, r.unit, r.dept, r.start, r.end]))) continue;
        for (let k = ym(r.start) - cal0; k < ym(r.end) - cal0; k++) {
          const j = idx.get(key("x", String(ri), r.requirement, r.unit, r.dept, String(k)));
          if (j === undefined) throw new Error(`pointOf: no column for ${e.trainee} ${r.requirement} ${r.unit} ${r.dept} month ${k}`);
          x[j] = 1;
        }
      }
    }
    for (const p of plan.placements) {
      const j = idx.get(key("p", String(tIndex.get(p.trainee)), p.unit, p.dept, String(ym(p.start) - cal0), String(ym(p.end) - cal0)));
      if (j !== undefined) x[j] = 1;
    }
    return x;
  };
  return { model, toPlan, pointOf, stats: { binaries, columns: model.numCols, rows: model.numRows, nonzeros: model.values.length } };
}

/** (unit, dept) pairs a requirement may be done at for a resident of `base` (SPEC §10 R-SITE, reading 1). */
export function sitesOf(inst: Instance, base: string, q: Requirement): { unit: string; dept: string }[] {
  const s = q.sites;
  const out: { unit: string; dept: string }[] = [];
  for (const u of inst.units) {
    if (!s && u.id !== base) continue;
    if (s) {
      if (s.tiers && !s.tiers.includes(u.tier)) continue;
      if (s.kinds && !s.kinds.includes(u.kind)) continue;
      if (s.relations && u.id !== base && !(inst.relations ?? []).some((r) => r.from === base && r.to === u.id && s.relations!.includes(r.type))) continue;
    }
    for (const d of q.depts) if ((u.receive ?? []).some((r) => r.dept === d)) out.push({ unit: u.id, dept: d });
  }
  return out;
}

export interface MonolithicResult {
  /** The plan read back (verify it before it counts), absent when the engine found none. */
  readonly plan?: Plan;
  readonly ms: number;
  readonly buildMs: number;
  readonly engineStatus: string;
  readonly stats: MonolithicModel["stats"];
  readonly message?: string;
}

/** Builds and solves the monolithic MILP on one engine (HiGHS: `highsBackend`; CBC: `cbcBackend` of bench/cbc.ts). */
export async function solveMonolithic(inst: Instance, backend: Backend, options: { timeLimitMs: number; relGap?: number }): Promise<MonolithicResult> {
  const t0 = performance.now();
  const m = buildMonolithic(inst);
  const buildMs = performance.now() - t0;
  const left = Math.max(1000, options.timeLimitMs - buildMs);
  const r = await backend.solve(m.model, { timeLimitMs: left, relGap: options.relGap, absGap: 0.999 });
  const ms = performance.now() - t0;
  if (!r.x) return { ms, buildMs, engineStatus: r.status, stats: m.stats, message: r.message };
  const status: Plan["status"] = r.status === "optimal" ? "optimal" : r.status === "timeout" ? "timeout-feasible" : "feasible";
  return { plan: m.toPlan(r.x, status, r.bound), ms, buildMs, engineStatus: r.status, stats: m.stats };
}
