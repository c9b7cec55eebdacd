/** Every rule family of SPEC §5 and §9, hard rules in the table's order. */
import { checkBudget } from "./budget.js";
import { checkCapacity } from "./capacity.js";
import { checkCoverage } from "./coverage.js";
import { checkDept } from "./dept.js";
import { checkDuration } from "./duration.js";
import { checkEligible } from "./eligible.js";
import { checkMentor } from "./mentor.js";
import { checkOnce } from "./once.js";
import { checkPinned } from "./pinned.js";
import { checkQuota } from "./quota.js";
import { checkReceiver } from "./receiver.js";
import { checkRotation } from "./rotation.js";
import { checkStaffing } from "./staffing.js";
import { checkSupport } from "./support.js";
import { checkTeam } from "./team.js";
import type { Check } from "./types.js";
import { checkWindow } from "./window.js";

export const RULES: readonly { readonly code: string; readonly check: Check }[] = [
  { code: "R-ONCE", check: checkOnce },
  { code: "R-ELIGIBLE", check: checkEligible },
  { code: "R-RECEIVER", check: checkReceiver },
  { code: "R-DEPT", check: checkDept },
  { code: "R-DURATION", check: checkDuration },
  { code: "R-WINDOW", check: checkWindow },
  { code: "R-CAPACITY", check: checkCapacity },
  { code: "R-MENTOR", check: checkMentor },
  { code: "R-STAFFING", check: checkStaffing },
  { code: "R-SUPPORT", check: checkSupport },
  { code: "R-TEAM", check: checkTeam },
  { code: "R-QUOTA", check: checkQuota },
  { code: "R-COVERAGE", check: checkCoverage },
  { code: "R-BUDGET", check: checkBudget },
  { code: "R-PINNED", check: checkPinned },
  { code: "R-ROTATION", check: checkRotation },
];

/** Every rule code a verifier can report. */
export const RULE_CODES = RULES.map((r) => r.code);
