/**
 * `renderHtmlReport`: a plan as ONE self-contained HTML page for a
 * health-commission planner — header and summary figures, a Gantt chart of the
 * placements by receiving hospital and department (rotations as segments), a
 * staffing heatmap of the sending units (上修下沉), quota / coverage / budget
 * bars against their targets, the support sent down, the unplaced trainees
 * with their reasons, and per receiving hospital a printable 接收名单 (who
 * arrives when, in which department, with which mentor). When the calendar's
 * slots fall in two or more calendar years, a per-year section (分年度) follows
 * the targets (see yearly.ts).
 *
 * With residents (SPEC §10), two sections come first: a heatmap of each
 * department's residents per month against its service rows and its capacity
 * (the verdicts of R-SERVICE's `serviceStatus` and of the ledger's seats, via
 * planMetrics' `residency`; a grouped column shows its worst month), with each
 * department's roster one tap away (a `:target` box, no script: who rotates
 * there when, each name a link), and the managers per base; then every
 * resident's schedule (by base, specialty and cohort: the rotations in order
 * with their mentors, or why the resident is not scheduled). A report of residents alone leaves out the 进修 sections.
 *
 * Words: Chinese by default, English with `lang: "en"`; units, regions, trainees
 * and mentors by name, codes by their labels (src/model/labels.ts), filters and
 * quotas in words. Every lookup by a user-given string goes through a Map.
 *
 * Works on a phone (planners share it in WeChat): below 700 px the layout
 * narrows, the Gantt scrolls sideways inside its card with the names column
 * sticky, tables scroll inside their cards, and mentors and details are written
 * out (nothing needs a hover).
 *
 * Stays small on any calendar: beyond {@link MAX_COLUMNS} slots the Gantt's time
 * axis and the heatmap's columns group slots into months, quarters, years or
 * decades (the heatmap cell of a group shows its tightest slot).
 *
 * The page loads nothing at view time: inline CSS only, no scripts, no fonts,
 * no images, and a Content-Security-Policy that forbids every fetch. Every piece
 * of instance or plan text is escaped. The output depends only on the arguments
 * (no clock, no randomness), so the same plan gives the same bytes.
 *
 * Stable `data-testid` hooks: `summary-placed`, `summary-unplaced`,
 * `summary-trainees`, `summary-support`, `summary-budget`, `gantt`, `gantt-bar`
 * (`data-trainee`), `gantt-segment`, `gantt-mentor`, `heatmap`, `heatmap-row`,
 * `heatmap-cell` (`data-state` = `below` | `at` | `above`), `quota-bar`
 * (`data-count`), `quota-count`, `coverage-bar`, `budget-bar`, `support-row`,
 * `unplaced`, `unplaced-row`, `conflict`, `receiving`, `receiving-unit`
 * (`data-unit`), `receiving-row` (`data-trainee`); on a multi-year calendar
 * `yearly`, `yearly-row` (`data-programme`, `data-metric`, `data-flag`,
 * `data-quota`) with `yearly-cell` (`data-year`, `data-value`); with residents
 * `summary-residents`, `summary-residents-unplaced`, `summary-service-short`,
 * `service-heatmap`, `service-row` (`data-unit`, `data-dept`), `service-cell`
 * (`data-slot`, `data-state` = `over` | `hard` | `short` | `at` | `above` |
 * `free` | `idle`, `data-present`, `data-seats`, `data-capacity`, `data-min`),
 * `roster` (`data-unit`, `data-dept`), `roster-row` (`data-trainee`), `managers`,
 * `managers-row` (`data-base`, `data-scheduled`, `data-limit`, `data-ok`),
 * `residents`, `resident` (`data-trainee`, `data-state` = `scheduled` |
 * `unplaced`), `resident-rotation` (`data-unit`, `data-dept`, `data-start`, `data-end`).
 */
import { subDays } from "date-fns";
import { toDate, toIso } from "../calendar/index.js";
import { KIND_LABELS, type Lang, REASON_LABELS, REGION_FLAG_LABELS, STATUS_LABELS, TIER_LABELS, curriculumLabel, label } from "../model/labels.js";
import type { Instance, Placement, Plan, Programme, Quota, Trainee, Unit, Where } from "../model/types.js";
import { type Context, contextOf } from "../rules/context.js";
import { diff } from "../plan/diff.js";
import { spentOf, withinBudget } from "../rules/budget.js";
import { changeNotice } from "./diff.js";
import { residencyMetrics } from "./metrics.js";
import { coverageStatus } from "../rules/coverage.js";
import { ledgerOf } from "../rules/ledger.js";
import { supportSlots } from "../rules/objective.js";
import { quotaCounts, quotaStatus } from "../rules/quota.js";
import { onDutyAt } from "../rules/staffing.js";
import { teamAt } from "../rules/team.js";
import { segments } from "../rules/types.js";
import { type Names, coverageWords, namesOf, naturalCompare, receivingList, shortfallWords, whereWords, yearlyRowLabel } from "./words.js";
import {
  type ResidencyFigures, type ResidencyMetrics, type ResidentView, cohortLabel, isResidentOf, requirementLabel, residencyDepartments, residentViews, rotationCell,
} from "./residency.js";
import { spansSeveralYears, yearlyRows, yearlyViews } from "./yearly.js";

/** The label of a per-year row (it lives in words.ts; re-exported for callers of this module). */
export { yearlyRowLabel } from "./words.js";

export interface HtmlReportOptions {
  /** Page title; default: the programme names. */
  readonly title?: string;
  /** A stamp shown in the footer, e.g. `"2024-06-15 09:00"` (the report never reads the clock itself). */
  readonly generatedAt?: string;
  /**
   * Staffing heatmap rows where nobody is away and no support arrives are folded
   * into a collapsed section by default; `true` shows every row in the main table.
   */
  readonly expandStaffing?: boolean;
  /** Chinese (default) or English. */
  readonly lang?: Lang;
  /** The plan this one replaces (a re-plan, SPEC §11): the report then lists what changed, per receiving hospital (变更通知). */
  readonly before?: Plan;
}

/** Time columns of the Gantt axis and the heatmap, at most this many (slots are grouped beyond). */
export const MAX_COLUMNS = 60;

// ---------------------------------------------------------------------------
// Text helpers

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(s: unknown): string {
  return String(s)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;")
    .replace(/\r\n|\r|\n/g, "&#10;");
}
const esc = escapeHtml;

/** Attributes from a record, in insertion order; `undefined`/`false` are left out. */
function attrs(a: Record<string, string | number | boolean | undefined>): string {
  let out = "";
  for (const [k, v] of Object.entries(a)) {
    if (v === undefined || v === false) continue;
    out += v === true ? ` ${k}` : ` ${k}="${esc(v)}"`;
  }
  return out;
}

