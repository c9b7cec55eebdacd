/**
 * The ledger of occupancy: every assignment — a plan's placement, a §9
 * rotation, a candidate column, a support row — is turned into *uses* of
 * resources over slot intervals by one function here, and both the checkers
 * (summing a plan's uses) and the formulation (a column's coefficients) read
 * those uses. "A rotation counts in its own department over its own interval;
 * staffing and teams count the trainee away for the whole placement" is
 * written once, in `assignmentBlocks`.
 */
import type { Placement, Plan, ResidencyRotation, SupportRow, Trainee } from "../model/types.js";
import type { Context } from "./context.js";
import { key } from "./keys.js";
import { isResident, residencies } from "./residents.js";

/** A resource that assignments use per slot. */
export type Resource =
  /** A receiving department's seats (R-CAPACITY). */
  | { readonly kind: "seat"; readonly unit: string; readonly dept: string }
  /** A named mentor (R-MENTOR). */
  | { readonly kind: "mentor"; readonly mentor: string }
  /** Some mentor of a receiving department with title rank ≥ `rank`, chosen after solving (R-MENTOR). */
  | { readonly kind: "qualified"; readonly unit: string; readonly dept: string; readonly rank: number }
  /** A home department's staff away (R-STAFFING). */
  | { readonly kind: "away"; readonly unit: string; readonly dept: string }
  /** A family-doctor team's members away (R-TEAM). */
  | { readonly kind: "team"; readonly team: string }
  /** Specialists received by a home department (R-STAFFING, 下沉). */
  | { readonly kind: "cover"; readonly unit: string; readonly dept: string }
  /** Specialists sent from a unit's support pool (R-SUPPORT). */
  | { readonly kind: "pool"; readonly unit: string; readonly dept: string }
  /** Residents in a rotation at a unit's department (R-SERVICE, SPEC §10). */
  | { readonly kind: "service"; readonly unit: string; readonly dept: string };

export type ResourceKind = Resource["kind"];

/** A collision-free key of a resource. */
export function resourceKey(r: Resource): string {
  switch (r.kind) {
    case "mentor":
      return key(r.kind, r.mentor);
    case "team":
      return key(r.kind, r.team);
    case "qualified":
      return key(r.kind, r.unit, r.dept, r.rank);
    default:
      return key(r.kind, r.unit, r.dept);
  }
}

export interface Use {
  readonly resource: Resource;
  readonly amount: number;
}

/** Uses over the slots `[k0, k1)`. */
export interface Block {
  readonly k0: number;
  readonly k1: number;
  readonly uses: readonly Use[];
}

/** One segment of an assignment in a receiving department: a whole placement, or one rotation. */
export interface Segment {
  readonly dept: string;
  readonly k0: number;
  readonly k1: number;
  /** The mentor named for it. */
  readonly mentor?: string;
  /** No mentor named yet: one of title rank ≥ this is to be chosen (solver columns under a mentor rule). */
  readonly anyMentorOfRank?: number;
}

/** A trainee at a receiving unit over `[k0, k1)`, in one or more department segments. */
export interface Assignment {
  readonly unit: string;
  readonly k0: number;
  readonly k1: number;
  readonly segments: readonly Segment[];
}

/**
 * The uses of one assignment of trainee `t`, in the order the formulation
 * enters them: the home side over the whole assignment (its department away,
 * each of its teams), then each segment in its receiving department (a seat,
 * and its mentor).
 */
export function assignmentBlocks(ctx: Context, t: Trainee, a: Assignment): Block[] {
  const home: Use[] = [{ resource: { kind: "away", unit: t.unit, dept: t.dept }, amount: 1 }];
  for (const team of ctx.teamsOf.get(t.id) ?? []) home.push({ resource: { kind: "team", team: team.id }, amount: 1 });
  const out: Block[] = [{ k0: a.k0, k1: a.k1, uses: home }];
  for (const s of a.segments) {
    const uses: Use[] = [{ resource: { kind: "seat", unit: a.unit, dept: s.dept }, amount: 1 }];
    if (s.mentor !== undefined) uses.push({ resource: { kind: "mentor", mentor: s.mentor }, amount: 1 });
    else if (s.anyMentorOfRank !== undefined) uses.push({ resource: { kind: "qualified", unit: a.unit, dept: s.dept, rank: s.anyMentorOfRank }, amount: 1 });
    out.push({ k0: s.k0, k1: s.k1, uses });
  }
  return out;
}

/** A plan's placement as an assignment (its rotations, or itself, as segments). */
export function placementAssignment(ctx: Context, p: Placement): Assignment {
  const [k0, k1] = ctx.span(p.start, p.end);
  const segments: Segment[] =
    p.rotations && p.rotations.length > 0
      ? p.rotations.map((r) => {
          const [a, b] = ctx.span(r.start, r.end);
          return { dept: r.dept, k0: a, k1: b, mentor: r.mentor };
        })
      : [{ dept: p.dept, k0, k1, mentor: p.mentor }];
  return { unit: p.unit, k0, k1, segments };
}

/** One rotation of a resident over `[k0, k1)` at a unit's department (SPEC §10). */
export interface ResidencySegment {
  readonly unit: string;
  readonly dept: string;
  readonly k0: number;
  readonly k1: number;
  readonly mentor?: string;
  /** No mentor named yet: one of title rank ≥ this is to be chosen (solver columns under a mentor rule). */
  readonly anyMentorOfRank?: number;
}

/**
 * The uses of a resident's rotations (SPEC §10): each rotation is a seat in its
 * department (counted with 进修 trainees), its mentor, and a resident on duty
 * there (service). Residents are never away for R-STAFFING or R-TEAM.
 */
