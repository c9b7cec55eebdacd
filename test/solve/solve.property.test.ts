/**
 * Properties of `solve` on small generated instances (≤ 8 trainees, ≤ 5 units, ≤ 6 slots,
 * ≤ 2 programmes; no rotations except where named; see ./arb.ts): every plan it returns is
 * valid and complete (SPEC §5, §6), its objective is the §7 value and never exceeds its bound,
 * the optimum is monotone in receiving capacity, blind to the order of the input lists and to
 * column generation, and the same input gives the same bytes.
 * JINXIU_PROPERTY_SCALE=10 multiplies every numRuns.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Instance, Plan } from "../../src/model/types.js";
import { solve } from "../../src/solve/index.js";
import { verifyPlan } from "../../src/verify.js";
import type { Draft } from "../helpers/tiny.js";
import { arbSolvable } from "./arb.js";

const SMALL = { maxTrainees: 8, maxUnits: 5, maxSlots: 6, maxProgrammes: 2 } as const;
/** Small instances, half of them with pinned placements. */
const arbSmall = fc.oneof(arbSolvable(SMALL), arbSolvable({ ...SMALL, pinned: true }));

/** numRuns, scaled by JINXIU_PROPERTY_SCALE (e.g. 20 for a long bug hunt). */
const runs = (n: number) => Math.max(1, Math.round(n * Number(process.env.JINXIU_PROPERTY_SCALE ?? 1)));
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
const violationsOf = (inst: Instance, plan: Plan) => verifyPlan(inst, plan).violations.map((v) => `${v.code}: ${v.message}`);

