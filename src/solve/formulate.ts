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
import type { Placement, Programme, Trainee, Unit, Where } from "../model/types.js";
import { costOf } from "../rules/budget.js";
import type { Context } from "../rules/context.js";
import { coveredUnits } from "../rules/coverage.js";
import { segments } from "../rules/types.js";
import { type Candidate, type Family, type Reserved, candidateAt, candidatesIn, spanFits } from "./candidates.js";
import { ModelBuilder, type RowMeta } from "./model.js";

/** Trainees with identical columns: solved as one integer count per candidate (exact). */
export interface Group {
  readonly trainees: readonly Trainee[];
  readonly prog: Programme;
  readonly family: Family;
}

export type Column =
  | { readonly kind: "x"; readonly group: number; readonly cand: number }
  | { readonly kind: "y"; readonly from: string; readonly to: string; readonly dept: string; readonly k: number }
  | { readonly kind: "slack"; readonly row: number };

/** Coefficients of one column: parallel row indices and values (reused buffers). */
export interface Entries {
  rows: number[];
  vals: number[];
}

const K = (...p: (string | number)[]) => p.join("|");
/** `where` keys on the receiving side of a placement (the rest describe the trainee). */
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

/**
 * The model, built column by column: rows are made the first time a column
 * needs them, so the same formulation serves the whole model (every candidate
 * added) and column generation (candidates added as they price out). Support
 * columns and soft-row slacks exist from the start; placement columns come
 * through `add`.
 */
export class Formulation {
  readonly builder = new ModelBuilder();
  readonly columns: Column[] = [];
  /** Whether every objective coefficient is whole (so a gap < 1 proves optimality). */
  readonly integralObjective: boolean;
  /** Staffing rows with the support columns that relieve them and their pool rows. */
  readonly relievers = new Map<number, number[]>();
  /** Support columns: the staffing row each relieves, its pool row, and its bound. */
  readonly support = new Map<number, { staff: number; pool: number; upper: number }>();
  /** Hard rows with a lower bound (quota minimums, coverage): what column generation makes elastic. */
  readonly hardMinRows: number[] = [];

  private readonly colIndex = new Map<number, number>();
  private readonly once: Int32Array;
  private readonly slotRows = new Map<string, Int32Array>();
  private readonly thresholds: number[];
  private readonly pairEntries: (Entries | undefined)[][];
  private readonly explicitPairEntries: Map<string, Entries>[];
  private readonly groupEntries: (Entries | undefined)[];
  /** Quota indices per programme whose filter reads only the trainee (`group`) or also the receiving side (`pair`). */
  private readonly quotaSides = new Map<string, { group: number[]; pair: number[] }>();
  private readonly coverageCache = new Map<string, string[]>();
  private readonly stride: number;

