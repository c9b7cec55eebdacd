/**
 * A short human summary of a plan: status and gap, placed/unplaced, quotas, shortfalls,
 * support, and — when the calendar's slots fall in two or more years — a per-year table
 * (see yearly.ts for what each row counts).
 */
import type { Instance, Plan } from "../model/types.js";
import { contextOf } from "../rules/context.js";
import { quotaCounts } from "../rules/quota.js";
import type { SolveStats } from "../solve/index.js";
import { spansSeveralYears, type YearlyRow, yearlyRows, yearlyViews } from "./yearly.js";

/** A short human summary of a plan. */
export function summarizePlan(inst: Instance, plan: Plan, options: { stats?: SolveStats; out?: string } = {}): string {
  const { stats, out } = options;
  const ctx = contextOf(inst);
  const lines: string[] = [];
  const gap = plan.bound !== undefined && plan.bound !== 0 ? Math.abs(plan.bound - plan.objective) / Math.max(1, Math.abs(plan.bound)) : 0;
  lines.push(`status ${plan.status}: objective ${plan.objective}${plan.bound !== undefined ? `, bound ${plan.bound} (gap ${(gap * 100).toFixed(2)} %)` : ""}`);
  const unplaced = plan.unplaced ?? [];
  const byCode = new Map<string, number>();
  for (const u of unplaced) byCode.set(u.reasons[0]?.code ?? "?", (byCode.get(u.reasons[0]?.code ?? "?") ?? 0) + 1);
  lines.push(`placed ${plan.placements.length} of ${inst.trainees.length}; unplaced ${unplaced.length}${byCode.size ? ` (${[...byCode].map(([c, n]) => `${c} ${n}`).join(", ")})` : ""}`);
  const counts = quotaCounts(ctx, plan);
  for (const prog of inst.programmes) {
    const c = counts.get(prog.id)!;
    lines.push(`programme ${prog.id}${prog.name ? ` (${prog.name})` : ""}: ${c.total} placed`);
    (prog.quotas ?? []).forEach((q, i) => {
      const target = [q.min !== undefined ? `min ${q.min}` : "", q.max !== undefined ? `max ${q.max}` : "", q.maxShare !== undefined ? `share ≤ ${q.maxShare}` : ""].filter(Boolean).join(", ");
      const where = q.where && Object.keys(q.where).length ? Object.entries(q.where).map(([k, v]) => `${k}=${(v as string[]).join("/")}`).join(" ") : "all";
      lines.push(`  quota ${i} [${where}]: ${c.rows[i]} (${target})`);
    });
  }
  for (const s of plan.shortfalls ?? []) lines.push(`shortfall: ${s.programme} ${s.rule} ${s.index}: got ${s.got} of ${s.needed}`);
  const supportSlots = (plan.support ?? []).reduce((n, s) => {
    const [a, b] = ctx.span(s.start, s.end);
    return n + s.count * (b - a);
  }, 0);
  lines.push(`support sent down: ${(plan.support ?? []).length} row(s), ${supportSlots} specialist-slot(s)`);
  if (spansSeveralYears(inst)) lines.push(...yearlyText(inst, plan));
  for (const c of plan.conflicts ?? []) lines.push(`conflict ${c.code}: ${c.message}`);
  if (stats) lines.push(`model: ${stats.variables} variables, ${stats.constraints} constraints (${stats.groups} trainee groups), ${stats.backend}, ${(stats.elapsedMs / 1000).toFixed(2)} s`);
  if (out) lines.push(`plan written to ${out}`);
  return lines.join("\n");
}

/**
 * The per-year table: a header of years, then one line per metric, values right-aligned
 * under their year; quota lines carry their cumulative count and end with the target.
 *
 * ```text
 * per year (quota rows: cumulative count by the end of the year):
 *                                        2024  2025  2026
 *   zj-county started                       3     5     2
 *   zj-county trainees in training          3     6     2
 *   zj-county trainee-months                5    12     4
 *   zj-county started from mountain-island  2     1     0
 *   zj-county quota 1 cumulative            2     3     5  (soft min 900)
 *   support specialist-months               4     0     0
 * ```
 */
function yearlyText(inst: Instance, plan: Plan): string[] {
  const views = yearlyViews(inst, plan);
  const unit = views.granularity === "month" ? "months" : "weeks";
  const label = (r: YearlyRow): string => {
    const p = r.programme ?? "";
    switch (r.metric) {
      case "started": return `${p} started`;
      case "trainees": return `${p} trainees in training`;
      case "traineeSlots": return `${p} trainee-${unit}`;
      case "flag": return `${p} started from ${r.flag}`;
      case "quota": return `${p} quota ${r.quota} cumulative`;
      case "support": return `support specialist-${unit}`;
    }
  };
  const rows = yearlyRows(views);
  const labels = rows.map(label);
  const lw = Math.max(0, ...labels.map((l) => l.length));
  const cw = Math.max(4, ...rows.flatMap((r) => r.values.map((v) => String(v).length)));
  const cols = (vs: readonly (string | number)[]) => vs.map((v) => String(v).padStart(cw)).join("  ");
  return [
    "per year (quota rows: cumulative count by the end of the year):",
    `  ${"".padEnd(lw)}  ${cols(views.years.map((y) => y.year))}`,
    ...rows.map((r, i) => `  ${labels[i].padEnd(lw)}  ${cols(r.values)}${r.target !== undefined ? `  (soft min ${r.target})` : ""}`),
  ];
}
