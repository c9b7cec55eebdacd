/**
 * `renderHtmlReport`: a plan as ONE self-contained HTML page for a
 * health-commission planner — header and summary figures, a Gantt chart of the
 * placements by receiving hospital and department (rotations as segments), a
 * staffing heatmap of the sending units (上修下沉), quota / coverage / budget
 * bars against their targets, the support sent down and the unplaced trainees
 * with their reasons. When the calendar's slots fall in two or more calendar
 * years, a per-year section (分年度) follows the targets (see yearly.ts).
 *
 * The page loads nothing at view time: inline CSS only, no scripts, no fonts,
 * no images, and a Content-Security-Policy that forbids every fetch. Labels are
 * Chinese first with the English term in small text. Every piece of instance or
 * plan text is escaped. The output depends only on the arguments (no clock, no
 * randomness), so the same plan gives the same bytes.
 *
 * Stable `data-testid` hooks: `summary-placed`, `summary-unplaced`,
 * `summary-trainees`, `summary-support`, `summary-budget`, `gantt`, `gantt-bar`
 * (`data-trainee`), `gantt-segment`, `heatmap`, `heatmap-row`, `heatmap-cell`
 * (`data-state` = `below` | `at` | `above`), `quota-bar` (`data-count`),
 * `quota-count`, `coverage-bar`, `budget-bar`, `support-row`, `unplaced`,
 * `unplaced-row`, `conflict`; on a multi-year calendar `yearly`, `yearly-row`
 * (`data-programme`, `data-metric`, `data-flag`, `data-quota`) with `yearly-cell`
 * (`data-year`, `data-value`).
 */
import { subDays } from "date-fns";
import { toDate, toIso } from "../calendar/index.js";
import type { Instance, Placement, Plan, Programme, Quota, Trainee, Unit, Where } from "../model/types.js";
import { WHERE_KEYS } from "../model/types.js";
import { type Context, contextOf } from "../rules/context.js";
import { costOf } from "../rules/budget.js";
import { coveredUnits } from "../rules/coverage.js";
import { quotaCounts } from "../rules/quota.js";
import { segments } from "../rules/types.js";
import { spansSeveralYears, type YearlyRow, yearlyRows, yearlyViews } from "./yearly.js";

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
}

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
    .replace(/\r?\n/g, "&#10;");
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

/** `中文 <small>english</small>`. */
const bi = (zh: string, en: string) => `${esc(zh)} <small class="en">${esc(en)}</small>`;

const DEPT_ZH: Record<string, string> = {
  "acupuncture": "针灸科", "anesthesiology": "麻醉科", "cardiology": "心血管内科", "dermatology": "皮肤科",
  "emergency": "急诊科", "endocrinology": "内分泌科", "ent": "耳鼻咽喉科", "gastroenterology": "消化内科",
  "general-practice": "全科", "geriatrics": "老年医学科", "icu": "重症医学科", "imaging": "医学影像科",
  "infectious-disease": "感染科", "internal": "内科", "lab": "检验科", "nephrology": "肾内科",
  "neurology": "神经内科", "neurosurgery": "神经外科", "nursing": "护理", "obstetrics-gynecology": "妇产科",
  "oncology": "肿瘤科", "ophthalmology": "眼科", "orthopedics": "骨科", "pathology": "病理科",
  "pediatrics": "儿科", "pharmacy": "药剂科", "psychiatry": "精神科", "public-health": "公共卫生科",
  "radiology": "放射科", "rehabilitation": "康复医学科", "respiratory": "呼吸内科", "stomatology": "口腔科",
  "surgery": "外科", "tcm": "中医科", "ultrasound": "超声科", "urology": "泌尿外科",
};
const TIER_ZH: Record<string, string> = { provincial: "省级", city: "市级", county: "县级", township: "乡镇/社区", village: "村级" };
const KIND_ZH: Record<string, string> = { general: "综合", tcm: "中医", specialty: "专科" };
const TITLE_ZH: Record<string, string> = { "none": "无职称", "junior": "初级", "intermediate": "中级", "associate-senior": "副高级", "senior": "正高级" };
const CATEGORY_ZH: Record<string, string> = { "clinical": "临床", "nursing": "护理", "imaging": "影像", "lab": "检验", "pharmacy": "药学", "public-health": "公共卫生" };
const ROLE_ZH: Record<string, string> = { "backbone": "业务骨干", "family-doctor": "家庭医生" };
const FLAG_ZH: Record<string, string> = { "mountain-island": "山区海岛县" };
const STATUS_ZH: Record<string, string> = { "optimal": "最优", "feasible": "可行", "timeout-feasible": "超时 · 可行", "infeasible": "无可行方案" };
const WHERE_ZH: Record<string, string> = {
  homeUnit: "派出单位", homeRegion: "派出地区", homeRegionFlag: "地区类别", homeTier: "派出单位级别", homeDept: "原科室",
  role: "人员角色", studyDept: "进修科室", receivingUnit: "接收医院", receivingTier: "接收医院级别", receivingKind: "接收医院类型", category: "人员类别",
};
const CODE_ZH: Record<string, string> = {
  "R-ONCE": "重复或遗漏", "R-ELIGIBLE": "不符合报名条件", "R-RECEIVER": "无可接收医院", "R-DEPT": "无可进修科室",
  "R-DURATION": "进修时长不符", "R-WINDOW": "时间不符", "R-CAPACITY": "接收名额已满", "R-MENTOR": "带教老师不足",
  "R-STAFFING": "派出科室人手不足", "R-SUPPORT": "下沉支援不足", "R-TEAM": "家庭医生团队人手不足", "R-QUOTA": "名额分配限制",
  "R-COVERAGE": "覆盖要求", "R-BUDGET": "经费上限", "R-PINNED": "已定安排", "R-ROTATION": "轮转要求",
  "CAPACITY-COMPETITION": "竞争落选", "INFEASIBLE": "整体无可行方案",
};

