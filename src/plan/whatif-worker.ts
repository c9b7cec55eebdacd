/** A what-if worker (a thread of the pool in `whatif.ts`): solves one scenario's instance. */
import { parseInstance } from "../model/parse.js";
import type { Plan } from "../model/types.js";
import { type SolveOptions, solve } from "../solve/index.js";

export default async function solveScenario(task: { instance: unknown; options: Omit<SolveOptions, "onProgress" | "signal" | "backend"> }): Promise<Plan> {
  return solve(parseInstance(task.instance), task.options);
}
