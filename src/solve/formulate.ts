/**
 * The placement MILP (SPEC §5 rows, §7 objective), a driver over the rule
 * registry and the column families: it names no rule.
 *
 * Columns: x (a group of interchangeable trainees × a candidate placement,
 * integer count; `candidates.ts`), y (specialists sent from a supporter to a
 * home department in one slot, 上修下沉; `supportersOf` of the support rule),
 * and slacks of soft rows. Each column's uses come from the ledger
 * (`assignmentBlocks`), and each rule module says which rows a use of a
 * resource enters (`rows.slot`), which rows bind whatever the columns
 * (`rows.bounds`), which rows a group's columns share (`rows.head`,
 * `rows.groupEntries`, `rows.pairEntries`) and which rows support relieves
 * (`rows.relieved`). Pinned placements are constants on the right-hand sides.
 */
import type { Programme, Trainee } from "../model/types.js";
import type { Context, Target } from "../rules/context.js";
import { RULES } from "../rules/index.js";
import { key } from "../rules/keys.js";
import { type Assignment, type Block, type Resource, assignmentBlocks } from "../rules/ledger.js";
import { baselineOffset, placementWeights, shortfallCost, supportSlotCost } from "../rules/objective.js";
import type { AddEntry, RowHost, RowSpec, SlotFamily } from "../rules/rule.js";
import { poolOf, supportersOf } from "../rules/support.js";
import { type Candidate, type Family, candidateAt, candidatesIn, spanFits, slotsTouched } from "./candidates.js";
import { ModelBuilder } from "./model.js";
import { SCHEDULE_INDEX_LIMIT, type ScheduleTables, priceSchedules } from "./schedule.js";
import type { PinnedUsage } from "./pinned.js";

export { PinnedUsage } from "./pinned.js";

/** Trainees with identical columns: solved as one integer count per candidate (exact). */
export interface Group {
  readonly trainees: readonly Trainee[];
  readonly prog: Programme;
  readonly family: Family;
}

export type Column =
  | { readonly kind: "x"; readonly group: number; readonly cand: number }
  | { readonly kind: "y"; readonly from: string; readonly to: string; readonly dept: string; readonly k: number }
  | { readonly kind: "slack"; readonly row: number }
  /** A resident group's schedule (SPEC §10; `src/solve/residency/`). */
  | { readonly kind: "r"; readonly group: number; readonly schedule: number };

/** Coefficients of one column: parallel row indices and values (reused buffers). */
export interface Entries {
  rows: number[];
  vals: number[];
}

/** A candidate as an assignment: its segments, each with its chosen mentor or a qualified one to be named. */
export function candidateAssignment(c: Candidate, mentorRank: number | undefined): Assignment {
  const segs = c.rotations ?? [{ dept: c.dept, k0: c.k0, k1: c.k1 }];
  return {
    unit: c.unit, k0: c.k0, k1: c.k1,
    segments: segs.map((s, i) => {
      const chosen = c.mentors?.[i];
      return chosen !== undefined ? { dept: s.dept, k0: s.k0, k1: s.k1, mentor: chosen } : { dept: s.dept, k0: s.k0, k1: s.k1, anyMentorOfRank: mentorRank };
    }),
  };
}

type SlotRows = (h: RowHost, r: Resource) => readonly SlotFamily[];
/** Per resource kind, the slot-row makers of the rules that read it, in registry order. */
const readers = new Map<Resource["kind"], SlotRows[]>();

/** The rows a use of a resource enters, from every rule that reads that kind of resource. */
function familiesOf(h: RowHost, r: Resource): SlotFamily[] {
  let makers = readers.get(r.kind);
  if (!makers) readers.set(r.kind, (makers = RULES.flatMap((rule) => (rule.rows?.slot?.[r.kind] as SlotRows | undefined) ?? [])));
  const out: SlotFamily[] = [];
  for (const make of makers) out.push(...make(h, r));
  return out;
}

/**
 * The model, built column by column: rows are made the first time a column
 * needs them, so the same formulation serves the whole model (every candidate
 * added) and column generation (candidates added as they price out). Support
 * columns and soft-row slacks exist from the start; placement columns come
 * through `add`.
 */
export class Formulation implements RowHost {
  readonly builder = new ModelBuilder();
  readonly columns: Column[] = [];
  /** Whether every objective coefficient is whole (so a gap < 1 proves optimality). */
  readonly integralObjective: boolean;
  /** Relievable rows with the support columns that relieve them. */
  readonly relievers = new Map<number, number[]>();
  /** Support columns: the row each relieves, its pool row, and its bound. */
  readonly support = new Map<number, { staff: number; pool: number; upper: number }>();
  /** Hard rows with a lower bound (quota minimums, coverage): what column generation makes elastic. */
  readonly hardMinRows: number[] = [];
  readonly thresholds: number[];

