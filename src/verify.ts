/**
 * `verifyPlan`: an independent check of a plan against every rule of SPEC §5
 * (and §9), with the §7 objective computed on the plan. It never calls the
 * solver and shares no state with it.
 */
import { describeValue, expectObject, expectOptions } from "./model/args.js";
import { UsageError } from "./model/errors.js";
import { ensureValid } from "./model/parse.js";
import { PLAN_FORMAT, planFormat, planShape, sameShortfalls } from "./model/planformat.js";
import type { Instance, Plan, Shortfall, Violation } from "./model/types.js";
import { type Context, contextOf } from "./rules/context.js";
import { coverageShortfalls } from "./rules/coverage.js";
import { RULES, RULE_CODES } from "./rules/index.js";
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
  /** Whether the plan's `shortfalls` are exactly the soft rows short on it, with their `needed` and `got` (§6). */
  readonly shortfallsMatch: boolean;
}

export interface VerifyOptions {
  /** Only these rule codes (default: all, and `PLAN-FORMAT`: the plan's own form, SPEC §6). */
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
  expectObject("verifyPlan", "instance", instance, "an instance object (parse it with parseInstance)");
  expectObject("verifyPlan", "plan", plan, "a plan object (parse it with parsePlan)");
  expectOptions("verifyPlan", options, ["rules"]);
  const only = options?.rules;
  if (only !== undefined) {
    if (!Array.isArray(only)) throw new UsageError(`verifyPlan: options.rules must be a list of rule codes, got ${describeValue(only)}`);
    only.forEach((c, i) => {
      if (c !== PLAN_FORMAT && !RULE_CODES.includes(c)) throw new UsageError(`verifyPlan: options.rules[${i}] must be a rule code (${[...RULE_CODES, PLAN_FORMAT].join(", ")}), got ${describeValue(c)}`);
    });
  }
  ensureValid(instance, "verifyPlan");
  const ctx = contextOf(instance);
  // The plan's own form first; malformed entries are left out of every other rule.
  const shape = planShape(plan as unknown as Record<string, unknown>);
  const clean = shape.clean;
  const violations: Violation[] = [];
  for (const rule of RULES) if (!only || only.includes(rule.code)) violations.push(...rule.check(ctx, clean));
  const shortfalls = [...quotaShortfalls(ctx, clean), ...coverageShortfalls(ctx, clean)];
  const objective = objectiveOf(ctx, clean, shortfalls);
  if (!only || only.includes(PLAN_FORMAT)) violations.unshift(...shape.violations, ...planFormat(instance, clean, objective));
  return {
    valid: violations.length === 0, violations, objective, shortfalls,
    objectiveMatches: sameObjective(objective, clean.objective), shortfallsMatch: sameShortfalls(clean.shortfalls, shortfalls),
  };
}
