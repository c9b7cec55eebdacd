/**
 * §9 rotation schedules priced by dynamic programming (issue #11).
 *
 * A rotating placement is a schedule: a receiving unit, a main department, a
 * span `[k0, k1)` and a split of it into consecutive rotations through
 * distinct departments of the unit (SPEC §9). Enumerating every split is
 * hopeless at the 上海 scale (tens of thousands per trainee), so a trainee
 * whose splits overflow `ROTATION_LIMIT` gets a *schedule family*: a few
 * seed schedules, and this oracle, which finds the best split of every span
 * at the current duals of the master's rows.
 *
 * What a rotation uses stays the ledger's (`assignmentBlocks`) and what that
 * costs stays the rules' row families: the formulation hands the oracle, per
 * receiving department, the prefix sums over slots of the duals of the rows
 * a rotation there enters (`Formulation.price`), and the home side's prefix
 * sums (absence, teams) for the whole placement. The oracle only knows the
 * combinatorics of §9, read from the programme once per receiving unit
 * (`RotationGrid`): departments, rotation count, each rotation's length
 * bounds (its required row's, or `each`), required departments, room runs
 * (capacity and qualified mentors left by pinned placements) and the
 * placement's duration.
 *
 * `ForwardTable`: for one grid and one start k0, a dynamic programme over
 * (week, set of departments used) — the set also says whether the required
 * blocks are done — in layers of rotation count, giving for every end k1
 * and every main department the cheapest split. Grids are shared by every
 * trainee of a programme with the same required rows, so one table serves
 * every group that may go to the unit. `splitsInOrder`: every split of one
 * span, cheapest first (best-first search with the exact cost-to-go as its
 * heuristic), for when the cheapest split of a span is already a column.
 */
import { addDuration } from "../calendar/index.js";
import type { Duration, Programme, Trainee, Unit } from "../model/types.js";
import { type Context, durationBounds } from "../rules/context.js";
import { key } from "../rules/keys.js";
import type { Candidate } from "./candidates.js";
import type { Segment } from "./rotations.js";

/** Candidate indices a schedule family may hand out (its stride in the formulation). */
export const SCHEDULE_INDEX_LIMIT = 1 << 22;

/** The §9 combinatorics of one programme at one receiving unit, for trainees with the same required rows. */
export interface RotationGrid {
  readonly unit: string;
  /** Slots in the calendar. */
  readonly n: number;
  /** Departments the unit receives in, sorted; bit i of a mask is `depts[i]`. */
  readonly depts: readonly string[];
  /** Rotation count bounds (distinct departments). */
  readonly min: number;
  readonly max: number;
  /** Departments some required row needs (as a mask). */
  readonly requiredMask: number;
  /** Per department, per start slot a: the first and the last end slot a rotation there may have (lengths only). */
  readonly eMin: readonly Int32Array[];
  readonly eMax: readonly Int32Array[];
  /** Per department: `run[a]`, the first slot from a without room (a rotation `[a, e)` needs `e ≤ run[a]`). */
  readonly run: readonly Int32Array[];
  /** Per placement start k0: the first and last end the programme's duration allows (first > last: none). */
  readonly endMin: Int32Array;
  readonly endMax: Int32Array;
}

/** Departments whose bit is set in a mask. */
function popcount(x: number): number {
  let n = 0;
  for (; x; x &= x - 1) n++;
  return n;
}

/**
 * The grid of a programme at a unit for a trainee's required rows (`required`: department →
 * its row's length bounds), or undefined when the unit cannot host any split (a required
 * department it does not receive, or more departments than a mask holds).
 */