  constructor(
    private readonly ctx: Context,
    readonly groups: readonly Group[],
    private readonly pinned: PinnedUsage,
  ) {
    const b = this.builder;
    const w = ctx.weights;
    this.thresholds = [...new Set(ctx.instance.programmes.filter((p) => p.mentor).map((p) => ctx.titleRank(p.mentor!.minTitle)))].sort();
    // Column keys are gi × stride + ci: stride above every family's largest candidate index.
    this.stride = groups.reduce((m, g) => Math.max(m, g.family.explicit?.length ?? g.family.pairs.length * (g.family.spans.length / 2)), 1) + 1;
    this.pairEntries = groups.map((g) => new Array(g.family.pairs.length));
    this.explicitPairEntries = groups.map(() => new Map());
    this.groupEntries = new Array(groups.length);

    ensureFixedRows(ctx, b, pinned);
    for (let r = 0; r < b.rowMeta.length; r++) if (!b.rowMeta[r].soft && b.rowLower[r] > 0) this.hardMinRows.push(r);
    this.once = Int32Array.from(groups, (g, gi) =>
      b.row(K("once", gi), () => ({ lb: -Infinity, ub: g.trainees.length, meta: meta("once", "R-ONCE", g.trainees.map((x) => x.id), "each trainee placed at most once") })),
    );

    // Staffing (上修下沉): rows only where absence can break the minimum.
    const potentialAway = new Map<string, number>();
    for (const g of groups) {
      const t = g.trainees[0];
      const slots = slotsTouched(g.family, ctx.slots.count);
      for (let k = 0; k < slots.length; k++)
        if (slots[k]) potentialAway.set(K(t.unit, t.dept, k), (potentialAway.get(K(t.unit, t.dept, k)) ?? 0) + g.trainees.length);
    }
    const label = (k: number) => ctx.slots.label(k);
    const staffRows: { row: number; home: string; dept: string; k: number }[] = [];
    for (const u of ctx.instance.units)
      for (const d of u.departments ?? []) {
        const arr = this.family(`staff|${u.id}|${d.dept}`);
        for (let k = 0; k < ctx.slots.count; k++) {
          const slack = d.staff - d.minOnDuty - pinned.get(pinned.away, u.id, d.dept, k);
          arr[k] = -1;
          if ((potentialAway.get(K(u.id, d.dept, k)) ?? 0) <= slack) continue;
          const row = b.row(`staff|${u.id}|${d.dept}|${k}`, () => ({
            lb: -Infinity,
            ub: slack,
            meta: meta("staffing", "R-STAFFING", [u.id, d.dept], `staffing of "${u.id}" ${d.dept} in ${label(k)} (staff ${d.staff}, minimum ${d.minOnDuty})`),
          }));
          arr[k] = row;
          staffRows.push({ row, home: u.id, dept: d.dept, k });
        }
      }

    // Support columns (下沉) along alliance/pairing relations, within each supporter's per-slot pool.
    // Once per home unit and department, not per slot (a scan of every unit: 9 of the 12 s of the 浙江 three-year's formulation).
    const supporterCache = new Map<string, Unit[]>();
    const supporters = (home: string, dept: string) => {
      const key = JSON.stringify([home, dept]);
      let list = supporterCache.get(key);
      if (!list) supporterCache.set(key, (list = ctx.instance.units.filter((f) => f.id !== home && (f.support ?? []).some((s) => s.dept === dept) && ctx.related(f.id, home))));
      return list;
    };
    for (const s of staffRows)
      for (const f of supporters(s.home, s.dept)) {
        const pool = f.support!.find((x) => x.dept === s.dept)!;
        const poolRow = b.row(K("pool", f.id, s.dept, s.k), () => ({
          lb: -Infinity,
          ub: pool.perSlot,
          meta: meta("pool", "R-SUPPORT", [f.id, s.dept], `support pool of "${f.id}" ${s.dept} in ${label(s.k)} (${pool.perSlot})`),
        }));
        const j = b.col(0, pool.perSlot, -w.supportCost, true, [[s.row, -1], [poolRow, 1]]);
        this.columns.push({ kind: "y", from: f.id, to: s.home, dept: s.dept, k: s.k });
        this.support.set(j, { staff: s.row, pool: poolRow, upper: pool.perSlot });
        let list = this.relievers.get(s.row);
        if (!list) this.relievers.set(s.row, (list = []));
        list.push(j);
      }

    // Soft rows' slack columns (every soft row exists by now: ensureFixedRows).
    for (let r = 0; r < b.rowMeta.length; r++) {
      if (!b.rowMeta[r].soft) continue;
      b.col(0, Math.max(0, b.rowLower[r]), -w.shortfall, false, [[r, 1]]);
      this.columns.push({ kind: "slack", row: r });
    }

    b.offset = pinned.value;
    this.integralObjective = [w.base, w.preferredUnit, w.relation, w.studyRank, w.supportCost, w.shortfall].every(Number.isInteger) &&
      groups.every((g) => (g.family.explicit ? g.family.explicit.every((c) => Number.isInteger(c.value)) : g.family.pairs.every((p) => Number.isInteger(p.value))));
  }

  /** The candidate behind placement column `(gi, ci)`. */
  candidate(gi: number, ci: number): Candidate {
    return candidateAt(this.groups[gi].family, ci)!;
  }

  /** The model column of candidate `ci` of group `gi`, if added. */
  column(gi: number, ci: number): number | undefined {
    return this.colIndex.get(gi * this.stride + ci);
  }

  /** Adds candidate `ci` of group `gi` as a column (once); returns its index. */
  add(gi: number, ci: number, buf: Entries = { rows: [], vals: [] }): number {
    const key = gi * this.stride + ci;
    const have = this.colIndex.get(key);
    if (have !== undefined) return have;
    const c = this.entries(gi, ci, buf);
    const j = this.builder.openCol(0, this.groups[gi].trainees.length, c.value, true, gi);
    for (let i = 0; i < buf.rows.length; i++) this.builder.entry(buf.rows[i], buf.vals[i]);
    this.columns.push({ kind: "x", group: gi, cand: ci });
    this.colIndex.set(key, j);
    return j;
  }

