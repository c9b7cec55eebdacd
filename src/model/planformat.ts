/**
 * PLAN-FORMAT: the SPEC §6 rules on a plan's own form, checked by `verifyPlan`
 * before (and besides) the §5 rules, so a plan that breaks one is never
 * `valid`:
 * - the shape (version, status, objective, each list and each entry); a
 *   malformed entry is reported with its path and left out of every other rule
 *   (a value the §5 rules judge, like a support `count` of 0, is theirs);
 * - every unplaced trainee carries at least one reason, each with a non-empty
 *   code;
 * - each shortfall row names a soft row that exists (a quota with `min` and
 *   `hard: false`, or a soft coverage row), once, with whole `needed > got ≥ 0`;
 *   whether the rows are the ones the plan has is `shortfallsMatch`, like
 *   `objectiveMatches` for the objective;
 * - a `bound` is not below the objective;
 * - an `infeasible` plan holds the pinned placements only, no support rows,
 *   every other trainee unplaced with reason `INFEASIBLE`, and at least one
 *   conflict; any other status has no conflicts.
 */
import { z } from "zod";
import { formatPath } from "./errors.js";
import { zodIssues } from "./parse.js";
import { PLAN_STATUSES, placementSchema, residencyRotationSchema, shortfallSchema, supportRowSchema, unplacedSchema, violationSchema } from "./schema.js";
import type { Instance, Plan, ResidencyEntry, ResidencyRotation, Shortfall, Violation } from "./types.js";

export const PLAN_FORMAT = "PLAN-FORMAT";

/** A support row's shape; its count's value (a positive whole number) is R-SUPPORT's to judge. */
const looseSupportRow = supportRowSchema.extend({ count: z.number() });

const v = (path: string, message: string, ids: string[] = []): Violation => ({ code: PLAN_FORMAT, ids, message: `${path || "(root)"}: ${message}` });

/**
 * The plan's shape checked entry by entry: the violations, and the plan made of
 * its well-formed entries only (what the other rules judge).
 */
