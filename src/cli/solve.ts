/** `jinxiu solve`: solve an instance, print a short summary, write the plan atomically. */
import type { Instance, Plan } from "../model/types.js";
import { contextOf } from "../rules/context.js";
import { quotaCounts } from "../rules/quota.js";
import { type SolveStats, solveDetailed } from "../solve/index.js";
import { CliInputError, type Io, writeAtomic } from "./io.js";

export interface SolveCliOptions {
  out?: string;
  timeLimit?: string;
  gap?: string;
  backend?: "highs" | "jslp";
  json?: boolean;
  quiet?: boolean;
}

/** The plan as a file: stable key order, two-space indent, a final newline. Byte-identical for identical plans. */
export function serializePlan(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

function positive(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new CliInputError(`${option}: must be a positive number, got "${value}"`);
  return n;
}

export async function solveCommand(inst: Instance, opts: SolveCliOptions, io: Io): Promise<number> {
  const seconds = positive(opts.timeLimit, "--time-limit");
  const gap = opts.gap === undefined ? undefined : Number(opts.gap);
  if (gap !== undefined && !(gap >= 0 && gap < 1)) throw new CliInputError(`--gap: must be a fraction in [0, 1), got "${opts.gap}"`);
  const live = io.isTTY && !opts.quiet && !opts.json;
  let last = 0;
  const { plan, stats } = await solveDetailed(inst, {
    timeLimitMs: seconds !== undefined ? seconds * 1000 : undefined,
    relGap: gap,
    backend: opts.backend,
    onProgress: (p) => {
      if (!live || Date.now() - last < 200) return;
      last = Date.now();
      const parts = [`${p.phase}`, `${(p.elapsedMs / 1000).toFixed(1)} s`];
      if (p.incumbent !== undefined) parts.push(`incumbent ${Math.round(p.incumbent)}`);
      if (p.bound !== undefined) parts.push(`bound ${Math.round(p.bound)}`);
      process.stderr.write(`\r\x1b[2K${parts.join(" · ")}`);
    },
  });
  if (live) process.stderr.write("\r\x1b[2K");
  const text = serializePlan(plan);
  if (opts.out) writeAtomic(opts.out, text);
  if (opts.json) io.out(text);
  else if (!opts.quiet) io.out(summarize(inst, plan, stats, opts.out));
  return plan.status === "infeasible" ? 1 : 0;
}

/** A short human summary of a plan. */
export function summarize(inst: Instance, plan: Plan, stats?: SolveStats, out?: string): string {
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
  for (const c of plan.conflicts ?? []) lines.push(`conflict ${c.code}: ${c.message}`);
  if (stats) lines.push(`model: ${stats.variables} variables, ${stats.constraints} constraints (${stats.groups} trainee groups), ${stats.backend}, ${(stats.elapsedMs / 1000).toFixed(2)} s`);
  if (out) lines.push(`plan written to ${out}`);
  return lines.join("\n");
}