export function rotationGrid(
  ctx: Context, prog: Programme, unit: Unit, required: ReadonlyMap<string, { min?: Duration; max?: Duration }>,
  runOf: (dept: string) => Int32Array,
): RotationGrid | undefined {
  const depts = [...new Set((unit.receive ?? []).map((r) => r.dept))].sort();
  if (depts.length > 30) return undefined;
  for (const d of required.keys()) if (!depts.includes(d)) return undefined;
  const n = ctx.slots.count;
  const b = ctx.slots.boundaries;
  const rot = prog.rotations!;
  /** First slot boundary at or after a date (n + 1: none), last at or before (−1: none). */
  const firstAtOrAfter = (date: string) => {
    for (let e = 0; e <= n; e++) if (b[e] >= date) return e;
    return n + 1;
  };
  const lastAtOrBefore = (date: string) => {
    for (let e = n; e >= 0; e--) if (b[e] <= date) return e;
    return -1;
  };
  const bounds = new Map<string, { lo: Int32Array; hi: Int32Array }>();
  const lengthBounds = (min?: Duration, max?: Duration) => {
    const id = JSON.stringify([min ?? null, max ?? null]);
    let v = bounds.get(id);
    if (!v) {
      const lo = new Int32Array(n + 1), hi = new Int32Array(n + 1);
      for (let a = 0; a <= n; a++) {
        lo[a] = Math.max(a + 1, min ? firstAtOrAfter(addDuration(b[a], min)) : a + 1);
        hi[a] = max ? lastAtOrBefore(addDuration(b[a], max)) : n;
      }
      bounds.set(id, (v = { lo, hi }));
    }
    return v;
  };
  const eMin: Int32Array[] = [], eMax: Int32Array[] = [], run: Int32Array[] = [];
  let requiredMask = 0;
  depts.forEach((d, i) => {
    const req = required.get(d);
    if (req) requiredMask |= 1 << i;
    const lb = req ? lengthBounds(req.min, req.max) : lengthBounds(rot.each?.min, rot.each?.max);
    eMin.push(lb.lo);
    eMax.push(lb.hi);
    run.push(runOf(d));
  });
  const endMin = new Int32Array(n + 1).fill(n + 1), endMax = new Int32Array(n + 1).fill(-1);
  for (let k0 = 0; k0 < n; k0++) {
    const { minEnd, maxEnd } = durationBounds(prog, b[k0]);
    endMin[k0] = Math.max(k0 + 1, minEnd ? firstAtOrAfter(minEnd) : k0 + 1);
    endMax[k0] = maxEnd ? Math.min(n, lastAtOrBefore(maxEnd)) : n;
  }
  return { unit: unit.id, n, depts, min: rot.count.min, max: rot.count.max, requiredMask, eMin, eMax, run, endMin, endMax };
}

/**
 * The rotations that may follow a partial split at slot p having used `mask` (`c`
 * rotations), ending no later than `limit`: `visit(d, e)` for each department index and
 * end. One place for §9's moves: distinct departments, at most `max` of them with room left
 * for the required ones, each rotation's length bounds, room throughout.
 */
function forMoves(g: RotationGrid, c: number, p: number, mask: number, limit: number, visit: (d: number, e: number) => void): void {
  if (c >= g.max) return;
  for (let d = 0; d < g.depts.length; d++) {
    const bit = 1 << d;
    if (mask & bit) continue;
    if (c + 1 + popcount(g.requiredMask & ~(mask | bit)) > g.max) continue;
    const hi = Math.min(g.eMax[d][p], g.run[d][p], limit);
    for (let e = g.eMin[d][p]; e <= hi; e++) visit(d, e);
  }
}

/** Whether a finished split (departments `mask`, `c` rotations) is complete with main department index `m`. */
function complete(g: RotationGrid, c: number, mask: number, m: number): boolean {
  return c >= g.min && c <= g.max && (mask & g.requiredMask) === g.requiredMask && ((mask >> m) & 1) === 1;
}

interface Layer {
  readonly cost: Float64Array;
  readonly dept: Int8Array;
  readonly from: Int16Array;
}

interface FromStart {
  /** layers[c]: mask → the cheapest c-rotation partial split from k0 ending at each slot. */
  readonly layers: Map<number, Layer>[];
  /** Per end e and main department m (index e × D + m): cheapest complete split's cost, and its final mask and count. */
  readonly best: Float64Array;
  readonly mask: Int32Array;
  readonly count: Int8Array;
}

