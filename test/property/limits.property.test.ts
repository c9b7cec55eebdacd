/**
 * Any instance the schema accepts either solves to a valid plan within its
 * time limit, or is refused with a path: generated with numbers at (and past)
 * the documented limits and ids from the full Unicode range.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InstanceError } from "../../src/model/errors.js";
import { parseInstance } from "../../src/model/parse.js";
import type { Instance } from "../../src/model/types.js";
import { solve } from "../../src/solve/index.js";
import { verifyPlan } from "../../src/verify.js";
import { arbHostileInstance } from "./arbitraries.js";

const scale = Number(process.env.JINXIU_PROPERTY_SCALE ?? 1);
const LIMIT_MS = 10_000;

describe("hostile instances", () => {
  it("are refused with a path, or solve to a valid plan within the time limit", { timeout: 600_000 }, async () => {
    let accepted = 0, refused = 0;
    await fc.assert(
      fc.asyncProperty(arbHostileInstance(), async (raw: Instance) => {
        let inst: Instance;
        try {
          inst = parseInstance(JSON.parse(JSON.stringify(raw)));
        } catch (e) {
          expect(e).toBeInstanceOf(InstanceError);
          const issues = (e as InstanceError).issues;
          expect(issues.length).toBeGreaterThan(0);
          for (const i of issues) expect(i.path, i.message).not.toBe("");
          refused++;
          return;
        }
        accepted++;
        const t0 = Date.now();
        const plan = await solve(inst, { timeLimitMs: LIMIT_MS });
        expect(Date.now() - t0).toBeLessThanOrEqual(1.1 * LIMIT_MS + 1000);
        const v = verifyPlan(inst, plan);
        if (plan.status === "infeasible") {
          expect(plan.conflicts.length).toBeGreaterThan(0);
          expect(v.violations.filter((x) => x.code === "PLAN-FORMAT")).toEqual([]);
        } else {
          expect(v.violations).toEqual([]);
          expect(v.objectiveMatches).toBe(true);
          expect(v.shortfallsMatch).toBe(true);
        }
      }),
      { numRuns: 60 * scale },
    );
    // Both outcomes occur, so the property is not vacuous.
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});