  /**
   * Adds every candidate of every group (the whole model). `stop` (asked per
   * group) ends it early with part of them: then it returns false, and the
   * model's bounds and infeasibility say nothing about the whole.
   */
  addAll(stop?: () => boolean): boolean {
    const buf: Entries = { rows: [], vals: [] };
    for (let gi = 0; gi < this.groups.length; gi++) {
      if (stop?.()) return false;
      for (const [ci] of candidatesIn(this.groups[gi].family)) this.add(gi, ci, buf);
    }
    return true;
  }

  /** The coefficients of candidate `(gi, ci)`, into `out` (rows are made as needed); returns the candidate. */
  entries(gi: number, ci: number, out: Entries): Candidate {
    const ctx = this.ctx;
    const g = this.groups[gi];
    const c = this.candidate(gi, ci);
    const t = g.trainees[0];
    out.rows.length = 0;
    out.vals.length = 0;
    const push = (r: number, v: number) => {
      if (r < 0) return;
      out.rows.push(r);
      out.vals.push(v);
    };
    push(this.once[gi], 1);
    // Staffing and teams count the trainee away for the whole placement …
    const staff = this.slotRows.get(`staff|${t.unit}|${t.dept}`);
    const teams = (ctx.teamsOf.get(t.id) ?? []).map((team) => this.teamRows(team.id));
    for (let k = c.k0; k < c.k1; k++) {
      if (staff) push(staff[k], 1);
      for (const team of teams) push(team(k), 1);
    }
    // … capacity and mentors count each rotation in its own department (SPEC §9).
    const theta = g.prog.mentor ? ctx.titleRank(g.prog.mentor.minTitle) : -1;
    (c.rotations ?? [{ dept: c.dept, k0: c.k0, k1: c.k1 }]).forEach((seg, si) => {
      const chosen = c.mentors?.[si];
      const cap = this.capRows(c.unit, seg.dept);
      const mentors = chosen !== undefined ? [this.mentorRows(chosen)] : this.thresholds.filter((tau) => tau <= theta).map((tau) => this.seatRows(c.unit, seg.dept, tau));
      for (let k = seg.k0; k < seg.k1; k++) {
        push(cap(k), 1);
        for (const m of mentors) push(m(k), 1);
      }
    });
    for (const pe of [this.pairEntriesOf(gi, -1, undefined), this.pairEntriesOf(gi, ci, c)])
      for (let i = 0; i < pe.rows.length; i++) push(pe.rows[i], pe.vals[i]);
    return c;
  }

  /**
   * Column generation's oracle: calls `visit(gi, ci, rc)` for every candidate
   * whose reduced cost `c − Aᵀ·dual` exceeds `above` (rows with no dual: 0).
   * Implicit families are priced in O(1) per candidate from prefix sums of
   * the slot rows' duals, without making a column or a row.
   */
  price(dual: Float64Array, above: number, visit: (gi: number, ci: number, rc: number) => void): void {
    const d = (r: number) => (r >= 0 && r < dual.length ? dual[r] : 0);
    const n = this.ctx.slots.count;
    const prefixes = new Map<string, Float64Array>();
    const slotPrefix = (unit: string, dept: string, theta: number): Float64Array => {
      const key = `${unit}|${dept}|${theta}`;
      let pre = prefixes.get(key);
      if (pre) return pre;
      pre = new Float64Array(n + 1);
      const cap = this.slotRows.get(`cap|${unit}|${dept}`);
      const seats = this.thresholds.filter((tau) => tau <= theta).map((tau) => this.slotRows.get(`men|${unit}|${dept}|${tau}`));
      for (let k = 0; k < n; k++) {
        let v = cap ? d(cap[k]) : 0;
        for (const arr of seats) if (arr) v += d(arr[k]);
        pre[k + 1] = pre[k] + v;
      }
      prefixes.set(key, pre);
      return pre;
    };
    const buf: Entries = { rows: [], vals: [] };
    const home = new Float64Array(n + 1);
    this.groups.forEach((g, gi) => {
      const f = g.family;
      let base = d(this.once[gi]);
      const ge = this.pairEntriesOf(gi, -1, undefined);
      for (let i = 0; i < ge.rows.length; i++) base += ge.vals[i] * d(ge.rows[i]);
      if (f.explicit) {
        for (let ci = 0; ci < f.explicit.length; ci++) {
          this.entries(gi, ci, buf);
          let rc = f.explicit[ci].value;
          for (let i = 0; i < buf.rows.length; i++) rc -= buf.vals[i] * d(buf.rows[i]);
          if (rc > above) visit(gi, ci, rc);
        }
        return;
      }
      const t = g.trainees[0];
      const staff = this.slotRows.get(`staff|${t.unit}|${t.dept}`);
      const teams = (this.ctx.teamsOf.get(t.id) ?? []).map((team) => this.slotRows.get(`team|${team.id}`));
      for (let k = 0; k < n; k++) {
        let v = staff ? d(staff[k]) : 0;
        for (const arr of teams) if (arr) v += d(arr[k]);
        home[k + 1] = home[k] + v;
      }
      const theta = g.prog.mentor ? this.ctx.titleRank(g.prog.mentor.minTitle) : -1;
      const spans = f.spans, ns = spans.length / 2;
      for (let p = 0; p < f.pairs.length; p++) {
        const pair = f.pairs[p];
        const run = pair.run;
        let first = -1;
        for (let s = 0; s < ns && first < 0; s++) if (spanFits(f, pair, s)) first = s;
        if (first < 0) continue;
        const pe = this.pairEntriesOf(gi, p * ns + first, this.candidate(gi, p * ns + first));
        let fixed = pair.value - base;
        for (let i = 0; i < pe.rows.length; i++) fixed -= pe.vals[i] * d(pe.rows[i]);
        if (fixed <= above) continue; // slot duals are ≥ 0: no span of this pair can do better
        const pre = slotPrefix(pair.unit, pair.dept, theta);
        for (let s = first; s < ns; s++) {
          const k0 = spans[2 * s], k1 = spans[2 * s + 1];
          if (k1 > run[k0]) continue;
          const rc = fixed - (pre[k1] - pre[k0]) - (home[k1] - home[k0]);
          if (rc > above) visit(gi, p * ns + s, rc);
        }
      }
    });
  }

