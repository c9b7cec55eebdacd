/**
 * The rule registry: every rule family of SPEC §5, §9 and §10, in the tables'
 * order (the §10 rules last, so a 进修 model's rows keep their order).
 */
import { budgetRule } from "./budget.js";
import { capacityRule } from "./capacity.js";
import { curriculumRule } from "./curriculum.js";
import { managersRule } from "./managers.js";
import { serviceRule } from "./service.js";
import { siteRule } from "./site.js";
import { coverageRule } from "./coverage.js";
import { deptRule } from "./dept.js";
import { durationRule } from "./duration.js";
import { eligibleRule } from "./eligible.js";
import { mentorRule } from "./mentor.js";
import { onceRule } from "./once.js";
import { pinnedRule } from "./pinned.js";
import { quotaRule } from "./quota.js";
import { receiverRule } from "./receiver.js";
import { rotationRule } from "./rotation.js";
import type { Rule, RuleCode } from "./rule.js";
import { staffingRule } from "./staffing.js";
import { supportRule } from "./support.js";
import { teamRule } from "./team.js";
import { windowRule } from "./window.js";

export const RULES: readonly Rule[] = [
  onceRule, eligibleRule, receiverRule, deptRule, durationRule, windowRule, capacityRule, mentorRule,
  staffingRule, supportRule, teamRule, quotaRule, coverageRule, budgetRule, pinnedRule, rotationRule,
  curriculumRule, siteRule, serviceRule, managersRule,
];

/** Every rule code a verifier can report. */
export const RULE_CODES: readonly RuleCode[] = RULES.map((r) => r.code);

export type { Rule, RuleCode } from "./rule.js";
