/**
 * `verifyPlan`: an independent check of a plan against every rule of SPEC §5
 * (and §9), with the §7 objective computed on the plan. It never calls the
 * solver and shares no state with it.
 */
import { ensureValid } from "./model/parse.js";
import type { Instance, Plan, Shortfall, Violation } from "./model/types.js";
import { type Context, contextOf } from "./rules/context.js";
import { coverageShortfalls } from "./rules/coverage.js";
import { RULES } from "./rules/index.js";
import { quotaShortfalls } from "./rules/quota.js";
import { resolved } from "./rules/types.js";

export interface Verification {
  /** No violation of any §5 rule. */
  readonly valid: boolean;
  readonly violations: readonly Violation[];
  /** §7 objective evaluated on the plan. */
  readonly objective: number;
  /** Soft quota and coverage rows that are short (§6). */
  readonly shortfalls: readonly Shortfall[];
  /** Whether the plan's stated `objective` equals the formula (within 1e-6 relative). */
  readonly objectiveMatches: boolean;
}

export interface VerifyOptions {
  /** Only these rule codes (default: all). */
  readonly rules?: readonly string[];
}

/** §7: Σ value(p) − supportCost·Σ count×slots − shortfall·Σ units short. */
export function objectiveOf(ctx: Context, plan: Plan, shortfalls: readonly Shortfall[]): number {
  let obj = 0;
  for (const { t, p } of resolved(ctx, plan)) obj += ctx.value(t, p);
  let supportSlots = 0;
  for (const s of plan.support ?? []) {
    const [a, b] = ctx.span(s.start, s.end);
    supportSlots += s.count * Math.max(0, b - a);
  }
  obj -= ctx.weights.supportCost * supportSlots;
  obj -= ctx.weights.shortfall * shortfalls.reduce((s, x) => s + (x.needed - x.got), 0);
  return obj;
}

/** Whether two objective values are equal in the sense of SPEC §5 (1e-6 relative). */
export function sameObjective(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * Checks a plan against an instance.
 *
 * @example
 * const { valid, violations } = verifyPlan(parseInstance(inst), parsePlan(plan));
 * for (const v of violations) console.log(v.code, v.message);
 */
export function verifyPlan(instance: Instance, plan: Plan, options: VerifyOptions = {}): Verification {
  ensureValid(instance, "verifyPlan");
  const ctx = contextOf(instance);
  const violations: Violation[] = [];
  for (const rule of RULES) if (!options.rules || options.rules.includes(rule.code)) violations.push(...rule.check(ctx, plan));
  const shortfalls = [...quotaShortfalls(ctx, plan), ...coverageShortfalls(ctx, plan)];
  const objective = objectiveOf(ctx, plan, shortfalls);
  return { valid: violations.length === 0, violations, objective, shortfalls, objectiveMatches: sameObjective(objective, plan.objective) };
}