export function planShape(plan: Record<string, unknown>): { violations: Violation[]; clean: Plan } {
  const out: Violation[] = [];
  const issuesAt = (prefix: string, err: z.ZodError) => {
    for (const i of zodIssues(err)) out.push(v(i.path ? `${prefix}${i.path.startsWith("[") ? "" : "."}${i.path}` : prefix, i.message));
  };
  if (plan.version !== 1) out.push(v("version", `must be 1, got ${JSON.stringify(plan.version) ?? "nothing"}`));
  const status = PLAN_STATUSES.includes(plan.status as never) ? (plan.status as Plan["status"]) : undefined;
  if (!status) out.push(v("status", `must be one of ${PLAN_STATUSES.join(", ")}; got ${JSON.stringify(plan.status) ?? "nothing"}`));
  if (typeof plan.objective !== "number" || !Number.isFinite(plan.objective)) out.push(v("objective", `must be a finite number, got ${JSON.stringify(plan.objective) ?? "nothing"}`));
  if (plan.bound !== undefined && (typeof plan.bound !== "number" || !Number.isFinite(plan.bound))) out.push(v("bound", `must be a finite number, got ${JSON.stringify(plan.bound)}`));
  if (plan.changes !== undefined && !(typeof plan.changes === "number" && Number.isInteger(plan.changes) && plan.changes >= 0))
    out.push(v("changes", `must be a whole number ≥ 0, got ${JSON.stringify(plan.changes)}`));
  const known = new Set(["$schema", "version", "status", "objective", "bound", "placements", "residencies", "support", "unplaced", "shortfalls", "conflicts", "changes"]);
  for (const k of Object.keys(plan)) if (!known.has(k)) out.push(v(k, "unknown key"));

  const entries = <T>(key: string, schema: z.ZodType, required: boolean): T[] => {
    const list = plan[key];
    if (list === undefined) {
      if (required) out.push(v(key, "is required"));
      return [];
    }
    if (!Array.isArray(list)) {
      out.push(v(key, "must be a list"));
      return [];
    }
    const ok: T[] = [];
    list.forEach((e, i) => {
      const r = schema.safeParse(e);
      if (r.success) ok.push(e as T);
      else issuesAt(formatPath([key, i]), r.error);
    });
    return ok;
  };
  // SPEC §10 reading 16: an entry needs a trainee id and a list of rotations; a malformed
  // rotation is reported and left out of every other rule; rotations are listed by start.
  const residencies: ResidencyEntry[] = [];
  if (plan.residencies !== undefined && !Array.isArray(plan.residencies)) out.push(v("residencies", "must be a list"));
  else (plan.residencies as unknown[] | undefined)?.forEach((e, i) => {
    const at = `residencies[${i}]`;
    const entry = e as { trainee?: unknown; rotations?: unknown } | null;
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) return void out.push(v(at, "must be an object { trainee, rotations }"));
    if (typeof entry.trainee !== "string" || entry.trainee === "") return void out.push(v(`${at}.trainee`, `must be a non-empty string id, got ${JSON.stringify(entry.trainee) ?? "nothing"}`));
    const trainee = entry.trainee;
    if (!Array.isArray(entry.rotations)) return void out.push(v(`${at}.rotations`, `must be a list, got ${JSON.stringify(entry.rotations) ?? "nothing"}`, [trainee]));
    for (const k of Object.keys(entry)) if (k !== "trainee" && k !== "rotations") out.push(v(`${at}.${k}`, "unknown key", [trainee]));
    const rotations: ResidencyRotation[] = [];
    entry.rotations.forEach((r, j) => {
      const res = residencyRotationSchema.safeParse(r);
      if (res.success) rotations.push(r as ResidencyRotation);
      else issuesAt(formatPath(["residencies", i, "rotations", j]), res.error);
    });
    for (let j = 1; j < rotations.length; j++)
      if (rotations[j].start < rotations[j - 1].start) {
        out.push(v(`${at}.rotations`, `trainee "${trainee}": rotations must be listed by start (${rotations[j].start} after ${rotations[j - 1].start})`, [trainee]));
        break;
      }
    residencies.push({ trainee, rotations });
  });
  const clean: Plan = {
    version: 1,
    status: status ?? "feasible",
    objective: typeof plan.objective === "number" ? plan.objective : Number.NaN,
    ...(typeof plan.bound === "number" ? { bound: plan.bound } : {}),
    placements: entries("placements", placementSchema, true),
    ...(plan.residencies !== undefined ? { residencies } : {}),
    support: entries("support", looseSupportRow, false),
    unplaced: entries("unplaced", unplacedSchema, false),
    shortfalls: entries("shortfalls", shortfallSchema, false),
    conflicts: entries("conflicts", violationSchema, false),
    ...(typeof plan.changes === "number" ? { changes: plan.changes } : {}),
  };
  clean.unplaced.forEach((u, i) => {
    if (u.reasons.length === 0) out.push(v(`unplaced[${i}].reasons`, `trainee "${u.trainee}" has no reason; every unplaced trainee carries at least one (SPEC §6)`, [u.trainee]));
    u.reasons.forEach((r, j) => {
      if (r.code.trim() === "") out.push(v(`unplaced[${i}].reasons[${j}].code`, `trainee "${u.trainee}": a reason needs a code`, [u.trainee]));
    });
  });
  return { violations: out, clean };
}

