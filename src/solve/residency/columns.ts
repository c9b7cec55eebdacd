/**
 * Resident schedules as a column family of the one formulation (SPEC §10):
 * each resident group's schedules become columns whose uses come from the
 * ledger (`residencyBlocks`: a seat counted with 进修 trainees, a mentor of
 * sufficient title to be named after the solve, a resident on duty for the
 * service rows), entering the group's head (R-ONCE) and shared rows
 * (R-MANAGERS). Pricing turns the rows' duals into a price per (site, month)
 * and asks the group's `SchedulePricer` for its cheapest schedule.
 */
import type { Placement, ResidencyRotation } from "../../model/types.js";
import { key } from "../../rules/keys.js";
import { type Block, residencyBlocks } from "../../rules/ledger.js";
import { rotationsCompared, transitionCost } from "../../rules/objective.js";
import type { Entries, Formulation } from "../formulate.js";
import type { ResidentGroup } from "./problem.js";
import { type Schedule, SchedulePricer } from "./schedule.js";

/** A schedule of a group, in calendar slots. */
export interface ScheduleColumn {
  readonly rotations: readonly { readonly req: number; readonly site: number; readonly k0: number; readonly k1: number }[];
  /** Column index in the formulation. */
  readonly col: number;
  /** §10 value: base × priority − transition × rotations. */
  readonly value: number;
}

/** Per resident group in the formulation: its pricer, its columns, what its fixed rotations cost at the duals. */
export class ResidentFamily {
  readonly pricers: (SchedulePricer | undefined)[] = [];
  readonly columns: ScheduleColumn[][];
  private readonly seen: Map<string, number>[];
  /** Per site shape: the rows one unit of its uses enters, as (slot, row, coef) triples. */
  private readonly siteRows = new Map<string, number[]>();
  private readonly rank: (number | undefined)[];
  private readonly entries = new Map<number, Entries>();

  constructor(
    readonly f: Formulation,
    readonly groups: readonly ResidentGroup[],
    /** Formulation group index of resident group i. */
    readonly offset: number,
    /** Extra entries of every column of resident group i (the row that makes a resident with fixed rotations scheduled). */
    readonly extra: readonly (readonly (readonly [number, number])[])[],
    /** Label graphs by schedule structure, shared (e.g. by the independent parts of one solve). */
    private readonly pricerCache = new Map<string, SchedulePricer>(),
  ) {
    this.columns = groups.map(() => []);
    this.seen = groups.map(() => new Map());
    this.rank = groups.map((g) => (g.shape.info.prog.mentor ? f.ctx.titleRank(g.shape.info.prog.mentor.minTitle) : undefined));
  }

  /** The pricer of group i (one label graph per distinct schedule structure). */
  pricer(i: number): SchedulePricer {
    return (this.pricers[i] ??= pricerFor(this.pricerCache, this.groups[i].shape));
  }

  /** The uses of one month of a site, or of a fixed rotation, for group i: a block over slots `[k0, k1)`. */
  private siteBlock(i: number, site: number, k0: number, k1: number, mentor?: string): { block: Block; shape: string } {
    const s = this.groups[i].shape.sites[site] ?? { unit: "", dept: "" };
    const rank = this.rank[i];
    const seg = mentor !== undefined ? { unit: s.unit, dept: s.dept, k0, k1, mentor } : { unit: s.unit, dept: s.dept, k0, k1, ...(rank !== undefined ? { anyMentorOfRank: rank } : {}) };
    const [block] = residencyBlocks([seg]);
    return { block, shape: key("res", s.unit, s.dept, mentor ?? "", mentor === undefined ? rank ?? -1 : -1) };
  }

