/**
 * A short summary of a plan for the planner, in Chinese by default (`lang: "en"` for
 * English): status and gap, placed/unplaced with the reasons' labels, every quota in words
 * with its count, for residents (SPEC §10) the scheduled and unscheduled, the service
 * resident-months short and each base's managers, shortfalls, support sent down, and — when the calendar's slots fall in
 * two or more years — a per-year table (see yearly.ts for what each row counts). Units,
 * regions and programmes appear by name, never as ids or JSON.
 *
 * The numbers shown (quota counts, support slots) come from {@link summaryFigures}, kept
 * apart from the wording so that their source can change without touching the text.
 */
import { REASON_LABELS, STATUS_LABELS, label } from "../model/labels.js";
import type { Instance, Plan } from "../model/types.js";
import { type Context, contextOf } from "../rules/context.js";
import { supportSlots } from "../rules/objective.js";
import { quotaCounts } from "../rules/quota.js";
import { isResident } from "../rules/residents.js";
import type { SolveStats } from "../solve/index.js";
import { residencyMetrics } from "./metrics.js";
import type { ResidencyMetrics } from "./residency.js";
import { displayWidth, type Lang, namesOf, quotaWords, reasonWords, shortfallWords, yearlyRowLabel } from "./words.js";
import { spansSeveralYears, yearlyRows, yearlyViews } from "./yearly.js";

export interface SummaryOptions {
  /** Model statistics to report (from `solveDetailed`). */
  readonly stats?: SolveStats;
  /** The path the plan was written to, to say so. */
  readonly out?: string;
  /** Chinese (default) or English. */
  readonly lang?: Lang;
}

/** The numbers a summary shows, computed from the plan (nothing is worded here). */
export interface SummaryFigures {
  /** Per programme id: placements and the count of each quota row. */
  readonly quotas: ReadonlyMap<string, { readonly total: number; readonly rows: readonly number[] }>;
  /** Specialist-slots of support sent down. */
  readonly supportSlots: number;
  /** SPEC §10, when the instance has residents: scheduled, unplaced, service shortfalls, managers. */
  readonly residency?: ResidencyMetrics;
}

/** The figures of a summary: quota counts and support slots; for residents, residencyMetrics. */
export function summaryFigures(ctx: Context, plan: Plan): SummaryFigures {
  const residency = residencyMetrics(ctx.instance, plan);
  return { quotas: quotaCounts(ctx, plan), supportSlots: supportSlots(ctx, plan), ...(residency ? { residency } : {}) };
}

/**
 * The residency lines (SPEC §10): residents scheduled and not (with the reasons' labels),
 * the service resident-months short of soft rows and the hard rows broken, and per base its
 * scheduled residents against what its managers allow (R-MANAGERS' verdict).
 *
 * ```text
 * 住培：已排 2 人，未排 1 人（竞争落选 1）（住院医师 3 人）
 * 住培服务水平：缺口 2 人·月（1 条软性服务要求未达）
 * 山东第一医科大学第一附属医院：已排住院医师 2 人，专职管理人员 3 人（可容纳 300 人）
 * ```
 */
