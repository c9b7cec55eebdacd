/**
 * SPEC §11.4 what-if: named variants of one instance, each an RFC 6902 JSON
 * Patch on it (applied by fast-json-patch), solved independently — in
 * parallel on a pool of worker threads (tinypool) when `workers` > 1 — and
 * compared: objective, placed, shortfall units, support slots, and the §11.2
 * difference from the plan of the unchanged instance.
 */
import fastJsonPatch, { type Operation } from "fast-json-patch";
import { expectObject } from "../model/args.js";
import { InstanceError, type Issue, UsageError } from "../model/errors.js";
import { parseInstance } from "../model/parse.js";
import type { Instance, Plan } from "../model/types.js";
import { contextOf } from "../rules/context.js";
import { supportSlots } from "../rules/objective.js";
import { type SolveOptions, solve } from "../solve/index.js";
import { type PlanDiff, diff } from "./diff.js";

export interface Scenario {
  readonly name: string;
  readonly description?: string;
  readonly patch: readonly Operation[];
}

export interface ScenarioResult {
  readonly name: string;
  readonly description?: string;
  readonly plan: Plan;
  readonly objective: number;
  readonly placed: number;
  /** Units short over the soft rows (Σ needed − got of the plan's shortfalls). */
  readonly shortfallUnits: number;
  /** Specialist-slots of support sent down. */
  readonly supportSlots: number;
  /** From the plan of the unchanged instance to this scenario's plan. */
  readonly diff: PlanDiff;
}

export interface WhatIfOptions {
  /** Worker threads solving scenarios at once (default 1: one after another in this thread). */
  readonly workers?: number;
  /** Options of every solve. */
  readonly solve?: Omit<SolveOptions, "onProgress" | "signal" | "backend" | "baseline">;
}

/** A scenario's instance: the patch applied to a copy; a patch or the result that is not an instance is an InstanceError naming the scenario. */
export function scenarioInstance(instance: Instance, s: Scenario, index: number): Instance {
  let doc: unknown;
  try {
    doc = fastJsonPatch.applyPatch(JSON.parse(JSON.stringify(instance)), s.patch as Operation[], true, false).newDocument;
  } catch (e) {
    throw new InstanceError([{ path: `scenarios[${index}].patch`, message: `scenario "${s.name}": the patch cannot be applied: ${(e as Error).message.split("\n")[0]}` }], "scenarios");
  }
  try {
    return parseInstance(doc);
  } catch (e) {
    if (e instanceof InstanceError) throw new InstanceError(e.issues.map((i: Issue) => ({ path: `scenarios[${index}] → ${i.path}`, message: `scenario "${s.name}": ${i.message}` })), "scenarios");
    throw e;
  }
}

/**
 * Solves each scenario (a JSON Patch on the instance) and compares it with the
 * unchanged instance's plan.
 *
 * @example
 * const results = await whatif(instance, [
 *   { name: "预算增加 20%", patch: [{ op: "replace", path: "/programmes/0/budget/cap", value: 180000 }] },
 * ], { workers: 2 });
 * for (const r of results) console.log(r.name, r.objective, r.placed, r.diff.trainees.length);
 */
export async function whatif(instance: Instance, scenarios: readonly Scenario[], options: WhatIfOptions = {}): Promise<ScenarioResult[]> {
  expectObject("whatif", "instance", instance, "an instance object (parse it with parseInstance)");
  if (!Array.isArray(scenarios)) throw new UsageError("whatif: scenarios must be a list of { name, patch }");
  scenarios.forEach((s, i) => {
    if (!s || typeof s.name !== "string" || !Array.isArray(s.patch)) throw new UsageError(`whatif: scenarios[${i}] must be { name: string, patch: [...] }`);
  });
  const workers = options.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1) throw new UsageError(`whatif: options.workers must be a whole number ≥ 1, got ${String(workers)}`);
  const instances = scenarios.map((s, i) => scenarioInstance(instance, s, i));
  const solveOptions = { timeLimitMs: 600_000, ...(options.solve ?? {}) };
  let plans: Plan[];
  let base: Plan;
  if (workers > 1 && instances.length > 0) {
    const { default: Tinypool } = await import("tinypool");
    // From the package's dist/ the worker is its built JavaScript; from the sources (tests) a bootstrap registers tsx first.
    const ts = import.meta.url.endsWith(".ts");
    const pool = new Tinypool({
      filename: new URL(ts ? "./whatif-worker.dev.mjs" : "./whatif-worker.js", import.meta.url).href,
      minThreads: Math.min(workers, instances.length + 1),
      maxThreads: Math.min(workers, instances.length + 1),
    });
    try {
      const run = (inst: unknown) => pool.run({ instance: JSON.parse(JSON.stringify(inst)), options: solveOptions }) as Promise<Plan>;
      [base, ...plans] = await Promise.all([run(instance), ...instances.map(run)]);
    } finally {
      await pool.destroy();
    }
  } else {
    base = await solve(instance, solveOptions);
    plans = [];
    for (const inst of instances) plans.push(await solve(inst, solveOptions));
  }
  return scenarios.map((s, i) => {
    const plan = plans[i];
    return {
      name: s.name,
      ...(s.description !== undefined ? { description: s.description } : {}),
      plan,
      objective: plan.objective,
      placed: plan.placements.length,
      shortfallUnits: plan.shortfalls.reduce((n, x) => n + (x.needed - x.got), 0),
      supportSlots: supportSlots(contextOf(instances[i]), plan),
      diff: diff(instances[i], base, plan),
    };
  });
}
