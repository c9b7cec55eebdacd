/**
 * Invariants of `solve` on generated residency instances (SPEC §10; `arbResidencyDraftLarge`:
 * ≤ 6 residents, ≤ 6 months, fixed rotations, completed requirements, phases, `after`, blocks,
 * sites, soft and hard service rows, managers, maybe a mentor rule and 进修 trainees sharing
 * the base's seats and mentors). One invariant per property.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseInstance } from "../../src/model/parse.js";
import type { Instance, Plan } from "../../src/model/types.js";
import { objectiveOf } from "../../src/rules/objective.js";
import { contextOf } from "../../src/rules/context.js";
import { solve } from "../../src/solve/index.js";
import { verifyPlan } from "../../src/verify.js";
import { arbResidencyDraftLarge, residencyFromDraft } from "../helpers/residency.js";

const runs = (n: number) => Math.max(1, Math.round(n * Number(process.env.JINXIU_PROPERTY_SCALE ?? 1)));

function parsed(d: Parameters<typeof residencyFromDraft>[0], shuffle?: (xs: unknown[]) => unknown[]): Instance | undefined {
  const raw = residencyFromDraft(d);
  if (shuffle) {
    raw.trainees = shuffle(raw.trainees);
    raw.units = shuffle(raw.units);
  }
  try {
    return parseInstance(JSON.stringify(raw));
  } catch {
    return undefined;
  }
}

const solved = new Map<string, { inst: Instance; plan: Plan }>();
async function solveDraft(d: Parameters<typeof residencyFromDraft>[0]) {
  const k = JSON.stringify(d);
  let s = solved.get(k);
  if (!s) {
    const inst = parsed(d);
    if (!inst) return undefined;
    s = { inst, plan: await solve(inst) };
    solved.set(k, s);
  }
  return s;
}

describe("residency solve invariants (SPEC §10)", () => {
  it("every returned plan passes verifyPlan, or has the §6 infeasible shape", async () => {
    await fc.assert(
      fc.asyncProperty(arbResidencyDraftLarge, async (d) => {
        const s = await solveDraft(d);
        if (!s) return;
        if (s.plan.status === "infeasible") {
          expect(s.plan.conflicts.length).toBeGreaterThan(0);
          expect(s.plan.residencies ?? []).toEqual([]);
          for (const u of s.plan.unplaced) expect(u.reasons.map((r) => r.code)).toEqual(["INFEASIBLE"]);
          return;
        }
        const v = verifyPlan(s.inst, s.plan);
        expect(v.violations).toEqual([]);
      }),
      { numRuns: runs(40) },
    );
  });

  it("nobody is lost: every trainee is scheduled, placed or unplaced exactly once, every unplaced one with a reason", async () => {
    await fc.assert(
      fc.asyncProperty(arbResidencyDraftLarge, async (d) => {
        const s = await solveDraft(d);
        if (!s) return;
        const ids = [...s.plan.placements.map((p) => p.trainee), ...(s.plan.residencies ?? []).map((r) => r.trainee), ...s.plan.unplaced.map((u) => u.trainee)].sort();
        expect(ids).toEqual(s.inst.trainees.map((t) => t.id).sort());
        for (const u of s.plan.unplaced) expect(u.reasons.length).toBeGreaterThan(0);
      }),
      { numRuns: runs(40) },
    );
  });

  it("the plan's objective is the §7/§10 formula evaluated on it, and never above its bound", async () => {
    await fc.assert(
      fc.asyncProperty(arbResidencyDraftLarge, async (d) => {
        const s = await solveDraft(d);
        if (!s || s.plan.status === "infeasible") return;
        expect(s.plan.objective).toBeCloseTo(objectiveOf(contextOf(s.inst), s.plan, s.plan.shortfalls), 6);
        if (s.plan.bound !== undefined) expect(s.plan.objective).toBeLessThanOrEqual(s.plan.bound + 1e-6);
      }),
      { numRuns: runs(40) },
    );
  });

  it("shuffling residents and units gives the same status and objective", async () => {
    await fc.assert(
      fc.asyncProperty(arbResidencyDraftLarge, fc.integer(), async (d, seed) => {
        const s = await solveDraft(d);
        if (!s) return;
        const shuffled = parsed(d, (xs) => fc.sample(fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length }), { seed, numRuns: 1 })[0]);
        if (!shuffled) return;
        const other = await solve(shuffled);
        expect(other.status).toBe(s.plan.status);
        expect(other.objective).toBeCloseTo(s.plan.objective, 6);
      }),
      { numRuns: runs(25) },
    );
  });
});