/**
 * The cheapest split of every span from a start, per main department, at per-department
 * costs `cost[d]` (prefix sums over slots: a rotation `[a, e)` in department d costs
 * `cost[d][e] − cost[d][a]`). Starts are computed when first asked.
 */
export class ForwardTable {
  private readonly starts = new Map<number, FromStart>();
  constructor(
    readonly grid: RotationGrid,
    private readonly cost: readonly Float64Array[],
  ) {}

  /** Cost of the cheapest split of `[k0, k1)` with main department index m (Infinity: none). */
  best(k0: number, k1: number, m: number): number {
    return this.from(k0).best[k1 * this.grid.depts.length + m];
  }

  /** The cheapest split of `[k0, k1)` with main department index m (undefined: none). */
  split(k0: number, k1: number, m: number): Segment[] | undefined {
    const s = this.from(k0);
    const D = this.grid.depts.length;
    const at = k1 * D + m;
    if (s.best[at] === Infinity) return undefined;
    const out: Segment[] = [];
    let mask = s.mask[at], e = k1;
    for (let c = s.count[at]; c > 0; c--) {
      const layer = s.layers[c].get(mask)!;
      const d = layer.dept[e], a = layer.from[e];
      out.unshift({ dept: this.grid.depts[d], k0: a, k1: e });
      mask ^= 1 << d;
      e = a;
    }
    return out;
  }

  private from(k0: number): FromStart {
    let s = this.starts.get(k0);
    if (!s) this.starts.set(k0, (s = this.compute(k0)));
    return s;
  }

  private compute(k0: number): FromStart {
    const g = this.grid;
    const n = g.n, D = g.depts.length;
    const lo = g.endMin[k0], hi = g.endMax[k0];
    const fresh = (): Layer => ({ cost: new Float64Array(n + 1).fill(Infinity), dept: new Int8Array(n + 1), from: new Int16Array(n + 1) });
    const start = fresh();
    start.cost[k0] = 0;
    const layers: Map<number, Layer>[] = [new Map([[0, start]])];
    for (let c = 0; c < g.max && lo <= hi; c++) {
      const next = new Map<number, Layer>();
      for (const [mask, layer] of layers[c])
        for (let p = k0; p < hi; p++) {
          const v = layer.cost[p];
          if (v === Infinity) continue;
          forMoves(g, c, p, mask, hi, (d, e) => {
            const w = v + this.cost[d][e] - this.cost[d][p];
            const m2 = mask | (1 << d);
            let t = next.get(m2);
            if (!t) next.set(m2, (t = fresh()));
            if (w < t.cost[e]) {
              t.cost[e] = w;
              t.dept[e] = d;
              t.from[e] = p;
            }
          });
        }
      layers.push(next);
    }
    const best = new Float64Array((n + 1) * D).fill(Infinity);
    const masks = new Int32Array((n + 1) * D);
    const count = new Int8Array((n + 1) * D);
    for (let c = Math.max(1, g.min); c < layers.length; c++)
      for (const [mask, layer] of layers[c]) {
        if ((mask & g.requiredMask) !== g.requiredMask) continue;
        for (let e = lo; e <= hi; e++) {
          const v = layer.cost[e];
          if (v === Infinity) continue;
          for (let m = 0; m < D; m++) {
            if (!((mask >> m) & 1)) continue;
            const at = e * D + m;
            if (v < best[at]) {
              best[at] = v;
              masks[at] = mask;
              count[at] = c;
            }
          }
        }
      }
    return { layers, best, mask: masks, count };
  }
}

/** A split with its cost. */
export interface PricedSplit {
  readonly cost: number;
  readonly segments: readonly Segment[];
}

/**
 * Every split of `[k0, k1)` with main department index m, cheapest first (ties in a fixed
 * order): a best-first search whose heuristic is the exact cheapest completion, so each
 * split comes out after O(rotations) expansions.
 */
