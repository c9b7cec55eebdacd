/**
 * Schedule pricing (SPEC §10 R-CURRICULUM): a resident's cheapest valid
 * schedule at given prices, by dynamic programming over the months of its
 * window. Pure: it knows months, requirements and option indices only; the
 * caller maps options to (unit, dept) pairs and prices to duals.
 *
 * State at a month boundary (a label): the requirement in progress (or idle),
 * its option (unit, dept) and the length of its current block (capped at
 * `minBlock`), and per requirement its months and blocks so far, or
 * "finished" (no more months may come: its `blocks` used up, its `max`
 * reached, or a requirement listing it in `after` has started). Labels are
 * canonical (a finished requirement forgets its months), so equal futures
 * meet in one label; the memo of `best(t, label)` (the cheapest completion)
 * is a top-down DP over the labels reachable from the start, pruned by what
 * the unfinished requirements still need (Σ months short ≤ months left,
 * each inside its phase). Curricula of the national standard (10–15
 * requirements, mostly one block with min = max) reach a few thousand labels
 * per month.
 *
 * A rotation is a maximal run of months in one (requirement, option); each
 * costs `transition`. A fixed rotation is an option of its own, forced in its
 * months, so it stays one entry exactly as agreed.
 */

/** One requirement still to meet (completed ones are left out by the caller). */
export interface ReqSpec {
  readonly min: number;
  readonly max: number;
  /** Most blocks (≥ 1). */
  readonly blocks: number;
  /** Months `[lo, hi)` of the window its months may lie in (phase ∩ window). */
  readonly lo: number;
  readonly hi: number;
  /** Requirements (indices) that must have ended before its first month. */
  readonly after: readonly number[];
  /** Options (indices into the price table) it may be done at. */
  readonly options: readonly number[];
}

/** A fixed rotation: requirement `req` over months `[m0, m1)`, kept as one entry (its own option). */
export interface FixedSpec {
  readonly req: number;
  readonly m0: number;
  readonly m1: number;
}

export interface ScheduleProblem {
  /** Months in the window. */
  readonly months: number;
  /** Number of regular options (rows of `price`). */
  readonly options: number;
  readonly minBlock: number;
  readonly reqs: readonly ReqSpec[];
  readonly fixed: readonly FixedSpec[];
  /** Cost of every rotation (entry) listed. */
  readonly transition: number;
  /** `price[o * months + m]`: cost of a month in option o. Fixed rotations cost nothing here. */
  readonly price: Float64Array;
}

/** One rotation of a schedule; `option` ≥ 0 a regular option, −1 − i fixed rotation i. */
export interface ScheduleRotation {
  readonly req: number;
  readonly option: number;
  readonly m0: number;
  readonly m1: number;
}

export interface Schedule {
  readonly rotations: readonly ScheduleRotation[];
  /** Σ prices of its months + transition × rotations. */
  readonly cost: number;
}

const FIN = 0xffff;
const IDLE = 0xfffe;

/**
 * A solved pricing problem: the cheapest schedule, and every schedule up to a
 * cost (for the reduced-cost closure), from one memo of completions.
 */
export class SchedulePricer {
  private readonly memo: Map<string, number>[] = [];
  private readonly n: number;
  private readonly forced: Int32Array;
  /** Per requirement, the fixed rotations of it (indices). */
  private readonly reqOptions: number[][];
  private readonly startState: Uint16Array;
  labels = 0;

  constructor(readonly p: ScheduleProblem) {
    this.n = p.reqs.length;
    this.forced = new Int32Array(p.months).fill(-1);
    p.fixed.forEach((f, i) => {
      for (let m = f.m0; m < f.m1; m++) this.forced[m] = i;
    });
    this.reqOptions = p.reqs.map((r) => [...r.options]);
    // Layout: [cur, opt, len, (u, b) per req]; cur = IDLE when idle; u = FIN when finished.
    this.startState = new Uint16Array(3 + 2 * this.n);
    this.startState[0] = IDLE;
    for (let m = 0; m <= p.months; m++) this.memo.push(new Map());
  }

