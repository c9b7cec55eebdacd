/**
 * The numbers and verdicts a report shows, taken from the rule modules and the
 * plan's ledger — never recomputed by a report: per-slot occupancy of
 * receiving departments, who is on duty at home (上修下沉) and in family-doctor
 * teams, quota counts and their verdicts, spending, coverage, support slots.
 */
import type { Instance, Plan } from "../model/types.js";
import { spentOf, withinBudget } from "../rules/budget.js";
import { coveredUnits, placementsByHome } from "../rules/coverage.js";
import { supportSlots } from "../rules/objective.js";
import { type QuotaStatus, quotaStatus } from "../rules/quota.js";
import { type OnDuty, onDutyAt } from "../rules/staffing.js";
import { teamAt } from "../rules/team.js";
import { judge } from "../verify.js";

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
  return { staffing, teams, hosted, quotas: quotaStatus(ctx, plan), budgets, coverage, supportSlots: supportSlots(ctx, plan) };
}
