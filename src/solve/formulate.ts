/**
 * The placement MILP (SPEC §5 rows, §7 objective).
 *
 * Columns: x (a group of interchangeable trainees × a candidate placement,
 * integer count), y (specialists sent from a supporter to a home department in
 * one slot, 上修下沉), and slacks of soft quota/coverage rows. Rows, one family
 * per rule: once, capacity, mentor (per-slot seats of qualified mentors, nested
 * by title; exact per-mentor assignment happens afterwards), staffing, pool,
 * team, quota (max, min, share), coverage, budget. Pinned placements are
 * constants on the right-hand sides.
 */
import type { Placement, Programme, Trainee, Where } from "../model/types.js";
import { costOf } from "../rules/budget.js";
import type { Context } from "../rules/context.js";
import { coveredUnits } from "../rules/coverage.js";
import { segments } from "../rules/types.js";
import type { Candidate, Reserved } from "./candidates.js";
import { ModelBuilder, type RowMeta } from "./model.js";

/** Trainees with identical columns: solved as one integer count per candidate (exact). */
export interface Group {
  readonly trainees: readonly Trainee[];
  readonly prog: Programme;
  readonly candidates: readonly Candidate[];
}

export type Column =
  | { readonly kind: "x"; readonly group: number; readonly cand: number }
  | { readonly kind: "y"; readonly from: string; readonly to: string; readonly dept: string; readonly k: number }
  | { readonly kind: "slack"; readonly row: number }
  | { readonly kind: "elastic"; readonly row: number };

export interface Formulation {
  readonly builder: ModelBuilder;
  readonly columns: readonly Column[];
  /** Columns of each group, in candidate order. */
  readonly groupCols: readonly number[][];
  /** Whether every objective coefficient is whole (so a gap < 1 proves optimality). */
  readonly integralObjective: boolean;
}

const K = (...p: (string | number)[]) => p.join("|");
const TARGET_KEYS = ["studyDept", "receivingUnit", "receivingTier", "receivingKind"] as const;

/** Per-slot usage of pinned placements. */
export class PinnedUsage implements Reserved {
  private readonly cap = new Map<string, number>();
  private readonly mentor = new Map<string, number>();
  readonly away = new Map<string, number>();
  readonly teamAway = new Map<string, number>();
  readonly quota = new Map<string, number>();
  readonly total = new Map<string, number>();
  readonly byHome = new Map<string, number>();
  readonly cost = new Map<string, number>();
  value = 0;
  private readonly bump = (m: Map<string, number>, key: string, n = 1) => m.set(key, (m.get(key) ?? 0) + n);

  constructor(private readonly ctx: Context, pinned: readonly Placement[]) {
    for (const p of pinned) {
      const t = ctx.trainees.get(p.trainee)!;
      const prog = ctx.programmeOf(t);
      for (const s of segments(p)) {
        const [a, b] = ctx.span(s.start, s.end);
        for (let k = a; k < b; k++) {
          this.bump(this.cap, K(p.unit, s.dept, k));
          if (s.mentor) this.bump(this.mentor, K(s.mentor, k));
        }
      }
      const [a, b] = ctx.span(p.start, p.end);
      for (let k = a; k < b; k++) {
        this.bump(this.away, K(t.unit, t.dept, k));
        for (const team of ctx.teamsOf.get(t.id) ?? []) this.bump(this.teamAway, K(team.id, k));
      }
      this.bump(this.total, prog.id);
      (prog.quotas ?? []).forEach((q, i) => {
        if (ctx.matches(q.where, t, p)) this.bump(this.quota, K(prog.id, i));
      });
      this.bump(this.byHome, K(prog.id, t.unit));
      this.bump(this.cost, prog.id, costOf(ctx, prog, t, p));
      this.value += ctx.value(t, p);
    }
  }
  capacity(unit: string, dept: string, k: number): number {
    return this.cap.size === 0 ? 0 : this.cap.get(K(unit, dept, k)) ?? 0;
  }
  /** Trainees a pinned placement gives this mentor in slot k. */
  mentorUse(mentor: string, k: number): number {
    return this.mentor.get(K(mentor, k)) ?? 0;
  }
  /** Unit departments where a pinned placement holds a named mentor. */
  pinnedMentorDepts(): Set<string> {
    const out = new Set<string>();
    for (const key of this.mentor.keys()) {
      const m = this.ctx.mentors.get(key.split("|")[0]);
      if (m) out.add(`${m.unit}|${m.dept}`);
    }
    return out;
  }
  private readonly seatCache = new Map<string, Float64Array>();
  mentorSeats(unit: string, dept: string, rank: number, k: number): number {
    const key = `${unit}|${dept}|${rank}`;
    let seats = this.seatCache.get(key);
    if (!seats) {
      seats = new Float64Array(this.ctx.slots.count);
      for (const m of this.ctx.units.get(unit)?.mentors ?? [])
        if (m.dept === dept && this.ctx.titleRank(m.title) >= rank)
          for (let s = 0; s < seats.length; s++) seats[s] += (m.capacity ?? 1) - (this.mentor.get(K(m.id, s)) ?? 0);
      this.seatCache.set(key, seats);
    }
    return seats[k] ?? 0;
  }
  get(m: Map<string, number>, ...key: (string | number)[]): number {
    return m.get(K(...key)) ?? 0;
  }
}

