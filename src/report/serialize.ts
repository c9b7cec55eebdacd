import type { Plan } from "../model/types.js";

/**
 * A plan as file text: the SPEC §6 key order, two-space indent, a final
 * newline. No timestamps or timings, so the same plan is the same bytes.
 *
 * @example
 * writeFileSync("plan.json", serializePlan(plan)); // SPEC §6 key order, 2-space indent
 */
export function serializePlan(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}