  private readonly colIndex = new Map<number, number>();
  private readonly heads: Int32Array[];
  private readonly slotRows = new Map<string, Int32Array>();
  private readonly pairEntries: (Entries | undefined)[][];
  private readonly explicitPairEntries: Map<string, Entries>[];
  private readonly groupEntries: (Entries | undefined)[];
  private readonly touched: (Uint8Array | undefined)[];
  private readonly relievable_: { row: number; home: string; dept: string; k: number }[] = [];
  /** Row families of a block's uses, by the block's shape (a group's home side; a segment's unit, department and mentor). */
  private readonly shapes = new Map<string, { arr: Int32Array; fam: SlotFamily; coef: number }[]>();
  private readonly stride: number;

  constructor(
    readonly ctx: Context,
    readonly groups: readonly Group[],
    readonly fixed: PinnedUsage,
  ) {
    const b = this.builder;
    this.thresholds = [...new Set(ctx.instance.programmes.filter((p) => p.mentor).map((p) => ctx.titleRank(p.mentor!.minTitle)))].sort();
    // Column keys are gi × stride + ci: stride above every family's largest candidate index.
    // (A schedule family hands out candidates as pricing finds them: up to SCHEDULE_INDEX_LIMIT.)
    this.stride = groups.reduce((m, g) => Math.max(m, g.family.schedules ? SCHEDULE_INDEX_LIMIT : g.family.explicit?.length ?? g.family.pairs.length * (g.family.spans.length / 2)), 1) + 1;
    this.pairEntries = groups.map((g) => new Array(g.family.pairs.length));
    this.explicitPairEntries = groups.map(() => new Map());
    this.groupEntries = new Array(groups.length);
    this.touched = new Array(groups.length);

    // Stages, each over every rule: rows that bind whatever the columns (programme by programme), one head row per group, relievable rows.
    for (const prog of ctx.instance.programmes) for (const rule of RULES) rule.rows?.bounds?.(this, prog);
    for (const rule of RULES) rule.rows?.instanceBounds?.(this);
    for (let r = 0; r < b.rowMeta.length; r++) if (!b.rowMeta[r].soft && b.rowLower[r] > 0) this.hardMinRows.push(r);
    this.heads = RULES.filter((rule) => rule.rows?.head).map((rule) => Int32Array.from(groups, (_g, gi) => rule.rows!.head!(this, gi)));
    for (const rule of RULES) rule.rows?.relieved?.(this);

    // Support columns (下沉): per relievable row, one per unit that may send that department's specialists
    // (looked up once per home department, not per slot: a scan of every unit).
    const supporters = new Map<string, ReturnType<typeof supportersOf>>();
    for (const s of this.relievable_) {
      const home = key(s.home, s.dept);
      let from = supporters.get(home);
      if (!from) supporters.set(home, (from = supportersOf(ctx, s.home, s.dept)));
      for (const f of from) {
        const uses: Block = { k0: s.k, k1: s.k + 1, uses: [{ resource: { kind: "cover", unit: s.home, dept: s.dept }, amount: 1 }, { resource: { kind: "pool", unit: f.id, dept: s.dept }, amount: 1 }] };
        const e: Entries = { rows: [], vals: [] };
        let pool = -1;
        this.blockEntries(uses, (r, v) => {
          e.rows.push(r);
          e.vals.push(v);
          if (r !== s.row) pool = r;
        });
        const upper = poolOf(ctx, f.id, s.dept)!;
        const j = b.col(0, upper, -supportSlotCost(ctx), true, e.rows.map((r, i) => [r, e.vals[i]] as const));
        this.columns.push({ kind: "y", from: f.id, to: s.home, dept: s.dept, k: s.k });
        this.support.set(j, { staff: s.row, pool, upper });
        let list = this.relievers.get(s.row);
        if (!list) this.relievers.set(s.row, (list = []));
        list.push(j);
      }
    }

    // Soft rows' slack columns (every soft row exists by now: `bounds`).
    for (let r = 0; r < b.rowMeta.length; r++) {
      if (!b.rowMeta[r].soft) continue;
      b.col(0, Math.max(0, b.rowLower[r]), -shortfallCost(ctx), false, [[r, 1]]);
      this.columns.push({ kind: "slack", row: r });
    }

    b.offset = fixed.value + baselineOffset(ctx);
    this.integralObjective = placementWeights(ctx).every(Number.isInteger) &&
      groups.every((g) => (g.family.explicit ? g.family.explicit.every((c) => Number.isInteger(c.value)) : g.family.pairs.every((p) => Number.isInteger(p.value)) && Number.isInteger(g.family.bonus?.value ?? 0)));
  }