  /** A fixed rotation's block: its named mentor, which also holds a seat of every title threshold it meets. */
  private fixedBlock(i: number, r: ResidencyRotation): { block: Block; shape: string } {
    const ctx = this.f.ctx;
    const [k0, k1] = ctx.span(r.start, r.end);
    const seg = { unit: r.unit, dept: r.dept, k0, k1, ...(r.mentor !== undefined ? { mentor: r.mentor } : {}) };
    const [b] = residencyBlocks([seg]);
    const uses = [...b.uses];
    const m = r.mentor !== undefined ? ctx.mentors.get(r.mentor) : undefined;
    if (m && this.rank[i] !== undefined) uses.push({ resource: { kind: "qualified", unit: r.unit, dept: r.dept, rank: ctx.titleRank(m.title) }, amount: 1 });
    return { block: { k0, k1, uses }, shape: key("fixed", r.unit, r.dept, r.mentor ?? "", m && this.rank[i] !== undefined ? ctx.titleRank(m.title) : -1) };
  }

  /** The rows of a site's uses over the whole calendar, made once, as (slot, row, coef) triples. */
  rowsOfSite(i: number, site: number): number[] {
    const { block, shape } = this.siteBlock(i, site, 0, this.f.ctx.slots.count);
    let rows = this.siteRows.get(shape);
    if (!rows) {
      const out: number[] = [];
      this.f.slotRowsOf(shape, block, (k, r, c) => out.push(k, r, c));
      this.siteRows.set(shape, (rows = out));
    }
    return rows;
  }

  /** Per (site, window month), Σ coef × dual over the rows its month enters, into `price`. */
  pricesOf(i: number, dual: Float64Array, price: Float64Array): Float64Array {
    const shape = this.groups[i].shape;
    const M = shape.months;
    price.fill(0);
    shape.sites.forEach((_, s) => {
      const rows = this.rowsOfSite(i, s);
      for (let x = 0; x < rows.length; x += 3) {
        const m = rows[x] - shape.k0;
        if (m < 0 || m >= M) continue;
        const r = rows[x + 1];
        if (r < dual.length) price[s * M + m] += rows[x + 2] * dual[r];
      }
    });
    return price;
  }

  /** What group i's fixed rotations cost at the duals (every column of the group has them). */
  fixedDual(i: number, dual: Float64Array): number {
    let v = 0;
    for (const r of this.groups[i].shape.fixed) {
      const { block, shape } = this.fixedBlock(i, r);
      this.f.slotRowsOf(shape, block, (_k, row, c) => {
        if (row < dual.length) v += c * dual[row];
      });
    }
    return v;
  }

  /** The reduced cost of a schedule of group i (its DP cost at these duals). */
  reducedCost(i: number, dual: Float64Array, cost: number): number {
    const g = this.groups[i];
    let extra = 0;
    for (const [r, v] of this.extra[i]) if (r < dual.length) extra += v * dual[r];
    return g.shape.value - this.f.groupDual(this.offset + i, dual) - extra - this.fixedDual(i, dual) - cost;
  }

  /** Adds a DP schedule of group i as a column (once); returns its column index. */
  add(i: number, s: Schedule, out?: Entries): number {
    const g = this.groups[i];
    return this.addRotations(i, s.rotations.map((r) => ({ req: r.req, site: r.option, k0: g.shape.k0 + r.m0, k1: g.shape.k0 + r.m1 })), out);
  }

  /** Adds group i's baseline schedule (SPEC §11.1) when it could be kept; returns its column index. */
  addKeep(i: number): number | undefined {
    const rots = this.groups[i].keep?.rotations;
    return rots ? this.addRotations(i, rots) : undefined;
  }

  /** The reduced cost of group i's baseline schedule at the duals (undefined: it cannot be kept). */
  keepReducedCost(i: number, dual: Float64Array, price: Float64Array): number | undefined {
    const g = this.groups[i];
    const rots = g.keep?.rotations;
    if (!rots) return undefined;
    this.pricesOf(i, dual, price);
    let cost = this.f.ctx.weights.transition * rots.length;
    for (const r of rots) if (r.site >= 0) for (let k = r.k0; k < r.k1; k++) cost += price[r.site * g.shape.months + (k - g.shape.k0)];
    return this.reducedCost(i, dual, cost) + this.f.ctx.weights.change;
  }