const deptZh = (d: string) => DEPT_ZH[d] ?? d;
const deptHtml = (d: string) => (DEPT_ZH[d] ? bi(DEPT_ZH[d], d) : esc(d));
const unitName = (ctx: Context, id: string) => ctx.units.get(id)?.name ?? id;
const traineeName = (ctx: Context, id: string) => ctx.trainees.get(id)?.name ?? id;

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
.gantt{border:1px solid #e5e7eb;border-radius:8px;overflow:hidden}
.g-row{display:grid;grid-template-columns:360px 1fr;border-top:1px solid #f0f1f3}
.g-row:first-child{border-top:0}
.g-label{padding:0 10px;display:flex;align-items:center;gap:6px;border-right:1px solid #e5e7eb;min-width:0;overflow:hidden;white-space:nowrap;text-overflow:ellipsis}
.g-track{position:relative;min-height:28px;background-image:linear-gradient(to right,#eef0f3 1px,transparent 1px);background-size:var(--slot) 100%}
.g-head{background:#f8fafc;position:sticky;top:0;z-index:2;border-bottom:1px solid #d1d5db}
.g-head .g-label{font-weight:600;display:flex;align-items:flex-end}
.g-head .g-track{min-height:0;height:40px}
.g-tick{position:absolute;top:0;bottom:0;border-left:1px solid #d1d5db;font-size:12px;padding-left:4px;white-space:nowrap;overflow:hidden}
.g-tick.m{height:20px;font-weight:600;color:#374151}
.g-tick.w{top:20px;height:20px;color:#6b7280;font-size:11px;border-left-color:#e5e7eb}
.g-tick.only{height:40px;display:flex;flex-direction:column;justify-content:center}
.g-unit{background:#eef2ff;border-top:2px solid #c7d2fe}
.g-unit .g-label{font-weight:700;color:#1e3a8a;white-space:normal;padding:4px 10px}
.g-unit .g-track{min-height:30px;background:none}
.g-dept{background:#f3f4f6;border-top:1px solid #e5e7eb}
.g-dept .g-label{padding-left:14px;font-weight:700;color:#111827}
.g-dept .g-label::before{content:"";display:inline-block;width:4px;height:14px;border-radius:2px;background:#3b82f6;margin-right:2px}
.g-row.p .g-label{padding-left:26px}
.g-dept .g-track{min-height:22px}
.g-use{position:absolute;top:2px;font-size:11px;color:#6b7280;text-align:center}
.g-use.full{color:#374151;font-weight:600}
.g-name{font-weight:600}
.g-name{flex:none}
.g-label .en{flex:none}
.g-sub{color:#6b7280;font-size:12px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;min-width:0}
.bar{position:absolute;top:3px;bottom:3px;border-radius:6px;background:#3b82f6;color:#fff;font-size:13px;font-weight:600;padding:0 8px;display:flex;align-items:center;overflow:hidden;white-space:nowrap;box-shadow:0 1px 2px rgba(0,0,0,.15);cursor:default}
.bar.pinned{background:#475569;outline:2px dashed #f59e0b;outline-offset:-2px}
.bar.rot{flex-direction:column;align-items:stretch;justify-content:flex-start;padding:2px 0 0;background:#1e3a8a}
.bar.rot .bar-name{padding:0 8px;font-size:12px;line-height:15px}
.segs{position:relative;flex:1;margin-top:2px}
.seg{position:absolute;top:0;bottom:0;color:#fff;font-size:11px;font-weight:500;padding:0 5px;overflow:hidden;white-space:nowrap;text-overflow:ellipsis;border-left:2px solid #fff;display:flex;align-items:center}
.seg:first-child{border-left:0}
.seg.main{font-weight:700;text-decoration:underline}
.g-row.rot .g-track{min-height:40px}
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
.tbl th{background:#f8fafc;text-align:left;font-weight:600;color:#374151;padding:6px 8px;border-bottom:1px solid #d1d5db;white-space:nowrap}
.tbl td{padding:6px 8px;border-bottom:1px solid #f0f1f3;vertical-align:top}
.tbl tr:nth-child(even) td{background:#fcfcfd}
.code{display:inline-block;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:11px;background:#f1f5f9;border-radius:4px;padding:0 5px;color:#334155}
.reason{margin:2px 0}
.reason .zh{font-weight:600;margin-right:4px}
.msg{color:#4b5563;font-size:12px;word-break:break-word}
.muted{color:#6b7280}
footer{color:#6b7280;font-size:12px;text-align:center;margin-top:20px}
@media print{body{background:#fff}section{box-shadow:none;break-inside:auto}.g-row,.tbl tr{break-inside:avoid}details{display:block}}
`;

// ---------------------------------------------------------------------------
// Derived facts

interface Facts {
  readonly ctx: Context;
  readonly n: number;
  readonly monthly: boolean;
  readonly pinned: ReadonlySet<string>;
  readonly colours: ReadonlyMap<string, string>;
}

/** Slot span of `[start, end)` clamped to the calendar. */
function spanOf(f: Facts, start: string, end: string): [number, number] {
  const [a, b] = f.ctx.span(start, end);
  return [Math.max(0, Math.min(a, f.n)), Math.max(0, Math.min(b, f.n))];
}

function slotUnit(f: Facts): { zh: string; en: string } {
  return f.monthly ? { zh: "月", en: "month" } : { zh: "周", en: "week" };
}

function calendarText(inst: Instance, f: Facts): string {
  const c = inst.calendar;
  if (f.monthly) {
    const a = c.start.slice(0, 7), b = lastDay(c.end).slice(0, 7);
    const zh = (ym: string) => `${ym.slice(0, 4)}年${Number(ym.slice(5, 7))}月`;
    return `${esc(zh(a))} – ${esc(zh(b))}（${f.n} 个月） <small class="en">${esc(c.start)} … ${esc(c.end)} exclusive, monthly slots</small>`;
  }
  return `${esc(c.start)} – ${esc(lastDay(c.end))}（${f.n} 周） <small class="en">${esc(c.start)} … ${esc(c.end)} exclusive, weekly slots</small>`;
}

// ---------------------------------------------------------------------------
// Sections

function header(inst: Instance, plan: Plan, f: Facts, title: string): string {
  const { ctx } = f;
  const st = plan.status;
  const cls = st === "optimal" ? "ok" : st === "infeasible" ? "bad" : "warn";
  const gap = plan.bound !== undefined ? Math.abs(plan.bound - plan.objective) / Math.max(1, Math.abs(plan.bound)) : undefined;
  const names = inst.programmes.map((p) => `<div>${esc(p.name ?? p.id)} <small class="en">${esc(p.id)}</small></div>`).join("");

  let supportSlots = 0;
  for (const s of plan.support ?? []) {
    const [a, b] = spanOf(f, s.start, s.end);
    supportSlots += s.count * Math.max(0, b - a);
  }
  const su = slotUnit(f);
  let used = 0, cap = 0, hasBudget = false;
  for (const prog of inst.programmes) {
    if (!prog.budget) continue;
    hasBudget = true;
    cap += prog.budget.cap;
    used += budgetUsed(ctx, plan, prog);
  }
  const unplaced = plan.unplaced ?? [];
  const card = (cls2: string, zh: string, en: string, testid: string, value: string, sub: string) =>
    `<div class="card ${cls2}"><div class="k">${bi(zh, en)}</div><div class="v" data-testid="${testid}">${value}</div><div class="s">${sub}</div></div>`;
  const byCode = new Map<string, number>();
  for (const u of unplaced) {
    const c = u.reasons[0]?.code ?? "?";
    byCode.set(c, (byCode.get(c) ?? 0) + 1);
  }
  const codeSummary = [...byCode].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c, k]) => `${esc(CODE_ZH[c] ?? c)} ${k}`).join("，");

  const cards = [
    card("good", "已安排", "placed", "summary-placed", String(plan.placements.length), `占报名 ${inst.trainees.length ? pct(plan.placements.length / inst.trainees.length, 0) : "—"} <small class="en">of trainees</small>`),
    card(unplaced.length ? "warnc" : "good", "未安排", "unplaced", "summary-unplaced", String(unplaced.length), codeSummary || "无 <small class=\"en\">none</small>"),
    card("info", "报名学员", "trainees", "summary-trainees", String(inst.trainees.length), `${inst.programmes.length} 个项目 <small class="en">programme(s)</small>`),
    card("info", `下沉支援（人·${su.zh}）`, `support specialist-${su.en}s`, "summary-support", num(supportSlots), `${(plan.support ?? []).length} 条支援安排 <small class="en">support rows</small>`),
    card(hasBudget && used > cap + 1e-9 ? "warnc" : "info", "经费使用", "budget used", "summary-budget",
      hasBudget ? `¥${num(used)}` : "—", hasBudget ? `上限 ¥${num(cap)}（${pct(cap > 0 ? used / cap : 0)}） <small class="en">cap</small>` : "未设经费 <small class=\"en\">no budget</small>"),
  ].join("");

  let callouts = "";
  const shortfalls = plan.shortfalls ?? [];
  if (shortfalls.length) {
    const items = shortfalls.map((s) => {
      const what = s.rule === "quota" ? `名额第 ${s.index + 1} 行` : `覆盖要求第 ${s.index + 1} 行`;
      return `<li>${esc(ctx.programmes.get(s.programme)?.name ?? s.programme)}：${esc(what)} <small class="en">${esc(s.rule)} ${s.index}</small> — 需要 ${num(s.needed)}，实际 ${num(s.got)}，<b>缺口 ${num(s.needed - s.got)}</b></li>`;
    }).join("");
    callouts += `<div class="callout warn"><b>未达目标（软约束）</b> <small class="en">shortfalls — soft targets not met, priced in the objective</small><ul style="margin:4px 0 0;padding-left:20px">${items}</ul></div>`;
  }
  const conflicts = plan.conflicts ?? [];
  if (conflicts.length) {
    const items = conflicts.map((c) => `<li data-testid="conflict"><span class="code">${esc(c.code)}</span> ${esc(CODE_ZH[c.code] ?? "")} <span class="msg">${esc(c.message)}</span>${c.ids.length ? ` <small class="en">${esc(c.ids.join(", "))}</small>` : ""}</li>`).join("");
    callouts += `<div class="callout bad"><b>无法同时满足的硬性规则</b> <small class="en">conflicts — why no valid plan exists</small><ul style="margin:4px 0 0;padding-left:20px">${items}</ul></div>`;
  }

  return `<header><section>
<div class="en" style="font-size:12px">进修安排方案报告 · Refresher-training placement report</div>
<h1>${esc(title)}</h1>
${inst.programmes.length > 1 || title !== (inst.programmes[0]?.name ?? "") ? `<div class="lead">${names}</div>` : ""}
<div class="meta">
<span><b>计划周期</b> <small class="en">calendar</small>：${calendarText(inst, f)}</span>
<span><b>求解状态</b> <small class="en">status</small>：<span class="status ${cls}" data-testid="summary-status">${esc(STATUS_ZH[st] ?? st)} <small class="en">${esc(st)}</small></span></span>
<span><b>目标值</b> <small class="en">objective</small>：<span data-testid="summary-objective">${esc(num(plan.objective))}</span></span>
<span><b>上界</b> <small class="en">bound</small>：${plan.bound !== undefined ? esc(num(plan.bound)) : "—"}</span>
<span><b>差距</b> <small class="en">gap</small>：${gap !== undefined ? esc(pct(gap, 2)) : "—"}${gap === 0 ? ` <small class="en">(已证明最优 proven optimal)</small>` : ""}</span>
</div>
<div class="cards">${cards}</div>
${callouts}
<nav><a href="#gantt">进修甘特图 Gantt</a><a href="#staffing">派出单位在岗 Staffing</a><a href="#targets">名额与目标 Targets</a>${spansSeveralYears(inst) ? `<a href="#years">分年度 Per year</a>` : ""}<a href="#support">下沉支援 Support</a><a href="#unplaced">未安排名单 Unplaced</a></nav>
</section></header>`;
}

function budgetUsed(ctx: Context, plan: Plan, prog: Programme): number {
  let used = 0;
  for (const p of plan.placements) {
    const t = ctx.trainees.get(p.trainee);
    if (t && t.programme === prog.id) used += costOf(ctx, prog, t, p);
  }
  return used;
}

/** The time axis header of the Gantt chart. */
function ganttHead(f: Facts): string {
  const { ctx, n } = f;
  const b = ctx.slots.boundaries;
  let ticks = "";
  if (f.monthly) {
    for (let k = 0; k < n; k++) {
      const ym = b[k].slice(0, 7);
      ticks += `<div class="g-tick only" style="left:${cssPct(k / n)};width:${cssPct(1 / n)}"><span>${Number(ym.slice(5, 7))}月</span><small class="en">${esc(ym)}</small></div>`;
    }
  } else {
    let k = 0;
    while (k < n) {
      const ym = b[k].slice(0, 7);
      let j = k;
      while (j < n && b[j].slice(0, 7) === ym) j++;
      ticks += `<div class="g-tick m" style="left:${cssPct(k / n)};width:${cssPct((j - k) / n)}">${esc(`${ym.slice(0, 4)}年${Number(ym.slice(5, 7))}月`)}</div>`;
      k = j;
    }
    for (let i = 0; i < n; i++)
      ticks += `<div class="g-tick w" style="left:${cssPct(i / n)};width:${cssPct(1 / n)}" title="${esc(`第 ${i + 1} 周 week of ${b[i]}`)}">${Number(b[i].slice(8, 10))}</div>`;
  }
  return `<div class="g-row g-head"><div class="g-label">接收医院 / 科室 / 学员 <small class="en">&nbsp;host / dept / trainee</small></div><div class="g-track">${ticks}</div></div>`;
}

function mentorText(ctx: Context, id: string | undefined): string {
  if (!id) return "带教老师 mentor：—";
  const m = ctx.mentors.get(id);
  const title = m ? `（${TITLE_ZH[m.title] ?? m.title} ${m.title}）` : "";
  return `带教老师 mentor：${id}${title}`;
}

function gantt(inst: Instance, plan: Plan, f: Facts): string {
  const { ctx, n } = f;
  // Group by receiving unit (instance order, unknown units last by id), then by main department.
  const unitOrder = new Map(inst.units.map((u, i) => [u.id, i]));
  const byUnit = new Map<string, Placement[]>();
  for (const p of plan.placements) byUnit.set(p.unit, [...(byUnit.get(p.unit) ?? []), p]);
  const units = [...byUnit.keys()].sort((a, b) => (unitOrder.get(a) ?? 1e9) - (unitOrder.get(b) ?? 1e9) || (a < b ? -1 : a > b ? 1 : 0));

  // Hosted trainees per unit × dept × slot (rotations count in their own department).
  const hosted = new Map<string, number[]>();
  for (const p of plan.placements)
    for (const s of segments(p)) {
      const key = `${p.unit}\u0000${s.dept}`;
      let row = hosted.get(key);
      if (!row) hosted.set(key, (row = new Array<number>(n).fill(0)));
      const [a, b] = spanOf(f, s.start, s.end);
      for (let k = a; k < b; k++) row[k]++;
    }

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
    const badge = u ? ` <small class="en">${esc(TIER_ZH[u.tier] ?? u.tier)}${esc(KIND_ZH[u.kind] ?? u.kind)} · ${esc(u.tier)} ${esc(u.kind)}</small>` : "";
    rows += `<div class="g-row g-unit" data-testid="gantt-unit" data-unit="${esc(uid)}"><div class="g-label">${esc(unitName(ctx, uid))}${badge}</div><div class="g-track"><span class="g-use" style="left:8px;top:6px;font-size:12px;color:#1e3a8a;font-weight:600">${list.length} 人进修 <small class="en">trainees hosted</small></span></div></div>`;
    for (const d of depts) {
      const ps = list.filter((p) => p.dept === d).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.trainee < b.trainee ? -1 : a.trainee > b.trainee ? 1 : 0));
      // Use vs capacity per slot in the department header.
      const use = hosted.get(`${uid}\u0000${d}`) ?? new Array<number>(n).fill(0);
      let uses = "";
      for (let k = 0; k < n; k++) {
        const cap = ctx.capacity(uid, d, k);
        if (cap === 0 && use[k] === 0) continue;
        uses += `<span class="g-use${use[k] >= cap ? " full" : ""}" style="left:${cssPct(k / n)};width:${cssPct(1 / n)}" title="${esc(`${ctx.slots.label(k)}：在训 ${use[k]} / 容量 ${cap}（hosted / capacity）`)}">${use[k]}/${cap}</span>`;
      }
      rows += `<div class="g-row g-dept"><div class="g-label">${deptHtml(d)} <small class="en">· ${ps.length} 人</small></div><div class="g-track">${uses}</div></div>`;
      for (const p of ps) rows += ganttRow(f, p);
    }
  }
  const su = slotUnit(f);
  const legend = `<div class="legend">
<span><span class="sw" style="background:#3b82f6"></span>进修时段 <small class="en">placement</small></span>
<span><span class="sw" style="background:#2563eb"></span><span class="sw" style="background:#0d9488"></span>轮转科室（下划线为主修科室） <small class="en">rotation segments, main department underlined</small></span>
<span><span class="sw" style="background:#475569;outline:2px dashed #f59e0b;outline-offset:-2px"></span>已确定（预先锁定） <small class="en">pinned</small></span>
<span>科室行中 “2/3” = 在训/容量 <small class="en">hosted / capacity per ${su.en}</small></span>
<span>鼠标悬停可见带教老师 <small class="en">hover a bar for the mentor</small></span>
</div>`;
  const body = plan.placements.length ? `<div class="gantt" data-testid="gantt" style="--slot:${cssPct(1 / Math.max(1, n))}">${rows}</div>` : `<div class="gantt" data-testid="gantt"><p class="muted" style="padding:12px">没有安排任何学员 <small class="en">no placements</small></p></div>`;
  return `<section id="gantt"><h2>进修安排甘特图 <small class="en">placements by receiving hospital and department</small></h2>
<p class="lead">每行一名学员：左侧为派出单位与原科室，色条为在接收医院进修的时段。 <small class="en">One row per trainee: home unit on the left, the bar spans the training period.</small></p>
${legend}${body}</section>`;
}

function ganttRow(f: Facts, p: Placement): string {
  const { ctx, n } = f;
  const t = ctx.trainees.get(p.trainee);
  const name = traineeName(ctx, p.trainee);
  const [a, b] = spanOf(f, p.start, p.end);
  const width = Math.max(0, b - a);
  const home = t ? `${unitName(ctx, t.unit)} · ${deptZh(t.dept)}` : "";
  const prog = t ? ctx.programmes.get(t.programme) : undefined;
  const rot = p.rotations && p.rotations.length > 0;
  const pinned = f.pinned.has(p.trainee);
  const tip = [
    `${name}（${p.trainee}）${pinned ? " · 已确定 pinned" : ""}`,
    t ? `派出 home：${home}` : "",
    `接收 host：${unitName(ctx, p.unit)} ${deptZh(p.dept)} (${p.dept})`,
    `时间 period：${p.start} 至 ${lastDay(p.end)}（${width} ${slotUnit(f).zh}）`,
    rot ? `轮转 rotations：${p.rotations!.map((r) => deptZh(r.dept)).join(" → ")}` : mentorText(ctx, p.mentor),
    prog ? `项目 programme：${prog.name ?? prog.id}` : "",
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
      const segTip = `${name} · ${deptZh(r.dept)} (${r.dept})\n${r.start} 至 ${lastDay(r.end)}（${rb - ra} ${slotUnit(f).zh}）\n${mentorText(ctx, r.mentor)}`;
      segs += `<div${attrs({
        "class": `seg${r.dept === p.dept ? " main" : ""}`, "data-testid": "gantt-segment", "data-dept": r.dept, "data-mentor": r.mentor,
        title: segTip, style: `left:${cssPct(rel(ra))};width:${cssPct(rel(rb) - rel(ra))};background:${f.colours.get(r.dept) ?? PALETTE[0]}`,
      })}>${esc(deptZh(r.dept))}</div>`;
    }
    bar = `<div${attrs({ ...common, class: `bar rot${pinned ? " pinned" : ""}` })}><span class="bar-name">${esc(name)}</span><div class="segs">${segs}</div></div>`;
  } else {
    bar = `<div${attrs({ ...common, class: `bar${pinned ? " pinned" : ""}` })}>${esc(name)}</div>`;
  }
  const label = `<span class="g-name">${esc(name)}</span> <small class="en">${esc(p.trainee)}</small><span class="g-sub">${t ? `来自 ${esc(home)}` : "&nbsp;"}</span>`;
  return `<div class="g-row p${rot ? " rot" : ""}"><div class="g-label" title="${esc(`${name} — ${home}`)}">${label}</div><div class="g-track">${bar}</div></div>`;
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
  const { ctx, n } = f;
  // Trainees away per home unit × dept and per team; support received per unit × dept.
  const away = new Map<string, { n: number[]; who: string[][] }>();
  const addAway = (key: string, a: number, b: number, who: string) => {
    let row = away.get(key);
    if (!row) away.set(key, (row = { n: new Array<number>(n).fill(0), who: Array.from({ length: n }, () => []) }));
    for (let k = a; k < b; k++) {
      row.n[k]++;
      row.who[k].push(who);
    }
  };
  for (const p of plan.placements) {
    const t = ctx.trainees.get(p.trainee);
    if (!t) continue;
    const [a, b] = spanOf(f, p.start, p.end);
    addAway(`u\u0000${t.unit}\u0000${t.dept}`, a, b, t.name ?? t.id);
    for (const team of ctx.teamsOf.get(t.id) ?? []) addAway(`t\u0000${team.id}`, a, b, t.name ?? t.id);
  }
  const sup = new Map<string, { n: number[]; from: string[][] }>();
  for (const s of plan.support ?? []) {
    const key = `${s.to}\u0000${s.dept}`;
    let row = sup.get(key);
    if (!row) sup.set(key, (row = { n: new Array<number>(n).fill(0), from: Array.from({ length: n }, () => []) }));
    const [a, b] = spanOf(f, s.start, s.end);
    for (let k = a; k < b; k++) {
      row.n[k] += s.count;
      row.from[k].push(`${unitName(ctx, s.from)} ×${s.count}`);
    }
  }

  const cells = (label: string, base: number, min: number, awayRow: { n: number[]; who: string[][] } | undefined, supRow: { n: number[]; from: string[][] } | undefined): string => {
    let out = "";
    for (let k = 0; k < n; k++) {
      const aw = awayRow?.n[k] ?? 0;
      const sp = supRow?.n[k] ?? 0;
      const on = base - aw + sp;
      const margin = on - min;
      const state = margin < 0 ? "below" : margin === 0 ? "at" : "above";
      const cls = [margin < 0 ? "below" : margin === 0 ? "at" : margin === 1 ? "above" : "above above2", aw > 0 ? "away" : ""].filter(Boolean).join(" ");
      const tip = [
        `${ctx.slots.label(k)} · ${label}`,
        `在岗 on duty ${on} = 编制 ${base} − 外出 ${aw}${supRow ? ` + 支援 ${sp}` : ""}；最低 minimum ${min}`,
        aw ? `外出进修 away：${awayRow!.who[k].join("、")}` : "",
        sp ? `下沉支援 support from：${supRow!.from[k].join("、")}` : "",
        margin < 0 ? "低于最低在岗人数！below minimum" : margin === 0 ? "恰好达到最低 at the minimum" : `富余 ${margin} above minimum`,
      ].filter(Boolean).join("\n");
      out += `<td${attrs({ "class": cls, "data-testid": "heatmap-cell", "data-state": state, "data-on-duty": on, "data-min": min, "data-away": aw, "data-support": sp, title: tip })}>${on}${sp ? `<span class="sup">+${sp}</span>` : ""}</td>`;
    }
    return out;
  };

  const rows: HeatRow[] = [];
  const anyAway = (r: { n: number[] } | undefined) => !!r && r.n.some((x) => x > 0);
  const teamRow = (team: NonNullable<Instance["teams"]>[number], unitLabel: string) => {
    const awayRow = away.get(`t\u0000${team.id}`);
    const head = `<th class="rl" scope="row"><span class="d">家庭医生团队</span> <small class="en">${esc(team.id)}</small><span class="r">规模 ${team.size} · 最低 ${team.minOnDuty} · 不计支援 <small class="en">size/min, support not counted</small></span></th>`;
    rows.push({
      unit: team.unit, unitLabel, affected: anyAway(awayRow),
      attrs: attrs({ "data-testid": "heatmap-row", "data-unit": team.unit, "data-team": team.id }),
      body: `${head}${cells(`${unitLabel} 家庭医生团队 ${team.id}`, team.size, team.minOnDuty, awayRow, undefined)}`,
    });
  };
  for (const u of inst.units) {
    const unitLabel = u.name ?? u.id;
    for (const d of u.departments ?? []) {
      const awayRow = away.get(`u\u0000${u.id}\u0000${d.dept}`);
      const supRow = sup.get(`${u.id}\u0000${d.dept}`);
      const head = `<th class="rl" scope="row"><span class="d">${deptHtml(d.dept)}</span><span class="r">编制 ${d.staff} · 最低 ${d.minOnDuty} <small class="en">staff/min</small></span></th>`;
      rows.push({
        unit: u.id, unitLabel, affected: anyAway(awayRow) || anyAway(supRow),
        attrs: attrs({ "data-testid": "heatmap-row", "data-unit": u.id, "data-dept": d.dept }),
        body: `${head}${cells(`${unitLabel} ${deptZh(d.dept)}`, d.staff, d.minOnDuty, awayRow, supRow)}`,
      });
    }
    for (const team of (inst.teams ?? []).filter((x) => x.unit === u.id)) teamRow(team, unitLabel);
  }
  // Teams of units not in the instance (not in a valid instance, but drawn all the same).
  const known = new Set(inst.units.map((u) => u.id));
  for (const team of (inst.teams ?? []).filter((x) => !known.has(x.unit))) teamRow(team, team.unit);

  const b = ctx.slots.boundaries;
  let thead = `<tr><th class="un hd">派出单位 <small class="en">home unit</small></th><th class="rl hd">科室 / 团队 <small class="en">department / team</small></th>`;
  for (let k = 0; k < n; k++)
    thead += f.monthly
      ? `<th>${Number(b[k].slice(5, 7))}月<br><small class="en">${esc(b[k].slice(0, 7))}</small></th>`
      : `<th title="${esc(b[k])}">${Number(b[k].slice(5, 7))}/${Number(b[k].slice(8, 10))}</th>`;
  thead += "</tr>";
  const table = (list: readonly HeatRow[], testid?: string) =>
    `<div class="hm-wrap"><table class="hm${f.monthly ? " month" : ""}"${testid ? ` data-testid="${testid}"` : ""}><thead>${thead}</thead><tbody>${heatRowsHtml(list)}</tbody></table></div>`;

  const shown = expand ? rows : rows.filter((r) => r.affected);
  const folded = expand ? [] : rows.filter((r) => !r.affected);
  const legend = `<div class="legend">
<span><span class="sw" style="background:#86efac"></span>富余 ≥ 2 人 <small class="en">2+ above minimum</small></span>
<span><span class="sw" style="background:#bbf7d0"></span>富余 1 人 <small class="en">1 above</small></span>
<span><span class="sw" style="background:#fde68a"></span>恰好最低 <small class="en">at the minimum</small></span>
<span><span class="sw" style="background:#dc2626"></span>低于最低（有效方案中不应出现） <small class="en">below minimum — never in a valid plan</small></span>
<span><span class="sup" style="display:inline-block;font-size:10px;font-weight:700;color:#fff;background:#2563eb;border-radius:4px;padding:0 3px">+1</span> 上级医院下沉支援人数 <small class="en">specialists sent down</small></span>
<span><span class="sw" style="background:#fff;box-shadow:inset 0 -3px 0 rgba(30,64,175,.55)"></span>有人外出进修 <small class="en">someone away</small></span>
</div>`;
  const below = rows.length ? "" : `<p class="muted">没有设定在岗人数要求的科室或团队 <small class="en">no staffing rules</small></p>`;
  const foldedHtml = folded.length
    ? `<details><summary>其余 ${folded.length} 个科室/团队全程无人外出、无需支援（展开查看） <small class="en">${folded.length} more rows with nobody away — expand</small></summary>${table(folded)}</details>`
    : "";
  const main = shown.length
    ? table(shown, "heatmap")
    : `<div data-testid="heatmap"><p class="muted">没有学员外出的科室 <small class="en">no department has anyone away</small></p></div>`;
  return `<section id="staffing"><h2>派出单位在岗情况 <small class="en">staffing of sending units (上修下沉)</small></h2>
<p class="lead">格内数字 = 在岗人数（编制 − 外出进修 + 下沉支援），与该科室最低在岗人数比较。家庭医生团队不计下沉支援。 <small class="en">Cell = on duty (staff − away + support) against the minimum; family-doctor teams do not count support.</small></p>
${legend}${below}${rows.length ? main : ""}${foldedHtml}</section>`;
}

function describeWhere(ctx: Context, w: Where | undefined): string {
  const { zh, en } = whereText(ctx, w);
  return bi(zh, en);
}

/**
 * A `where` filter as plain text, Chinese and English (not escaped), e.g.
 * `{ zh: "地区类别：山区海岛县", en: "homeRegionFlag=mountain-island" }`.
 */
export function whereText(ctx: Context, w: Where | undefined): { zh: string; en: string } {
  const keys = WHERE_KEYS.filter((k) => w?.[k] !== undefined);
  if (!w || keys.length === 0) return { zh: "全部学员", en: "all placements" };
  const label = (k: (typeof WHERE_KEYS)[number], v: string): string => {
    switch (k) {
      case "homeUnit": case "receivingUnit": return unitName(ctx, v);
      case "homeRegion": return ctx.instance.regions?.find((r) => r.id === v)?.name ?? v;
      case "homeRegionFlag": return FLAG_ZH[v] ?? v;
      case "homeTier": case "receivingTier": return TIER_ZH[v] ?? v;
      case "receivingKind": return KIND_ZH[v] ?? v;
      case "homeDept": case "studyDept": return deptZh(v);
      case "role": return ROLE_ZH[v] ?? v;
      case "category": return CATEGORY_ZH[v] ?? v;
    }
  };
  const zh = keys.map((k) => `${WHERE_ZH[k]}：${(w[k] as readonly string[]).map((v) => label(k, v)).join("、")}`).join("；");
  const en = keys.map((k) => `${k}=${(w[k] as readonly string[]).join("/")}`).join(" ");
  return { zh, en };
}

function quotaTarget(q: Quota): string {
  const parts: string[] = [];
  if (q.min !== undefined && q.max !== undefined && q.min === q.max) parts.push(`目标 ${num(q.min)}`);
  else {
    if (q.min !== undefined) parts.push(`≥ ${num(q.min)}`);
    if (q.max !== undefined) parts.push(`≤ ${num(q.max)}`);
  }
  if (q.maxShare !== undefined) parts.push(`占比 ≤ ${pct(q.maxShare, 0)}`);
  return esc(parts.join("，") || "—");
}

function targets(inst: Instance, plan: Plan, f: Facts): string {
  const { ctx } = f;
  const counts = quotaCounts(ctx, plan);
  const shortKey = new Set((plan.shortfalls ?? []).map((s) => `${s.programme}\u0000${s.rule}\u0000${s.index}`));
  const head = `<div class="tr"><div class="hd">规则 <small class="en">rule</small></div><div class="hd">完成情况 <small class="en">progress (dashed: minimum, solid: maximum)</small></div><div class="hd">实际 / 目标 <small class="en">actual / target</small></div><div class="hd">状态 <small class="en">status</small></div></div>`;
  let out = "";
  for (const prog of inst.programmes) {
    const c = counts.get(prog.id) ?? { total: 0, rows: [] };
    let rows = "";
    (prog.quotas ?? []).forEach((q, i) => {
      const count = c.rows[i] ?? 0;
      const minShort = q.min !== undefined && count < q.min;
      const overMax = q.max !== undefined && count > q.max;
      const overShare = q.maxShare !== undefined && count > q.maxShare * c.total + 1e-9;
      const flagged = shortKey.has(`${prog.id}\u0000quota\u0000${i}`);
      const bad = overMax || overShare || (minShort && q.hard !== false);
      const short = !bad && (minShort || flagged);
      let bar: string;
      let numbers: string;
      if (q.maxShare !== undefined && q.min === undefined && q.max === undefined) {
        const share = c.total > 0 ? count / c.total : 0;
        const scale = Math.max(share, q.maxShare, 0.01) * 1.15;
        bar = `<div class="track"><div class="fill${overShare ? " over" : ""}" style="width:${cssPct(share / scale)}"></div><div class="mark" style="left:${cssPct(q.maxShare / scale)}" title="上限 ${esc(pct(q.maxShare, 0))}"></div></div>`;
        numbers = `<span class="big" data-testid="quota-count">${count}</span> / ${c.total} = ${esc(pct(share))} <small class="en">share, cap ${esc(pct(q.maxShare, 0))}</small>`;
      } else {
        const scale = Math.max(count, q.min ?? 0, q.max ?? 0, 1) * 1.1;
        const marks = (q.min !== undefined ? `<div class="mark min" style="left:${cssPct(q.min / scale)}" title="最低 ${q.min}"></div>` : "")
          + (q.max !== undefined ? `<div class="mark" style="left:${cssPct(q.max / scale)}" title="上限 ${q.max}"></div>` : "");
        bar = `<div class="track"><div class="fill${bad ? " over" : short ? " short" : ""}" style="width:${cssPct(count / scale)}"></div>${marks}</div>`;
        numbers = `<span class="big" data-testid="quota-count">${count}</span> <span class="muted">/ ${quotaTarget(q)}</span>`;
        if (q.maxShare !== undefined) numbers += ` <small class="en">(${esc(pct(c.total ? count / c.total : 0))} of ${c.total})</small>`;
      }
      const chip = bad
        ? `<span class="chip bad">未满足 <small>violated</small></span>`
        : short
          ? `<span class="chip short">缺口 ${num((q.min ?? count) - count)} <small>short</small></span>`
          : `<span class="chip ok">达标 <small>ok</small></span>`;
      rows += `<div${attrs({ "class": `tr${bad ? " bad" : short ? " short" : ""}`, "data-testid": "quota-bar", "data-programme": prog.id, "data-index": i, "data-count": count, "data-state": bad ? "violated" : short ? "short" : "ok" })}>`
        + `<div class="cell"><span>${describeWhere(ctx, q.where)}</span>${q.min !== undefined && q.hard === false ? `<span class="chip soft">软性最低 <small>soft min</small></span>` : ""}</div><div class="cell">${bar}</div><div class="cell nums">${numbers}</div><div class="cell">${chip}</div></div>`;
    });

    const byHome = new Map<string, number>();
    for (const p of plan.placements) {
      const t = ctx.trainees.get(p.trainee);
      if (t && t.programme === prog.id) byHome.set(t.unit, (byHome.get(t.unit) ?? 0) + 1);
    }
    (prog.coverage ?? []).forEach((row, i) => {
      const us = coveredUnits(ctx, prog, row);
      const needed = row.min * us.length;
      const got = us.reduce((s, u) => s + Math.min(byHome.get(u) ?? 0, row.min), 0);
      const missing = us.filter((u) => (byHome.get(u) ?? 0) < row.min);
      const isShort = got < needed;
      const bad = isShort && row.hard !== false;
      const scale = Math.max(needed, got, 1);
      const miss = missing.length
        ? `<div class="miss">未覆盖 <small class="en">not covered</small>：${missing.map((u) => esc(unitName(ctx, u))).join("、")}</div>`
        : "";
      const chip = bad ? `<span class="chip bad">未满足 <small>violated</small></span>` : isShort ? `<span class="chip short">缺口 ${num(needed - got)} <small>short</small></span>` : `<span class="chip ok">达标 <small>ok</small></span>`;
      rows += `<div${attrs({ "class": `tr${bad ? " bad" : isShort ? " short" : ""}`, "data-testid": "coverage-bar", "data-programme": prog.id, "data-index": i, "data-got": got, "data-needed": needed })}>`
        + `<div class="cell"><span>${esc(`覆盖：每个有合格报名者的${TIER_ZH[row.tier] ?? row.tier}单位至少 ${row.min} 人`)} <small class="en">coverage, tier ${esc(row.tier)}, ${row.min} each${row.hard === false ? ", soft" : ""}</small></span>${miss}</div>`
        + `<div class="cell"><div class="track"><div class="fill${bad ? " over" : isShort ? " short" : ""}" style="width:${cssPct(got / scale)}"></div><div class="mark" style="left:${cssPct(needed / scale)}"></div></div></div>`
        + `<div class="cell nums"><span class="big">${got}</span> <span class="muted">/ ${needed}</span> <small class="en">${us.length - missing.length} of ${us.length} units</small></div><div class="cell">${chip}</div></div>`;
    });

    if (prog.budget) {
      const used = budgetUsed(ctx, plan, prog);
      const cap = prog.budget.cap;
      const over = used > cap + 1e-9;
      const scale = Math.max(cap, used, 1) * 1.05;
      const costs = (prog.budget.costs ?? []).map((r) => `${describeWhere(ctx, r.where)} ¥${num(r.amount)}/人`).join("；");
      rows += `<div${attrs({ "class": `tr${over ? " bad" : ""}`, "data-testid": "budget-bar", "data-programme": prog.id, "data-used": used, "data-cap": cap })}>`
        + `<div class="cell"><span>${bi("经费", "budget")}</span><div class="miss" style="color:#6b7280">${costs}</div></div>`
        + `<div class="cell"><div class="track"><div class="fill${over ? " over" : ""}" style="width:${cssPct(used / scale)};background:${over ? "#dc2626" : "#3b82f6"}"></div><div class="mark" style="left:${cssPct(cap / scale)}" title="上限 cap"></div></div></div>`
        + `<div class="cell nums"><span class="big">¥${num(used)}</span> <span class="muted">/ ¥${num(cap)}</span> <small class="en">${esc(pct(cap > 0 ? used / cap : 0))}</small></div>`
        + `<div class="cell">${over ? `<span class="chip bad">超支 <small>over cap</small></span>` : `<span class="chip ok">未超 <small>within cap</small></span>`}</div></div>`;
    }
    out += `<h3>${esc(prog.name ?? prog.id)} <small class="en">${esc(prog.id)} · ${c.total} 人 placed</small></h3>`;
    out += rows ? `<div class="tg">${head}${rows}</div>` : `<p class="muted">该项目没有名额、覆盖或经费要求 <small class="en">no quotas, coverage or budget</small></p>`;
  }
  return `<section id="targets"><h2>名额、覆盖与经费 <small class="en">quotas, coverage and budget against their targets</small></h2>
<p class="lead">绿色为达标；橙色为未达软性目标（缺口计入目标函数）；红色为违反硬性规则。虚线为最低要求，实线为上限。 <small class="en">Green: met; amber: soft target short; red: hard rule broken. Dashed line: minimum; solid: maximum.</small></p>
${out}</section>`;
}

/**
 * The label of a per-year row, Chinese and English (plain text, not escaped); the 分年度
 * sheet of the workbook uses the same labels.
 */
export function yearlyRowLabel(ctx: Context, row: YearlyRow): { zh: string; en: string } {
  const monthly = ctx.slots.granularity === "month";
  const su = monthly ? { zh: "月", en: "month" } : { zh: "周", en: "week" };
  switch (row.metric) {
    case "started": return { zh: "新开始进修（人次）", en: "placements started" };
    case "trainees": return { zh: "在修人数", en: "trainees in training" };
    case "traineeSlots": return { zh: `进修人·${su.zh}`, en: `trainee-${su.en}s` };
    case "flag": return { zh: `其中${FLAG_ZH[row.flag!] ?? row.flag}（新开始）`, en: `started from ${row.flag}` };
    case "quota": {
      const prog = ctx.programmes.get(row.programme!);
      const w = whereText(ctx, prog?.quotas?.[row.quota!]?.where);
      return { zh: `累计完成：${w.zh}（名额第 ${row.quota! + 1} 行，软性最低）`, en: `quota ${row.quota} cumulative: ${w.en}` };
    }
    case "support": return { zh: `下沉支援（人·${su.zh}）`, en: `specialist-${su.en}s sent down` };
  }
}

function yearly(inst: Instance, plan: Plan, f: Facts): string {
  const { ctx } = f;
  const views = yearlyViews(inst, plan);
  const rows = yearlyRows(views);
  const su = slotUnit(f);
  const yearHead = views.years.map((y) => `<th class="nums">${y.year}年 <small class="en">${esc(y.from)} … ${esc(lastDay(y.to))}</small></th>`).join("");
  const cols = views.years.length + 2;
  let body = "";
  let group: string | undefined = "\u0000";
  for (const r of rows) {
    if (r.programme !== group) {
      group = r.programme;
      const prog = r.programme !== undefined ? ctx.programmes.get(r.programme) : undefined;
      const name = r.programme === undefined ? bi("全部项目", "all programmes") : `${esc(prog?.name ?? r.programme)} <small class="en">${esc(r.programme)}</small>`;
      body += `<tr><th colspan="${cols}" style="background:#eef2ff;color:#1e3a8a">${name}</th></tr>`;
    }
    const label = yearlyRowLabel(ctx, r);
    const cells = r.values.map((v, i) => {
      const share = r.target !== undefined && r.target > 0 ? ` <small class="en">${esc(pct(v / r.target))}</small>` : "";
      return `<td${attrs({ "class": "nums", "data-testid": "yearly-cell", "data-year": views.years[i].year, "data-value": v })}>${esc(num(v))}${share}</td>`;
    }).join("");
    const target = r.target !== undefined ? `≥ ${esc(num(r.target))}` : "";
    body += `<tr${attrs({ "data-testid": "yearly-row", "data-programme": r.programme, "data-metric": r.metric, "data-flag": r.flag, "data-quota": r.quota })}><td>${bi(label.zh, label.en)}</td>${cells}<td class="nums">${target}</td></tr>`;
  }
  return `<section id="years" data-testid="yearly"><h2>分年度情况 <small class="en">year by year</small></h2>
<p class="lead">进修按开始日期计入年度；在修人数与人·${su.zh}按时段计入各年度（跨年进修分别计入）；累计完成为截至该年底开始的符合条件的进修人次，与整个周期的软性最低目标对照。 <small class="en">A placement counts in the year it starts; trainees in training and trainee-${su.en}s count slot by slot in the year each slot begins; cumulative rows count matching placements started by the end of the year, against the soft minimum over the whole calendar.</small></p>
<table class="tbl"><thead><tr><th>指标 <small class="en">metric</small></th>${yearHead}<th>目标 <small class="en">target</small></th></tr></thead><tbody>${body}</tbody></table>
</section>`;
}

function supportTable(plan: Plan, f: Facts): string {
  const { ctx } = f;
  const rows = (plan.support ?? []).map((s) => {
    const [a, b] = spanOf(f, s.start, s.end);
    return `<tr data-testid="support-row"><td>${esc(unitName(ctx, s.from))}</td><td>${esc(unitName(ctx, s.to))}</td><td>${deptHtml(s.dept)}</td><td class="nums">${esc(s.start)} 至 ${esc(lastDay(s.end))}</td><td class="nums">${s.count}</td><td class="nums">${s.count * Math.max(0, b - a)}</td></tr>`;
  }).join("");
  const su = slotUnit(f);
  return `<section id="support"><h2>下沉支援安排 <small class="en">specialists sent down to keep sending units staffed</small></h2>
${rows ? `<table class="tbl"><thead><tr><th>派出专家的医院 <small class="en">from</small></th><th>受援单位 <small class="en">to</small></th><th>科室 <small class="en">dept</small></th><th>时间 <small class="en">period</small></th><th>人数 <small class="en">count</small></th><th>人·${su.zh} <small class="en">specialist-${su.en}s</small></th></tr></thead><tbody>${rows}</tbody></table>` : `<p class="muted">无需下沉支援 <small class="en">no support needed</small></p>`}
</section>`;
}

function unplacedTable(plan: Plan, f: Facts): string {
  const { ctx } = f;
  const list = plan.unplaced ?? [];
  const rows = list.map((u, i) => {
    const t: Trainee | undefined = ctx.trainees.get(u.trainee);
    const home: Unit | undefined = t ? ctx.units.get(t.unit) : undefined;
    const reasons = u.reasons.map((r) =>
      `<div class="reason"><span class="zh">${esc(CODE_ZH[r.code] ?? r.code)}</span><span class="code">${esc(r.code)}</span>${r.message ? ` <span class="msg">${esc(r.message)}</span>` : ""}</div>`).join("");
    return `<tr${attrs({ "data-testid": "unplaced-row", "data-trainee": u.trainee, "data-code": u.reasons[0]?.code })}><td class="muted">${i + 1}</td><td style="white-space:nowrap"><b>${esc(t?.name ?? u.trainee)}</b> <small class="en">${esc(u.trainee)}</small></td><td>${esc(home?.name ?? t?.unit ?? "—")}</td><td>${t ? deptHtml(t.dept) : "—"}</td><td>${reasons || "—"}</td></tr>`;
  }).join("");
  return `<section id="unplaced" data-testid="unplaced"><h2>未安排名单 <small class="en">unplaced trainees and why</small></h2>
<p class="lead">“竞争落选”表示符合条件，但名额、容量、带教或经费已用于得分更高的安排。 <small class="en">CAPACITY-COMPETITION: eligible, but the room went to placements worth more.</small></p>
${rows ? `<table class="tbl"><thead><tr><th>#</th><th>学员 <small class="en">trainee</small></th><th>派出单位 <small class="en">home unit</small></th><th>原科室 <small class="en">dept</small></th><th>原因（代码与说明） <small class="en">reasons (code, message)</small></th></tr></thead><tbody>${rows}</tbody></table>` : `<p class="muted">全部学员均已安排 <small class="en">everyone is placed</small></p>`}
</section>`;
}

// ---------------------------------------------------------------------------

/**
 * Renders a plan as one self-contained HTML page (inline CSS, no scripts, no
 * network at view time). Deterministic: same arguments, same string.
 *
 * @example
 * const plan = await solve(instance);
 * writeFileSync("report.html", renderHtmlReport(instance, plan));
 */
export function renderHtmlReport(instance: Instance, plan: Plan, options: HtmlReportOptions = {}): string {
  const ctx = contextOf(instance);
  const f: Facts = {
    ctx,
    n: ctx.slots.count,
    monthly: instance.calendar.granularity === "month",
    pinned: new Set((instance.pinned ?? []).map((p) => p.trainee)),
    colours: segmentColours(plan),
  };
  const title = options.title ?? (instance.programmes.map((p) => p.name ?? p.id).join(" · ") || "进修安排");
  const footer = `<footer>由 jinxiu 生成 <small class="en">generated by jinxiu</small>${options.generatedAt ? ` · ${esc(options.generatedAt)}` : ""} · 本页为离线文件，不加载任何外部资源 <small class="en">offline page, loads nothing</small></footer>`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} — 进修安排报告</title>
<style>${CSS}</style>
</head>
<body>
<main>
${header(instance, plan, f, title)}
${gantt(instance, plan, f)}
${heatmap(instance, plan, f, options.expandStaffing === true)}
${targets(instance, plan, f)}
${spansSeveralYears(instance) ? `${yearly(instance, plan, f)}\n` : ""}${supportTable(plan, f)}
${unplacedTable(plan, f)}
${footer}
</main>
</body>
</html>
`;
}