export function formulate(ctx: Context, groups: readonly Group[], pinned: PinnedUsage): Formulation {
  const b = new ModelBuilder();
  const columns: Column[] = [];
  const w = ctx.weights;
  const label = (k: number) => ctx.slots.label(k);
  const meta = (kind: string, code: string, ids: string[], text: string, soft = false): RowMeta => ({ kind, code, ids, text, soft });

  // Per-slot rows by family key ("cap|unit|dept", "staff|unit|dept", …), row index cached per slot:
  // -2 not yet asked, -1 no row (cannot bind / implied).
  const slotRows = new Map<string, Int32Array>();
  const EXISTING = { lb: 0, ub: 0, meta: meta("existing", "", [], "") };
  const familyRows = (family: string): Int32Array => {
    let arr = slotRows.get(family);
    if (!arr) slotRows.set(family, (arr = new Int32Array(ctx.slots.count).fill(-2)));
    return arr;
  };
  /** Row of `family` in slot k from its array, made on first use (hot path: no closure on a hit). */
  const fillRow = (arr: Int32Array, family: string, k: number, make: () => { lb: number; ub: number; meta: RowMeta } | undefined): number => {
    const spec = make();
    const r = spec ? b.row(`${family}|${k}`, () => spec) : -1;
    arr[k] = r;
    return r;
  };
  const slotRow = (family: string, k: number, make: () => { lb: number; ub: number; meta: RowMeta } | undefined): number => {
    const arr = familyRows(family);
    return arr[k] !== -2 ? arr[k] : fillRow(arr, family, k, make);
  };

  // Mentor thresholds in use: rows are nested by title rank.
  const thresholds = [...new Set(ctx.instance.programmes.filter((p) => p.mentor).map((p) => ctx.titleRank(p.mentor!.minTitle)))].sort();

  ensureFixedRows(ctx, b, pinned);

  // Staffing (上修下沉): rows only where absence can break the minimum.
  const potentialAway = new Map<string, number>();
  for (const g of groups) {
    const t = g.trainees[0];
    const slots = new Set<number>();
    for (const c of g.candidates) for (let k = c.k0; k < c.k1; k++) slots.add(k);
    for (const k of slots) potentialAway.set(K(t.unit, t.dept, k), (potentialAway.get(K(t.unit, t.dept, k)) ?? 0) + g.trainees.length);
  }
  const staffRows: { row: number; home: string; dept: string; k: number }[] = [];
  for (const u of ctx.instance.units)
    for (const d of u.departments ?? [])
      for (let k = 0; k < ctx.slots.count; k++) {
        const slack = d.staff - d.minOnDuty - pinned.get(pinned.away, u.id, d.dept, k);
        if ((potentialAway.get(K(u.id, d.dept, k)) ?? 0) <= slack) continue;
        const row = b.row(K("staff", u.id, d.dept, k), () => ({
          lb: -Infinity,
          ub: slack,
          meta: meta("staffing", "R-STAFFING", [u.id, d.dept], `staffing of "${u.id}" ${d.dept} in ${label(k)} (staff ${d.staff}, minimum ${d.minOnDuty})`),
        }));
        staffRows.push({ row, home: u.id, dept: d.dept, k });
      }

  const coverageCache = new Map<string, string[]>();
  const groupCols: number[][] = [];
  groups.forEach((g, gi) => {
    const t = g.trainees[0];
    const n = g.trainees.length;
    const prog = g.prog;
    const teams = ctx.teamsOf.get(t.id) ?? [];
    const once = b.row(K("once", gi), () => ({ lb: -Infinity, ub: n, meta: meta("once", "R-ONCE", g.trainees.map((x) => x.id), `each trainee placed at most once`) }));
    // Where-filters on the trainee side are the same for all of a group's candidates; on the
    // receiving side they depend on unit and department only.
    const whereCache = new Map<string, boolean>();
    const matchesCached = (where: Where | undefined, i: number, c: Candidate): boolean => {
      const key = where && TARGET_KEYS.some((k) => where[k] !== undefined) ? `${i}|${c.unit}|${c.dept}` : `${i}`;
      let hit = whereCache.get(key);
      if (hit === undefined) whereCache.set(key, (hit = ctx.matches(where, t, c)));
      return hit;
    };
    const cols: number[] = [];
    // Entries that depend on the unit and department only (quotas, coverage, budget), once per pair.
    const pairEntries = new Map<string, [number, number][]>();
    const entriesOfPair = (c: Candidate): [number, number][] => {
      const key = `${c.unit}|${c.dept}`;
      let out = pairEntries.get(key);
      if (out) return out;
      out = [];
      (prog.quotas ?? []).forEach((q, i) => {
        const hit = matchesCached(q.where, i, c);
        if (q.max !== undefined && hit) out!.push([quotaRow(prog, i, "max"), 1]);
        if (q.min !== undefined && hit && b.hasRow(K("qmin", prog.id, i))) out!.push([quotaRow(prog, i, "min"), 1]);
        if (q.maxShare !== undefined) out!.push([quotaRow(prog, i, "share"), hit ? 1 - q.maxShare : -q.maxShare]);
      });
      (prog.coverage ?? []).forEach((_row, i) => {
        if (coverageUnits(prog, i).includes(t.unit) && b.hasRow(K("cov", prog.id, i, t.unit))) out!.push([b.row(K("cov", prog.id, i, t.unit), unreachable), 1]);
      });
      if (prog.budget) {
        const cost = costOf(ctx, prog, t, c);
        if (cost !== 0) out.push([budgetRow(prog), cost / budgetScale(prog)]);
      }
      pairEntries.set(key, out);
      return out;
    };
    const theta = prog.mentor ? ctx.titleRank(prog.mentor.minTitle) : -1;
    const staffKey = `staff|${t.unit}|${t.dept}`;
    const staffArr = familyRows(staffKey);
    g.candidates.forEach((c, ci) => {
      cols.push(b.openCol(0, n, c.value, true, gi));
      columns.push({ kind: "x", group: gi, cand: ci });
      b.entry(once, 1);
      // Staffing and teams count the trainee away for the whole placement …
      for (let k = c.k0; k < c.k1; k++) {
        const staff = staffArr[k] !== -2 ? staffArr[k] : fillRow(staffArr, staffKey, k, () => (b.hasRow(`${staffKey}|${k}`) ? EXISTING : undefined));
        if (staff >= 0) b.entry(staff, 1);
        for (const team of teams)
          b.entry(slotRow(`team|${team.id}`, k, () => ({
            lb: -Infinity,
            ub: team.size - team.minOnDuty - pinned.get(pinned.teamAway, team.id, k),
            meta: meta("team", "R-TEAM", [team.id], `family-doctor team "${team.id}" in ${label(k)} (size ${team.size}, minimum ${team.minOnDuty})`),
          })), 1);
      }
      // … capacity and mentors count each rotation in its own department (SPEC §9).
      (c.rotations ?? [{ dept: c.dept, k0: c.k0, k1: c.k1 }]).forEach((seg, si) => {
        const chosen = c.mentors?.[si];
        const d = seg.dept;
        const capKey = `cap|${c.unit}|${d}`;
        const capArr = familyRows(capKey);
        const menArrs = chosen === undefined ? thresholds.map((tau) => (tau > theta ? undefined : familyRows(`men|${c.unit}|${d}|${tau}`))) : [];
        for (let k = seg.k0; k < seg.k1; k++) {
          const cap = capArr[k] !== -2 ? capArr[k] : fillRow(capArr, capKey, k, () => ({
            lb: -Infinity,
            ub: ctx.capacity(c.unit, d, k) - pinned.capacity(c.unit, d, k),
            meta: meta("capacity", "R-CAPACITY", [c.unit, d], `capacity of "${c.unit}" ${d} in ${label(k)} (${ctx.capacity(c.unit, d, k)})`),
          }));
          b.entry(cap, 1);
          if (chosen !== undefined) {
            // A mentor chosen in the model: that mentor's own capacity in this slot.
            const mentor = ctx.mentors.get(chosen)!;
            b.entry(slotRow(`mentor|${chosen}`, k, () => ({
              lb: -Infinity,
              ub: (mentor.capacity ?? 1) - pinned.mentorUse(chosen, k),
              meta: meta("mentor", "R-MENTOR", [chosen], `mentor "${chosen}" in ${label(k)} (capacity ${mentor.capacity ?? 1})`),
            })), 1);
            continue;
          }
          for (let ti = 0; ti < thresholds.length; ti++) {
            const tau = thresholds[ti];
            const arr = menArrs[ti];
            if (!arr) continue;
            // Where qualified seats are at least the free capacity, the capacity row already implies this one.
            const row = arr[k] !== -2 ? arr[k] : fillRow(arr, `men|${c.unit}|${d}|${tau}`, k, () => {
              const seats = pinned.mentorSeats(c.unit, d, tau, k);
              if (seats >= ctx.capacity(c.unit, d, k) - pinned.capacity(c.unit, d, k)) return undefined;
              return { lb: -Infinity, ub: seats, meta: meta("mentor", "R-MENTOR", [c.unit, d], `mentors of "${c.unit}" ${d} in ${label(k)}`) };
            });
            if (row >= 0) b.entry(row, 1);
          }
        }
      });
      for (const [r, v] of entriesOfPair(c)) b.entry(r, v);
    });
    groupCols.push(cols);
  });

  // Support columns (下沉) along alliance/pairing relations, within each supporter's per-slot pool.
  const supporters = (home: string, dept: string) =>
    ctx.instance.units.filter((f) => f.id !== home && (f.support ?? []).some((s) => s.dept === dept) && ctx.related(f.id, home));
  for (const s of staffRows)
    for (const f of supporters(s.home, s.dept)) {
      const pool = f.support!.find((x) => x.dept === s.dept)!;
      const poolRow = b.row(K("pool", f.id, s.dept, s.k), () => ({
        lb: -Infinity,
        ub: pool.perSlot,
        meta: meta("pool", "R-SUPPORT", [f.id, s.dept], `support pool of "${f.id}" ${s.dept} in ${label(s.k)} (${pool.perSlot})`),
      }));
      b.col(0, pool.perSlot, -w.supportCost, true, [[s.row, -1], [poolRow, 1]]);
      columns.push({ kind: "y", from: f.id, to: s.home, dept: s.dept, k: s.k });
    }

  // Soft rows' slack columns.
  for (let r = 0; r < b.rowMeta.length; r++) {
    if (!b.rowMeta[r].soft) continue;
    b.col(0, Math.max(0, b.rowLower[r]), -w.shortfall, false, [[r, 1]]);
    columns.push({ kind: "slack", row: r });
  }

  b.offset = pinned.value;
  const integralObjective = [w.base, w.preferredUnit, w.relation, w.studyRank, w.supportCost, w.shortfall].every(Number.isInteger) &&
    groups.every((g) => g.candidates.every((c) => Number.isInteger(c.value)));
  return { builder: b, columns, groupCols, integralObjective };

  function unreachable(): never {
    throw new Error("formulate: row requested before it was made");
  }
  function coverageUnits(prog: Programme, i: number): string[] {
    const key = K(prog.id, i);
    let units = coverageCache.get(key);
    if (!units) coverageCache.set(key, (units = coveredUnits(ctx, prog, prog.coverage![i])));
    return units;
  }
  function quotaRow(prog: Programme, i: number, which: "max" | "min" | "share"): number {
    return b.row(K("q" + which, prog.id, i), () => quotaRowSpec(prog, i, which, pinned));
  }
  /**
   * Budget rows are scaled by the largest cost (e.g. ¥10,000 → 1), which keeps
   * the matrix well conditioned; when every cost and the cap are whole multiples
   * of it the scaled row is exact.
   */
  function budgetScale(prog: Programme): number {
    const amounts = (prog.budget!.costs ?? []).map((c) => c.amount).filter((a) => a > 0);
    return amounts.length ? Math.max(...amounts) : 1;
  }
  function budgetRow(prog: Programme): number {
    return b.row(K("bud", prog.id), () => ({
      lb: -Infinity,
      ub: (prog.budget!.cap - (pinned.cost.get(prog.id) ?? 0)) / budgetScale(prog),
      meta: meta("budget", "R-BUDGET", [prog.id], `budget of "${prog.id}" (cap ${prog.budget!.cap})`),
    }));
  }
}

