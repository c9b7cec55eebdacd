/**
 * Schedule pricing (SPEC §10 R-CURRICULUM): a resident's cheapest valid
 * schedule at given prices, by dynamic programming over the months of its
 * window. Pure: it knows months, requirements and option indices only; the
 * caller maps options to (unit, dept) pairs and prices to duals.
 *
 * Two levels. Inside a block (a run of months in one requirement) the
 * cheapest sequence of options is a shortest path over months × options
 * (each change of option is a new rotation, `transition`); `blockCost(j, s,
 * L)` is tabulated for every requirement, start and length. Between blocks,
 * a DP over labels at month boundaries: per requirement its months and
 * blocks so far, or "finished" (no more months may come: its `blocks` used
 * up, its `max` reached, or a requirement listing it in `after` has
 * started). A move is an idle month or a whole block. Labels are canonical
 * (a one-block requirement is "not started" or "finished"), so for the
 * national standard's curricula (10–15 requirements, mostly one block with
 * min = max) a label is nearly a subset of requirements done, and the
 * reachable ones at month t are only the subsets whose months fit in t
 * (pruned by what the unfinished requirements still need, inside their
 * phases): tens of thousands of labels for a 36-month curriculum of 12.
 * `best(t, label)` (the cheapest completion) is memoised top-down.
 *
 * Two adjacent blocks of one requirement are allowed as moves (they form one
 * block of the spec, listed as two entries): counting them as two blocks is
 * conservative, and the merged block is a move of its own that costs no
 * more, so the optimum is unaffected; `upTo` may list such a split schedule
 * besides the merged one (valid, dearer by a transition).
 *
 * A fixed rotation is an option of its own, forced in its months: a block
 * may not start or end strictly inside it, and entering it costs one
 * transition at its first month, so it stays one entry exactly as agreed.
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

const FIN = -1;

/** A block: requirement `req`, months `[m0, m1)`, its options per month. */
interface BlockPath {
  readonly req: number;
  readonly m0: number;
  readonly opts: readonly number[];
}

/**
 * A pricing problem: the label graph of a curriculum's schedules (built once;
 * it does not depend on prices), and per set of prices the cheapest
 * completion of every label. `reprice` reuses the graph for new prices.
 */
export class SchedulePricer {
  /** Label digits: radix and weight per requirement. */
  private readonly radix: number[];
  private readonly w: number[];
  private readonly n: number;
  /** Fixed rotation covering month m, or −1. */
  private readonly forced: Int32Array;
  /** `bc[(j * M + s) * (M + 1) + L]`: cheapest block of requirement j over `[s, s + L)` (Infinity: none). */
  private readonly bc: Float64Array;
  private readonly opts: number[][];
  private price: Float64Array;
  // The label graph: nodes (month boundary, label code), edges in CSR by node.
  // Built in arrays, kept in typed arrays (a 36-month curriculum has millions of edges).
  private nodeT = new Int32Array(0);
  private edgeFirst = new Int32Array(0);
  private edgeEnd = new Int32Array(0);
  private edgeTo = new Int32Array(0);
  /** Index into `bc` of an edge's block, −1 for an idle month. */
  private edgeBlock = new Int32Array(0);
  private readonly layers: Int32Array[] = [];
  /** Cheapest completion per node at the current prices. */
  private comp: Float64Array = new Float64Array(0);

  constructor(readonly p: ScheduleProblem) {
    const M = p.months;
    this.n = p.reqs.length;
    this.forced = new Int32Array(M).fill(-1);
    p.fixed.forEach((f, i) => {
      for (let m = f.m0; m < f.m1; m++) this.forced[m] = i;
    });
    // Options of requirement j: its regular ones, and its fixed rotations as 0x8000 + i.
    this.opts = p.reqs.map((r, j) => [...r.options, ...p.fixed.flatMap((f, i) => (f.req === j ? [0x8000 + i] : []))]);
    this.radix = p.reqs.map((r) => 2 + r.max * r.blocks);
    this.w = [];
    let wt = 1;
    for (const r of this.radix) {
      this.w.push(wt);
      wt *= r;
    }
    this.w.push(wt);
    if (wt > Number.MAX_SAFE_INTEGER) throw new RangeError("SchedulePricer: the curriculum has too many label states for numeric labels");
    this.bc = new Float64Array(this.n * M * (M + 1));
    this.price = p.price;
    this.build();
    this.reprice(p.price);
  }