export function* splitsInOrder(g: RotationGrid, cost: readonly Float64Array[], k0: number, k1: number, m: number): Generator<PricedSplit> {
  if (k1 < g.endMin[k0] || k1 > g.endMax[k0]) return;
  const memo = new Map<number, number>();
  const stride = g.n + 1;
  /** Cheapest completion from slot p with `mask` used. */
  const toGo = (p: number, mask: number, c: number): number => {
    if (p === k1) return complete(g, c, mask, m) ? 0 : Infinity;
    const id = mask * stride + p;
    const have = memo.get(id);
    if (have !== undefined) return have;
    let best = Infinity;
    forMoves(g, c, p, mask, k1, (d, e) => {
      const w = cost[d][e] - cost[d][p] + toGo(e, mask | (1 << d), c + 1);
      if (w < best) best = w;
    });
    memo.set(id, best);
    return best;
  };
  interface Node { f: number; g: number; p: number; mask: number; c: number; segs: Segment[]; seq: number }
  const heap: Node[] = [];
  let seq = 0;
  const less = (a: Node, b: Node) => a.f < b.f || (a.f === b.f && a.seq < b.seq);
  const push = (x: Node) => {
    heap.push(x);
    for (let i = heap.length - 1; i > 0; ) {
      const j = (i - 1) >> 1;
      if (!less(heap[i], heap[j])) break;
      [heap[i], heap[j]] = [heap[j], heap[i]];
      i = j;
    }
  };
  const pop = (): Node => {
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1, r = l + 1;
        let s = i;
        if (l < heap.length && less(heap[l], heap[s])) s = l;
        if (r < heap.length && less(heap[r], heap[s])) s = r;
        if (s === i) break;
        [heap[i], heap[s]] = [heap[s], heap[i]];
        i = s;
      }
    }
    return top;
  };
  const h0 = toGo(k0, 0, 0);
  if (h0 === Infinity) return;
  push({ f: h0, g: 0, p: k0, mask: 0, c: 0, segs: [], seq: seq++ });
  while (heap.length) {
    const x = pop();
    if (x.p === k1) {
      yield { cost: x.g, segments: x.segs };
      continue;
    }
    forMoves(g, x.c, x.p, x.mask, k1, (d, e) => {
      const gg = x.g + cost[d][e] - cost[d][x.p];
      const h = toGo(e, x.mask | (1 << d), x.c + 1);
      if (h === Infinity) return;
      push({ f: gg + h, g: gg, p: e, mask: x.mask | (1 << d), c: x.c + 1, segs: [...x.segs, { dept: g.depts[d], k0: x.p, k1: e }], seq: seq++ });
    });
  }
}

/** One receiving unit × main department a schedule family may use, with its §7 value. */
export interface SchedulePair {
  readonly unit: string;
  readonly main: string;
  readonly value: number;
  readonly grid: RotationGrid;
  /** Index of `main` in `grid.depts`. */
  readonly m: number;
}

/**
 * A trainee's schedules, kept implicit: every pair × span × split. The
 * schedules found so far (seeds, then what pricing hands out) are the
 * family's explicit candidates, in the order they were first seen.
 */
export class ScheduleSpace {
  /** Schedules handed out, by index (the family's `explicit`). */
  readonly list: Candidate[] = [];
  private readonly index = new Map<string, number>();

  constructor(
    readonly pairs: readonly SchedulePair[],
    /** Flattened `[k0, k1]` of every span the trainee's window and the duration allow. */
    readonly spans: Int32Array,
    /** The schedule that keeps a baseline entry (SPEC §11.1), worth `value` more. */
    readonly keep?: { readonly key: string; readonly value: number },
    /**
     * Orders spans of equal reduced cost (a hash of the trainee): at the degenerate duals of
     * the first rounds, groups then take different spans instead of all the earliest ones.
     */
    readonly salt = 0,
  ) {}

  /** What identifies the space for grouping (with the seeds, which are candidates like any). */
  get key(): string {
    return JSON.stringify([this.pairs.map((p) => [p.unit, p.main, p.value, p.grid.requiredMask, p.grid.depts.length]), Array.from(this.spans), this.keep ?? null]);
  }