export function residencyBlocks(segments: readonly ResidencySegment[]): Block[] {
  return segments.map((s) => {
    const uses: Use[] = [{ resource: { kind: "seat", unit: s.unit, dept: s.dept }, amount: 1 }];
    if (s.mentor !== undefined) uses.push({ resource: { kind: "mentor", mentor: s.mentor }, amount: 1 });
    else if (s.anyMentorOfRank !== undefined) uses.push({ resource: { kind: "qualified", unit: s.unit, dept: s.dept, rank: s.anyMentorOfRank }, amount: 1 });
    uses.push({ resource: { kind: "service", unit: s.unit, dept: s.dept }, amount: 1 });
    return { k0: s.k0, k1: s.k1, uses };
  });
}

/** A plan's resident rotation as a segment. */
export function rotationSegment(ctx: Context, r: ResidencyRotation): ResidencySegment {
  const [k0, k1] = ctx.span(r.start, r.end);
  return { unit: r.unit, dept: r.dept, k0, k1, mentor: r.mentor };
}

/** A support row's uses: specialists received by the home department, sent from the supporter's pool. */
export function supportBlocks(ctx: Context, s: SupportRow): Block[] {
  const [k0, k1] = ctx.span(s.start, s.end);
  return [{ k0, k1, uses: [{ resource: { kind: "cover", unit: s.to, dept: s.dept }, amount: s.count }, { resource: { kind: "pool", unit: s.from, dept: s.dept }, amount: s.count }] }];
}

interface Line {
  readonly resource: Resource;
  readonly total: Float64Array;
  readonly who: Set<string>[];
}

/** Per-resource, per-slot totals of uses, with who is involved in each slot. */
export class Ledger {
  private readonly lines = new Map<string, Line>();
  constructor(private readonly slots: number) {}

  /** Adds `amount` of `resource` over `[k0, k1)` (clipped to the calendar), remembering `who`. */
  add(resource: Resource, k0: number, k1: number, amount: number, who?: string): void {
    const id = resourceKey(resource);
    let line = this.lines.get(id);
    if (!line) this.lines.set(id, (line = { resource, total: new Float64Array(this.slots), who: [] }));
    for (let k = Math.max(0, k0); k < Math.min(k1, this.slots); k++) {
      line.total[k] += amount;
      if (who !== undefined) (line.who[k] ??= new Set()).add(who);
    }
  }

  /** Adds every use of some blocks. */
  addBlocks(blocks: readonly Block[], who?: string): void {
    for (const b of blocks) for (const u of b.uses) this.add(u.resource, b.k0, b.k1, u.amount, who);
  }

  /** The total of `resource` in slot k. */
  at(resource: Resource, k: number): number {
    return this.lines.get(resourceKey(resource))?.total[k] ?? 0;
  }

  /** Who uses `resource` in slot k, in the order they were added. */
  who(resource: Resource, k: number): string[] {
    return [...(this.lines.get(resourceKey(resource))?.who[k] ?? [])];
  }

  /** The resources of one kind with uses, in the order first used. */
  resources<K extends ResourceKind>(kind: K): Extract<Resource, { kind: K }>[] {
    const out: Extract<Resource, { kind: K }>[] = [];
    for (const line of this.lines.values()) if (line.resource.kind === kind) out.push(line.resource as Extract<Resource, { kind: K }>);
    return out;
  }
}

/** The ledger of a plan's placements (whose trainee is a known 进修 trainee), resident rotations and support rows. */
export function ledgerOf(ctx: Context, plan: Pick<Plan, "placements"> & Partial<Pick<Plan, "residencies" | "support">>): Ledger {
  const l = new Ledger(ctx.slots.count);
  // SPEC §10 reading 15: a resident listed in placements (or a 进修 trainee in residencies) is judged by R-ONCE only.
  for (const p of plan.placements) {
    const t = ctx.trainees.get(p.trainee);
    if (t && !isResident(ctx, t)) l.addBlocks(assignmentBlocks(ctx, t, placementAssignment(ctx, p)), t.id);
  }
  for (const { e } of residencies(ctx, plan)) l.addBlocks(residencyBlocks(e.rotations.map((r) => rotationSegment(ctx, r))), e.trainee);
  // A supported department names its supporters; a pool names whom it supports.
  for (const s of plan.support ?? [])
    for (const b of supportBlocks(ctx, s)) for (const u of b.uses) l.add(u.resource, b.k0, b.k1, u.amount, u.resource.kind === "pool" ? s.to : s.from);
  return l;
}

/**
 * What a checker needs to judge some blocks added to a plan whose ledger is `base`: the resources the
 * blocks use (and `also`), each with `base`'s totals and who, plus the blocks' uses; no other resource.
 * A rule that reads only the resources its ledger lists judges exactly what the blocks change
 * (`recommend`: one trainee's option against everyone else, SPEC §11.3).
 */
export function touchedLedger(base: Ledger, slots: number, added: readonly { readonly blocks: readonly Block[]; readonly who?: string }[], also: readonly Resource[] = []): Ledger {
  const out = new Ledger(slots);
  const seen = new Set<string>();
  const copy = (r: Resource) => {
    const id = resourceKey(r);
    if (seen.has(id)) return;
    seen.add(id);
    out.add(r, 0, 0, 0);
    for (let k = 0; k < slots; k++) {
      const n = base.at(r, k);
      if (n === 0) continue;
      for (const w of base.who(r, k)) out.add(r, k, k + 1, 0, w);
      out.add(r, k, k + 1, n);
    }
  };
  for (const r of also) copy(r);
  for (const a of added) for (const b of a.blocks) for (const u of b.uses) copy(u.resource);
  for (const a of added) out.addBlocks(a.blocks, a.who);
  return out;
}