  private addRotations(i: number, rots: readonly { req: number; site: number; k0: number; k1: number }[], out?: Entries): number {
    const g = this.groups[i];
    const id = JSON.stringify(rots.map((r) => ({ req: r.req, site: r.site, k0: r.k0, k1: r.k1 })));
    const have = this.seen[i].get(id);
    if (have !== undefined) return have;
    const blocks: Block[] = [];
    const shapes: string[] = [];
    for (const r of rots) {
      const b = r.site >= 0 ? this.siteBlock(i, r.site, r.k0, r.k1) : this.fixedBlock(i, g.shape.fixed[-1 - r.site]);
      blocks.push(b.block);
      shapes.push(b.shape);
    }
    let value = g.shape.value - transitionCost(this.f.ctx) * rots.length;
    // Keeping the baseline schedule (SPEC §11.1) gives back the change the objective's offset counts.
    const column: ScheduleColumn = { rotations: rots, col: -1, value };
    if (g.keep && rotationsCompared(this.rotationsOf(i, column).map((r) => r.rotation)) === g.keep.compared) value += this.f.ctx.weights.change;
    const index = this.columns[i].length;
    const buf: Entries = out ?? { rows: [], vals: [] };
    const col = this.f.addUsesColumn(this.offset + i, value, blocks, shapes, { kind: "r", group: this.offset + i, schedule: index }, this.extra[i], buf);
    this.entries.set(col, { rows: [...buf.rows], vals: [...buf.vals] });
    this.columns[i].push({ rotations: rots, col, value });
    this.seen[i].set(id, col);
    return col;
  }

  /** A schedule column's coefficients (row, value). */
  entriesOf(col: number): Entries {
    return this.entries.get(col)!;
  }

  /** Whether group i already has this schedule as a column. */
  has(i: number, s: Schedule): boolean {
    const k0 = this.groups[i].shape.k0;
    return this.seen[i].has(JSON.stringify(s.rotations.map((r) => ({ req: r.req, site: r.option, k0: k0 + r.m0, k1: k0 + r.m1 }))));
  }

  /** A column's rotations as plan rotations (fixed ones exactly as agreed, others without mentors yet). */
  rotationsOf(i: number, c: ScheduleColumn): { rotation: ResidencyRotation; fixed: boolean }[] {
    const g = this.groups[i];
    const b = this.f.ctx.slots.boundaries;
    return c.rotations.map((r) => {
      if (r.site < 0) return { rotation: g.shape.fixed[-1 - r.site], fixed: true };
      const s = g.shape.sites[r.site];
      return { rotation: { requirement: g.shape.reqIds[r.req], unit: s.unit, dept: s.dept, start: b[r.k0], end: b[r.k1] }, fixed: false };
    });
  }
}

/** The pricer of a schedule problem, from a cache of label graphs by structure (options differ only in which prices they read). */
export function pricerFor(cache: Map<string, SchedulePricer>, shape: ResidentGroup["shape"]): SchedulePricer {
  const id = JSON.stringify([shape.months, shape.problem.minBlock, shape.problem.transition, shape.problem.reqs.map((r) => [r.min, r.max, r.blocks, r.lo, r.hi, r.after, r.options]), shape.problem.fixed]);
  let p = cache.get(id);
  if (!p) cache.set(id, (p = new SchedulePricer(shape.problem)));
  return p;
}

/** A resident rotation as a placement, for naming mentors together with 进修 placements. */
export function rotationPlacement(trainee: string, r: ResidencyRotation): Placement {
  return { trainee, unit: r.unit, dept: r.dept, start: r.start, end: r.end, ...(r.mentor !== undefined ? { mentor: r.mentor } : {}) };
}