  private family(key: string): Int32Array {
    let arr = this.slotRows.get(key);
    if (!arr) this.slotRows.set(key, (arr = new Int32Array(this.ctx.slots.count).fill(-2)));
    return arr;
  }

  /** The rows of a per-slot family: `rows(k)` is slot k's, made on first use (-1: none needed). */
  private slotFamily(family: string, make: (k: number) => { lb: number; ub: number; meta: RowMeta } | undefined): (k: number) => number {
    const arr = this.family(family);
    return (k) => {
      if (arr[k] !== -2) return arr[k];
      const spec = make(k);
      return (arr[k] = spec ? this.builder.row(`${family}|${k}`, () => spec) : -1);
    };
  }

  private capRows(unit: string, dept: string): (k: number) => number {
    return this.slotFamily(`cap|${unit}|${dept}`, (k) => ({
      lb: -Infinity,
      ub: this.ctx.capacity(unit, dept, k) - this.pinned.capacity(unit, dept, k),
      meta: meta("capacity", "R-CAPACITY", [unit, dept], `capacity of "${unit}" ${dept} in ${this.ctx.slots.label(k)} (${this.ctx.capacity(unit, dept, k)})`),
    }));
  }

  /** Qualified mentor seats (title rank ≥ tau) of a department; none where seats cover the free capacity (implied). */
  private seatRows(unit: string, dept: string, tau: number): (k: number) => number {
    return this.slotFamily(`men|${unit}|${dept}|${tau}`, (k) => {
      const seats = this.pinned.mentorSeats(unit, dept, tau, k);
      if (seats >= this.ctx.capacity(unit, dept, k) - this.pinned.capacity(unit, dept, k)) return undefined;
      return { lb: -Infinity, ub: seats, meta: meta("mentor", "R-MENTOR", [unit, dept], `mentors of "${unit}" ${dept} in ${this.ctx.slots.label(k)}`) };
    });
  }

  /** A mentor chosen in the model: that mentor's own capacity per slot. */
  private mentorRows(id: string): (k: number) => number {
    const mentor = this.ctx.mentors.get(id)!;
    return this.slotFamily(`mentor|${id}`, (k) => ({
      lb: -Infinity,
      ub: (mentor.capacity ?? 1) - this.pinned.mentorUse(id, k),
      meta: meta("mentor", "R-MENTOR", [id], `mentor "${id}" in ${this.ctx.slots.label(k)} (capacity ${mentor.capacity ?? 1})`),
    }));
  }

  private teamRows(id: string): (k: number) => number {
    const team = this.ctx.instance.teams!.find((x) => x.id === id)!;
    return this.slotFamily(`team|${id}`, (k) => ({
      lb: -Infinity,
      ub: team.size - team.minOnDuty - this.pinned.get(this.pinned.teamAway, id, k),
      meta: meta("team", "R-TEAM", [id], `family-doctor team "${id}" in ${this.ctx.slots.label(k)} (size ${team.size}, minimum ${team.minOnDuty})`),
    }));
  }