function residencyText(ctx: Context, r: ResidencyMetrics, names: ReturnType<typeof namesOf>, codes: string, lang: Lang): string[] {
  const zh = lang === "zh";
  const out = [zh
    ? `住培：已排 ${r.scheduled} 人，未排 ${r.unplaced} 人${codes ? `（${codes}）` : ""}（住院医师 ${r.residents} 人）`
    : `residents: ${r.scheduled} scheduled, ${r.unplaced} not scheduled${codes ? ` (${codes})` : ""} (of ${r.residents})`];
  if (r.figures.service.length > 0)
    out.push(zh
      ? `住培服务水平：缺口 ${r.serviceShort} 人·月（${r.softRowsShort} 条软性服务要求未达）${r.hardRowsBroken ? `；${r.hardRowsBroken} 条硬性服务要求未满足` : ""}`
      : `service levels: ${r.serviceShort} resident-month(s) short (${r.softRowsShort} soft row(s) short)${r.hardRowsBroken ? `; ${r.hardRowsBroken} hard row(s) broken` : ""}`);
  for (const m of r.figures.managers) {
    const managers = ctx.units.get(m.base)?.managers;
    const allows = Number.isFinite(m.limit) ? (zh ? `可容纳 ${m.limit} 人` : `room for ${m.limit}`) : (zh ? "不限人数" : "no limit");
    const over = m.scheduled > m.limit ? (zh ? " — 超出专职管理人员可管理的人数" : " — more than its managers allow") : "";
    out.push(zh
      ? `${names.unit(m.base)}：已排住院医师 ${m.scheduled} 人，专职管理人员 ${managers ?? "未设定"}${managers !== undefined ? " 人" : ""}（${allows}）${over}`
      : `${names.unit(m.base)}: ${m.scheduled} resident(s) scheduled, managers ${managers ?? "not given"} (${allows})${over}`);
  }
  return out;
}

/**
 * A short human summary of a plan.
 *
 * @example
 * ```ts
 * console.log(summarizePlan(instance, plan));                 // 状态：最优 …
 * console.log(summarizePlan(instance, plan, { lang: "en" })); // status: optimal …
 * ```
 */
export function summarizePlan(inst: Instance, plan: Plan, options: SummaryOptions = {}): string {
  const { stats, out } = options;
  const lang: Lang = options.lang === "en" ? "en" : "zh";
  const zh = lang === "zh";
  const ctx = contextOf(inst);
  const names = namesOf(ctx, lang);
  const figures = summaryFigures(ctx, plan);
  const lines: string[] = [];

  const gap = plan.bound !== undefined && plan.bound !== 0 ? Math.abs(plan.bound - plan.objective) / Math.max(1, Math.abs(plan.bound)) : 0;
  const status = label(STATUS_LABELS, plan.status, lang);
  lines.push(zh
    ? `状态：${status}（目标值 ${plan.objective}${plan.bound !== undefined ? `，上界 ${plan.bound}，差距 ${(gap * 100).toFixed(2)}%` : ""}）`
    : `status: ${status} (objective ${plan.objective}${plan.bound !== undefined ? `, bound ${plan.bound}, gap ${(gap * 100).toFixed(2)} %` : ""})`);

  // SPEC §10: residents are counted apart (residencyMetrics); the 进修 line counts 进修 trainees only.
  const residency = figures.residency;
  const resident = (id: string) => { const t = ctx.trainees.get(id); return t !== undefined && isResident(ctx, t); };
  const unplaced = (plan.unplaced ?? []).filter((u) => !residency || !resident(u.trainee));
  const trainees = residency ? inst.trainees.filter((t) => !isResident(ctx, t)).length : inst.trainees.length;
  const codeWords = (byCode: ReadonlyMap<string, number>) =>
    [...byCode].map(([c, n]) => `${c === "" ? (zh ? "未说明原因" : "no reason given") : label(REASON_LABELS, c, lang)} ${n}`).join(zh ? "，" : ", ");
  const byCode = new Map<string, number>();
  for (const u of unplaced) {
    const code = u.reasons[0]?.code ?? "";
    byCode.set(code, (byCode.get(code) ?? 0) + 1);
  }
  const codes = codeWords(byCode);
  if (!residency || trainees > 0 || plan.placements.length > 0)
    lines.push(zh
      ? `已安排 ${plan.placements.length} 人（报名 ${trainees} 人）；未安排 ${unplaced.length} 人${codes ? `（${codes}）` : ""}`
      : `placed ${plan.placements.length} of ${trainees}; not placed ${unplaced.length}${codes ? ` (${codes})` : ""}`);
  if (residency) lines.push(...residencyText(ctx, residency, names, codeWords(residency.unplacedByCode), lang));

  for (const prog of inst.programmes) {
    if (residency && prog.residency !== undefined) continue;
    const c = figures.quotas.get(prog.id) ?? { total: 0, rows: [] };
    lines.push(zh ? `项目「${prog.name ?? prog.id}」：已安排 ${c.total} 人` : `programme "${prog.name ?? prog.id}": ${c.total} placed`);
    (prog.quotas ?? []).forEach((q, i) => {
      lines.push(`  ${quotaWords(names, q)}${zh ? "：" : ": "}${c.rows[i] ?? 0}`);
    });
  }
  for (const s of plan.shortfalls ?? []) lines.push(`${zh ? "未达目标：" : "shortfall: "}${shortfallWords(names, inst, s)}`);
  const rows = (plan.support ?? []).length;
  const su = ctx.slots.granularity === "month" ? (zh ? "月" : "month") : (zh ? "周" : "week");
  if (!residency || trainees > 0 || plan.placements.length > 0 || rows > 0) lines.push(zh
    ? `下沉支援：${rows} 条安排，共 ${figures.supportSlots} 人·${su}`
    : `support sent down: ${rows} row(s), ${figures.supportSlots} specialist-${su}(s)`);
  if (spansSeveralYears(inst)) lines.push(...yearlyText(ctx, plan, lang));
  for (const c of plan.conflicts ?? []) lines.push(`${zh ? "冲突：" : "conflict: "}${reasonWords(c, lang)}`);
  if (stats)
    lines.push(zh
      ? `模型：${stats.variables} 个变量，${stats.constraints} 个约束（${stats.groups} 个学员组），${stats.backend}，${(stats.elapsedMs / 1000).toFixed(2)} 秒`
      : `model: ${stats.variables} variables, ${stats.constraints} constraints (${stats.groups} trainee groups), ${stats.backend}, ${(stats.elapsedMs / 1000).toFixed(2)} s`);
  if (out) lines.push(zh ? `方案已写入 ${out}` : `plan written to ${out}`);
  return lines.join("\n");
}

