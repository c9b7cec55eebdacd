/**
 * `solve` on tiny residency instances (SPEC §10, `arbResidencyDraft`: ≤ 3 residents, ≤ 5
 * months, fixed rotations, completed requirements, phases, `after`, blocks, minBlock, sites,
 * soft and hard service rows, managers) agrees with the independent exhaustive oracle
 * (`residency-exhaustive.ts`) on the optimum, or on there being no valid plan; also with a
 * baseline of residencies (SPEC §11.1: keeping a schedule avoids a change).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseInstance } from "../../src/model/parse.js";
import type { Instance } from "../../src/model/types.js";
import { solve } from "../../src/solve/index.js";
import { verifyPlan } from "../../src/verify.js";
import { arbResidencyDraft, residencyFromDraft } from "../helpers/residency.js";
import { residencyExhaustive, schedulesOf } from "./residency-exhaustive.js";

const runs = (n: number) => Math.max(1, Math.round(n * Number(process.env.JINXIU_PROPERTY_SCALE ?? 1)));

function parsed(d: Parameters<typeof residencyFromDraft>[0], baseline?: unknown): Instance | undefined {
  try {
    return parseInstance(JSON.stringify({ ...residencyFromDraft(d), ...(baseline ? { baseline } : {}) }));
  } catch {
    return undefined;
  }
}

describe("residency solve against exhaustive search (SPEC §10)", () => {
  it("solve's optimum equals the best valid plan of every combination of schedules", async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(arbResidencyDraft, fc.option(fc.array(fc.nat(), { minLength: 3, maxLength: 3 }), { nil: undefined }), async (d, pick) => {
        let inst = parsed(d);
        if (!inst) return;
        if (pick) {
          // A baseline (SPEC §11.1): for each resident one of its valid schedules, picked at random (jointly they need not fit).
          const residencies = inst.trainees.flatMap((t, i) => {
            const all = schedulesOf(inst!, t.id, 20_000) ?? [];
            return all.length ? [all[pick[i] % all.length]] : [];
          });
          inst = parsed(d, { residencies });
          if (!inst) return;
        }
        const oracle = residencyExhaustive(inst);
        if (oracle.tooBig) return;
        const plan = await solve(inst);
        compared++;
        if (oracle.objective === undefined) {
          expect(plan.status).toBe("infeasible");
          return;
        }
        expect(plan.status).toBe("optimal");
        expect(verifyPlan(inst, plan).valid).toBe(true);
        expect(plan.objective).toBeCloseTo(oracle.objective, 6);
        expect(plan.bound).toBeCloseTo(oracle.objective, 6);
      }),
      { numRuns: runs(60) },
    );
    expect(compared).toBeGreaterThan(runs(60) / 4);
  });
});