  /**
   * Entries that depend on the unit and department only (quotas, coverage,
   * budget): once per group and pair. Rows whose filter reads only the trainee
   * side (and coverage) are the same for every pair of a group: those are kept
   * once per group (`pair` undefined).
   */
  private pairEntriesOf(gi: number, ci: number, c: Candidate | undefined): Entries {
    const g = this.groups[gi];
    const f = g.family;
    const groupSide = c === undefined;
    let out: Entries | undefined;
    if (groupSide) out = this.groupEntries[gi];
    else if (f.explicit) out = this.explicitPairEntries[gi].get(`${c.unit}|${c.dept}`);
    else out = this.pairEntries[gi][Math.floor(ci / (f.spans.length / 2))];
    if (out) return out;
    out = { rows: [], vals: [] };
    const e = out;
    const ctx = this.ctx, b = this.builder, prog = g.prog, t = g.trainees[0];
    const add = (r: number, v: number) => {
      e.rows.push(r);
      e.vals.push(v);
    };
    let sides = this.quotaSides.get(prog.id);
    if (!sides) {
      const quotas = prog.quotas ?? [];
      const idx = quotas.map((_, i) => i);
      this.quotaSides.set(prog.id, (sides = { group: idx.filter((i) => !onReceivingSide(quotas[i].where)), pair: idx.filter((i) => onReceivingSide(quotas[i].where)) }));
    }
    for (const i of groupSide ? sides.group : sides.pair) {
      const q = prog.quotas![i];
      const hit = ctx.matches(q.where, t, c);
      if (q.max !== undefined && hit) add(this.quotaRow(prog, i, "max"), 1);
      if (q.min !== undefined && hit && b.hasRow(K("qmin", prog.id, i))) add(this.quotaRow(prog, i, "min"), 1);
      if (q.maxShare !== undefined) add(this.quotaRow(prog, i, "share"), hit ? 1 - q.maxShare : -q.maxShare);
    }
    if (groupSide) {
      (prog.coverage ?? []).forEach((_row, i) => {
        const key = K("cov", prog.id, i, t.unit);
        if (this.coverageUnits(prog, i).includes(t.unit) && b.hasRow(key)) add(b.row(key, unreachable), 1);
      });
      this.groupEntries[gi] = out;
      return out;
    }
    if (prog.budget) {
      const cost = costOf(ctx, prog, t, c!);
      if (cost !== 0) add(this.budgetRow(prog), cost / budgetScale(prog));
    }
    if (f.explicit) this.explicitPairEntries[gi].set(`${c!.unit}|${c!.dept}`, out);
    else this.pairEntries[gi][Math.floor(ci / (f.spans.length / 2))] = out;
    return out;
  }

  private coverageUnits(prog: Programme, i: number): string[] {
    const key = K(prog.id, i);
    let units = this.coverageCache.get(key);
    if (!units) this.coverageCache.set(key, (units = coveredUnits(this.ctx, prog, prog.coverage![i])));
    return units;
  }

  private quotaRow(prog: Programme, i: number, which: "max" | "min" | "share"): number {
    return this.builder.row(K("q" + which, prog.id, i), () => quotaRowSpec(prog, i, which, this.pinned));
  }

  private budgetRow(prog: Programme): number {
    return this.builder.row(K("bud", prog.id), () => ({
      lb: -Infinity,
      ub: (prog.budget!.cap - (this.pinned.cost.get(prog.id) ?? 0)) / budgetScale(prog),
      meta: meta("budget", "R-BUDGET", [prog.id], `budget of "${prog.id}" (cap ${prog.budget!.cap})`),
    }));
  }
}

const meta = (kind: string, code: string, ids: string[], text: string, soft = false): RowMeta => ({ kind, code, ids, text, soft });

/** Whether a filter reads the receiving side of a placement (else it is a property of the trainee). */
export function onReceivingSide(w: Where | undefined): boolean {
  return !!w && TARGET_KEYS.some((k) => w[k] !== undefined);
}

function unreachable(): never {
  throw new Error("formulate: row requested before it was made");
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

/** Slots some candidate of the family occupies. */
function slotsTouched(f: Family, n: number): Uint8Array {
  const out = new Uint8Array(n);
  const mark = (k0: number, k1: number) => out.fill(1, k0, k1);
  if (f.explicit) for (const c of f.explicit) mark(c.k0, c.k1);
  else
    for (let s = 0; s < f.spans.length / 2; s++) if (f.pairs.some((p) => spanFits(f, p, s))) mark(f.spans[2 * s], f.spans[2 * s + 1]);
  return out;
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
