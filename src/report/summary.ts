/**
 * A short summary of a plan for the planner, in Chinese by default (`lang: "en"` for
 * English): status and gap, placed/unplaced with the reasons' labels, every quota in words
 * with its count, shortfalls, support sent down, and — when the calendar's slots fall in
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
import type { SolveStats } from "../solve/index.js";
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
}

/** The figures of a summary: quota counts and support slots. */
export function summaryFigures(ctx: Context, plan: Plan): SummaryFigures {
  return { quotas: quotaCounts(ctx, plan), supportSlots: supportSlots(ctx, plan) };
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

  const unplaced = plan.unplaced ?? [];
  const byCode = new Map<string, number>();
  for (const u of unplaced) {
    const code = u.reasons[0]?.code ?? "";
    byCode.set(code, (byCode.get(code) ?? 0) + 1);
  }
  const codes = [...byCode].map(([c, n]) => `${c === "" ? (zh ? "未说明原因" : "no reason given") : label(REASON_LABELS, c, lang)} ${n}`).join(zh ? "，" : ", ");
  lines.push(zh
    ? `已安排 ${plan.placements.length} 人（报名 ${inst.trainees.length} 人）；未安排 ${unplaced.length} 人${codes ? `（${codes}）` : ""}`
    : `placed ${plan.placements.length} of ${inst.trainees.length}; not placed ${unplaced.length}${codes ? ` (${codes})` : ""}`);

  for (const prog of inst.programmes) {
    const c = figures.quotas.get(prog.id) ?? { total: 0, rows: [] };
    lines.push(zh ? `项目「${prog.name ?? prog.id}」：已安排 ${c.total} 人` : `programme "${prog.name ?? prog.id}": ${c.total} placed`);
    (prog.quotas ?? []).forEach((q, i) => {
      lines.push(`  ${quotaWords(names, q)}${zh ? "：" : ": "}${c.rows[i] ?? 0}`);
    });
  }
  for (const s of plan.shortfalls ?? []) lines.push(`${zh ? "未达目标：" : "shortfall: "}${shortfallWords(names, inst, s)}`);
  const rows = (plan.support ?? []).length;
  const su = ctx.slots.granularity === "month" ? (zh ? "月" : "month") : (zh ? "周" : "week");
  lines.push(zh
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