/** A quota row: `max` (≤), `min` (≥, soft where the row is), or `share` (count − share × all ≤ pinned terms). */
function quotaRowSpec(prog: Programme, i: number, which: "max" | "min" | "share", pinned: PinnedUsage): { lb: number; ub: number; meta: RowMeta } {
  const q = prog.quotas![i];
  const have = pinned.get(pinned.quota, prog.id, i);
  const ids = [prog.id, `quotas[${i}]`];
  const what = `quota ${i} of "${prog.id}"${q.where && Object.keys(q.where).length ? ` (${JSON.stringify(q.where)})` : ""}`;
  if (which === "max") return { lb: -Infinity, ub: q.max! - have, meta: { kind: "quota", code: "R-QUOTA", ids, text: `${what}: at most ${q.max}` } };
  if (which === "min") return { lb: q.min! - have, ub: Infinity, meta: { kind: "quota", code: "R-QUOTA", ids, text: `${what}: at least ${q.min}`, soft: q.hard === false } };
  return {
    lb: -Infinity,
    ub: q.maxShare! * pinned.get(pinned.total, prog.id) - have,
    meta: { kind: "share", code: "R-QUOTA", ids, text: `${what}: at most a share ${q.maxShare} of the programme's placements` },
  };
}

/**
 * Rows that exist whatever the candidates: quota minimums and coverage
 * (which bind even with no candidate, making the instance infeasible or short).
 * Called before `formulate` adds columns, on the same builder.
 */