  /** The cheapest valid schedule, or undefined when none exists. */
  best(): Schedule | undefined {
    const c = this.completion(0, this.startState);
    if (!Number.isFinite(c)) return undefined;
    const out: Schedule[] = [];
    this.enumerate(c + 1e-9 * Math.max(1, Math.abs(c)), 1, out);
    return out[0];
  }

  /**
   * Schedules of cost ≤ `limit`, cheapest branches first, at most `max` of
   * them; `complete` is false when more exist.
   */
  upTo(limit: number, max: number): { schedules: Schedule[]; complete: boolean } {
    const out: Schedule[] = [];
    const complete = this.enumerate(limit, max, out);
    return { schedules: out, complete };
  }

  /** The cheapest cost, +Infinity when no valid schedule exists. */
  cheapest(): number {
    return this.completion(0, this.startState);
  }

  private enumerate(limit: number, max: number, out: Schedule[]): boolean {
    const path: { req: number; option: number }[] = [];
    let complete = true;
    const go = (t: number, s: Uint16Array, cost: number): boolean => {
      if (t === this.p.months) {
        if (this.finalCost(s) === 0) {
          out.push(this.toSchedule(path, cost));
          if (out.length >= max) {
            complete = false;
            return false;
          }
        }
        return true;
      }
      const moves: { next: Uint16Array; step: number; req: number; option: number; total: number }[] = [];
      this.moves(t, s, (next, step, req, option) => {
        const total = cost + step + this.completion(t + 1, next);
        if (total <= limit) moves.push({ next: next.slice(), step, req, option, total });
      });
      moves.sort((a, b) => a.total - b.total);
      for (const mv of moves) {
        path.push({ req: mv.req, option: mv.option });
        const goOn = go(t + 1, mv.next, cost + mv.step);
        path.pop();
        if (!goOn) return false;
      }
      return true;
    };
    go(0, this.startState, 0);
    // Stopped at `max` exactly when the last one was the last: still complete if nothing else fits.
    return complete;
  }

  private toSchedule(path: readonly { req: number; option: number }[], cost: number): Schedule {
    const rotations: ScheduleRotation[] = [];
    for (let i = 0; i < path.length; ) {
      let j = i + 1;
      while (j < path.length && path[j].req === path[i].req && path[j].option === path[i].option) j++;
      if (path[i].req >= 0) rotations.push({ req: path[i].req, option: path[i].option, m0: i, m1: j });
      i = j;
    }
    return { rotations, cost };
  }

  /** Cheapest completion from `s` at boundary t (Infinity: none). */
  private completion(t: number, s: Uint16Array): number {
    if (t === this.p.months) return this.finalCost(s);
    if (!this.feasibleAhead(t, s)) return Infinity;
    const k = String.fromCharCode(...s);
    const memo = this.memo[t];
    const have = memo.get(k);
    if (have !== undefined) return have;
    this.labels++;
    let best = Infinity;
    const kids: { next: Uint16Array; step: number }[] = [];
    this.moves(t, s, (next, step) => kids.push({ next: next.slice(), step }));
    for (const { next, step } of kids) {
      const c = step + this.completion(t + 1, next);
      if (c < best) best = c;
    }
    memo.set(k, best);
    return best;
  }

  /** 0 when `s` is a valid end (every requirement met, the last block long enough), else Infinity. */
  private finalCost(s: Uint16Array): number {
    const p = this.p;
    if (s[0] !== IDLE && s[2] < p.minBlock) return Infinity;
    for (let i = 0; i < this.n; i++) {
      const u = s[3 + 2 * i];
      if (u !== FIN && u < p.reqs[i].min) return Infinity;
    }
    return 0;
  }

