/**
 * `verifyPlan`: an independent check of a plan against every rule of SPEC §5
 * (and §9), with the §7 objective computed on the plan. It never calls the
 * solver and shares no state with it: each rule module's `check` reads the
 * plan's ledger of uses.
 */
import { describeValue, expectObject, expectOptions } from "./model/args.js";
import { UsageError } from "./model/errors.js";
import { ensureValid } from "./model/parse.js";
import { PLAN_FORMAT, planFormat, planShape, sameShortfalls } from "./model/planformat.js";
import type { Instance, Plan, Shortfall, Violation } from "./model/types.js";
import { contextOf } from "./rules/context.js";
import { RULES, RULE_CODES } from "./rules/index.js";
import { ledgerOf } from "./rules/ledger.js";
import { changedTrainees, objectiveOf } from "./rules/objective.js";
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
  /** Whether the plan's `shortfalls` are exactly the soft rows short on it, with their `needed` and `got` (§6). */
  readonly shortfallsMatch: boolean;
  /** With a baseline in the instance: the trainees the plan changes against it (SPEC §11.1), whose cost the objective includes. */
  readonly changes?: number;
  /** Things allowed but most likely not meant (never make a plan invalid): e.g. `changes` ≠ 0 on a plan of an instance without baseline (SPEC §11 reading 4). */
  readonly warnings: readonly { readonly path: string; readonly message: string }[];
}

export interface VerifyOptions {
  /** Only these rule codes (default: all, and `PLAN-FORMAT`: the plan's own form, SPEC §6). */
  readonly rules?: readonly string[];
  /** The language of the violation messages: `zh` (default; names and Chinese labels) or `en` (ids and codes). */
  readonly lang?: Lang;
}

/**
 * Whether two objective values are equal in the sense of SPEC §5 (1e-6 relative).
 *
 * @example
 * sameObjective(8783, 8783.000001); // true
 */
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
  expectObject("verifyPlan", "instance", instance, "an instance object (parse it with parseInstance)");
  expectObject("verifyPlan", "plan", plan, "a plan object (parse it with parsePlan)");
  expectOptions("verifyPlan", options, ["rules", "lang"]);
  const only = options?.rules;
  if (only !== undefined) {
    if (!Array.isArray(only)) throw new UsageError(`verifyPlan: options.rules must be a list of rule codes, got ${describeValue(only)}`);
    only.forEach((c, i) => {
      if (c !== PLAN_FORMAT && !(RULE_CODES as readonly string[]).includes(c))
        throw new UsageError(`verifyPlan: options.rules[${i}] must be a rule code (${[...RULE_CODES, PLAN_FORMAT].join(", ")}), got ${describeValue(c)}`);
    });
  }
  const lang = options?.lang;
  if (lang !== undefined && lang !== "zh" && lang !== "en") throw new UsageError(`verifyPlan: options.lang must be "zh" or "en", got ${describeValue(lang)}`);
  ensureValid(instance, "verifyPlan");
  // The plan's own form first; malformed entries are left out of every other rule.
  const shape = planShape(plan as unknown as Record<string, unknown>);
  const clean = shape.clean;
  const j = judge(instance, clean, lang);
  const violations: Violation[] = [];
  for (const rule of RULES) if (!only || only.includes(rule.code)) violations.push(...rule.check(j));
  const shortfalls = RULES.flatMap((r) => r.shortfalls?.(j) ?? []);
  const objective = objectiveOf(j.ctx, clean, shortfalls);
  const changes = instance.baseline ? changedTrainees(j.ctx, clean).length : undefined;
  if (!only || only.includes(PLAN_FORMAT)) violations.unshift(...shape.violations, ...planFormat(instance, clean, objective, changes));
  const warnings: { path: string; message: string }[] = [];
  if (!instance.baseline && clean.changes !== undefined && clean.changes !== 0)
    warnings.push({ path: "changes", message: lang === "en" ? `the plan states ${clean.changes} change(s) but the instance has no baseline; it is ignored` : `方案写明变更 ${clean.changes} 人，但实例没有原计划（baseline），此数不计` });
  return {
    valid: violations.length === 0, violations, objective, shortfalls, warnings,
    objectiveMatches: sameObjective(objective, clean.objective), shortfallsMatch: sameShortfalls(clean.shortfalls, shortfalls),
    ...(changes !== undefined ? { changes } : {}),
  };
}
