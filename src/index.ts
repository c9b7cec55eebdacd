/** jinxiu — placements for medical refresher training (进修). The public API. */
export * from "./model/types.js";
export { parseInstance, parsePlan, checkInstance } from "./model/parse.js";
export { instanceWarnings } from "./model/warnings.js";
export { LIMITS } from "./model/schema.js";
export { InstanceError, PlanError, UsageError, InternalError, JinxiuError, formatIssues, type Issue } from "./model/errors.js";
export { verifyPlan, sameObjective, type Verification, type VerifyOptions } from "./verify.js";
export { RULE_CODES, type RuleCode } from "./rules/index.js";
export {
  label, labelWithCode, deptLabel, hasLabel, DEPT_LABELS, REASON_LABELS, RULE_LABELS, OUTCOME_LABELS, TIER_LABELS, KIND_LABELS,
  TITLE_LABELS, LICENSE_LABELS, CATEGORY_LABELS, PRACTICE_LABELS, SEX_LABELS, EDUCATION_LABELS, RELATION_LABELS, STATUS_LABELS,
  type Lang, type Label, type LabelTable,
} from "./model/labels.js";
export { buildNetwork, type Network } from "./network/index.js";
export { slotsOf, addDuration, yearsBetween, type Slots } from "./calendar/index.js";
export { highsBackend } from "./solve/highs.js";
export { jslpBackend } from "./solve/jslp.js";
export { solve, solveDetailed, type SolveOptions, type SolvePhase, type SolveProgress, type SolveStats, type Backend, type BackendResult } from "./solve/index.js";
export type { LinearModel } from "./solve/model.js";
export { summarizePlan } from "./report/summary.js";
export { planMetrics, type PlanMetrics } from "./report/metrics.js";
export type { ResidencyFigures, ResidencyForms, ResidencyMetrics } from "./report/residency.js";
export { serializePlan } from "./report/serialize.js";
export { buildForms, DEFAULT_DEPT_GROUPS, DEFAULT_DEPT_NAMES, type Forms, type FormsOptions, type Table } from "./report/forms.js";
export { formsToXlsx, tablesToXlsx } from "./report/xlsx.js";
export { formsToCsv } from "./report/csv.js";
export { renderHtmlReport } from "./report/html.js";
export { diff, changedFields, DIFF_FIELDS, type PlanDiff, type TraineeChange, type DiffField } from "./plan/diff.js";
export { diffSummary, changeNotice } from "./report/diff.js";
export { recommend, type Recommendation, type RecommendOptions } from "./plan/recommend.js";
export { bottlenecks, bottleneckCandidates, type Bottleneck, type BottleneckOptions } from "./plan/bottlenecks.js";
export { whatif, scenarioInstance, type Scenario, type ScenarioResult, type WhatIfOptions } from "./plan/whatif.js";
export { yearlyViews, calendarYears, type YearlyViews, type YearView, type ProgrammeYear, type QuotaProgress } from "./report/yearly.js";
export { instanceToWorkbook, workbookToInstance, hasResidency, traineesFromCsv, type WorkbookOptions, type CsvOptions, type CsvResult } from "./io/index.js";