/** Whole numbers with thousands separators; others with at most two decimals. */
function num(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const neg = n < 0;
  const abs = Math.abs(n);
  const s = Number.isInteger(abs) ? String(abs) : abs.toFixed(2).replace(/\.?0+$/, "");
  const [int, frac] = s.split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${neg ? "−" : ""}${grouped}${frac ? `.${frac}` : ""}`;
}
const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;
/** A CSS percentage with fixed precision (deterministic). */
const cssPct = (x: number) => `${(Math.max(0, Math.min(1, x)) * 100).toFixed(4)}%`;

/** Inclusive last day of `[start, end)`, for people. */
const lastDay = (end: string) => toIso(subDays(toDate(end), 1));

/** Distinct colours for rotation segments, given to departments in sorted order. */
const PALETTE = ["#2563eb", "#c2410c", "#0d9488", "#9333ea", "#4d7c0f", "#be185d", "#0369a1", "#92400e", "#4338ca", "#475569", "#15803d", "#a21caf"];
function segmentColours(plan: Plan): Map<string, string> {
  const depts = new Set<string>();
  for (const p of plan.placements) for (const r of p.rotations ?? []) depts.add(r.dept);
  return new Map([...depts].sort().map((d, i) => [d, PALETTE[i % PALETTE.length]]));
}

// ---------------------------------------------------------------------------
// Styles

const CSS = `
*{box-sizing:border-box}
body{margin:0;background:#f4f6f8;color:#1f2937;font:14px/1.5 "PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
main{max-width:1440px;margin:0 auto;padding:20px 24px 40px}
.scroll{overflow-x:auto;max-width:100%;-webkit-overflow-scrolling:touch}
small.en,.en{color:#6b7280;font-size:11px;font-weight:400;letter-spacing:0}
h1{font-size:24px;margin:0 0 2px}
h2{font-size:18px;margin:0 0 4px;display:flex;align-items:baseline;gap:8px}
h3{font-size:15px;margin:14px 0 6px}
section{background:#fff;border:1px solid #e5e7eb;border-radius:10px;padding:16px 18px;margin:16px 0;box-shadow:0 1px 2px rgba(0,0,0,.04)}
.lead{color:#4b5563;margin:0 0 10px}
.meta{display:flex;flex-wrap:wrap;gap:6px 22px;color:#374151;margin:8px 0 0}
.meta b{font-weight:600}
nav{display:flex;gap:14px;flex-wrap:wrap;margin-top:10px;font-size:13px}
nav a{color:#1d4ed8;text-decoration:none}
.status{display:inline-block;border-radius:999px;padding:1px 10px;font-weight:600;font-size:13px}
.status.ok{background:#dcfce7;color:#166534}.status.warn{background:#fef3c7;color:#92400e}.status.bad{background:#fee2e2;color:#991b1b}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:12px;margin-top:14px}
.card{border:1px solid #e5e7eb;border-radius:10px;padding:10px 14px;background:#fafbfc}
.card .k{color:#4b5563;font-size:13px}
.card .v{font-size:28px;font-weight:700;line-height:1.2;color:#111827}
.card .s{color:#6b7280;font-size:12px}
.card.good{border-left:4px solid #16a34a}.card.warnc{border-left:4px solid #f59e0b}.card.info{border-left:4px solid #2563eb}
.callout{border-radius:8px;padding:8px 12px;margin:10px 0 0;font-size:13px}
.callout.warn{background:#fffbeb;border:1px solid #fcd34d}.callout.bad{background:#fef2f2;border:1px solid #fca5a5}
.legend{display:flex;flex-wrap:wrap;gap:14px;font-size:12px;color:#4b5563;margin:6px 0 10px;align-items:center}
.sw{display:inline-block;width:14px;height:14px;border-radius:3px;vertical-align:-2px;margin-right:4px;border:1px solid rgba(0,0,0,.08)}
/* Gantt */
.gantt{border:1px solid #e5e7eb;border-radius:8px;overflow-x:auto;max-width:100%;-webkit-overflow-scrolling:touch;--lw:340px}
.g-inner{min-width:calc(var(--lw) + var(--tw))}
.g-row{display:grid;grid-template-columns:var(--lw) minmax(0,1fr);border-top:1px solid #f0f1f3}
.g-row:first-child{border-top:0}
.g-label{padding:2px 10px;display:flex;align-items:center;flex-wrap:wrap;gap:0 6px;border-right:1px solid #e5e7eb;min-width:0;overflow:hidden;position:sticky;left:0;z-index:1;background:#fff}
.g-track{position:relative;min-height:28px;background-image:linear-gradient(to right,#eef0f3 1px,transparent 1px);background-size:var(--slot) 100%}
.g-head{background:#f8fafc;position:sticky;top:0;z-index:2;border-bottom:1px solid #d1d5db}
.g-head .g-label{font-weight:600;display:flex;align-items:flex-end;background:#f8fafc;z-index:3}
.g-head .g-track{min-height:0;height:40px}
.g-tick{position:absolute;top:0;bottom:0;border-left:1px solid #d1d5db;font-size:12px;padding-left:4px;white-space:nowrap;overflow:hidden}
.g-tick.m{height:20px;font-weight:600;color:#374151}
.g-tick.w{top:20px;height:20px;color:#6b7280;font-size:11px;border-left-color:#e5e7eb}
.g-tick.only{height:40px;display:flex;flex-direction:column;justify-content:center}
.g-unit{background:#eef2ff;border-top:2px solid #c7d2fe}
.g-unit .g-label{font-weight:700;color:#1e3a8a;padding:4px 10px;background:#eef2ff}
.g-unit .g-track{min-height:30px;background:none}
.g-dept{background:#f3f4f6;border-top:1px solid #e5e7eb}
.g-dept .g-label{padding-left:14px;font-weight:700;color:#111827;background:#f3f4f6}
.g-dept .g-label::before{content:"";display:inline-block;width:4px;height:14px;border-radius:2px;background:#3b82f6;margin-right:2px}
.g-row.p .g-label{padding-left:26px}
.g-dept .g-track{min-height:22px}
.g-use{position:absolute;top:2px;font-size:11px;color:#6b7280;text-align:center}
.g-use.full{color:#374151;font-weight:600}
.g-name{font-weight:600}
.g-name{flex:none}
.g-label .en{flex:none}
.g-sub{color:#6b7280;font-size:12px;flex-basis:100%;line-height:1.35;overflow-wrap:anywhere}
.g-mentor{color:#1e40af;font-size:12px;flex-basis:100%;line-height:1.35;overflow-wrap:anywhere}
.bar{position:absolute;top:3px;bottom:3px;border-radius:6px;background:#3b82f6;color:#fff;font-size:13px;font-weight:600;padding:0 8px;display:flex;align-items:center;overflow:hidden;white-space:nowrap;box-shadow:0 1px 2px rgba(0,0,0,.15);cursor:default}
.bar.pinned{background:#475569;outline:2px dashed #f59e0b;outline-offset:-2px}
.bar.rot{flex-direction:column;align-items:stretch;justify-content:flex-start;padding:2px 0 0;background:#1e3a8a}
.bar.rot .bar-name{padding:0 8px;font-size:12px;line-height:15px}
.segs{position:relative;flex:1;margin-top:2px}
.seg{position:absolute;top:0;bottom:0;color:#fff;font-size:11px;font-weight:500;padding:0 5px;overflow:hidden;white-space:nowrap;text-overflow:ellipsis;border-left:2px solid #fff;display:flex;align-items:center}
.seg:first-child{border-left:0}
.seg.main{font-weight:700;text-decoration:underline}
.g-row.rot .g-track{min-height:40px}
.g-row.p .bar{top:calc(50% - 13px);bottom:auto;height:26px}
.g-row.p.rot .bar{top:calc(50% - 19px);height:38px}
/* Heatmap */
.hm-wrap{overflow-x:auto}
table{border-collapse:collapse}
.hm{font-size:12px;width:100%}
.hm th,.hm td{border:1px solid #fff}
.hm thead th{vertical-align:bottom;background:#f8fafc;color:#374151;font-weight:600;padding:4px 2px;text-align:center;border-bottom:1px solid #d1d5db;white-space:nowrap}
.hm thead th.hd{text-align:left;padding:4px 10px}
.hm th.un{text-align:left;vertical-align:top;padding:5px 10px;width:260px;min-width:200px;font-weight:600;color:#1f2937;background:#fff;border-bottom:1px solid #e5e7eb}
.hm th.rl{text-align:left;padding:3px 10px;width:230px;min-width:200px;white-space:nowrap;background:#fff;font-weight:400;border-bottom:1px solid #f0f1f3}
.hm tr.first>*{border-top:2px solid #e5e7eb}
.hm th.rl .d{color:#111827}
.hm th.rl .u{display:none}
.hm th.rl .r{display:block;color:#6b7280;font-size:11px;line-height:1.2}
.hm td{text-align:center;min-width:30px;height:30px;font-variant-numeric:tabular-nums;font-weight:600;color:#1f2937;white-space:nowrap}
.hm td.above{background:#bbf7d0}.hm td.above2{background:#86efac}
.hm td.at{background:#fde68a}
.hm td.below{background:#dc2626;color:#fff}
.hm td.away{box-shadow:inset 0 -3px 0 rgba(30,64,175,.55)}
.hm .sup{display:inline-block;margin-left:3px;font-size:10px;font-weight:700;color:#fff;background:#2563eb;border-radius:4px;padding:0 3px;line-height:14px;vertical-align:1px}
details{margin-top:10px}
details>summary{cursor:pointer;color:#1d4ed8;font-size:13px;padding:4px 0}
/* Targets */
.tg{display:grid;grid-template-columns:minmax(260px,1.3fr) minmax(240px,1.6fr) minmax(230px,auto) 120px;gap:0 16px;align-items:center}
.tg>.tr{display:contents}
.tg .cell{padding:6px 0;border-top:1px solid #f0f1f3;align-self:stretch;display:flex;align-items:center;flex-wrap:wrap;gap:0 5px}
.tg .cell>.track{flex:1}
.tg .hd{align-self:end}
.tg .hd{font-size:12px;color:#6b7280;font-weight:600;padding:4px 0}
.track{position:relative;height:16px;background:#f1f5f9;border-radius:4px}
.fill{position:absolute;left:0;top:0;bottom:0;border-radius:4px;background:#22c55e}
.fill.short{background:#f59e0b}.fill.over{background:#dc2626}
.mark{position:absolute;top:-4px;bottom:-4px;width:0;border-left:2px solid #111827}
.mark.min{border-left:2px dashed #b45309}
.nums{font-variant-numeric:tabular-nums;white-space:nowrap}
.nums .big{font-size:16px;font-weight:700}
.chip{display:inline-block;border-radius:999px;padding:0 8px;font-size:12px;font-weight:600;white-space:nowrap}
.chip.soft{background:#f1f5f9;color:#475569;font-weight:400}
.chip.ok{background:#dcfce7;color:#166534}.chip.short{background:#fef3c7;color:#92400e}.chip.bad{background:#fee2e2;color:#991b1b}
.tr.short .cell:first-child{box-shadow:inset 4px 0 0 #f59e0b;padding-left:8px}
.tr.bad .cell:first-child{box-shadow:inset 4px 0 0 #dc2626;padding-left:8px}
.miss{flex-basis:100%;font-size:12px;color:#92400e;margin-top:2px;white-space:normal}
/* Tables */
.tbl{width:100%;font-size:13px}
.recv{margin-top:12px}
.recv h3{margin:0 0 6px}
.tbl th{background:#f8fafc;text-align:left;font-weight:600;color:#374151;padding:6px 8px;border-bottom:1px solid #d1d5db;white-space:nowrap}
.tbl td{padding:6px 8px;border-bottom:1px solid #f0f1f3;vertical-align:top}
.tbl tr:nth-child(even) td{background:#fcfcfd}
.code{display:inline-block;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:11px;background:#f1f5f9;border-radius:4px;padding:0 5px;color:#334155}
.reason{margin:2px 0}
.reason .zh{font-weight:600;margin-right:4px}
.msg{color:#4b5563;font-size:12px;overflow-wrap:anywhere}
.tbl td{overflow-wrap:anywhere}
.muted{color:#6b7280}
footer{color:#6b7280;font-size:12px;text-align:center;margin-top:20px}
/* Residency (住培): department occupancy against service level and capacity; residents' schedules */
.hm td.r-above{background:#bbf7d0}.hm td.r-at{background:#fde68a}.hm td.r-short{background:#f59e0b;color:#fff}
.hm td.r-hard{background:#dc2626;color:#fff}.hm td.r-over{background:#7c3aed;color:#fff}.hm td.r-free{background:#e0f2fe}.hm td.r-idle{background:#f8fafc;color:#9ca3af;font-weight:400}
.hm td a{color:inherit;text-decoration:none;display:block;min-height:24px;line-height:24px}
.hm th.rl a{color:#1d4ed8;text-decoration:none}
.roster{display:none;border:2px solid #2563eb;border-radius:8px;padding:8px 12px;margin:10px 0;background:#f8fbff}
.roster:target{display:block}
.roster h3{margin:0 0 4px}
.roster ul,.res ol{margin:4px 0 0;padding-left:18px}
.roster li{margin:2px 0;overflow-wrap:anywhere}
.res{border-top:1px solid #f0f1f3;padding:6px 0;scroll-margin-top:8px}
.res:target{background:#eff6ff;box-shadow:inset 4px 0 0 #2563eb;padding-left:8px}
.res-h{display:flex;flex-wrap:wrap;gap:0 8px;align-items:baseline}
.res ol.chain{display:flex;flex-wrap:wrap;gap:4px;list-style:none;padding:0;margin:4px 0 0}
.res ol.chain li{background:#eef2ff;border-radius:6px;padding:1px 6px;font-size:12px;overflow-wrap:anywhere;max-width:100%}
.res ol.chain li small{color:#4b5563}
.res ol.chain li.away{background:#ecfdf5}
.res ol.chain li.fixed{outline:1px dashed #f59e0b}
.grp{margin:12px 0 2px;font-size:14px;color:#1e3a8a}
@media (max-width:700px){
main{padding:8px 8px 24px}
section{padding:12px 10px;margin:10px 0;border-radius:8px}
h1{font-size:20px}h2{font-size:16px;flex-wrap:wrap}
.cards{grid-template-columns:repeat(2,minmax(0,1fr));gap:8px}
.card{padding:8px 10px}.card .v{font-size:22px}
.gantt{--lw:132px}
.g-label{padding:2px 6px;font-size:13px}
.g-row.p .g-label{padding-left:8px}
.g-dept .g-label{padding-left:6px}
.tg{display:block}
.tg>.tr{display:block;border-top:1px solid #e5e7eb;padding:6px 0}
.tg>.tr:first-child{display:none}
.tg .cell{border-top:0;padding:2px 0}
.hm th.un{display:none}
.hm th.rl{width:auto;min-width:104px;max-width:128px;white-space:normal;padding:3px 6px;position:sticky;left:0;z-index:1;box-shadow:1px 0 0 #e5e7eb}
.hm th.rl .u{display:block;font-size:11px;line-height:1.25;color:#1e3a8a;font-weight:600}
.hm thead th.rl{background:#f8fafc}
.tbl th,.tbl td{padding:5px 6px}
.meta{gap:4px 14px}
}
@media print{body{background:#fff}main{max-width:none;padding:0}section{box-shadow:none;break-inside:auto;border:0}.g-row,.tbl tr{break-inside:avoid}details{display:block}.gantt{overflow:visible}.scroll,.hm-wrap{overflow:visible}.recv{break-before:page}nav{display:none}}
`;

// ---------------------------------------------------------------------------
// Derived facts

/** A time column: slots `[from, to)` of the calendar, and its label. */
interface Column {
  readonly from: number;
  readonly to: number;
  /** Main label (HTML) and a second, smaller line (HTML, may be ""). */
  readonly label: string;
  readonly sub: string;
  /** Full description for a tooltip (plain text). */
  readonly title: string;
}

interface Facts {
  readonly ctx: Context;
  readonly n: number;
  readonly monthly: boolean;
  readonly pinned: ReadonlySet<string>;
  readonly colours: ReadonlyMap<string, string>;
  readonly lang: Lang;
  readonly names: Names;
  /** Time columns of the Gantt axis and the heatmap (one per slot unless the calendar is long). */
  readonly columns: readonly Column[];
  /** Whether a column groups several slots. */
  readonly grouped: boolean;
  /** SPEC §10: the residency figures and residents, when the instance has residents. */
  readonly res?: ResidencyFacts;
  /** Whether the 进修 sections are drawn: false only for an instance of residents alone with no placement. */
  readonly jinxiu: boolean;
}

/** What the residency sections show: the rules' figures, the residents in report order, the departments of the heatmap. */
interface ResidencyFacts {
  readonly figures: ResidencyFigures;
  readonly metrics: ResidencyMetrics;
  readonly views: readonly ResidentView[];
  readonly depts: readonly { readonly unit: string; readonly dept: string }[];
  /** Anchor of a resident's schedule: `r-<index in instance.trainees>` (safe whatever the id). */
  readonly anchor: ReadonlyMap<string, string>;
}

/** Chinese or English, by the report's language (both are HTML). */
const tr = (f: Pick<Facts, "lang">, zh: string, en: string) => (f.lang === "zh" ? zh : en);

/** Slot span of `[start, end)` clamped to the calendar. */
function spanOf(f: Facts, start: string, end: string): [number, number] {
  const [a, b] = f.ctx.span(start, end);
  return [Math.max(0, Math.min(a, f.n)), Math.max(0, Math.min(b, f.n))];
}

function slotUnit(f: Facts): string {
  return f.monthly ? tr(f, "月", "month") : tr(f, "周", "week");
}

const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * The time columns: one per slot when there are at most `max` slots; else slots grouped by
 * month (weekly calendars), quarter, year, or runs of 5, 10, 50, … years — the finest
 * grouping with at most `max` columns.
 */
function columnsOf(ctx: Context, lang: Lang, max: number): { columns: Column[]; grouped: boolean } {
  const b = ctx.slots.boundaries;
  const n = ctx.slots.count;
  const monthly = ctx.slots.granularity === "month";
  const zh = lang === "zh";
  const y = (k: number) => Number(b[k].slice(0, 4));
  const m = (k: number) => Number(b[k].slice(5, 7));
  if (n <= max) {
    const columns = Array.from({ length: n }, (_, k): Column => monthly
      ? { from: k, to: k + 1, label: zh ? `${m(k)}月` : MONTHS_EN[m(k) - 1], sub: String(y(k)), title: b[k].slice(0, 7) }
      : { from: k, to: k + 1, label: `${m(k)}/${Number(b[k].slice(8, 10))}`, sub: "", title: b[k] });
    return { columns, grouped: false };
  }
  type Level = { key: (k: number) => string; name: (k: number, j: number) => { label: string; sub: string } };
  const levels: Level[] = [];
  if (!monthly)
    levels.push({ key: (k) => b[k].slice(0, 7), name: (k) => ({ label: zh ? `${m(k)}月` : MONTHS_EN[m(k) - 1], sub: String(y(k)) }) });
  levels.push({
    key: (k) => `${y(k)}-Q${Math.floor((m(k) - 1) / 3) + 1}`,
    name: (k) => ({ label: `Q${Math.floor((m(k) - 1) / 3) + 1}`, sub: String(y(k)) }),
  });
  levels.push({ key: (k) => String(y(k)), name: (k) => ({ label: zh ? `${y(k)}年` : String(y(k)), sub: "" }) });
  for (const span of [5, 10, 50, 100, 500, 1000, 5000, 10000]) {
    levels.push({
      key: (k) => String(Math.floor(y(k) / span)),
      name: (k, j) => ({ label: `${y(k)}–${y(j - 1)}`, sub: zh ? "年" : "" }),
    });
  }
  for (const level of levels) {
    const columns: Column[] = [];
    let k = 0;
    while (k < n) {
      const key = level.key(k);
      let j = k + 1;
      while (j < n && level.key(j) === key) j++;
      const { label: l, sub } = level.name(k, j);
      columns.push({ from: k, to: j, label: l, sub, title: `${b[k]} … ${lastDay(b[j])}` });
      k = j;
      if (columns.length > max) break;
    }
    if (columns.length <= max) return { columns, grouped: true };
  }
  // Unreachable for calendars of real dates; one column for everything.
  return { columns: [{ from: 0, to: n, label: `${b[0]}…`, sub: "", title: `${b[0]} … ${lastDay(b[n])}` }], grouped: true };
}

function calendarText(inst: Instance, f: Facts): string {
  const c = inst.calendar;
  if (f.monthly) {
    const a = c.start.slice(0, 7), b = lastDay(c.end).slice(0, 7);
    const zh = (ym: string) => `${ym.slice(0, 4)}年${Number(ym.slice(5, 7))}月`;
    return tr(f, `${esc(zh(a))} – ${esc(zh(b))}（${f.n} 个月）`, `${esc(a)} – ${esc(b)} (${f.n} months)`);
  }
  return tr(f, `${esc(c.start)} – ${esc(lastDay(c.end))}（${f.n} 周）`, `${esc(c.start)} – ${esc(lastDay(c.end))} (${f.n} weeks)`);
}

/** A department's name, escaped. */
const deptHtml = (f: Facts, d: string) => esc(f.names.dept(d));

// ---------------------------------------------------------------------------
// Figures (computed from the plan; the wording below only presents them)

// Every number and verdict here comes from the rule modules and the plan's ledger
// (`rules/objective.ts`, `rules/budget.ts`, `rules/staffing.ts`, `rules/team.ts`,
// `rules/quota.ts`, `rules/coverage.ts`): the report only presents them.

/** Specialist-slots of support sent down, over the whole plan (the objective's support term). */
const supportSlotsOf = (f: Facts, plan: Plan): number => supportSlots(f.ctx, plan);

/** What a programme spends (R-BUDGET's own sum). */
const budgetUsed = (ctx: Context, plan: Plan, prog: Programme): number => spentOf(ctx, plan).get(prog.id) ?? 0;

/** Trainees hosted per receiving unit × dept × slot (rotations count in their own department): the ledger's seats. */
function hostedBySlot(f: Facts, plan: Plan): Map<string, number[]> {
  const ledger = ledgerOf(f.ctx, plan);
  const hosted = new Map<string, number[]>();
  for (const seat of ledger.resources("seat")) hosted.set(hostedKey(seat.unit, seat.dept), Array.from({ length: f.n }, (_, k) => ledger.at(seat, k)));
  return hosted;
}
const hostedKey = (unit: string, dept: string) => `${unit.length}:${unit}${dept}`;

/** One staffing row's figures per slot: on duty, the minimum, away and support, with names. */
interface StaffingSlots {
  readonly on: number[];
  /** The rule's verdict per slot (R-STAFFING's `onDutyAt`, R-TEAM's `teamAt`). */
  readonly ok: boolean[];
  readonly min: number;
  readonly away: number[];
  readonly support: number[];
  readonly who: string[][];
  readonly from: string[][];
}

/** On duty = staff − away + support (teams: no support), per slot, for every staffed department and team. */
function staffingBySlot(inst: Instance, plan: Plan, f: Facts): {
  depts: Map<string, StaffingSlots>; teams: Map<string, StaffingSlots>;
} {
  const { ctx, n } = f;
  const ledger = ledgerOf(ctx, plan);
  const slots = <T>(make: (k: number) => T) => Array.from({ length: n }, (_, k) => make(k));
  const traineeNames = (ids: readonly string[]) => ids.map((id) => ctx.trainees.get(id)?.name ?? id);
  // Who sends specialists to a department in a slot, with how many (names only: the counts are the ledger's).
  const senders = (unit: string, dept: string, k: number) =>
    (plan.support ?? []).filter((s) => s.to === unit && s.dept === dept && spanOf(f, s.start, s.end)[0] <= k && k < spanOf(f, s.start, s.end)[1]).map((s) => `${f.names.unit(s.from)} ×${s.count}`);
  const depts = new Map<string, StaffingSlots>();
  for (const u of inst.units)
    for (const d of u.departments ?? []) {
      const cells = slots((k) => onDutyAt(ledger, u.id, d, k));
      depts.set(hostedKey(u.id, d.dept), {
        on: cells.map((c) => c.onDuty), ok: cells.map((c) => c.ok), min: d.minOnDuty, away: cells.map((c) => c.away), support: cells.map((c) => c.support),
        who: slots((k) => traineeNames(ledger.who({ kind: "away", unit: u.id, dept: d.dept }, k))), from: slots((k) => senders(u.id, d.dept, k)),
      });
    }
  const teams = new Map<string, StaffingSlots>();
  for (const team of inst.teams ?? []) {
    const cells = slots((k) => teamAt(ledger, team, k));
    teams.set(team.id, {
      on: cells.map((c) => c.onDuty), ok: cells.map((c) => c.ok), min: team.minOnDuty, away: cells.map((c) => c.away), support: slots(() => 0),
      who: slots((k) => traineeNames(ledger.who({ kind: "team", team: team.id }, k))), from: slots(() => []),
    });
  }
  return { depts, teams };
}

/** Per quota row: its count and whether it is short, broken or met. */
interface QuotaState {
  readonly count: number;
  readonly total: number;
  readonly minShort: boolean;
  readonly overMax: boolean;
  readonly overShare: boolean;
  readonly bad: boolean;
  readonly short: boolean;
}

/** R-QUOTA's verdicts (`quotaStatus`), as the report shows them: broken (hard), short (soft) or met. */
function quotaStates(ctx: Context, plan: Plan): Map<string, QuotaState[]> {
  const status = quotaStatus(ctx, plan);
  const out = new Map<string, QuotaState[]>();
  for (const prog of ctx.instance.programmes)
    out.set(prog.id, (status.get(prog.id) ?? []).map((s) => {
      const bad = !s.maxOk || !s.shareOk || (!s.minOk && !s.soft);
      return { count: s.count, total: s.total, minShort: !s.minOk, overMax: !s.maxOk, overShare: !s.shareOk, bad, short: !bad && !s.minOk };
    }));
  return out;
}

/** Per coverage row: the units counted, placements per unit capped at `min`, the units missing (R-COVERAGE's own status). */
const coverageState = (ctx: Context, plan: Plan, prog: Programme, row: NonNullable<Programme["coverage"]>[number]) => coverageStatus(ctx, plan, prog, row);

// ---------------------------------------------------------------------------
// Sections

function header(inst: Instance, plan: Plan, f: Facts, title: string): string {
  const { ctx } = f;
  const st = plan.status;
  const cls = st === "optimal" ? "ok" : st === "infeasible" ? "bad" : "warn";
  const gap = plan.bound !== undefined ? Math.abs(plan.bound - plan.objective) / Math.max(1, Math.abs(plan.bound)) : undefined;
  const names = inst.programmes.map((p) => `<div>${esc(p.name ?? p.id)}</div>`).join("");

  const supportSlots = supportSlotsOf(f, plan);
  const su = slotUnit(f);
  let used = 0, cap = 0, hasBudget = false;
  for (const prog of inst.programmes) {
    if (!prog.budget) continue;
    hasBudget = true;
    cap += prog.budget.cap;
    used += budgetUsed(ctx, plan, prog);
  }
  // With residents (SPEC §10) the 进修 cards count 进修 trainees only; the residency cards count residents.
  const residents = new Set(f.res?.views.map((v) => v.t.id) ?? []);
  const unplaced = (plan.unplaced ?? []).filter((u) => !residents.has(u.trainee));
  const trainees = inst.trainees.length - residents.size;
  const card = (cls2: string, k: string, testid: string, value: string, sub: string) =>
    `<div class="card ${cls2}"><div class="k">${k}</div><div class="v" data-testid="${testid}">${value}</div><div class="s">${sub}</div></div>`;
  const byCode = new Map<string, number>();
  for (const u of unplaced) {
    const c = u.reasons[0]?.code ?? "";
    byCode.set(c, (byCode.get(c) ?? 0) + 1);
  }
  const codeSummary = [...byCode].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([c, k]) => `${esc(c === "" ? tr(f, "未说明原因", "no reason given") : label(REASON_LABELS, c, f.lang))} ${k}`).join(tr(f, "，", ", "));

  const share = trainees ? pct(plan.placements.length / trainees, 0) : "—";
  const cards = (!f.jinxiu ? [] : [
    card("good", tr(f, "已安排", "placed"), "summary-placed", String(plan.placements.length), tr(f, `占报名 ${share}`, `${share} of trainees`)),
    card(unplaced.length ? "warnc" : "good", tr(f, "未安排", "not placed"), "summary-unplaced", String(unplaced.length), codeSummary || tr(f, "无", "none")),
    card("info", tr(f, "报名学员", "trainees"), "summary-trainees", String(trainees), tr(f, `${inst.programmes.length} 个项目`, `${inst.programmes.length} programme(s)`)),
    card("info", tr(f, `下沉支援（人·${su}）`, `support (specialist-${su}s)`), "summary-support", num(supportSlots), tr(f, `${(plan.support ?? []).length} 条支援安排`, `${(plan.support ?? []).length} support row(s)`)),
    card(hasBudget && used > cap + 1e-9 ? "warnc" : "info", tr(f, "经费使用", "budget used"), "summary-budget",
      hasBudget ? `¥${num(used)}` : "—", hasBudget ? tr(f, `上限 ¥${num(cap)}（${pct(cap > 0 ? used / cap : 0)}）`, `cap ¥${num(cap)} (${pct(cap > 0 ? used / cap : 0)})`) : tr(f, "未设经费", "no budget")),
  ]).join("") + (f.res ? residencyCards(f, f.res, card) : "");

  let callouts = "";
  const shortfalls = plan.shortfalls ?? [];
  if (shortfalls.length) {
    const items = shortfalls.map((s) => `<li>${esc(shortfallWords(f.names, inst, s))}</li>`).join("");
    callouts += `<div class="callout warn"><b>${tr(f, "未达目标（软性要求，缺口计入目标函数）", "shortfalls — soft targets not met, priced in the objective")}</b><ul style="margin:4px 0 0;padding-left:20px">${items}</ul></div>`;
  }
  const conflicts = plan.conflicts ?? [];
  if (conflicts.length) {
    const items = conflicts.map((c) => `<li data-testid="conflict"${attrs({ "data-code": c.code })}><b>${esc(label(REASON_LABELS, c.code, f.lang))}</b>${tr(f, "：", ": ")}<span class="msg">${esc(c.message)}</span></li>`).join("");
    callouts += `<div class="callout bad"><b>${tr(f, "无法同时满足的硬性规则", "conflicts — why no valid plan exists")}</b><ul style="margin:4px 0 0;padding-left:20px">${items}</ul></div>`;
  }

  const sep = tr(f, "：", ": ");
  const nav = [
    ...(f.res ? [["residency", tr(f, "住培科室在岗", "Residents per department")], ["residents", tr(f, "住院医师轮转", "Residents' schedules")]] : []),
    ...(f.jinxiu ? [["gantt", tr(f, "进修甘特图", "Gantt")], ["staffing", tr(f, "派出单位在岗", "Staffing")], ["targets", tr(f, "名额与目标", "Targets")]] : []),
    ...(f.jinxiu && spansSeveralYears(inst) ? [["years", tr(f, "分年度", "Per year")]] : []),
    ...(f.jinxiu ? [["support", tr(f, "下沉支援", "Support")]] : []), ["unplaced", tr(f, "未安排名单", "Not placed")], ...(f.jinxiu ? [["receiving", tr(f, "接收名单", "Arrivals")]] : []),
  ].map(([id, text]) => `<a href="#${id}">${text}</a>`).join("");
  return `<header><section>
<div class="en" style="font-size:12px">${f.jinxiu ? tr(f, "进修安排方案报告", "Refresher-training placement report") : tr(f, "住院医师规范化培训轮转计划报告", "Residency rotation plan report")}</div>
<h1>${esc(title)}</h1>
${inst.programmes.length > 1 || title !== (inst.programmes[0]?.name ?? "") ? `<div class="lead">${names}</div>` : ""}
<div class="meta">
<span><b>${tr(f, "计划周期", "calendar")}</b>${sep}${calendarText(inst, f)}</span>
<span><b>${tr(f, "求解状态", "status")}</b>${sep}<span class="status ${cls}" data-testid="summary-status">${esc(label(STATUS_LABELS, st, f.lang))}</span></span>
<span><b>${tr(f, "目标值", "objective")}</b>${sep}<span data-testid="summary-objective">${esc(num(plan.objective))}</span></span>
<span><b>${tr(f, "上界", "bound")}</b>${sep}${plan.bound !== undefined ? esc(num(plan.bound)) : "—"}</span>
<span><b>${tr(f, "差距", "gap")}</b>${sep}${gap !== undefined ? esc(pct(gap, 2)) : "—"}${gap === 0 ? tr(f, "（已证明最优）", " (proven optimal)") : ""}</span>
</div>
<div class="cards">${cards}</div>
${callouts}
<nav>${nav}</nav>
</section></header>`;
}

/** Header cards of a plan with residents: scheduled, not scheduled, service resident-months short (the shortfall rows' own totals). */
function residencyCards(f: Facts, res: ResidencyFacts, card: (cls: string, k: string, testid: string, value: string, sub: string) => string): string {
  const { scheduled, unplaced, serviceShort: short, softRowsShort: rowsShort, residents } = res.metrics;
  return card("good", tr(f, "住培已排", "residents scheduled"), "summary-residents", String(scheduled), tr(f, `住院医师 ${residents} 人`, `of ${residents} residents`))
    + card(unplaced ? "warnc" : "good", tr(f, "住培未排", "residents not scheduled"), "summary-residents-unplaced", String(unplaced), unplaced ? tr(f, "见住院医师轮转计划", "see the schedules") : tr(f, "无", "none"))
    + card(short ? "warnc" : "good", tr(f, "服务缺口（人·月）", "service short (resident-months)"), "summary-service-short", num(short), tr(f, `${rowsShort} 条服务要求未达`, `${rowsShort} service row(s) short`));
}

/** The time axis header of the Gantt chart. */
function ganttHead(f: Facts): string {
  const { ctx, n } = f;
  const b = ctx.slots.boundaries;
  let ticks = "";
  const at = (c: Column) => `left:${cssPct(c.from / n)};width:${cssPct((c.to - c.from) / n)}`;
  if (f.monthly || f.grouped) {
    for (const c of f.columns)
      ticks += `<div class="g-tick only"${attrs({ style: at(c), title: c.title })}><span>${esc(c.label)}</span>${c.sub ? `<small class="en">${esc(c.sub)}</small>` : ""}</div>`;
  } else {
    let k = 0;
    while (k < n) {
      const ym = b[k].slice(0, 7);
      let j = k;
      while (j < n && b[j].slice(0, 7) === ym) j++;
      const text = tr(f, `${ym.slice(0, 4)}年${Number(ym.slice(5, 7))}月`, `${MONTHS_EN[Number(ym.slice(5, 7)) - 1]} ${ym.slice(0, 4)}`);
      ticks += `<div class="g-tick m" style="left:${cssPct(k / n)};width:${cssPct((j - k) / n)}">${esc(text)}</div>`;
      k = j;
    }
    for (const c of f.columns)
      ticks += `<div class="g-tick w"${attrs({ style: at(c), title: c.title })}>${Number(b[c.from].slice(8, 10))}</div>`;
  }
  return `<div class="g-row g-head"><div class="g-label">${tr(f, "接收医院 / 科室 / 学员", "host / department / trainee")}</div><div class="g-track">${ticks}</div></div>`;
}

function gantt(inst: Instance, plan: Plan, f: Facts): string {
  const { ctx, n } = f;
  // Group by receiving unit (instance order, unknown units last by id), then by main department.
  const unitOrder = new Map(inst.units.map((u, i) => [u.id, i]));
  const byUnit = new Map<string, Placement[]>();
  for (const p of plan.placements) byUnit.set(p.unit, [...(byUnit.get(p.unit) ?? []), p]);
  const units = [...byUnit.keys()].sort((a, b) => (unitOrder.get(a) ?? 1e9) - (unitOrder.get(b) ?? 1e9) || (a < b ? -1 : a > b ? 1 : 0));
  const hosted = hostedBySlot(f, plan);

  let rows = ganttHead(f);
  for (const uid of units) {
    const u = ctx.units.get(uid);
    const list = byUnit.get(uid)!;
    const deptOrder: string[] = [];
    for (const r of u?.receive ?? []) if (!deptOrder.includes(r.dept)) deptOrder.push(r.dept);
    const depts = [...new Set(list.map((p) => p.dept))].sort((a, b) => {
      const ia = deptOrder.indexOf(a), ib = deptOrder.indexOf(b);
      return (ia < 0 ? 1e9 : ia) - (ib < 0 ? 1e9 : ib) || (a < b ? -1 : a > b ? 1 : 0);
    });
    const badge = u ? ` <small class="en">${esc(label(TIER_LABELS, u.tier, f.lang))} · ${esc(label(KIND_LABELS, u.kind, f.lang))}</small>` : "";
    rows += `<div class="g-row g-unit" data-testid="gantt-unit"${attrs({ "data-unit": uid })}><div class="g-label">${esc(f.names.unit(uid))}${badge}</div><div class="g-track"><span class="g-use" style="left:8px;top:6px;font-size:12px;color:#1e3a8a;font-weight:600">${tr(f, `${list.length} 人进修`, `${list.length} trainee(s)`)}</span></div></div>`;
    for (const d of depts) {
      const ps = list.filter((p) => p.dept === d).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.trainee < b.trainee ? -1 : a.trainee > b.trainee ? 1 : 0));
      // Use vs capacity per column (a grouped column shows its peak).
      const use = hosted.get(hostedKey(uid, d)) ?? new Array<number>(n).fill(0);
      let uses = "";
      for (const c of f.columns) {
        let peak = 0, capMax = 0, full = false, any = false;
        for (let k = c.from; k < c.to; k++) {
          const cap = ctx.capacity(uid, d, k);
          if (cap === 0 && use[k] === 0) continue;
          any = true;
          peak = Math.max(peak, use[k]);
          capMax = Math.max(capMax, cap);
          if (use[k] >= cap) full = true;
        }
        if (!any) continue;
        const tip = tr(f, `${c.title}：在训 ${peak} / 容量 ${capMax}`, `${c.title}: hosted ${peak} / capacity ${capMax}`);
        uses += `<span${attrs({ class: `g-use${full ? " full" : ""}`, style: `left:${cssPct(c.from / n)};width:${cssPct((c.to - c.from) / n)}`, title: tip })}>${peak}/${capMax}</span>`;
      }
      rows += `<div class="g-row g-dept"><div class="g-label">${deptHtml(f, d)} <small class="en">· ${tr(f, `${ps.length} 人`, `${ps.length}`)}</small></div><div class="g-track">${uses}</div></div>`;
      for (const p of ps) rows += ganttRow(f, p);
    }
  }
  const legend = `<div class="legend">
<span><span class="sw" style="background:#3b82f6"></span>${tr(f, "进修时段", "placement")}</span>
<span><span class="sw" style="background:#2563eb"></span><span class="sw" style="background:#0d9488"></span>${tr(f, "轮转科室（下划线为主修科室）", "rotations, main department underlined")}</span>
<span><span class="sw" style="background:#475569;outline:2px dashed #f59e0b;outline-offset:-2px"></span>${tr(f, "已确定（预先锁定）", "pinned")}</span>
<span>${tr(f, `科室行中 “2/3” = 在训/容量${f.grouped ? "（每列取峰值）" : ""}`, `“2/3” in a department row = hosted / capacity${f.grouped ? " (peak of each column)" : ""}`)}</span>
</div>`;
  const cols = f.columns.length;
  const style = `--slot:${cssPct(1 / Math.max(1, n))};--tw:${Math.max(220, cols * (f.monthly || f.grouped ? 44 : 30))}px`;
  const body = plan.placements.length
    ? `<div class="gantt" data-testid="gantt" style="${style}"><div class="g-inner">${rows}</div></div>`
    : `<div class="gantt" data-testid="gantt"><p class="muted" style="padding:12px">${tr(f, "没有安排任何学员", "no placements")}</p></div>`;
  return `<section id="gantt"><h2>${tr(f, "进修安排甘特图", "Placements by receiving hospital and department")}</h2>
<p class="lead">${tr(f, "每行一名学员：左侧为姓名、派出单位与带教老师，色条为在接收医院进修的时段。手机上可左右滑动。", "One row per trainee: name, home unit and mentor on the left; the bar spans the training period. Swipe sideways on a phone.")}</p>
${legend}${body}</section>`;
}

function ganttRow(f: Facts, p: Placement): string {
  const { ctx, n, names } = f;
  const t = ctx.trainees.get(p.trainee);
  const name = names.trainee(p.trainee);
  const [a, b] = spanOf(f, p.start, p.end);
  const width = Math.max(0, b - a);
  const home = t ? `${names.unit(t.unit)} · ${names.dept(t.dept)}` : "";
  const prog = t ? ctx.programmes.get(t.programme) : undefined;
  const rot = p.rotations && p.rotations.length > 0;
  const pinned = f.pinned.has(p.trainee);
  const sep = tr(f, "：", ": ");
  const period = `${p.start} ${tr(f, "至", "to")} ${lastDay(p.end)}`;
  const mentorLine = rot
    ? p.rotations!.map((r) => `${names.dept(r.dept)}${r.mentor ? ` ${names.mentor(r.mentor)}` : ""}`).join(tr(f, " → ", " → "))
    : names.mentor(p.mentor);
  const tip = [
    `${name}${pinned ? tr(f, " · 已确定", " · pinned") : ""}`,
    t ? `${tr(f, "派出", "home")}${sep}${home}` : "",
    `${tr(f, "接收", "host")}${sep}${names.unit(p.unit)} ${names.dept(p.dept)}`,
    `${tr(f, "时间", "period")}${sep}${period}（${width} ${slotUnit(f)}）`,
    `${rot ? tr(f, "轮转", "rotations") : tr(f, "带教老师", "mentor")}${sep}${mentorLine || "—"}`,
    prog ? `${tr(f, "项目", "programme")}${sep}${prog.name ?? prog.id}` : "",
  ].filter(Boolean).join("\n");
  const common = {
    "data-testid": "gantt-bar", "data-trainee": p.trainee, "data-unit": p.unit, "data-dept": p.dept,
    "data-start": p.start, "data-end": p.end, "data-mentor": p.mentor,
    title: tip, style: `left:${cssPct(a / n)};width:${cssPct(width / n)}`,
  };
  let bar: string;
  if (rot) {
    let segs = "";
    for (const r of p.rotations!) {
      const [ra, rb] = spanOf(f, r.start, r.end);
      const rel = (x: number) => (width > 0 ? (x - a) / width : 0);
      const segTip = `${name} · ${names.dept(r.dept)}\n${r.start} ${tr(f, "至", "to")} ${lastDay(r.end)}（${rb - ra} ${slotUnit(f)}）\n${tr(f, "带教老师", "mentor")}${sep}${names.mentor(r.mentor) || "—"}`;
      segs += `<div${attrs({
        "class": `seg${r.dept === p.dept ? " main" : ""}`, "data-testid": "gantt-segment", "data-dept": r.dept, "data-mentor": r.mentor,
        title: segTip, style: `left:${cssPct(rel(ra))};width:${cssPct(rel(rb) - rel(ra))};background:${f.colours.get(r.dept) ?? PALETTE[0]}`,
      })}>${esc(names.dept(r.dept))}</div>`;
    }
    bar = `<div${attrs({ ...common, class: `bar rot${pinned ? " pinned" : ""}` })}><span class="bar-name">${esc(name)}</span><div class="segs">${segs}</div></div>`;
  } else {
    bar = `<div${attrs({ ...common, class: `bar${pinned ? " pinned" : ""}` })}>${esc(name)}</div>`;
  }
  const label = `<span class="g-name">${esc(name)}</span><span class="g-sub">${t ? `${tr(f, "来自", "from")} ${esc(home)}` : "&nbsp;"} · ${esc(period)}</span>`
    + `<span class="g-mentor" data-testid="gantt-mentor">${rot ? tr(f, "轮转", "rotations") : tr(f, "带教", "mentor")}${sep}${esc(mentorLine || "—")}</span>`;
  return `<div class="g-row p${rot ? " rot" : ""}"><div class="g-label">${label}</div><div class="g-track">${bar}</div></div>`;
}

interface HeatRow {
  /** Home unit id (rows of one unit are drawn together). */
  readonly unit: string;
  readonly unitLabel: string;
  /** `<tr>` attributes. */
  readonly attrs: string;
  /** The row's own label cell (department or team) and its slot cells. */
  readonly body: string;
  readonly affected: boolean;
}

/** Rows of one unit share a unit cell (rowspan). */
function heatRowsHtml(rows: readonly HeatRow[]): string {
  let out = "";
  for (let i = 0; i < rows.length; ) {
    let j = i;
    while (j < rows.length && rows[j].unit === rows[i].unit) j++;
    for (let k = i; k < j; k++) {
      const unitCell = k === i ? `<th class="un" scope="rowgroup" rowspan="${j - i}">${esc(rows[i].unitLabel)}</th>` : "";
      out += `<tr${rows[k].attrs}${k === i ? ' class="first"' : ""}>${unitCell}${rows[k].body}</tr>`;
    }
    i = j;
  }
  return out;
}

function heatmap(inst: Instance, plan: Plan, f: Facts, expand: boolean): string {
  const { names } = f;
  const grid = staffingBySlot(inst, plan, f);

  /** One cell per column: the column's tightest slot (lowest margin over the minimum). */
  const cells = (rowLabel: string, s: StaffingSlots, withSupport: boolean): string => {
    let out = "";
    for (const c of f.columns) {
      let k = c.from;
      for (let i = c.from + 1; i < c.to; i++) if (s.on[i] < s.on[k]) k = i;
      const aw = s.away[k], sp = s.support[k], on = s.on[k];
      let awayAny = false;
      for (let i = c.from; i < c.to; i++) if (s.away[i] > 0) awayAny = true;
      const margin = on - s.min;
      const below = !s.ok[k];
      const state = below ? "below" : margin === 0 ? "at" : "above";
      const cls = [below ? "below" : margin === 0 ? "at" : margin === 1 ? "above" : "above above2", awayAny ? "away" : ""].filter(Boolean).join(" ");
      const base = on + aw - sp;
      const tip = [
        `${c.title} · ${rowLabel}${f.grouped ? tr(f, "（本列最紧的时段）", " (tightest slot of the column)") : ""}`,
        tr(f, `在岗 ${on} = 编制 ${base} − 外出 ${aw}${withSupport ? ` + 支援 ${sp}` : ""}；最低 ${s.min}`, `on duty ${on} = staff ${base} − away ${aw}${withSupport ? ` + support ${sp}` : ""}; minimum ${s.min}`),
        aw && !f.grouped ? `${tr(f, "外出进修", "away")}${tr(f, "：", ": ")}${s.who[k].join(tr(f, "、", ", "))}` : "",
        sp && !f.grouped ? `${tr(f, "下沉支援", "support from")}${tr(f, "：", ": ")}${s.from[k].join(tr(f, "、", ", "))}` : "",
      ].filter(Boolean).join("\n");
      out += `<td${attrs({ "class": cls, "data-testid": "heatmap-cell", "data-state": state, "data-on-duty": on, "data-min": s.min, "data-away": aw, "data-support": sp, title: tip })}>${on}${sp ? `<span class="sup">+${sp}</span>` : ""}</td>`;
    }
    return out;
  };

  const rows: HeatRow[] = [];
  const anyOf = (xs: readonly number[]) => xs.some((x) => x > 0);
  const teamRow = (team: NonNullable<Instance["teams"]>[number], unitLabel: string) => {
    const s = grid.teams.get(team.id)!;
    const members = (team.members ?? []).map((m) => names.trainee(m));
    const who = members.length ? `${tr(f, "：", ": ")}${esc(members.slice(0, 3).join(tr(f, "、", ", ")))}${members.length > 3 ? tr(f, " 等", " …") : ""}` : "";
    const head = `<th class="rl" scope="row"><span class="u">${esc(unitLabel)}</span><span class="d">${tr(f, "家庭医生团队", "family-doctor team")}${who}</span><span class="r">${tr(f, `规模 ${team.size} · 最低 ${team.minOnDuty} · 不计支援`, `size ${team.size} · min ${team.minOnDuty} · support not counted`)}</span></th>`;
    rows.push({
      unit: team.unit, unitLabel, affected: anyOf(s.away),
      attrs: attrs({ "data-testid": "heatmap-row", "data-unit": team.unit, "data-team": team.id }),
      body: `${head}${cells(`${unitLabel} ${tr(f, "家庭医生团队", "family-doctor team")}`, s, false)}`,
    });
  };
  for (const u of inst.units) {
    const unitLabel = names.unit(u.id);
    for (const d of u.departments ?? []) {
      const s = grid.depts.get(`${u.id.length}:${u.id}${d.dept}`)!;
      const head = `<th class="rl" scope="row"><span class="u">${esc(unitLabel)}</span><span class="d">${deptHtml(f, d.dept)}</span><span class="r">${tr(f, `编制 ${d.staff} · 最低 ${d.minOnDuty}`, `staff ${d.staff} · min ${d.minOnDuty}`)}</span></th>`;
      rows.push({
        unit: u.id, unitLabel, affected: anyOf(s.away) || anyOf(s.support),
        attrs: attrs({ "data-testid": "heatmap-row", "data-unit": u.id, "data-dept": d.dept }),
        body: `${head}${cells(`${unitLabel} ${names.dept(d.dept)}`, s, true)}`,
      });
    }
    for (const team of (inst.teams ?? []).filter((x) => x.unit === u.id)) teamRow(team, unitLabel);
  }
  // Teams of units not in the instance (not in a valid instance, but drawn all the same).
  const known = new Set(inst.units.map((u) => u.id));
  for (const team of (inst.teams ?? []).filter((x) => !known.has(x.unit))) teamRow(team, team.unit);

  let thead = `<tr><th class="un hd">${tr(f, "派出单位", "home unit")}</th><th class="rl hd">${tr(f, "科室 / 团队", "department / team")}</th>`;
  for (const c of f.columns) thead += `<th${attrs({ title: c.title })}>${esc(c.label)}${c.sub ? `<br><small class="en">${esc(c.sub)}</small>` : ""}</th>`;
  thead += "</tr>";
  const table = (list: readonly HeatRow[], testid?: string) =>
    `<div class="hm-wrap"><table class="hm${f.monthly ? " month" : ""}"${testid ? ` data-testid="${testid}"` : ""}><thead>${thead}</thead><tbody>${heatRowsHtml(list)}</tbody></table></div>`;

  const shown = expand ? rows : rows.filter((r) => r.affected);
  const folded = expand ? [] : rows.filter((r) => !r.affected);
  const legend = `<div class="legend">
<span><span class="sw" style="background:#86efac"></span>${tr(f, "富余 ≥ 2 人", "2+ above minimum")}</span>
<span><span class="sw" style="background:#bbf7d0"></span>${tr(f, "富余 1 人", "1 above")}</span>
<span><span class="sw" style="background:#fde68a"></span>${tr(f, "恰好最低", "at the minimum")}</span>
<span><span class="sw" style="background:#dc2626"></span>${tr(f, "低于最低（有效方案中不应出现）", "below minimum — never in a valid plan")}</span>
<span><span class="sup" style="display:inline-block;font-size:10px;font-weight:700;color:#fff;background:#2563eb;border-radius:4px;padding:0 3px">+1</span> ${tr(f, "上级医院下沉支援人数", "specialists sent down")}</span>
<span><span class="sw" style="background:#fff;box-shadow:inset 0 -3px 0 rgba(30,64,175,.55)"></span>${tr(f, "有人外出进修", "someone away")}</span>
</div>`;
  const none = rows.length ? "" : `<p class="muted">${tr(f, "没有设定在岗人数要求的科室或团队", "no staffing rules")}</p>`;
  const foldedHtml = folded.length
    ? `<details><summary>${tr(f, `其余 ${folded.length} 个科室/团队全程无人外出、无需支援（展开查看）`, `${folded.length} more rows with nobody away — expand`)}</summary>${table(folded)}</details>`
    : "";
  const main = shown.length
    ? table(shown, "heatmap")
    : `<div data-testid="heatmap"><p class="muted">${tr(f, "没有学员外出的科室", "no department has anyone away")}</p></div>`;
  return `<section id="staffing"><h2>${tr(f, "派出单位在岗情况（上修下沉）", "Staffing of sending units")}</h2>
<p class="lead">${tr(f, `格内数字 = 在岗人数（编制 − 外出进修 + 下沉支援），与该科室最低在岗人数比较。家庭医生团队不计下沉支援。${f.grouped ? "日历较长，每列合并若干时段，显示其中最紧的一个。" : ""}`, `Cell = on duty (staff − away + support) against the minimum; family-doctor teams do not count support.${f.grouped ? " A long calendar: each column groups several slots and shows the tightest." : ""}`)}</p>
${legend}${none}${rows.length ? main : ""}${foldedHtml}</section>`;
}

/** A `where` filter in words, escaped. */
function describeWhere(f: Facts, w: Where | undefined): string {
  return esc(whereWords(f.names, w));
}

function quotaTarget(f: Facts, q: Quota): string {
  const parts: string[] = [];
  if (q.min !== undefined && q.max !== undefined && q.min === q.max) parts.push(tr(f, `目标 ${num(q.min)}`, `target ${num(q.min)}`));
  else {
    if (q.min !== undefined) parts.push(`≥ ${num(q.min)}`);
    if (q.max !== undefined) parts.push(`≤ ${num(q.max)}`);
  }
  if (q.maxShare !== undefined) parts.push(tr(f, `占比 ≤ ${pct(q.maxShare, 0)}`, `share ≤ ${pct(q.maxShare, 0)}`));
  return esc(parts.join(tr(f, "，", ", ")) || "—");
}

function targets(inst: Instance, plan: Plan, f: Facts): string {
  const { ctx } = f;
  const states = quotaStates(ctx, plan);
  const counts = quotaCounts(ctx, plan);
  const head = `<div class="tr"><div class="hd">${tr(f, "规则", "rule")}</div><div class="hd">${tr(f, "完成情况（虚线：最低；实线：上限）", "progress (dashed: minimum, solid: maximum)")}</div><div class="hd">${tr(f, "实际 / 目标", "actual / target")}</div><div class="hd">${tr(f, "状态", "status")}</div></div>`;
  const chipOk = `<span class="chip ok">${tr(f, "达标", "met")}</span>`;
  const chipBad = `<span class="chip bad">${tr(f, "未满足", "violated")}</span>`;
  const chipShort = (k: number) => `<span class="chip short">${tr(f, `缺口 ${num(k)}`, `short by ${num(k)}`)}</span>`;
  let out = "";
  for (const prog of inst.programmes) {
    const total = counts.get(prog.id)?.total ?? 0;
    const qs = states.get(prog.id) ?? [];
    let rows = "";
    (prog.quotas ?? []).forEach((q, i) => {
      const { count, overShare, bad, short } = qs[i];
      let bar: string;
      let numbers: string;
      if (q.maxShare !== undefined && q.min === undefined && q.max === undefined) {
        const share = total > 0 ? count / total : 0;
        const scale = Math.max(share, q.maxShare, 0.01) * 1.15;
        bar = `<div class="track"><div class="fill${overShare ? " over" : ""}" style="width:${cssPct(share / scale)}"></div><div class="mark" style="left:${cssPct(q.maxShare / scale)}"></div></div>`;
        numbers = `<span class="big" data-testid="quota-count">${count}</span> / ${total} = ${esc(pct(share))} ${tr(f, `（上限 ${esc(pct(q.maxShare, 0))}）`, `(cap ${esc(pct(q.maxShare, 0))})`)}`;
      } else {
        const scale = Math.max(count, q.min ?? 0, q.max ?? 0, 1) * 1.1;
        const marks = (q.min !== undefined ? `<div class="mark min" style="left:${cssPct(q.min / scale)}"></div>` : "")
          + (q.max !== undefined ? `<div class="mark" style="left:${cssPct(q.max / scale)}"></div>` : "");
        bar = `<div class="track"><div class="fill${bad ? " over" : short ? " short" : ""}" style="width:${cssPct(count / scale)}"></div>${marks}</div>`;
        numbers = `<span class="big" data-testid="quota-count">${count}</span> <span class="muted">/ ${quotaTarget(f, q)}</span>`;
        if (q.maxShare !== undefined) numbers += ` <small class="en">${tr(f, `（占 ${total} 人的 ${esc(pct(total ? count / total : 0))}）`, `(${esc(pct(total ? count / total : 0))} of ${total})`)}</small>`;
      }
      const chip = bad ? chipBad : short ? chipShort((q.min ?? count) - count) : chipOk;
      rows += `<div${attrs({ "class": `tr${bad ? " bad" : short ? " short" : ""}`, "data-testid": "quota-bar", "data-programme": prog.id, "data-index": i, "data-count": count, "data-state": bad ? "violated" : short ? "short" : "ok" })}>`
        + `<div class="cell"><span>${describeWhere(f, q.where)}</span>${q.min !== undefined && q.hard === false ? `<span class="chip soft">${tr(f, "软性最低", "soft minimum")}</span>` : ""}</div><div class="cell">${bar}</div><div class="cell nums">${numbers}</div><div class="cell">${chip}</div></div>`;
    });

    (prog.coverage ?? []).forEach((row, i) => {
      const { units: us, needed, got, missing } = coverageState(ctx, plan, prog, row);
      const isShort = got < needed;
      const bad = isShort && row.hard !== false;
      const scale = Math.max(needed, got, 1);
      const miss = missing.length
        ? `<div class="miss">${tr(f, "未覆盖：", "not covered: ")}${missing.map((u) => esc(f.names.unit(u))).join(tr(f, "、", ", "))}</div>`
        : "";
      const chip = bad ? chipBad : isShort ? chipShort(needed - got) : chipOk;
      rows += `<div${attrs({ "class": `tr${bad ? " bad" : isShort ? " short" : ""}`, "data-testid": "coverage-bar", "data-programme": prog.id, "data-index": i, "data-got": got, "data-needed": needed })}>`
        + `<div class="cell"><span>${esc(coverageWords(f.names, row))}</span>${miss}</div>`
        + `<div class="cell"><div class="track"><div class="fill${bad ? " over" : isShort ? " short" : ""}" style="width:${cssPct(got / scale)}"></div><div class="mark" style="left:${cssPct(needed / scale)}"></div></div></div>`
        + `<div class="cell nums"><span class="big">${got}</span> <span class="muted">/ ${needed}</span> <small class="en">${tr(f, `${us.length - missing.length} / ${us.length} 个单位`, `${us.length - missing.length} of ${us.length} units`)}</small></div><div class="cell">${chip}</div></div>`;
    });

    if (prog.budget) {
      const used = budgetUsed(ctx, plan, prog);
      const cap = prog.budget.cap;
      const over = !withinBudget(prog, used);
      const scale = Math.max(cap, used, 1) * 1.05;
      const costs = (prog.budget.costs ?? []).map((r) => `${describeWhere(f, r.where)} ¥${num(r.amount)}${tr(f, "/人", " each")}`).join(tr(f, "；", "; "));
      rows += `<div${attrs({ "class": `tr${over ? " bad" : ""}`, "data-testid": "budget-bar", "data-programme": prog.id, "data-used": used, "data-cap": cap })}>`
        + `<div class="cell"><span>${tr(f, "经费", "budget")}</span><div class="miss" style="color:#6b7280">${costs}</div></div>`
        + `<div class="cell"><div class="track"><div class="fill${over ? " over" : ""}" style="width:${cssPct(used / scale)};background:${over ? "#dc2626" : "#3b82f6"}"></div><div class="mark" style="left:${cssPct(cap / scale)}"></div></div></div>`
        + `<div class="cell nums"><span class="big">¥${num(used)}</span> <span class="muted">/ ¥${num(cap)}</span> <small class="en">${esc(pct(cap > 0 ? used / cap : 0))}</small></div>`
        + `<div class="cell">${over ? `<span class="chip bad">${tr(f, "超支", "over cap")}</span>` : `<span class="chip ok">${tr(f, "未超", "within cap")}</span>`}</div></div>`;
    }
    out += `<h3>${esc(prog.name ?? prog.id)} <small class="en">${tr(f, `已安排 ${total} 人`, `${total} placed`)}</small></h3>`;
    out += rows ? `<div class="tg">${head}${rows}</div>` : `<p class="muted">${tr(f, "该项目没有名额、覆盖或经费要求", "no quotas, coverage or budget")}</p>`;
  }
  return `<section id="targets"><h2>${tr(f, "名额、覆盖与经费", "Quotas, coverage and budget against their targets")}</h2>
<p class="lead">${tr(f, "绿色为达标；橙色为未达软性目标（缺口计入目标函数）；红色为违反硬性规则。虚线为最低要求，实线为上限。", "Green: met; amber: soft target short; red: hard rule broken. Dashed line: minimum; solid: maximum.")}</p>
${out}</section>`;
}


function yearly(inst: Instance, plan: Plan, f: Facts): string {
  const { ctx } = f;
  const views = yearlyViews(inst, plan);
  const rows = yearlyRows(views);
  const su = slotUnit(f);
  const yearHead = views.years.map((y) => `<th class="nums"${attrs({ title: `${y.from} … ${lastDay(y.to)}` })}>${tr(f, `${y.year}年`, String(y.year))}</th>`).join("");
  const cols = views.years.length + 2;
  let body = "";
  let group: string | undefined = "\u0000";
  for (const r of rows) {
    if (r.programme !== group) {
      group = r.programme;
      const prog = r.programme !== undefined ? ctx.programmes.get(r.programme) : undefined;
      const name = r.programme === undefined ? tr(f, "全部项目", "all programmes") : esc(prog?.name ?? r.programme);
      body += `<tr><th colspan="${cols}" style="background:#eef2ff;color:#1e3a8a">${name}</th></tr>`;
    }
    const rowLabel = yearlyRowLabel(ctx, r)[f.lang];
    const cells = r.values.map((v, i) => {
      const share = r.target !== undefined && r.target > 0 ? ` <small class="en">${esc(pct(v / r.target))}</small>` : "";
      return `<td${attrs({ "class": "nums", "data-testid": "yearly-cell", "data-year": views.years[i].year, "data-value": v })}>${esc(num(v))}${share}</td>`;
    }).join("");
    const target = r.target !== undefined ? `≥ ${esc(num(r.target))}` : "";
    body += `<tr${attrs({ "data-testid": "yearly-row", "data-programme": r.programme, "data-metric": r.metric, "data-flag": r.flag, "data-quota": r.quota })}><td>${esc(rowLabel)}</td>${cells}<td class="nums">${target}</td></tr>`;
  }
  return `<section id="years" data-testid="yearly"><h2>${tr(f, "分年度情况", "Year by year")}</h2>
<p class="lead">${tr(f, `进修按开始日期计入年度；在修人数与人·${su}按时段计入各年度（跨年进修分别计入）；累计完成为截至该年底开始的符合条件的进修人次，与整个周期的软性最低目标对照。`, `A placement counts in the year it starts; trainees in training and trainee-${su}s count slot by slot in the year each slot begins; cumulative rows count matching placements started by the end of the year, against the soft minimum over the whole calendar.`)}</p>
<div class="scroll"><table class="tbl"><thead><tr><th>${tr(f, "指标", "metric")}</th>${yearHead}<th>${tr(f, "目标", "target")}</th></tr></thead><tbody>${body}</tbody></table></div>
</section>`;
}

function supportTable(plan: Plan, f: Facts): string {
  const { names } = f;
  const rows = (plan.support ?? []).map((s) => {
    const [a, b] = spanOf(f, s.start, s.end);
    return `<tr data-testid="support-row"><td>${esc(names.unit(s.from))}</td><td>${esc(names.unit(s.to))}</td><td>${deptHtml(f, s.dept)}</td><td class="nums">${esc(s.start)} ${tr(f, "至", "to")} ${esc(lastDay(s.end))}</td><td class="nums">${s.count}</td><td class="nums">${s.count * Math.max(0, b - a)}</td></tr>`;
  }).join("");
  const su = slotUnit(f);
  const head = [tr(f, "派出专家的医院", "from"), tr(f, "受援单位", "to"), tr(f, "科室", "department"), tr(f, "时间", "period"), tr(f, "人数", "count"), tr(f, `人·${su}`, `specialist-${su}s`)]
    .map((h) => `<th>${h}</th>`).join("");
  return `<section id="support"><h2>${tr(f, "下沉支援安排", "Specialists sent down to keep sending units staffed")}</h2>
${rows ? `<div class="scroll"><table class="tbl"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>` : `<p class="muted">${tr(f, "无需下沉支援", "no support needed")}</p>`}
</section>`;
}

function unplacedTable(plan: Plan, f: Facts): string {
  const { ctx, names } = f;
  const list = plan.unplaced ?? [];
  const rows = list.map((u, i) => {
    const t: Trainee | undefined = ctx.trainees.get(u.trainee);
    const home: Unit | undefined = t ? ctx.units.get(t.unit) : undefined;
    const reasons = u.reasons.map((r) =>
      `<div class="reason"${attrs({ "data-code": r.code })}><span class="zh">${esc(label(REASON_LABELS, r.code, f.lang))}</span>${r.message ? `<span class="msg">${esc(r.message)}</span>` : ""}</div>`).join("");
    return `<tr${attrs({ "data-testid": "unplaced-row", "data-trainee": u.trainee, "data-code": u.reasons[0]?.code })}><td class="muted">${i + 1}</td><td><b>${esc(names.trainee(u.trainee))}</b></td><td>${esc(home ? names.unit(home.id) : (t?.unit ?? "—"))}</td><td>${t ? deptHtml(f, t.dept) : "—"}</td><td>${reasons || "—"}</td></tr>`;
  }).join("");
  const head = ["#", tr(f, "学员", "trainee"), tr(f, "派出单位", "home unit"), tr(f, "原科室", "department"), tr(f, "原因", "reasons")].map((h) => `<th>${h}</th>`).join("");
  return `<section id="unplaced" data-testid="unplaced"><h2>${tr(f, "未安排名单", "Trainees not placed, and why")}</h2>
<p class="lead">${tr(f, "“竞争落选”表示符合条件，但名额、容量、带教或经费已用于得分更高的安排。", "“Lost to better placements”: eligible, but the room went to placements worth more.")}</p>
${rows ? `<div class="scroll"><table class="tbl"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>` : `<p class="muted">${tr(f, "全部学员均已安排", "everyone is placed")}</p>`}
</section>`;
}

/** Per receiving hospital: who arrives when, in which department, with which mentor (printable, one hospital per page). */
function receivingLists(plan: Plan, f: Facts): string {
  const { ctx, names } = f;
  const list = receivingList(ctx, plan, names);
  const byUnit = new Map<string, typeof list>();
  for (const x of list) byUnit.set(x.p.unit, [...(byUnit.get(x.p.unit) ?? []), x]);
  const head = [tr(f, "到岗日期", "arrives"), tr(f, "结束日期", "last day"), tr(f, "进修科室", "department"), tr(f, "姓名", "name"), tr(f, "派出单位", "home unit"), tr(f, "带教老师", "mentor")]
    .map((h) => `<th>${h}</th>`).join("");
  let out = "";
  for (const [uid, xs] of byUnit) {
    const rows = xs.map(({ p, t }) => {
      const rot = p.rotations && p.rotations.length > 0;
      const mentor = rot
        ? p.rotations!.map((r) => `${esc(names.dept(r.dept))} ${esc(r.start)}${r.mentor ? ` ${esc(names.mentor(r.mentor))}` : ""}`).join("<br>")
        : esc(names.mentor(p.mentor) || "—");
      return `<tr${attrs({ "data-testid": "receiving-row", "data-trainee": t.id })}><td class="nums">${esc(p.start)}</td><td class="nums">${esc(lastDay(p.end))}</td><td>${deptHtml(f, p.dept)}</td><td><b>${esc(t.name ?? t.id)}</b></td><td>${esc(names.unit(t.unit))}</td><td>${mentor}</td></tr>`;
    }).join("");
    out += `<div class="recv" data-testid="receiving-unit"${attrs({ "data-unit": uid })}><h3>${esc(names.unit(uid))} <small class="en">${tr(f, `接收名单 · ${xs.length} 人`, `arrivals · ${xs.length}`)}</small></h3><div class="scroll"><table class="tbl"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div></div>`;
  }
  return `<section id="receiving" data-testid="receiving"><h2>${tr(f, "接收医院进修人员名单", "Arrivals per receiving hospital")}</h2>
<p class="lead">${tr(f, "每家接收医院一张名单：到岗与结束日期、进修科室、学员与带教老师。打印时每家医院另起一页。", "One list per receiving hospital: dates, department, trainee and mentor. Each hospital starts a new page when printed.")}</p>
${out || `<p class="muted">${tr(f, "没有安排任何学员", "no placements")}</p>`}
</section>`;
}

/** What a re-plan changed (SPEC §11.2), as the 变更通知 a commission sends each receiving hospital. */
function changesSection(instance: Instance, before: Plan, plan: Plan, f: Facts): string {
  const d = diff(instance, before, plan);
  const notice = changeNotice(instance, d, { lang: f.lang });
  const head = notice.headers.map((h) => `<th>${esc(h)}</th>`).join("");
  const rows = notice.rows.map((r) => `<tr data-testid="change-row">${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`).join("");
  const summary = tr(f, `目标值 ${d.objective.before} → ${d.objective.after}；变动 ${d.trainees.length} 人；下沉支援新增 ${d.support.added.length} 条、取消 ${d.support.removed.length} 条`,
    `objective ${d.objective.before} → ${d.objective.after}; ${d.trainees.length} trainee(s) changed; support rows ${d.support.added.length} added, ${d.support.removed.length} removed`);
  return `<section id="changes" data-testid="changes"><h2>${tr(f, "与原计划相比的变动（变更通知）", "What changed against the plan before")}</h2>
<p class="lead">${summary}</p>
${rows ? `<div class="scroll"><table class="tbl"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>` : `<p class="muted">${tr(f, "没有变动", "nothing changed")}</p>`}
</section>`;
}

// ---------------------------------------------------------------------------
// Residency (住培, SPEC §10)

/** A cell's verdict, worst first: over capacity, a hard service row short, a soft one short, at, above, no service row (someone present / nobody). */
const RES_STATES = ["over", "hard", "short", "at", "above", "free", "idle"] as const;
type ResState = (typeof RES_STATES)[number];

/** One slot of one department: residents present, trainees of every kind, capacity, the service rows covering it and the verdict. */
interface ResSlot {
  readonly k: number;
  readonly present: number;
  readonly seats: number;
  readonly capacity: number;
  /** The largest `min` of the rows covering the slot (undefined: none covers it). */
  readonly min?: number;
  readonly state: ResState;
}

/** The verdicts of one department, slot by slot: R-SERVICE's per-row slots and the ledger's seats against capacity. */
function residencySlots(f: Facts, res: ResidencyFacts, unit: string, dept: string): ResSlot[] {
  const { figures } = res;
  const present = figures.present(unit, dept), seats = figures.seats(unit, dept), cap = figures.capacity(unit, dept);
  const rows = figures.service.filter((s) => s.unit === unit && s.dept === dept);
  return Array.from({ length: f.n }, (_, k) => {
    const covering = rows.flatMap((s) => s.slots.filter((x) => x.slot === k).map((x) => ({ ...x, hard: s.hard })));
    const p = present[k] ?? 0, st = seats[k] ?? 0, c = cap[k] ?? 0;
    const min = covering.length > 0 ? Math.max(...covering.map((x) => x.min)) : undefined;
    let state: ResState;
    if (st > c) state = "over";
    else if (covering.some((x) => x.hard && x.present < x.min)) state = "hard";
    else if (covering.some((x) => x.present < x.min)) state = "short";
    else if (min !== undefined) state = p === min ? "at" : "above";
    else state = p > 0 ? "free" : "idle";
    return { k, present: p, seats: st, capacity: c, min, state };
  });
}

/** `2025.09—2025.11`, or `2025.09` for one month. */
function monthsText(start: string, end: string): string {
  const a = start.slice(0, 7).replace("-", "."), b = lastDay(end).slice(0, 7).replace("-", ".");
  return a === b ? a : `${a}—${b}`;
}

/** The service rows of a department in words: `最低 1；最低 2（硬性，2026.01—2026.06）`. */
function serviceWords(f: Facts, res: ResidencyFacts, unit: string, dept: string): string {
  const rows = res.figures.service.filter((s) => s.unit === unit && s.dept === dept);
  return rows.map((s) => {
    const period = s.row.from !== undefined || s.row.to !== undefined
      ? monthsText(s.row.from ?? f.ctx.slots.boundaries[0], s.row.to ?? f.ctx.slots.boundaries[f.n]) : "";
    const extra = [s.hard ? tr(f, "硬性", "hard") : "", period].filter(Boolean).join(tr(f, "，", ", "));
    return `${tr(f, "最低", "min")} ${s.row.min}${extra ? tr(f, `（${extra}）`, ` (${extra})`) : ""}`;
  }).join(tr(f, "；", "; "));
}

function residencyHeatmap(plan: Plan, f: Facts, res: ResidencyFacts): string {
  const { names } = f;
  const rank = (s: ResState) => RES_STATES.indexOf(s);
  const rows: HeatRow[] = [];
  let rosters = "";
  res.depts.forEach(({ unit, dept }, i) => {
    const slots = residencySlots(f, res, unit, dept);
    const unitLabel = names.unit(unit);
    const id = `rd-${i}`;
    let cells = "";
    for (const c of f.columns) {
      // A grouped column shows its worst slot.
      let s = slots[c.from];
      for (let k = c.from + 1; k < c.to; k++) if (rank(slots[k].state) < rank(s.state)) s = slots[k];
      const tip = tr(f, `${c.title} · ${unitLabel}${names.dept(dept)}：住院医师 ${s.present}${s.min !== undefined ? `，最低 ${s.min}` : ""}，容量 ${s.capacity}${s.seats !== s.present ? `（在训合计 ${s.seats}）` : ""}`,
        `${c.title} · ${unitLabel} ${names.dept(dept)}: ${s.present} resident(s)${s.min !== undefined ? `, min ${s.min}` : ""}, capacity ${s.capacity}${s.seats !== s.present ? ` (${s.seats} trainees in all)` : ""}`);
      const text = s.state === "idle" ? "·" : String(s.present);
      cells += `<td${attrs({ "class": `r-${s.state}`, "data-testid": "service-cell", "data-slot": s.k, "data-state": s.state, "data-present": s.present, "data-seats": s.seats, "data-capacity": s.capacity, "data-min": s.min, title: tip })}>${s.present > 0 ? `<a href="#${id}">${text}</a>` : text}</td>`;
    }
    const cap = Math.max(0, ...slots.map((x) => x.capacity));
    const svc = serviceWords(f, res, unit, dept);
    const head = `<th class="rl" scope="row"><span class="u">${esc(unitLabel)}</span><span class="d"><a href="#${id}">${deptHtml(f, dept)}</a></span><span class="r">${tr(f, `容量 ${cap}`, `capacity ${cap}`)}${svc ? ` · ${esc(svc)}` : ""}</span></th>`;
    rows.push({ unit, unitLabel, affected: true, attrs: attrs({ "data-testid": "service-row", "data-unit": unit, "data-dept": dept }), body: `${head}${cells}` });

    // Who is there, month by month: each name a link to the resident's schedule.
    const items: { start: string; html: string; name: string }[] = [];
    for (const e of plan.residencies ?? []) {
      const t = f.ctx.trainees.get(e?.trainee);
      if (!t) continue;
      for (const r of e.rotations ?? []) {
        if (r?.unit !== unit || r.dept !== dept || typeof r.start !== "string" || typeof r.end !== "string") continue;
        const who = names.trainee(t.id);
        const meta = [curriculumLabel(t.curriculum ?? "", f.lang), cohortLabel(t, f.lang), names.mentor(r.mentor) ? `${tr(f, "带教", "mentor")} ${names.mentor(r.mentor)}` : ""].filter(Boolean).join(" · ");
        items.push({ start: r.start, name: who, html: `<li data-testid="roster-row"${attrs({ "data-trainee": t.id })}>${esc(monthsText(r.start, r.end))} <a href="#${res.anchor.get(t.id)}">${esc(who)}</a> <small class="en">${esc(meta)}</small></li>` });
      }
    }
    items.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0) || naturalCompare(a.name, b.name));
    rosters += `<div class="roster" id="${id}" data-testid="roster"${attrs({ "data-unit": unit, "data-dept": dept })}><h3>${esc(unitLabel)} ${deptHtml(f, dept)} <small class="en">${tr(f, `${items.length} 段轮转`, `${items.length} rotation(s)`)}</small></h3>`
      + (items.length ? `<ul>${items.map((x) => x.html).join("")}</ul>` : `<p class="muted">${tr(f, "无住院医师轮转", "no resident rotates here")}</p>`) + `</div>`;
  });

  let thead = `<tr><th class="un hd">${tr(f, "单位", "unit")}</th><th class="rl hd">${tr(f, "科室", "department")}</th>`;
  for (const c of f.columns) thead += `<th${attrs({ title: c.title })}>${esc(c.label)}${c.sub ? `<br><small class="en">${esc(c.sub)}</small>` : ""}</th>`;
  thead += "</tr>";
  const sw = (cls: string, text: string) => `<span><span class="sw ${cls}" style="background:${({ above: "#bbf7d0", at: "#fde68a", short: "#f59e0b", hard: "#dc2626", over: "#7c3aed", free: "#e0f2fe" } as Record<string, string>)[cls]}"></span>${text}</span>`;
  const legend = `<div class="legend">${sw("above", tr(f, "高于服务最低", "above the service minimum"))}${sw("at", tr(f, "恰好最低", "at the minimum"))}${sw("short", tr(f, "低于软性最低（缺口计入目标函数）", "below a soft minimum (priced)"))}${sw("hard", tr(f, "低于硬性最低（有效方案中不应出现）", "below a hard minimum — never in a valid plan"))}${sw("over", tr(f, "超过接收容量（有效方案中不应出现）", "over capacity — never in a valid plan"))}${sw("free", tr(f, "无服务要求", "no service row"))}</div>`;
  const table = res.depts.length
    ? `<div class="hm-wrap"><table class="hm month" data-testid="service-heatmap"><thead>${thead}</thead><tbody>${heatRowsHtml(rows)}</tbody></table></div>`
    : `<p class="muted" data-testid="service-heatmap">${tr(f, "没有服务要求或住院医师轮转的科室", "no service rows and no rotations")}</p>`;
  return `<section id="residency" data-testid="residency"><h2>${tr(f, "住培科室在岗（服务水平与接收容量）", "Residents per department and month, against service level and capacity")}</h2>
<p class="lead">${tr(f, `格内数字 = 当月在该科室轮转的住院医师人数，与科室服务最低人数和接收容量（含进修人员）比较。${f.grouped ? "日历较长，每列合并若干月份，显示其中最紧的一个。" : ""}点击科室或数字查看该科室的轮转名单，点击姓名查看本人轮转计划。`, `Cell = residents rotating in the department that month, against its service minimum and its capacity (进修 trainees included).${f.grouped ? " A long calendar: each column groups months and shows the tightest." : ""} Tap a department or a number for who rotates there, a name for that resident's schedule.`)}</p>
${legend}${table}${rosters}${managersTable(f, res)}</section>`;
}

/** R-MANAGERS per base: scheduled residents against what the managers allow (`managersStatus`). */
function managersTable(f: Facts, res: ResidencyFacts): string {
  const { names } = f;
  const bases = [...new Set(res.views.map((v) => v.t.unit))];
  const byBase = new Map(res.figures.managers.map((m) => [m.base, m]));
  const rows = bases.map((b) => {
    const m = byBase.get(b);
    const managers = f.ctx.units.get(b)?.managers;
    const scheduled = m?.scheduled ?? res.views.filter((v) => v.t.unit === b && v.entry).length;
    const ok = m === undefined || m.scheduled <= m.limit;
    const limit = m?.limit ?? Infinity;
    const chip = m === undefined ? `<span class="chip soft">${tr(f, "无已排住院医师", "nobody scheduled")}</span>` : ok ? `<span class="chip ok">${tr(f, "符合", "met")}</span>` : `<span class="chip bad">${tr(f, "超出", "over")}</span>`;
    return `<tr${attrs({ "data-testid": "managers-row", "data-base": b, "data-scheduled": scheduled, "data-limit": Number.isFinite(limit) ? limit : "none", "data-ok": ok ? "yes" : "no" })}><td>${esc(names.unit(b))}</td><td class="nums">${scheduled}</td><td class="nums">${managers === undefined ? tr(f, "未设定", "not given") : managers}</td><td class="nums">${managers === undefined ? "—" : Math.max(3, Math.ceil(scheduled / 100))}</td><td class="nums">${Number.isFinite(limit) ? limit : tr(f, "不限", "no limit")}</td><td>${chip}</td></tr>`;
  }).join("");
  const head = [tr(f, "培训基地", "base"), tr(f, "已排住院医师", "scheduled"), tr(f, "专职管理人员", "managers"), tr(f, "需配备", "required"), tr(f, "可容纳", "allowed"), tr(f, "状态", "status")].map((h) => `<th>${h}</th>`).join("");
  return `<h3>${tr(f, "专职管理人员（每 100 名住院医师至少 1 人，且不少于 3 人）", "Managers (one per 100 residents, at least 3)")}</h3><div class="scroll"><table class="tbl" data-testid="managers"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** Every resident's schedule, per base and specialty · cohort: the rotations in order, details a tap away. */
function residentsSection(f: Facts, res: ResidencyFacts): string {
  const { names } = f;
  let out = "";
  let base: string | undefined, group: string | undefined;
  for (const v of res.views) {
    const t = v.t;
    if (t.unit !== base) {
      base = t.unit;
      group = undefined;
      out += `<h3>${esc(names.unit(t.unit))}</h3>`;
    }
    const g = `${curriculumLabel(t.curriculum ?? "", f.lang)} · ${cohortLabel(t, f.lang)}`;
    if (g !== group) {
      group = g;
      out += `<div class="grp">${esc(g)}</div>`;
    }
    const fixed = new Set((t.fixed ?? []).map((r) => [r.requirement, r.unit, r.dept, r.start, r.end, r.mentor ?? ""].join("\u0000")));
    const period = t.available?.from && t.available?.to ? `${monthsText(t.available.from, t.available.to)}` : "";
    const chip = v.entry ? `<span class="chip ok">${tr(f, "已排", "scheduled")}</span>` : `<span class="chip bad">${tr(f, "未排", "not scheduled")}</span>`;
    let body: string;
    if (v.entry) {
      const rots = v.entry.rotations ?? [];
      // Each rotation written out: months, department (and unit away from the base), mentor, the requirement when its
      // name is not the department's, 已定 for a fixed one — nothing behind a tap or a hover.
      const chain = rots.map((r) => {
        const isFixed = fixed.has([r.requirement, r.unit, r.dept, r.start, r.end, r.mentor ?? ""].join("\u0000"));
        const when = typeof r.start === "string" && typeof r.end === "string" ? monthsText(r.start, r.end) : "";
        const req = requirementLabel(f.ctx, names, t, r.requirement);
        const extra = [names.mentor(r.mentor) ? `${tr(f, "带教", "mentor")} ${names.mentor(r.mentor)}` : "", req !== names.dept(r.dept) ? req : "", isFixed ? tr(f, "已定", "fixed") : ""]
          .filter(Boolean).join(" · ");
        return `<li${attrs({ "class": [r.unit !== t.unit ? "away" : "", isFixed ? "fixed" : ""].filter(Boolean).join(" ") || undefined, "data-testid": "resident-rotation", "data-unit": r.unit, "data-dept": r.dept, "data-start": r.start, "data-end": r.end })}>${esc(when)} ${esc(rotationCell(names, t, r))}${extra ? ` <small>${esc(extra)}</small>` : ""}</li>`;
      }).join("");
      const completed = (t.completed ?? []).length ? `<p class="muted">${tr(f, "免轮转：", "credited: ")}${esc((t.completed ?? []).map((id) => requirementLabel(f.ctx, names, t, id)).join(tr(f, "、", ", ")))}</p>` : "";
      body = (rots.length ? `<ol class="chain">${chain}</ol>` : `<p class="muted">${tr(f, "全部轮转要求已完成，无需轮转", "every requirement credited: no rotation")}</p>`) + completed;
    } else {
      body = (v.reasons ?? []).map((r) => `<div class="reason"${attrs({ "data-code": r.code })}><span class="zh">${esc(label(REASON_LABELS, r.code, f.lang))}</span>${r.message ? `<span class="msg">${esc(r.message)}</span>` : ""}</div>`).join("")
        || `<p class="muted">${tr(f, "计划中无此人的安排或原因", "the plan gives no entry or reason")}</p>`;
    }
    out += `<div${attrs({ "class": "res", id: res.anchor.get(t.id), "data-testid": "resident", "data-trainee": t.id, "data-state": v.entry ? "scheduled" : "unplaced" })}><div class="res-h"><b>${esc(names.trainee(t.id))}</b><small class="en">${esc(period)}</small>${chip}</div>${body}</div>`;
  }
  return `<section id="residents" data-testid="residents"><h2>${tr(f, "住院医师轮转计划（一人一档）", "Each resident's rotation schedule")}</h2>
<p class="lead">${tr(f, "按培训基地、专业与年级排列；绿色为在协同单位或基层实践基地的轮转，虚线框为已定轮转。", "By base, specialty and cohort; green: a rotation away from the base; dashed: a fixed rotation.")}</p>
${out || `<p class="muted">${tr(f, "没有住院医师", "no residents")}</p>`}</section>`;
}

// ---------------------------------------------------------------------------

/**
 * Renders a plan as one self-contained HTML page (inline CSS, no scripts, no
 * network at view time). Deterministic: same arguments, same string.
 *
 * @example
 * const plan = await solve(instance);
 * writeFileSync("report.html", renderHtmlReport(instance, plan));
 * writeFileSync("report.en.html", renderHtmlReport(instance, plan, { lang: "en" }));
 */
export function renderHtmlReport(instance: Instance, plan: Plan, options: HtmlReportOptions = {}): string {
  const lang: Lang = options.lang === "en" ? "en" : "zh";
  const ctx = contextOf(instance);
  const residency = residencyMetrics(instance, plan);
  const res: ResidencyFacts | undefined = residency && instance.trainees.some((t) => isResidentOf(ctx, t))
    ? {
      figures: residency.figures,
      metrics: residency,
      views: residentViews(ctx, plan),
      depts: residencyDepartments(ctx, plan),
      anchor: new Map(instance.trainees.map((t, i) => [t.id, `r-${i}`])),
    }
    : undefined;
  const { columns, grouped } = columnsOf(ctx, lang, MAX_COLUMNS);
  const f: Facts = {
    ctx,
    n: ctx.slots.count,
    monthly: instance.calendar.granularity === "month",
    pinned: new Set((instance.pinned ?? []).map((p) => p.trainee)),
    colours: segmentColours(plan),
    lang,
    names: namesOf(ctx, lang),
    columns,
    grouped,
    ...(res ? { res } : {}),
    jinxiu: !res || plan.placements.length > 0 || instance.trainees.some((t) => !isResidentOf(ctx, t)),
  };
  const title = options.title ?? (instance.programmes.map((p) => p.name ?? p.id).join(" · ") || tr(f, "进修安排", "Placements"));
  const footer = `<footer>${tr(f, "由 jinxiu 生成", "generated by jinxiu")}${options.generatedAt ? ` · ${esc(options.generatedAt)}` : ""} · ${tr(f, "本页为离线文件，不加载任何外部资源", "an offline page that loads nothing")}</footer>`;
  return `<!DOCTYPE html>
<html lang="${lang === "zh" ? "zh-CN" : "en"}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} — ${tr(f, "进修安排报告", "placement report")}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${header(instance, plan, f, title)}
${f.res ? `${residencyHeatmap(plan, f, f.res)}\n${residentsSection(f, f.res)}\n` : ""}${f.jinxiu ? `${gantt(instance, plan, f)}
${heatmap(instance, plan, f, options.expandStaffing === true)}
${targets(instance, plan, f)}
${spansSeveralYears(instance) ? `${yearly(instance, plan, f)}\n` : ""}${supportTable(plan, f)}
` : ""}${unplacedTable(plan, f)}
${f.jinxiu ? `${receivingLists(plan, f)}\n` : ""}${options.before ? `${changesSection(instance, options.before, plan, f)}
` : ""}${footer}
</main>
</body>
</html>
`;
}
