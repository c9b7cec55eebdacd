/**
 * Residents (SPEC §10) as the rules see them: who is one, their curriculum,
 * their training period's months, where a requirement may be done (R-SITE,
 * reading 1), and a plan's residency entries of known residents (reading 15:
 * a 进修 trainee listed in `residencies`, or a resident in `placements`,
 * breaks R-ONCE and is judged by no other rule).
 */
import type { Curriculum, Plan, Programme, Requirement, ResidencyEntry, ResidencyRotation, Trainee, Unit } from "../model/types.js";
import type { Context } from "./context.js";

/** A resident's facts, derived once. */
export interface ResidentInfo {
  readonly t: Trainee;
  readonly prog: Programme;
  /** Undefined only on an invalid instance (validation names the curriculum). */
  readonly curriculum: Curriculum;
  readonly requirements: ReadonlyMap<string, Requirement>;
  readonly completed: ReadonlySet<string>;
  readonly minBlock: number;
  /** Absolute month number (year × 12 + month − 1) of the training period's first month. */
  readonly periodStart: number;
}

const infoCache = new WeakMap<Context, Map<string, ResidentInfo | null>>();

/** Whether a trainee belongs to a residency programme. */
export function isResident(ctx: Context, t: Trainee): boolean {
  return ctx.programmes.get(t.programme)?.residency !== undefined;
}

/** The resident's facts, or undefined for a 进修 trainee. */
export function residentOf(ctx: Context, t: Trainee): ResidentInfo | undefined {
  let byId = infoCache.get(ctx);
  if (!byId) infoCache.set(ctx, (byId = new Map()));
  let info = byId.get(t.id);
  if (info === undefined) {
    const prog = ctx.programmes.get(t.programme);
    const curriculum = prog?.residency?.curricula.find((c) => c.id === t.curriculum);
    info = prog && curriculum
      ? {
        t, prog, curriculum,
        requirements: new Map(curriculum.requirements.map((r) => [r.id, r])),
        completed: new Set(t.completed ?? []),
        minBlock: curriculum.minBlock ?? 1,
        periodStart: monthNumber(t.available?.from ?? ctx.instance.calendar.start),
      }
      : null;
    byId.set(t.id, info);
  }
  return info ?? undefined;
}

/** A plan's residency entry of a known resident, with its facts. */
export interface ResolvedResidency {
  readonly e: ResidencyEntry;
  readonly index: number;
  readonly info: ResidentInfo;
}

/** The residency entries whose trainee is a known resident (of a known curriculum). */
export function residencies(ctx: Context, plan: Pick<Plan, "residencies">): ResolvedResidency[] {
  const out: ResolvedResidency[] = [];
  (plan.residencies ?? []).forEach((e, index) => {
    const t = ctx.trainees.get(e.trainee);
    const info = t && residentOf(ctx, t);
    if (info) out.push({ e, index, info });
  });
  return out;
}

/** Absolute month number of a date (year × 12 + month − 1). */
export function monthNumber(iso: string): number {
  return Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
}

/**
 * A rotation's months (reading 2): the months whose 1st lies in `[start, end)`,
 * as absolute month numbers, ascending (empty when `end ≤ start`).
 */
export function monthsOf(r: Pick<ResidencyRotation, "start" | "end">): number[] {
  const first = monthNumber(r.start) + (r.start.slice(8) === "01" ? 0 : 1);
  const endM = monthNumber(r.end) + (r.end.slice(8) === "01" ? 0 : 1);
  const out: number[] = [];
  for (let m = first; m < endM; m++) out.push(m);
  return out;
}

/** The 1st of an absolute month, as an ISO date. */
export function monthDate(m: number): string {
  const y = Math.floor(m / 12);
  return `${String(y).padStart(4, "0")}-${String((m % 12) + 1).padStart(2, "0")}-01`;
}

/**
 * R-SITE, reading 1: whether a requirement may be done at a unit. Without
 * `sites`, at the base only; with `sites`, the unit matches every key given —
 * the base passes `relations` by itself but must match `tiers` and `kinds`.
 */
export function siteAllowed(ctx: Context, base: string, req: Requirement, unit: Unit): boolean {
  const s = req.sites;
  if (!s) return unit.id === base;
  if (s.tiers && !s.tiers.includes(unit.tier)) return false;
  if (s.kinds && !s.kinds.includes(unit.kind)) return false;
  if (s.relations && unit.id !== base && !ctx.net.hasRelation(base, unit.id, s.relations)) return false;
  return true;
}

/** Whether a unit lists the department in `receive`. */
export const receives = (unit: Unit | undefined, dept: string): boolean => !!unit && (unit.receive ?? []).some((r) => r.dept === dept);

/** The (unit, dept) pairs where a requirement may be done: allowed sites that receive one of its departments. */
export function sitesOf(ctx: Context, base: string, req: Requirement): { unit: string; dept: string }[] {
  const out: { unit: string; dept: string }[] = [];
  for (const u of ctx.instance.units) {
    if (!siteAllowed(ctx, base, req, u)) continue;
    for (const d of req.depts) if (receives(u, d)) out.push({ unit: u.id, dept: d });
  }
  return out;
}

/**
 * The limit on a base's scheduled residents (R-MANAGERS, reading 13):
 * `Infinity` without `managers`, 0 below 3, else 100 × managers.
 */
export function managersLimit(unit: Unit | undefined): number {
  if (unit?.managers === undefined) return Infinity;
  return unit.managers < 3 ? 0 : 100 * unit.managers;
}