export function ensureFixedRows(ctx: Context, b: ModelBuilder, pinned: PinnedUsage): void {
  for (const prog of ctx.instance.programmes) {
    (prog.quotas ?? []).forEach((q, i) => {
      const have = pinned.get(pinned.quota, prog.id, i);
      if (q.min !== undefined && q.min - have > 0) b.row(K("qmin", prog.id, i), () => quotaRowSpec(prog, i, "min", pinned));
      if (q.max !== undefined && q.max - have < 0) b.row(K("qmax", prog.id, i), () => quotaRowSpec(prog, i, "max", pinned));
      if (q.maxShare !== undefined) b.row(K("qshare", prog.id, i), () => quotaRowSpec(prog, i, "share", pinned));
    });
    (prog.coverage ?? []).forEach((row, i) => {
      for (const u of coveredUnits(ctx, prog, row)) {
        const need = row.min - pinned.get(pinned.byHome, prog.id, u);
        if (need > 0)
          b.row(K("cov", prog.id, i, u), () => ({
            lb: need,
            ub: Infinity,
            meta: { kind: "coverage", code: "R-COVERAGE", ids: [prog.id, `coverage[${i}]`, u], text: `coverage ${i} of "${prog.id}": "${u}" needs ${row.min} placement(s)`, soft: row.hard === false },
          }));
      }
    });
  }
}