  /** The index of a schedule, if handed out already. */
  find(id: string): number | undefined {
    return this.index.get(id);
  }

  /** The index of the schedule `pair` × `[k0, k1)` × `segments`, handing it out if new. */
  indexOf(pair: SchedulePair, k0: number, k1: number, segments: readonly Segment[]): number {
    const id = scheduleKey(pair.unit, pair.main, segments);
    let ci = this.index.get(id);
    if (ci === undefined) {
      if (this.list.length >= SCHEDULE_INDEX_LIMIT) throw new Error(`schedule family over ${SCHEDULE_INDEX_LIMIT} schedules`);
      ci = this.list.length;
      this.list.push({ unit: pair.unit, dept: pair.main, k0, k1, value: pair.value + (this.keep?.key === id ? this.keep.value : 0), rotations: segments });
      this.index.set(id, ci);
    }
    return ci;
  }
}

/** A schedule's identity: unit, main department and its rotations (which give its span). */
export function scheduleKey(unit: string, main: string, segments: readonly Segment[]): string {
  return key(unit, main, ...segments.flatMap((s) => [s.dept, s.k0, s.k1]));
}

/** What the formulation tells the oracle about one group at the current duals. */
export interface ScheduleDuals {
  /** Prefix sums over slots of the duals a rotation in `dept` of `unit` pays (its seat, its mentor). */
  segment(unit: string, dept: string): Float64Array;
  /** Prefix sums of what the home side pays over the whole placement (absence, teams). */
  readonly home: Float64Array;
  /** The part of a schedule's reduced cost that depends on its unit and main department only, beyond its value (−heads, −quota, budget … duals). */
  fixed(unit: string, main: string): number;
  /** Whether schedule `ci` is a column of the model already. */
  inModel(ci: number): boolean;
}

/** Forward tables of one pricing round, shared by every group (keyed by grid). */
export type ScheduleTables = Map<RotationGrid, ForwardTable>;

/**
 * Prices a schedule family: `visit(ci, rc)` for the cheapest split of every span whose
 * reduced cost exceeds `above` — best spans first, until `limit` schedules outside the
 * model have been handed out — and, where a span's cheapest split is a column already, for
 * its next cheapest outside the model. So the best reduced cost of the group and the best
 * of the schedules outside the model are both among the visits (exact: the bounds of
 * `pricing.ts` rest on them).
 */