/** The §6 rules that need the instance and the computed shortfalls. */
export function planFormat(instance: Instance, plan: Plan, objective: number, changes?: number): Violation[] {
  const out: Violation[] = [];
  // SPEC §11 reading 4: with a baseline, `changes` is required and equals the count.
  if (instance.baseline && changes !== undefined) {
    if (plan.changes === undefined) out.push(v("changes", `is required: the instance has a baseline (${changes} trainee(s) changed)`));
    else if (plan.changes !== changes) out.push(v("changes", `the plan states ${plan.changes}, the baseline gives ${changes}`));
  }
  const listed = new Map<string, number>();
  const programmes = new Map(instance.programmes.map((p) => [p.id, p]));
  const units = new Map(instance.units.map((u) => [u.id, u]));
  plan.shortfalls.forEach((s, i) => {
    const k = shortfallKey(s);
    if (s.rule === "service") {
      const what = `service row ${s.index} of unit "${s.unit}"`;
      if (listed.has(k)) out.push(v(`shortfalls[${i}]`, `${what} is listed twice (also shortfalls[${listed.get(k)}])`, [s.unit]));
      listed.set(k, i);
      const row = units.get(s.unit)?.service?.[s.index];
      if (!units.has(s.unit)) out.push(v(`shortfalls[${i}].unit`, `unknown unit "${s.unit}"`, [s.unit]));
      else if (row === undefined || row.hard === true) out.push(v(`shortfalls[${i}]`, `${what} is not a soft service row of the instance`, [s.unit]));
      else if (row.dept !== s.dept) out.push(v(`shortfalls[${i}].dept`, `${what} is for department "${row.dept}", not "${s.dept}"`, [s.unit]));
      if (!Number.isInteger(s.needed) || !Number.isInteger(s.got) || s.got < 0 || s.needed <= s.got)
        out.push(v(`shortfalls[${i}]`, `${what}: needed and got are whole numbers with needed > got ≥ 0 (a row is listed only when short), got needed ${s.needed}, got ${s.got}`, [s.unit]));
      return;
    }
    const what = `${s.rule} row ${s.index} of programme "${s.programme}"`;
    if (listed.has(k)) out.push(v(`shortfalls[${i}]`, `${what} is listed twice (also shortfalls[${listed.get(k)}])`, [s.programme]));
    listed.set(k, i);
    const prog = programmes.get(s.programme);
    const row = s.rule === "quota" ? prog?.quotas?.[s.index] : prog?.coverage?.[s.index];
    const soft = row !== undefined && row.hard === false && (s.rule === "coverage" || (row as { min?: number }).min !== undefined);
    if (!prog) out.push(v(`shortfalls[${i}].programme`, `unknown programme "${s.programme}"`, [s.programme]));
    else if (!soft) out.push(v(`shortfalls[${i}]`, `${what} is not a soft ${s.rule === "quota" ? "quota minimum" : "coverage row"} of the instance`, [s.programme]));
    if (!Number.isInteger(s.needed) || !Number.isInteger(s.got) || s.got < 0 || s.needed <= s.got)
      out.push(v(`shortfalls[${i}]`, `${what}: needed and got are whole numbers with needed > got ≥ 0 (a row is listed only when short), got needed ${s.needed}, got ${s.got}`, [s.programme]));
  });
  if (plan.bound !== undefined && Number.isFinite(objective) && plan.bound < objective - 1e-6 * Math.max(1, Math.abs(objective)))
    out.push(v("bound", `${plan.bound} is below the plan's objective ${objective}; a bound is an upper bound`));

  if (plan.status === "infeasible") {
    const pinned = new Set((instance.pinned ?? []).map((p) => p.trainee));
    plan.placements.forEach((p, i) => {
      if (!pinned.has(p.trainee)) out.push(v(`placements[${i}]`, `an infeasible plan holds the pinned placements only, not trainee "${p.trainee}"`, [p.trainee]));
    });
    if (plan.support.length) out.push(v("support", "an infeasible plan has no support rows"));
    (plan.residencies ?? []).forEach((r, i) => out.push(v(`residencies[${i}]`, `an infeasible plan schedules no resident, not trainee "${r.trainee}"`, [r.trainee])));
    plan.unplaced.forEach((u, i) => {
      if (!pinned.has(u.trainee) && !u.reasons.some((r) => r.code === "INFEASIBLE"))
        out.push(v(`unplaced[${i}].reasons`, `trainee "${u.trainee}" of an infeasible plan needs the reason INFEASIBLE`, [u.trainee]));
    });
    if (plan.conflicts.length === 0) out.push(v("conflicts", "an infeasible plan names at least one conflict"));
  } else if (plan.conflicts.length) out.push(v("conflicts", `only an infeasible plan lists conflicts (status "${plan.status}")`));
  return out;
}

/** Every PLAN-FORMAT violation of a plan whose objective is already computed. */
export function planFormatViolations(instance: Instance, plan: Plan, changes?: number): Violation[] {
  const { violations, clean } = planShape(plan as unknown as Record<string, unknown>);
  return [...violations, ...planFormat(instance, clean, clean.objective, changes)];
}

/** Service rows are told apart by unit and index (SPEC §10 reading 12), quota and coverage rows by programme and index. */
const shortfallKey = (s: Shortfall) => JSON.stringify(s.rule === "service" ? [s.unit, s.rule, s.index] : [s.programme, s.rule, s.index]);

/** Whether a plan lists exactly the computed shortfall rows (any order). */
export function sameShortfalls(listed: readonly Shortfall[], computed: readonly Shortfall[]): boolean {
  if (listed.length !== computed.length) return false;
  const byKey = new Map(computed.map((c) => [shortfallKey(c), c]));
  return listed.every((s) => {
    const c = byKey.get(shortfallKey(s));
    return c !== undefined && c.needed === s.needed && c.got === s.got;
  });
}
