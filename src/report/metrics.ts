/**
 * The numbers and verdicts a report shows, taken from the rule modules and the
 * plan's ledger — never recomputed by a report: per-slot occupancy of
 * receiving departments, who is on duty at home (上修下沉) and in family-doctor
 * teams, quota counts and their verdicts, spending, coverage, support slots;
 * for residents (SPEC §10) presence per department against service rows and
 * capacity, and managers per base.
 */
import type { Instance, Plan } from "../model/types.js";
import { spentOf, withinBudget } from "../rules/budget.js";
import { coveredUnits, placementsByHome } from "../rules/coverage.js";
import { supportSlots } from "../rules/objective.js";
import { type QuotaStatus, quotaStatus } from "../rules/quota.js";
import { type OnDuty, onDutyAt } from "../rules/staffing.js";
import { teamAt } from "../rules/team.js";
import { managersStatus } from "../rules/managers.js";
import { isResident } from "../rules/residents.js";
import { presentAt, serviceStatus } from "../rules/service.js";
import { judge } from "../verify.js";
import { type ResidencyFigures, type ResidencyMetrics, residencyCounts } from "./residency.js";

export interface PlanMetrics {
  /** Per home unit and staffed department, per slot: on duty and the R-STAFFING verdict. */
  readonly staffing: readonly { readonly unit: string; readonly dept: string; readonly slots: readonly OnDuty[] }[];
  /** Per family-doctor team, per slot: members away, on duty and the R-TEAM verdict. */
  readonly teams: readonly { readonly team: string; readonly slots: readonly { away: number; onDuty: number; ok: boolean }[] }[];
  /** Per receiving unit and department with a placement, per slot: trainees hosted and capacity. */
  readonly hosted: readonly { readonly unit: string; readonly dept: string; readonly slots: readonly { n: number; capacity: number }[] }[];
  /** Per programme, per quota row: count and the R-QUOTA verdicts. */
  readonly quotas: ReadonlyMap<string, readonly QuotaStatus[]>;
  /** Per programme with a budget: spent and whether it is within the cap. */
  readonly budgets: ReadonlyMap<string, { readonly spent: number; readonly ok: boolean }>;
  /** Per programme, per coverage row: the units counted, each with its placements. */
  readonly coverage: ReadonlyMap<string, readonly { readonly units: readonly { unit: string; placed: number }[] }[]>;
  /** Specialist-slots of the plan's support rows (the objective's support term). */
  readonly supportSlots: number;
  /**
   * SPEC §10, only when the instance has residents: residents present per department and slot
   * (R-SERVICE's `presentAt`), seats of every kind against capacity (the ledger), every service
   * row's verdicts (`serviceStatus`), every base's count against its managers
   * (`managersStatus`), and the residents scheduled, unplaced and the service months short.
   */
  readonly residency?: ResidencyMetrics;
}

/**
 * Every number a report shows about a plan, from the rules and the ledger.
 *
 * @example
 * const m = planMetrics(instance, plan);
 * m.staffing.filter((d) => d.slots.some((s) => !s.ok));   // home departments below their minimum
 */
export function planMetrics(instance: Instance, plan: Plan): PlanMetrics {
  const { ctx, ledger } = judge(instance, plan);
  const n = ctx.slots.count;
  const range = <T>(f: (k: number) => T) => Array.from({ length: n }, (_, k) => f(k));
  const staffing = instance.units.flatMap((u) => (u.departments ?? []).map((d) => ({ unit: u.id, dept: d.dept, slots: range((k) => onDutyAt(ledger, u.id, d, k)) })));
  const teams = (instance.teams ?? []).map((team) => ({ team: team.id, slots: range((k) => teamAt(ledger, team, k)) }));
  const hosted = ledger.resources("seat").map((r) => ({ unit: r.unit, dept: r.dept, slots: range((k) => ({ n: ledger.at(r, k), capacity: ctx.capacity(r.unit, r.dept, k) })) }));
  const spent = spentOf(ctx, plan);
  const budgets = new Map(instance.programmes.filter((p) => p.budget).map((p) => [p.id, { spent: spent.get(p.id) ?? 0, ok: withinBudget(p, spent.get(p.id) ?? 0) }]));
  const coverage = new Map(
    instance.programmes.map((p) => {
      const byHome = placementsByHome(ctx, plan, p);
      return [p.id, (p.coverage ?? []).map((row) => ({ units: coveredUnits(ctx, p, row).map((unit) => ({ unit, placed: byHome.get(unit) ?? 0 })) }))];
    }),
  );
  const residency = residencyMetrics(instance, plan);
  return { staffing, teams, hosted, quotas: quotaStatus(ctx, plan), budgets, coverage, supportSlots: supportSlots(ctx, plan), ...(residency ? { residency } : {}) };
}

/**
 * The residency figures and counts of a plan (SPEC §10), from the rules and the plan's
 * ledger; undefined when the instance has no residents.
 *
 * @example
 * const r = residencyMetrics(instance, plan);
 * r?.figures.service.filter((s) => s.got < s.needed);   // service rows short of their minimum
 * r?.serviceShort;                                       // resident-months the objective prices as short
 */
export function residencyMetrics(instance: Instance, plan: Plan): ResidencyMetrics | undefined {
  const { ctx, ledger } = judge(instance, plan);
  if (!instance.trainees.some((t) => isResident(ctx, t))) return undefined;
  const n = ctx.slots.count;
  const range = (f: (k: number) => number) => Array.from({ length: n }, (_, k) => f(k));
  const figures: ResidencyFigures = {
    present: (unit, dept) => presentAt(ctx, ledger, unit, dept),
    seats: (unit, dept) => range((k) => ledger.at({ kind: "seat", unit, dept }, k)),
    capacity: (unit, dept) => range((k) => ctx.capacity(unit, dept, k)),
    service: serviceStatus(ctx, ledger),
    managers: managersStatus(ctx, plan),
  };
  return residencyCounts(ctx, plan, figures);
}