export function priceSchedules(space: ScheduleSpace, tables: ScheduleTables, duals: ScheduleDuals, above: number, limit: number, visit: (ci: number, rc: number) => void): void {
  const costsOf = (g: RotationGrid) => g.depts.map((d) => duals.segment(g.unit, d));
  const tableOf = (g: RotationGrid) => {
    let t = tables.get(g);
    if (!t) tables.set(g, (t = new ForwardTable(g, costsOf(g))));
    return t;
  };
  const H = duals.home;
  const items: { rc: number; pi: number; s: number; fixed: number }[] = [];
  const ns = space.spans.length / 2;
  space.pairs.forEach((pair, pi) => {
    const fixed = duals.fixed(pair.unit, pair.main);
    // Slot duals are ≥ 0 (≤ rows of a maximisation): no split of this pair can do better.
    if (pair.value + fixed + (space.keep?.value ?? 0) <= above) return;
    const table = tableOf(pair.grid);
    for (let s = 0; s < ns; s++) {
      const k0 = space.spans[2 * s], k1 = space.spans[2 * s + 1];
      const c = table.best(k0, k1, pair.m);
      if (c === Infinity) continue;
      const rc = pair.value + fixed - (H[k1] - H[k0]) - c;
      if (rc > above) items.push({ rc, pi, s, fixed });
    }
  });
  const rcOf = (ci: number, fixed: number) => {
    const c = space.list[ci];
    let v = c.value + fixed - (H[c.k1] - H[c.k0]);
    for (const r of c.rotations!) {
      const pre = duals.segment(c.unit, r.dept);
      v -= pre[r.k1] - pre[r.k0];
    }
    return v;
  };
  // The kept baseline schedule is worth more than its split's cost says: priced on its own.
  if (space.keep) {
    const ci = space.find(space.keep.key);
    if (ci !== undefined) {
      const c = space.list[ci];
      const rc = rcOf(ci, duals.fixed(c.unit, c.dept));
      if (rc > above) visit(ci, rc);
    }
  }
  const spread = (s: number) => (Math.imul(s + 1, 2654435761) ^ space.salt) >>> 0;
  items.sort((a, b) => b.rc - a.rc || spread(a.s) - spread(b.s) || a.pi - b.pi || a.s - b.s);
  let outside = 0;
  /** The best reduced cost outside the model visited so far: a later span (no better than its cheapest split) cannot beat it. */
  let bestOutside = -Infinity;
  const handOut = (ci: number, rc: number) => {
    visit(ci, rc);
    outside++;
    if (rc > bestOutside) bestOutside = rc;
  };
  for (const it of items) {
    if (outside >= limit && it.rc <= bestOutside) break;
    const pair = space.pairs[it.pi];
    const k0 = space.spans[2 * it.s], k1 = space.spans[2 * it.s + 1];
    const table = tableOf(pair.grid);
    const ci = space.indexOf(pair, k0, k1, table.split(k0, k1, pair.m)!);
    if (!duals.inModel(ci)) {
      handOut(ci, rcOf(ci, it.fixed));
      continue;
    }
    visit(ci, rcOf(ci, it.fixed));
    // The span's cheapest split is a column: its next cheapest outside the model, if it prices out.
    for (const sp of splitsInOrder(pair.grid, costsOf(pair.grid), k0, k1, pair.m)) {
      const rc = pair.value + it.fixed - (H[k1] - H[k0]) - sp.cost;
      if (rc <= above) break;
      const known = space.find(scheduleKey(pair.unit, pair.main, sp.segments));
      if (known !== undefined && duals.inModel(known)) continue;
      const cj = space.indexOf(pair, k0, k1, sp.segments);
      handOut(cj, rcOf(cj, it.fixed));
      break;
    }
  }
}

/** Whether `segments` is a split of `[k0, k1)` the grid allows with main department index m (the same moves the tables make). */
export function validSchedule(g: RotationGrid, k0: number, k1: number, m: number, segments: readonly Segment[]): boolean {
  if (k1 < g.endMin[k0] || k1 > g.endMax[k0]) return false;
  let p = k0, mask = 0, c = 0;
  for (const s of segments) {
    const d = g.depts.indexOf(s.dept);
    if (d < 0 || s.k0 !== p) return false;
    let ok = false;
    forMoves(g, c, p, mask, k1, (dd, e) => {
      if (dd === d && e === s.k1) ok = true;
    });
    if (!ok) return false;
    mask |= 1 << d;
    p = s.k1;
    c++;
  }
  return p === k1 && complete(g, c, mask, m);
}

/** Hands out every schedule of a space (the whole model, when column generation cannot decide). */
export function expandSchedules(space: ScheduleSpace): void {
  for (const pair of space.pairs) {
    const g = pair.grid;
    for (let s = 0; s < space.spans.length; s += 2) {
      const k0 = space.spans[s], k1 = space.spans[s + 1];
      if (k1 < g.endMin[k0] || k1 > g.endMax[k0]) continue;
      const path: Segment[] = [];
      const walk = (p: number, mask: number, c: number) => {
        if (p === k1) {
          if (complete(g, c, mask, pair.m)) space.indexOf(pair, k0, k1, [...path]);
          return;
        }
        forMoves(g, c, p, mask, k1, (d, e) => {
          path.push({ dept: g.depts[d], k0: p, k1: e });
          walk(e, mask | (1 << d), c + 1);
          path.pop();
        });
      };
      walk(k0, 0, 0);
    }
  }
}