  /** A quick necessary test: what the unfinished requirements still need fits in the months left. */
  private feasibleAhead(t: number, s: Uint16Array): boolean {
    const p = this.p;
    const left = p.months - t;
    let need = 0;
    for (let i = 0; i < this.n; i++) {
      const u = s[3 + 2 * i];
      if (u === FIN) continue;
      const r = p.reqs[i];
      const short = r.min - u;
      if (short <= 0) continue;
      if (Math.min(r.hi, p.months) - Math.max(t, r.lo) < short) return false;
      need += short;
    }
    // The current block must reach minBlock.
    if (s[0] !== IDLE && s[2] < p.minBlock) {
      const r = p.reqs[s[0]];
      if (Math.min(r.hi, p.months) - t < p.minBlock - s[2]) return false;
    }
    return need <= left;
  }

  /**
   * Every move for month t from state s: `visit(next, cost, req, option)`
   * (req −1: idle). `next` is a shared buffer (copy it to keep it).
   */
  private moves(t: number, s: Uint16Array, visit: (next: Uint16Array, cost: number, req: number, option: number) => void): void {
    const p = this.p;
    const n = this.n;
    const next = new Uint16Array(s.length);
    const cur = s[0] === IDLE ? -1 : s[0];
    const curOpt = s[1];
    const forcedFixed = this.forced[t];
    /** Closes the current block (cur leaves): false when the block is too short. */
    const leave = (into: Uint16Array): boolean => {
      if (cur < 0) return true;
      if (s[2] < p.minBlock) return false;
      const r = p.reqs[cur];
      const i = 3 + 2 * cur;
      if (into[i] !== FIN && (into[i + 1] >= r.blocks || into[i] >= r.max)) {
        if (into[i] < r.min) return false;
        into[i] = FIN;
        into[i + 1] = 0;
      }
      return true;
    };
    const priceOf = (opt: number) => (opt >= 0x8000 ? 0 : p.price[opt * p.months + t]);
    const encodeOpt = (opt: number) => opt; // regular ≥ 0; fixed i as 0x8000 + i
    const optionOut = (opt: number) => (opt >= 0x8000 ? -1 - (opt - 0x8000) : opt);
    const enter = (j: number, opt: number, cont: boolean) => {
      // Month t in requirement j with option opt; cont: continuing the current rotation.
      const r = p.reqs[j];
      if (t < r.lo || t >= r.hi) return;
      next.set(s);
      const i = 3 + 2 * j;
      if (j !== cur) {
        if (!leave(next)) return;
        if (next[i] === FIN) return;
        if (next[i] >= r.max || next[i + 1] >= r.blocks) return;
        if (next[i + 1] === 0) {
          // First month of j: every requirement it comes after ends now (no month of theirs may follow).
          for (const a of r.after) {
            const ia = 3 + 2 * a;
            if (next[ia] === FIN) continue;
            if (next[ia] < p.reqs[a].min) return;
            next[ia] = FIN;
            next[ia + 1] = 0;
          }
        }
        next[i + 1]++;
        next[2] = 0;
      } else if (next[i] >= r.max) return;
      next[i]++;
      next[0] = j;
      next[1] = opt;
      next[2] = Math.min(p.minBlock, next[2] + 1);
      visit(next, priceOf(opt) + (cont ? 0 : p.transition), j, optionOut(opt));
    };
    if (forcedFixed >= 0) {
      const f = p.fixed[forcedFixed];
      const opt = 0x8000 + forcedFixed;
      enter(f.req, opt, cur === f.req && curOpt === opt && f.m0 !== t);
      return;
    }
    // Idle.
    next.set(s);
    if (leave(next)) {
      next[0] = IDLE;
      next[1] = 0;
      next[2] = 0;
      visit(next, 0, -1, 0);
    }
    for (let j = 0; j < n; j++) {
      const u = s[3 + 2 * j];
      if (u === FIN) continue;
      for (const o of this.reqOptions[j]) enter(j, encodeOpt(o), cur === j && curOpt === o);
    }
  }
}

/** The cheapest valid schedule of a problem (undefined: none). */
export function cheapestSchedule(p: ScheduleProblem): Schedule | undefined {
  return new SchedulePricer(p).best();
}