/**
 * The per-year table: a header of years, then one line per metric, values right-aligned
 * under their year (CJK characters count two columns); quota lines carry their
 * cumulative count and end with the target.
 *
 * ```text
 * 分年度（名额行为截至年底的累计数）：
 *                                  2024  2025  2026
 *   浙江省万医进修（县级）
 *     新开始进修（人次）              3     5     2
 *     …
 *   全部项目
 *     下沉支援（人·月）               4     0     0
 * ```
 */
function yearlyText(ctx: Context, plan: Plan, lang: Lang): string[] {
  const zh = lang === "zh";
  const views = yearlyViews(ctx.instance, plan);
  const rows = yearlyRows(views);
  const labels = rows.map((r) => yearlyRowLabel(ctx, r)[lang]);
  const lw = Math.max(0, ...labels.map(displayWidth));
  const pad = (s: string, w: number) => s + " ".repeat(Math.max(0, w - displayWidth(s)));
  const cw = Math.max(4, ...rows.flatMap((r) => r.values.map((v) => String(v).length)));
  const cols = (vs: readonly (string | number)[]) => vs.map((v) => String(v).padStart(cw)).join("  ");
  const out = [
    zh ? "分年度（名额行为截至年底的累计数）：" : "per year (quota rows: cumulative count by the end of the year):",
    `    ${pad("", lw)}  ${cols(views.years.map((y) => y.year))}`,
  ];
  let group: string | undefined = "\u0000";
  rows.forEach((r, i) => {
    if (r.programme !== group) {
      group = r.programme;
      const p = r.programme !== undefined ? ctx.programmes.get(r.programme) : undefined;
      out.push(`  ${r.programme === undefined ? (zh ? "全部项目" : "all programmes") : (p?.name ?? r.programme)}`);
    }
    out.push(`    ${pad(labels[i], lw)}  ${cols(r.values)}${r.target !== undefined ? (zh ? `  （软性最低 ${r.target}）` : `  (soft min ${r.target})`) : ""}`);
  });
  return out;
}