  /** Labels in the graph (for measurements). */
  get labels(): number {
    return this.nodeT.length;
  }

  /** The graph's edges (for measurements). */
  get edges(): number {
    return this.edgeTo.length;
  }

  /** Builds the label graph forward, month boundary by month boundary, from the empty label. */
  private build(): void {
    const M = this.p.months;
    const index: Map<number, number>[] = [];
    const layers: number[][] = [];
    for (let t = 0; t <= M; t++) {
      index.push(new Map());
      layers.push([]);
    }
    const nodeT: number[] = [], nodeCode: number[] = [], edgeFirst: number[] = [], edgeEnd: number[] = [], edgeTo: number[] = [], edgeBlock: number[] = [];
    const nodeOf = (t: number, code: number): number => {
      let i = index[t].get(code);
      if (i === undefined) {
        i = nodeT.length;
        nodeT.push(t);
        nodeCode.push(code);
        edgeFirst.push(0);
        edgeEnd.push(0);
        index[t].set(code, i);
        layers[t].push(i);
      }
      return i;
    };
    nodeOf(0, 0);
    const dead = index.map(() => new Set<number>());
    const u = new Int32Array(this.n), b = new Int32Array(this.n);
    for (let t = 0; t < M; t++) {
      for (const i of layers[t]) {
        edgeFirst[i] = edgeTo.length;
        this.moves(t, nodeCode[i], (next, t1, block) => {
          // Labels whose unfinished requirements cannot fit in the months left are not made (each judged once).
          let to = index[t1].get(next);
          if (to === undefined) {
            if (dead[t1].has(next)) return;
            if (t1 < M ? !this.feasibleAhead(t1, next, u, b) : !this.validEnd(next, u, b)) {
              dead[t1].add(next);
              return;
            }
            to = nodeOf(t1, next);
          }
          edgeTo.push(to);
          edgeBlock.push(block);
        });
        edgeEnd[i] = edgeTo.length;
      }
      // Layer t is done: its maps are no longer needed.
      index[t].clear();
      dead[t].clear();
    }
    this.nodeT = Int32Array.from(nodeT);
    this.edgeFirst = Int32Array.from(edgeFirst);
    this.edgeEnd = Int32Array.from(edgeEnd);
    this.edgeTo = Int32Array.from(edgeTo);
    this.edgeBlock = Int32Array.from(edgeBlock);
    for (const l of layers) this.layers.push(Int32Array.from(l));
  }

  /** Sets new prices: the block costs and every label's cheapest completion. */
  reprice(price: Float64Array): this {
    const p = this.p;
    const M = p.months;
    this.price = price;
    this.bc.fill(Infinity);
    for (let j = 0; j < this.n; j++) {
      const r = p.reqs[j];
      const hi = Math.min(r.hi, M);
      const os = this.opts[j];
      const prev = new Float64Array(os.length), cur = new Float64Array(os.length);
      for (let s = Math.max(0, r.lo); s < hi; s++) {
        if (!this.mayCut(s)) continue;
        // Forward over the block's months: cheapest cost ending in each option.
        for (let e = s + 1; e <= hi; e++) {
          const m = e - 1;
          let best1 = Infinity, best2 = Infinity, arg1 = -1;
          if (m > s)
            for (let oi = 0; oi < os.length; oi++) {
              const v = prev[oi];
              if (v < best1) {
                best2 = best1;
                best1 = v;
                arg1 = oi;
              } else if (v < best2) best2 = v;
            }
          let any = Infinity;
          for (let oi = 0; oi < os.length; oi++) {
            const o = os[oi];
            let v = Infinity;
            if (this.allowed(o, m)) {
              const pr = this.priceOf(o, m);
              if (m === s) v = this.entersAt(o, m) ? pr + p.transition : Infinity;
              else {
                const stay = this.continues(o, m) ? prev[oi] : Infinity;
                const other = this.entersAt(o, m) ? (oi === arg1 ? best2 : best1) + p.transition : Infinity;
                v = Math.min(stay, other) + pr;
              }
            }
            cur[oi] = v;
            if (v < any) any = v;
          }
          prev.set(cur);
          if (!Number.isFinite(any)) break;
          if (this.mayCut(e)) this.bc[(j * M + s) * (M + 1) + (e - s)] = any;
        }
      }
    }
    // Cheapest completions, last boundary first (every edge goes forward in time).
    const comp = new Float64Array(this.nodeT.length).fill(Infinity);
    for (const i of this.layers[M]) comp[i] = 0;
    for (let t = M - 1; t >= 0; t--)
      for (const i of this.layers[t]) {
        let best = Infinity;
        for (let e = this.edgeFirst[i]; e < this.edgeEnd[i]; e++) {
          const blk = this.edgeBlock[e];
          const v = (blk < 0 ? 0 : this.bc[blk]) + comp[this.edgeTo[e]];
          if (v < best) best = v;
        }
        comp[i] = best;
      }
    this.comp = comp;
    return this;
  }

