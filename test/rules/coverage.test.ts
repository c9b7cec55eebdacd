import { describe, expect, it } from "vitest";
import type { Coverage, Instance } from "../../src/model/types.js";
import { verifyPlan } from "../../src/verify.js";
import { COUNTY, PROGRAMME, codesOf, mutate, place, planFor, tinyInstance, tinyPlan } from "../helpers/tiny.js";

/** The tiny plan's placements (t-001, t-002 from thc-01); everyone else unplaced. */
const tinyFor = (inst: Instance) => planFor(inst, tinyPlan().placements);

/** Adds thc-02 (township, in the alliance) with trainee t-004, eligible or not (age 60). */
const withSecondTownship = (row: Coverage, t004Eligible: boolean): Instance =>
  mutate(tinyInstance(), (i) => {
    i.units.push({ id: "thc-02", tier: "township", kind: "general", region: "donghai" });
    i.relations!.push({ type: "alliance", from: COUNTY, to: "thc-02" });
    i.trainees.push({
      id: "t-004", unit: "thc-02", dept: "internal", programme: PROGRAMME, category: "clinical",
      birthDate: t004Eligible ? "1985-01-01" : "1964-01-01", practiceYears: 10, license: "physician",
    });
    i.programmes[0].coverage = [row];
  });

describe("R-COVERAGE: every unit of the tier with an eligible trainee in the programme gets ≥ min placements", () => {
  const hard: Coverage = { tier: "township", min: 1 };

  it("accepts the tiny plan: thc-01 sends two", () => {
    const inst = mutate(tinyInstance(), (i) => { i.programmes[0].coverage = [hard]; });
    expect(codesOf(inst, tinyPlan())).toEqual([]);
  });

  it("reports a covered unit with no placement, naming the unit", () => {
    const inst = mutate(tinyInstance(), (i) => { i.programmes[0].coverage = [hard]; });
    const v = verifyPlan(inst, planFor(inst, [])).violations;
    expect(v).toEqual([expect.objectContaining({ code: "R-COVERAGE", ids: [PROGRAMME, "coverage[0]", "thc-01"] })]);
  });

  it("does not count a unit whose only trainee fails R-ELIGIBLE", () => {
    const inst = withSecondTownship(hard, false);
    expect(codesOf(inst, tinyFor(inst))).toEqual([]);
  });

  it("counts that unit once its trainee is eligible", () => {
    const inst = withSecondTownship(hard, true);
    const v = verifyPlan(inst, tinyFor(inst)).violations;
    expect(v).toEqual([expect.objectContaining({ code: "R-COVERAGE", ids: [PROGRAMME, "coverage[0]", "thc-02"] })]);
  });

  it("does not count units of another tier", () => {
    const inst = withSecondTownship({ tier: "county", min: 1 }, true);
    expect(codesOf(inst, tinyFor(inst))).toEqual([]);
  });

  describe("a soft row is a shortfall: needed = min × units counted, got = Σ min(placements, min)", () => {
    // min 2; thc-01 places three (capped at 2), thc-02 (eligible t-004) places none.
    const inst = withSecondTownship({ tier: "township", min: 2, hard: false }, true);
    const plan = planFor(inst, [
      place("t-001", COUNTY, "internal", "2024-07-01", "2024-09-01", "m-01"),
      place("t-002", COUNTY, "internal", "2024-09-01", "2024-11-01", "m-01"),
      place("t-003", COUNTY, "internal", "2024-07-01", "2024-09-01", "m-02"),
    ]);
    it("reports no violation", () => {
      expect(codesOf(inst, plan)).toEqual([]);
    });
    it("reports needed 4, got 2", () => {
      expect(verifyPlan(inst, plan).shortfalls).toEqual([{ programme: PROGRAMME, rule: "coverage", index: 0, needed: 4, got: 2 }]);
    });
    it("prices 2 units short in the objective", () => {
      // values: t-001 115, t-002 105, t-003 105 (alliance; internal is its first choice) − 50 × 2.
      expect(verifyPlan(inst, plan).objective).toBe(115 + 105 + 105 - 100);
    });
  });
});