  // RowHost ---------------------------------------------------------------

  row(k: string, make: () => RowSpec): number {
    return this.builder.row(k, make);
  }
  hasRow(k: string): boolean {
    return this.builder.hasRow(k);
  }
  slotsTouched(gi: number): Uint8Array {
    return (this.touched[gi] ??= slotsTouched(this.groups[gi].family, this.ctx.slots.count));
  }
  slotRow(family: SlotFamily, k: number, spec: RowSpec | undefined): number {
    const arr = this.familyArray(family.key);
    if (arr[k] === -2) arr[k] = spec ? this.builder.row(key(family.key, k), () => spec) : -1;
    return arr[k];
  }
  relievable(row: number, home: string, dept: string, k: number): void {
    this.relievable_.push({ row, home, dept, k });
  }

  // Columns ---------------------------------------------------------------

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
    const k = gi * this.stride + ci;
    const have = this.colIndex.get(k);
    if (have !== undefined) return have;
    const c = this.entries(gi, ci, buf);
    const j = this.builder.openCol(0, this.groups[gi].trainees.length, c.value, true, gi);
    for (let i = 0; i < buf.rows.length; i++) this.builder.entry(buf.rows[i], buf.vals[i]);
    this.columns.push({ kind: "x", group: gi, cand: ci });
    this.colIndex.set(k, j);
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
    const g = this.groups[gi];
    const c = this.candidate(gi, ci);
    out.rows.length = 0;
    out.vals.length = 0;
    const push: AddEntry = (r, v) => {
      if (r < 0) return;
      out.rows.push(r);
      out.vals.push(v);
    };
    for (const head of this.heads) push(head[gi], 1);
    // The ledger's uses of the candidate, block by block; their row families are looked up once per home and segment shape.
    const rank = this.mentorRank(g);
    let blocks: Block[] | undefined;
    const blockAt = (i: number) => (blocks ??= assignmentBlocks(this.ctx, g.trainees[0], candidateAssignment(c, rank)))[i];
    this.slotEntries(key("home", gi), () => blockAt(0), c.k0, c.k1, push);
    (c.rotations ?? [c]).forEach((seg, si) => {
      const chosen = c.mentors?.[si];
      this.slotEntries(key("seg", c.unit, seg.dept, chosen ?? "", chosen === undefined ? rank ?? -1 : -1), () => blockAt(si + 1), seg.k0, seg.k1, push);
    });
    for (const pe of [this.pairEntriesOf(gi, -1, undefined), this.pairEntriesOf(gi, ci, c)])
      for (let i = 0; i < pe.rows.length; i++) push(pe.rows[i], pe.vals[i]);
    return c;
  }

  /**
   * Column generation's oracle: calls `visit(gi, ci, rc)` for every candidate
   * whose reduced cost `c − Aᵀ·dual` exceeds `above` (rows with no dual: 0).
   * Implicit families are priced in O(1) per candidate from prefix sums of
   * the slot rows' duals, without making a column or a row. Schedule families
   * (§9 rotations, `schedule.ts`) visit the best split of each span instead,
   * handing out at most `limit` new schedules per group (default 64) — always
   * the group's best, and its best outside the model.
   */
  price(dual: Float64Array, above: number, visit: (gi: number, ci: number, rc: number) => void, limit = 64): void {
    const d = (r: number) => (r >= 0 && r < dual.length ? dual[r] : 0);
    const n = this.ctx.slots.count;
    /** Per slot, Σ dual × coefficient over the existing rows of a block's uses (no row is made). */
    const prefixes = new Map<string, Float64Array>();
    const prefix = (id: string, usesOf: () => readonly { resource: Resource; amount: number }[]): Float64Array => {
      let pre = prefixes.get(id);
      if (pre) return pre;
      pre = new Float64Array(n + 1);
      const fams = usesOf().flatMap((u) => familiesOf(this, u.resource).map((f) => ({ arr: this.slotRows.get(f.key), coef: (f.coef ?? 1) * u.amount })));
      for (let k = 0; k < n; k++) {
        let v = 0;
        for (const f of fams) if (f.arr) v += f.coef * d(f.arr[k]);
        pre[k + 1] = pre[k] + v;
      }
      prefixes.set(id, pre);
      return pre;
    };
    const buf: Entries = { rows: [], vals: [] };
    /** Schedule families' forward tables at these duals, shared by every group (by grid). */
    let tables: ScheduleTables | undefined;
    this.groups.forEach((g, gi) => {
      const f = g.family;
      let base = 0;
      for (const head of this.heads) base += d(head[gi]);
      const ge = this.pairEntriesOf(gi, -1, undefined);
      for (let i = 0; i < ge.rows.length; i++) base += ge.vals[i] * d(ge.rows[i]);
      if (f.schedules) {
        // Each rotation's department side and the home side, from the same row families as `entries`.
        const t = g.trainees[0];
        const rank = this.mentorRank(g);
        const blocks = (unit: string, dept: string) => assignmentBlocks(this.ctx, t, candidateAssignment({ unit, dept, k0: 0, k1: 0, value: 0 }, rank));
        const home = prefix(key("home", gi), () => blocks(t.unit, t.dept)[0].uses);
        priceSchedules(f.schedules, (tables ??= new Map()), {
          segment: (unit, dept) => prefix(key("pair", unit, dept, rank ?? -1), () => blocks(unit, dept)[1].uses),
          home,
          fixed: (unit, dept) => {
            const pe = this.pairEntriesOf(gi, 0, { unit, dept, k0: 0, k1: 0, value: 0 });
            let v = -base;
            for (let i = 0; i < pe.rows.length; i++) v -= pe.vals[i] * d(pe.rows[i]);
            return v;
          },
          inModel: (ci) => this.column(gi, ci) !== undefined,
        }, above, limit, (ci, rc) => visit(gi, ci, rc));
        return;
      }
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
      const rank = this.mentorRank(g);
      const ns = f.spans.length / 2;
      let home: Float64Array | undefined;
      for (let p = 0; p < f.pairs.length; p++) {
        const pair = f.pairs[p];
        const run = pair.run;
        let first = -1;
        for (let s = 0; s < ns && first < 0; s++) if (spanFits(f, pair, s)) first = s;
        if (first < 0) continue;
        const pe = this.pairEntriesOf(gi, p * ns + first, this.candidate(gi, p * ns + first));
        let fixed = pair.value - base;
        for (let i = 0; i < pe.rows.length; i++) fixed -= pe.vals[i] * d(pe.rows[i]);
        // The span that keeps a baseline entry is worth more (SPEC §11.1).
        const bonusAt = f.bonus && Math.floor(f.bonus.ci / ns) === p ? f.bonus.ci : -1;
        if (fixed + (bonusAt >= 0 ? f.bonus!.value : 0) <= above) continue; // slot duals are ≥ 0: no span of this pair can do better
        // The home side (absence, teams) and the receiving side (seats, mentors) of any span of this pair.
        const blocks = () => assignmentBlocks(this.ctx, t, candidateAssignment({ unit: pair.unit, dept: pair.dept, k0: 0, k1: 0, value: 0 }, rank));
        home ??= prefix(key("home", gi), () => blocks()[0].uses);
        const pre = prefix(key("pair", pair.unit, pair.dept, rank ?? -1), () => blocks()[1].uses);
        for (let s = first; s < ns; s++) {
          const k0 = f.spans[2 * s], k1 = f.spans[2 * s + 1];
          if (k1 > run[k0]) continue;
          const rc = fixed - (pre[k1] - pre[k0]) - (home[k1] - home[k0]) + (p * ns + s === bonusAt ? f.bonus!.value : 0);
          if (rc > above) visit(gi, p * ns + s, rc);
        }
      }
    });
  }

  // SPEC §10 hooks: column families outside `Family` (resident schedules, src/solve/residency/).

  /**
   * Adds a column of group `gi` from its value and blocks of uses (the
   * ledger's `residencyBlocks`), entering the group's head and shared rows
   * first; `shapes[i]` names block i's kind of uses (blocks of one shape share
   * their row families); `extra` are further entries. Returns its index.
   */
  addUsesColumn(gi: number, value: number, blocks: readonly Block[], shapes: readonly string[], column: Column, extra: readonly (readonly [number, number])[] = [], out: Entries = { rows: [], vals: [] }): number {
    out.rows.length = 0;
    out.vals.length = 0;
    const push: AddEntry = (r, v) => {
      if (r < 0) return;
      out.rows.push(r);
      out.vals.push(v);
    };
    for (const head of this.heads) push(head[gi], 1);
    const ge = this.pairEntriesOf(gi, -1, undefined);
    for (let i = 0; i < ge.rows.length; i++) push(ge.rows[i], ge.vals[i]);
    blocks.forEach((b, i) => this.slotEntries(key("uses", shapes[i]), () => b, b.k0, b.k1, push));
    for (const [r, v] of extra) push(r, v);
    const j = this.builder.openCol(0, this.groups[gi].trainees.length, value, true, gi);
    for (let i = 0; i < out.rows.length; i++) this.builder.entry(out.rows[i], out.vals[i]);
    this.columns.push(column);
    return j;
  }

  /**
   * The rows one unit of a block's uses enters, slot by slot over `[k0, k1)`
   * (rows made as needed, as a column's would be): `visit(k, row, coef)`.
   */
  slotRowsOf(shape: string, block: Block, visit: (k: number, row: number, coef: number) => void): void {
    // slotEntries walks slot by slot, every family of the shape per slot: counting calls gives the slot.
    let perSlot = -1;
    let i = 0;
    this.slotEntries(key("uses", shape), () => block, block.k0, block.k1, (r, v) => {
      if (perSlot < 0) perSlot = this.shapes.get(key("uses", shape))!.length;
      const k = block.k0 + Math.floor(i++ / perSlot);
      if (r >= 0) visit(k, r, v);
    });
  }

  /** Σ dual × coefficient over the rows every column of group `gi` enters (its head and shared rows). */
  groupDual(gi: number, dual: Float64Array): number {
    const d = (r: number) => (r >= 0 && r < dual.length ? dual[r] : 0);
    let v = 0;
    for (const head of this.heads) v += d(head[gi]);
    const ge = this.pairEntriesOf(gi, -1, undefined);
    for (let i = 0; i < ge.rows.length; i++) v += ge.vals[i] * d(ge.rows[i]);
    return v;
  }

  /** Title rank a group's unnamed mentors must have (undefined: no mentor rule). */
  private mentorRank(g: Group): number | undefined {
    return g.prog.mentor ? this.ctx.titleRank(g.prog.mentor.minTitle) : undefined;
  }

  /** A block's entries, slot by slot, in the order of its uses and their rule families (rows made on first use). */
  private blockEntries(block: Block, add: AddEntry): void {
    this.slotEntries(undefined, () => block, block.k0, block.k1, add);
  }

  /** Entries of a block's uses over `[k0, k1)`; blocks of one shape (`shape`) share their row families. */
  private slotEntries(shape: string | undefined, block: () => Block, k0: number, k1: number, add: AddEntry): void {
    let fams = shape === undefined ? undefined : this.shapes.get(shape);
    if (!fams) {
      fams = [];
      for (const u of block().uses) for (const fam of familiesOf(this, u.resource)) fams.push({ arr: this.familyArray(fam.key), fam, coef: (fam.coef ?? 1) * u.amount });
      if (shape !== undefined) this.shapes.set(shape, fams);
    }
    for (let k = k0; k < k1; k++)
      for (const { arr, fam, coef } of fams) {
        if (arr[k] === -2) {
          const spec = fam.make(k);
          arr[k] = spec ? this.builder.row(key(fam.key, k), () => spec) : -1;
        }
        add(arr[k], coef);
      }
  }

  private familyArray(k: string): Int32Array {
    let arr = this.slotRows.get(k);
    if (!arr) this.slotRows.set(k, (arr = new Int32Array(this.ctx.slots.count).fill(-2)));
    return arr;
  }

  /**
   * Entries that depend on the unit and department only (the rules' group and
   * pair entries: quotas, coverage, budget): once per group and pair. Rows whose
   * filter reads only the trainee side are the same for every pair of a group:
   * those are kept once per group (`c` undefined).
   */
  private pairEntriesOf(gi: number, ci: number, c: Candidate | undefined): Entries {
    const f = this.groups[gi].family;
    let out: Entries | undefined;
    if (c === undefined) out = this.groupEntries[gi];
    else if (f.explicit) out = this.explicitPairEntries[gi].get(key(c.unit, c.dept));
    else out = this.pairEntries[gi][Math.floor(ci / (f.spans.length / 2))];
    if (out) return out;
    const e: Entries = { rows: [], vals: [] };
    const add: AddEntry = (r, v) => {
      e.rows.push(r);
      e.vals.push(v);
    };
    if (c === undefined) {
      for (const rule of RULES) rule.rows?.groupEntries?.(this, gi, add);
      this.groupEntries[gi] = e;
      return e;
    }
    const target: Target = { unit: c.unit, dept: c.dept };
    for (const rule of RULES) rule.rows?.pairEntries?.(this, gi, target, add);
    if (f.explicit) this.explicitPairEntries[gi].set(key(c.unit, c.dept), e);
    else this.pairEntries[gi][Math.floor(ci / (f.spans.length / 2))] = e;
    return e;
  }
}