/** A deterministic shuffle driven by `seed` (Fisher–Yates over a small LCG). */
function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = (s >>> 8) % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe("solve: properties on small instances", () => {
  it("every returned plan passes verifyPlan", async () => {
    await fc.assert(
      fc.asyncProperty(arbSmall, async (inst) => {
        const plan = await solve(inst);
        const v = verifyPlan(inst, plan);
        if (plan.status !== "infeasible") {
          expect(violationsOf(inst, plan)).toEqual([]);
          expect(v.valid).toBe(true);
        } else {
          // SPEC §6: an infeasible plan holds the pinned placements only, no support, every other
          // trainee unplaced with reason INFEASIBLE, and at least one conflict.
          expect(plan.placements).toEqual(expect.arrayContaining([...(inst.pinned ?? [])]));
          expect(plan.placements.length).toBe((inst.pinned ?? []).length);
          expect(plan.support).toEqual([]);
          expect(plan.unplaced.every((u) => u.reasons.some((r) => r.code === "INFEASIBLE"))).toBe(true);
          expect(plan.conflicts.length).toBeGreaterThanOrEqual(1);
        }
        expect(v.objectiveMatches).toBe(true);
      }),
      { numRuns: runs(40) },
    );
  });

  it("every returned plan passes verifyPlan (programmes with §9 rotations)", async () => {
    const arb = arbSolvable({ maxTrainees: 6, maxUnits: 4, maxSlots: 8, rotations: true });
    await fc.assert(
      fc.asyncProperty(arb, async (inst) => {
        const plan = await solve(inst);
        if (plan.status !== "infeasible") expect(violationsOf(inst, plan)).toEqual([]);
        expect(verifyPlan(inst, plan).objectiveMatches).toBe(true);
      }),
      { numRuns: runs(40) },
    );
  });

  it("no trainee is lost", async () => {
    await fc.assert(
      fc.asyncProperty(arbSmall, async (inst) => {
        const plan = await solve(inst);
        const seen = [...plan.placements.map((p) => p.trainee), ...plan.unplaced.map((u) => u.trainee)].sort();
        expect(seen).toEqual(inst.trainees.map((t) => t.id).sort());
        for (const u of plan.unplaced) {
          expect(u.reasons.length, `unplaced ${u.trainee} has no reason`).toBeGreaterThanOrEqual(1);
          for (const r of u.reasons) {
            expect(r.code).toMatch(/^(R-[A-Z]+|CAPACITY-COMPETITION|INFEASIBLE)$/);
            expect(r.message.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: runs(40) },
    );
  });

  it("the plan's objective equals the §7 formula", async () => {
    await fc.assert(
      fc.asyncProperty(arbSmall, async (inst) => {
        const plan = await solve(inst);
        const v = verifyPlan(inst, plan);
        expect(plan.objective).toSatisfy((o: number) => close(o, v.objective));
        // The shortfalls the plan reports are the ones the formula prices.
        expect(plan.shortfalls).toEqual(v.shortfalls);
      }),
      { numRuns: runs(30) },
    );
  });

  it("the objective never exceeds the reported bound", async () => {
    await fc.assert(
      fc.asyncProperty(arbSmall, async (inst) => {
        const plan = await solve(inst);
        if (plan.status === "infeasible") return;
        if (plan.status === "optimal") expect(plan.bound, "an optimal plan reports its bound").toBeDefined();
        if (plan.bound !== undefined) {
          expect(plan.objective).toBeLessThanOrEqual(plan.bound + 1e-6 * Math.max(1, Math.abs(plan.bound)));
          if (plan.status === "optimal") expect(plan.bound).toSatisfy((b: number) => close(b, plan.objective));
        }
      }),
      { numRuns: runs(30) },
    );
  });

  it("adding receiving capacity never lowers the optimal objective", async () => {
    const arb = arbSmall
      .filter((inst) => inst.units.some((u) => (u.receive ?? []).length > 0))
      .chain((inst) => {
        const rows = inst.units.flatMap((u, ui) => (u.receive ?? []).map((_, ri) => [ui, ri] as const));
        return fc.tuple(fc.constant(inst), fc.constantFrom(...rows));
      });
    await fc.assert(
      fc.asyncProperty(arb, async ([inst, [ui, ri]]) => {
        const bigger = structuredClone(inst) as Draft<Instance>;
        bigger.units[ui].receive![ri].capacity += 1;
        const before = await solve(inst);
        const after = await solve(bigger as Instance);
        if (before.status === "infeasible") return; // more room may or may not make it feasible
        expect(after.status, "more capacity made a feasible instance infeasible").not.toBe("infeasible");
        expect(before.status).toBe("optimal");
        expect(after.status).toBe("optimal");
        expect(after.objective).toBeGreaterThanOrEqual(before.objective - 1e-6 * Math.max(1, Math.abs(before.objective)));
      }),
      { numRuns: runs(30) },
    );
  });

  it("permuting the input lists never changes the optimal objective", async () => {
    // Units, trainees, relations, programmes, teams, pins, regions, and each unit's receive,
    // mentor, department and support rows.
    await fc.assert(
      fc.asyncProperty(arbSmall, fc.nat(), async (inst, seed) => {
        const permuted: Instance = {
          ...inst,
          regions: shuffled(inst.regions ?? [], seed + 6),
          units: shuffled(inst.units, seed).map((u, i) => ({
            ...u,
            ...(u.receive ? { receive: shuffled(u.receive, seed + 7 + i) } : {}),
            ...(u.mentors ? { mentors: shuffled(u.mentors, seed + 17 + i) } : {}),
            ...(u.departments ? { departments: shuffled(u.departments, seed + 27 + i) } : {}),
            ...(u.support ? { support: shuffled(u.support, seed + 37 + i) } : {}),
          })),
          trainees: shuffled(inst.trainees, seed + 1),
          relations: shuffled(inst.relations ?? [], seed + 2),
          programmes: shuffled(inst.programmes, seed + 3),
          ...(inst.teams ? { teams: shuffled(inst.teams, seed + 4) } : {}),
          ...(inst.pinned ? { pinned: shuffled(inst.pinned, seed + 5) } : {}),
        };
        const a = await solve(inst);
        const b = await solve(permuted);
        expect(b.status).toBe(a.status);
        expect(b.objective).toSatisfy((o: number) => close(o, a.objective));
      }),
      { numRuns: runs(30) },
    );
  });

  it("column generation (pricingThreshold 0) gives the same status and optimal objective as the full model", async () => {
    await fc.assert(
      fc.asyncProperty(arbSmall, async (inst) => {
        const full = await solve(inst);
        const priced = await solve(inst, { pricingThreshold: 0 });
        expect(priced.status).toBe(full.status);
        expect(priced.objective).toSatisfy((o: number) => close(o, full.objective));
        if (priced.status !== "infeasible") expect(violationsOf(inst, priced)).toEqual([]);
      }),
      { numRuns: runs(25) },
    );
  });

  it("the same instance and options give a byte-identical plan", async () => {
    await fc.assert(
      fc.asyncProperty(arbSmall, async (inst) => {
        const a = await solve(inst, { timeLimitMs: 30_000 });
        const b = await solve(structuredClone(inst), { timeLimitMs: 30_000 });
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }),
      { numRuns: runs(25) },
    );
  });
});