  private priceOf(o: number, m: number): number {
    return o >= 0x8000 ? 0 : this.price[o * this.p.months + m];
  }

  /** Whether option o may hold month m: a fixed option exactly in its months, a regular one where no fixed rotation is. */
  private allowed(o: number, m: number): boolean {
    const f = this.forced[m];
    if (o >= 0x8000) return f === o - 0x8000;
    return f < 0;
  }

  /** Whether option o may be entered (a new rotation) at month m: a fixed one at its first month only. */
  private entersAt(o: number, m: number): boolean {
    return o < 0x8000 || this.p.fixed[o - 0x8000].m0 === m;
  }

  /** Whether month m−1 → m may continue option o as one rotation (a fixed one inside its months). */
  private continues(o: number, m: number): boolean {
    return o < 0x8000 || this.p.fixed[o - 0x8000].m0 !== m;
  }

  /** Whether a block may start or end at boundary m (not strictly inside a fixed rotation). */
  private mayCut(m: number): boolean {
    if (m <= 0 || m >= this.p.months) return true;
    const f = this.forced[m];
    return f < 0 || this.p.fixed[f].m0 === m;
  }

  /** Whether requirement j may have a block over `[s, s + L)` at all (phase, fixed rotations), whatever the prices. */
  private blockFits(j: number, s: number, L: number): boolean {
    if (!this.mayCut(s) || !this.mayCut(s + L)) return false;
    for (let m = s; m < s + L; m++) {
      const f = this.forced[m];
      if (f >= 0 && this.p.fixed[f].req !== j) return false;
      if (f < 0 && this.p.reqs[j].options.length === 0) return false;
    }
    return true;
  }

  /** The cheapest valid schedule, or undefined when none exists. */
  best(): Schedule | undefined {
    const c = this.cheapest();
    if (!Number.isFinite(c)) return undefined;
    const out: Schedule[] = [];
    this.enumerate(c + 1e-9 * Math.max(1, Math.abs(c)), 1, out);
    return out[0];
  }

  /**
   * Schedules of cost ≤ `limit`, cheapest branches first, at most `max` of
   * them; `complete` is false when more may exist.
   */
  upTo(limit: number, max: number): { schedules: Schedule[]; complete: boolean } {
    const out: Schedule[] = [];
    const complete = this.enumerate(limit, max, out);
    return { schedules: out, complete };
  }

  /** The cheapest cost, +Infinity when no valid schedule exists. */
  cheapest(): number {
    return this.comp[0];
  }

  // Labels are numbers: digit i (weight w[i]) per requirement — 0 not started, FIN = radix − 1,
  // else 1 + (u − 1) × blocks + (b − 1) for u ≥ 1 months in b ≥ 1 blocks. A block of a
  // requirement may start where its last one ended (see the class comment).

  private digitOf(i: number, u: number, b: number): number {
    return 1 + (u - 1) * this.p.reqs[i].blocks + (b - 1);
  }

