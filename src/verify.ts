/**
 * `verifyPlan`: an independent check of a plan against every rule of SPEC §5
 * (and §9), with the §7 objective computed on the plan. It never calls the
 * solver and shares no state with it: each rule module's `check` reads the
 * plan's ledger of uses.
 */
import { ensureValid } from "./model/parse.js";
import type { Instance, Plan, Shortfall, Violation } from "./model/types.js";
import { contextOf } from "./rules/context.js";
import { RULES } from "./rules/index.js";
import { ledgerOf } from "./rules/ledger.js";
import { objectiveOf } from "./rules/objective.js";
import type { Judgement } from "./rules/rule.js";
import { type Lang, wordsOf } from "./rules/words.js";

export { objectiveOf } from "./rules/objective.js";

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
  /** The language of the violation messages: `zh` (default; names and Chinese labels) or `en` (ids and codes). */
  readonly lang?: Lang;
}

/** Whether two objective values are equal in the sense of SPEC §5 (1e-6 relative). */
export function sameObjective(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** The judgement of a plan: what every rule's `check` and `shortfalls` read. */
export function judge(instance: Instance, plan: Plan, lang: Lang = "zh"): Judgement {
  const ctx = contextOf(instance);
  return { ctx, plan, ledger: ledgerOf(ctx, plan), w: wordsOf(ctx, lang) };
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
  const j = judge(instance, plan, options.lang);
  const violations: Violation[] = [];
  for (const rule of RULES) if (!options.rules || options.rules.includes(rule.code)) violations.push(...rule.check(j));
  const shortfalls = RULES.flatMap((r) => r.shortfalls?.(j) ?? []);
  const objective = objectiveOf(j.ctx, plan, shortfalls);
  return { valid: violations.length === 0, violations, objective, shortfalls, objectiveMatches: sameObjective(objective, plan.objective) };
}