  /** Decodes label `code` into months and blocks per requirement (u = FIN: finished); returns the open last requirement or −1. */
  private decode(code: number, u: Int32Array, b: Int32Array): number {
    for (let i = 0; i < this.n; i++) {
      const d = Math.floor(code / this.w[i]) % this.radix[i];
      if (d === 0) u[i] = b[i] = 0;
      else if (d === this.radix[i] - 1) {
        u[i] = FIN;
        b[i] = 0;
      } else {
        const bl = this.p.reqs[i].blocks;
        u[i] = 1 + Math.floor((d - 1) / bl);
        b[i] = 1 + ((d - 1) % bl);
      }
    }
    return (Math.floor(code / this.w[this.n]) % (this.n + 1)) - 1;
  }

  /** Every move from label `code` at boundary t: `visit(next, t', block, req)` (block: index into `bc`; −1 and req −1: an idle month). */
  private moves(t: number, code: number, visit: (next: number, t1: number, block: number, req: number) => void): void {
    const p = this.p;
    const M = p.months;
    const n = this.n;
    // Own digits: `visit` may decode other labels.
    const u = new Int32Array(n), b = new Int32Array(n);
    this.decode(code, u, b);
    const base = code;
    if (this.forced[t] < 0) visit(base, t + 1, -1, -1);
    for (let j = 0; j < n; j++) {
      if (u[j] === FIN) continue;
      const r = p.reqs[j];
      if (t < r.lo || t >= r.hi || b[j] >= r.blocks) continue;
      let next = base;
      if (b[j] === 0) {
        // First month of j: every requirement it comes after ends now (no month of theirs may follow).
        let ok = true;
        for (const a of r.after) {
          if (u[a] === FIN) continue;
          if (u[a] < p.reqs[a].min) {
            ok = false;
            break;
          }
          const old = u[a] === 0 ? 0 : this.digitOf(a, u[a], b[a]);
          next += (this.radix[a] - 1 - old) * this.w[a];
        }
        if (!ok) continue;
      }
      const old = b[j] === 0 ? 0 : this.digitOf(j, u[j], b[j]);
      const maxL = Math.min(r.max - u[j], Math.min(r.hi, M) - t);
      for (let L = Math.max(1, p.minBlock); L <= maxL; L++) {
        if (!this.blockFits(j, t, L)) continue;
        const nu = u[j] + L, nb = b[j] + 1;
        let k: number;
        if (nb >= r.blocks || nu >= r.max) {
          if (nu < r.min) continue;
          k = next + (this.radix[j] - 1 - old) * this.w[j];
        } else k = next + (this.digitOf(j, nu, nb) - old) * this.w[j];
        visit(k, t + L, (j * M + t) * (M + 1) + L, j);
      }
    }
  }

  /** Whether label `code` is a valid end (every requirement met). */
  private validEnd(code: number, u: Int32Array, b: Int32Array): boolean {
    this.decode(code, u, b);
    for (let i = 0; i < this.n; i++) if (u[i] !== FIN && u[i] < this.p.reqs[i].min) return false;
    return true;
  }

  /** A quick necessary test: what the unfinished requirements still need fits in the months left, each in its phase. */
  private feasibleAhead(t: number, code: number, u: Int32Array, b: Int32Array): boolean {
    const p = this.p;
    this.decode(code, u, b);
    let need = 0;
    for (let i = 0; i < this.n; i++) {
      if (u[i] === FIN) continue;
      const r = p.reqs[i];
      const short = r.min - u[i];
      if (short <= 0) continue;
      if (Math.min(r.hi, p.months) - Math.max(t, r.lo) < short) return false;
      need += short;
    }
    return need <= p.months - t;
  }

  private enumerate(limit: number, max: number, out: Schedule[]): boolean {
    const blocks: BlockPath[] = [];
    let complete = true;
    const M = this.p.months;
    const comp = this.comp;
    const go = (i: number, cost: number): boolean => {
      const t = this.nodeT[i];
      if (t === M) {
        if (out.length >= max) {
          complete = false;
          return false;
        }
        out.push(this.toSchedule(blocks, cost));
        return true;
      }
      const moves: { e: number; total: number }[] = [];
      for (let e = this.edgeFirst[i]; e < this.edgeEnd[i]; e++) {
        const blk = this.edgeBlock[e];
        const total = cost + (blk < 0 ? 0 : this.bc[blk]) + comp[this.edgeTo[e]];
        if (total <= limit) moves.push({ e, total });
      }
      moves.sort((a, b) => a.total - b.total || a.e - b.e);
      for (const { e } of moves) {
        const to = this.edgeTo[e];
        if (this.edgeBlock[e] < 0) {
          if (!go(to, cost)) return false;
          continue;
        }
        // Every option sequence of the block within what is left of the limit (cheapest first).
        const req = Math.floor(this.edgeBlock[e] / (M * (M + 1)));
        const L = this.nodeT[to] - t;
        const ok = this.blockPaths(req, t, L, limit - cost - comp[to], (opts, c) => {
          blocks.push({ req, m0: t, opts });
          const goOn = go(to, cost + c);
          blocks.pop();
          return goOn;
        });
        if (!ok) return false;
      }
      return true;
    };
    if (Number.isFinite(comp[0])) go(0, 0);
    return complete;
  }

  /**
   * Every option sequence of requirement j's block `[s, s + L)` costing ≤
   * `limit` (cheapest branches first): `visit(opts, cost)`; false stops.
   */
  private blockPaths(j: number, s: number, L: number, limit: number, visit: (opts: number[], cost: number) => boolean): boolean {
    const p = this.p;
    const os = this.opts[j];
    const e = s + L;
    // h[m][oi]: cheapest months m..e−1 with option oi at month m (its price included, its entry not).
    const h: number[][] = [];
    h[e] = os.map(() => 0);
    for (let m = e - 1; m >= s; m--)
      h[m] = os.map((o, oi) => {
        if (!this.allowed(o, m)) return Infinity;
        if (m + 1 === e) return this.priceOf(o, m);
        let best = Infinity;
        os.forEach((o2, qi) => {
          const v = qi === oi ? (this.continues(o, m + 1) ? h[m + 1][qi] : Infinity) : this.entersAt(o2, m + 1) ? h[m + 1][qi] + p.transition : Infinity;
          if (v < best) best = v;
        });
        return this.priceOf(o, m) + best;
      });
    const path: number[] = [];
    const go = (m: number, oi: number, cost: number): boolean => {
      // cost: months s..m−1 and the entry of month m's option; month m holds option oi.
      path.push(os[oi]);
      const here = cost + this.priceOf(os[oi], m);
      let ok = true;
      if (m + 1 === e) ok = visit(path.map((o) => (o >= 0x8000 ? -1 - (o - 0x8000) : o)), here);
      else {
        const nexts = os
          .map((o2, qi) => ({ qi, c: qi === oi ? (this.continues(os[oi], m + 1) ? 0 : Infinity) : this.entersAt(o2, m + 1) ? p.transition : Infinity }))
          .filter((x) => Number.isFinite(x.c) && here + x.c + h[m + 1][x.qi] <= limit)
          .sort((a, b) => a.c + h[m + 1][a.qi] - (b.c + h[m + 1][b.qi]) || a.qi - b.qi);
        for (const x of nexts) if (!(ok = go(m + 1, x.qi, here + x.c))) break;
      }
      path.pop();
      return ok;
    };
    const firsts = os
      .map((o, oi) => ({ oi, v: this.entersAt(o, s) ? p.transition + h[s][oi] : Infinity }))
      .filter((x) => x.v <= limit)
      .sort((a, b) => a.v - b.v || a.oi - b.oi);
    for (const x of firsts) if (!go(s, x.oi, p.transition)) return false;
    return true;
  }

  private toSchedule(blocks: readonly BlockPath[], cost: number): Schedule {
    const rotations: ScheduleRotation[] = [];
    for (const b of blocks)
      for (let i = 0; i < b.opts.length; ) {
        let k = i + 1;
        const o = b.opts[i];
        while (k < b.opts.length && b.opts[k] === o && !(o < 0 && this.p.fixed[-1 - o].m0 === b.m0 + k)) k++;
        rotations.push({ req: b.req, option: o, m0: b.m0 + i, m1: b.m0 + k });
        i = k;
      }
    return { rotations, cost };
  }
}

/** The cheapest valid schedule of a problem (undefined: none). */
export function cheapestSchedule(p: ScheduleProblem): Schedule | undefined {
  return new SchedulePricer(p).best();
}
