import { describe, expect, it } from "vitest";
import type { Instance, Plan } from "../../src/model/types.js";
import { verifyPlan } from "../../src/verify.js";
import {
  CITY, COUNTY, PROGRAMME, TOWNSHIP, cityHospital, mutate, place, planFor, tinyInstance, tinyPlan,
} from "../helpers/tiny.js";

/**
 * SPEC §7 by hand, with non-default weights:
 *   base 10, preferredUnit 7, relation 4, studyRank 3, supportCost 2, shortfall 11.
 * Priority rows: homeDept internal +1, role backbone +2, homeDept surgery +5 (matches nobody).
 *
 * t-001 (priority 2, internal, backbone) at county-hosp-01 cardiology, Jul–Aug:
 *   10 × (2 + 1 + 2) + 7 (wants county-hosp-01) + 4 (alliance county → thc-01) − 3 × 1 (cardiology is
 *   its second choice) = 58
 * t-003 (priority 1, general-practice) at city-hosp-02 internal, Jul–Aug:
 *   10 × 1 + 0 + 0 (no relation) − 3 × 0 = 10
 * support county → thc-01 internal, Jul–Sep, count 2: 2 × (2 × 3 slots) = 12
 * soft quota min 4 over all placements, got 2: 11 × 2 = 22
 * objective = 58 + 10 − 12 − 22 = 34
 */
const weighted: Instance = mutate(tinyInstance(), (i) => {
  i.units.push(cityHospital());
  i.units[1].support = [{ dept: "internal", perSlot: 2 }];
  i.objective = { base: 10, preferredUnit: 7, relation: 4, studyRank: 3, supportCost: 2, shortfall: 11 };
  i.trainees[0].priority = 2;
  i.programmes[0].priority = [
    { where: { homeDept: ["internal"] }, add: 1 },
    { where: { role: ["backbone"] }, add: 2 },
    { where: { homeDept: ["surgery"] }, add: 5 },
  ];
  i.programmes[0].quotas = [{ where: {}, min: 4, hard: false }];
});
const weightedPlan = (objective: number): Plan =>
  planFor(weighted, [
    place("t-001", COUNTY, "cardiology", "2024-07-01", "2024-09-01", "m-03"),
    place("t-003", CITY, "internal", "2024-07-01", "2024-09-01", "m-21"),
  ], {
    support: [{ from: COUNTY, to: TOWNSHIP, dept: "internal", start: "2024-07-01", end: "2024-10-01", count: 2 }],
    objective,
    shortfalls: [{ programme: PROGRAMME, rule: "quota", index: 0, needed: 4, got: 2 }],
  });

describe("§7 objective", () => {
  it("equals 220 on the tiny plan with default weights", () => {
    const v = verifyPlan(tinyInstance(), tinyPlan());
    expect(v.objective).toBe(220);
    expect(v.objectiveMatches).toBe(true);
  });

  it("matches a hand computation of every term (34)", () => {
    const v = verifyPlan(weighted, weightedPlan(34));
    expect(v.violations).toEqual([]);
    expect(v.shortfalls).toEqual([{ programme: PROGRAMME, rule: "quota", index: 0, needed: 4, got: 2 }]);
    expect(v.objective).toBe(34);
    expect(v.objectiveMatches).toBe(true);
  });

  it("flags a stated objective that differs from the formula", () => {
    expect(verifyPlan(weighted, weightedPlan(35)).objectiveMatches).toBe(false);
  });

  it("compares objectives within 1e-6 × max(1, |objective|)", () => {
    expect(verifyPlan(weighted, weightedPlan(34 + 3e-5)).objectiveMatches).toBe(true);
    expect(verifyPlan(weighted, weightedPlan(34 + 5e-5)).objectiveMatches).toBe(false);
  });

  describe("relation term: an alliance or pairing relation from the receiving unit to the home unit", () => {
    const withRelation = (type: "alliance" | "pairing" | "parent", from = COUNTY, to = TOWNSHIP) =>
      mutate(tinyInstance(), (i) => {
        i.relations = [{ type, from, to }];
        i.programmes[0].receiving = { tiers: ["county"] };
      });
    const value = (inst: Instance) =>
      verifyPlan(inst, planFor(inst, [place("t-002", COUNTY, "internal", "2024-07-01", "2024-09-01", "m-01")])).objective;
    it("earns the bonus for alliance and pairing", () => {
      expect(value(withRelation("alliance"))).toBe(105);
      expect(value(withRelation("pairing"))).toBe(105);
    });
    it("does not earn it for parent", () => {
      expect(value(withRelation("parent"))).toBe(100);
    });
    it("does not earn it for a relation running from the home unit to the receiver", () => {
      expect(value(withRelation("alliance", TOWNSHIP, COUNTY))).toBe(100);
    });
  });

  it("uses default weights for missing ones", () => {
    const inst = mutate(tinyInstance(), (i) => { i.objective = { base: 1 }; });
    // t-001: 1 + 10 + 5; t-002: 1 + 5.
    expect(verifyPlan(inst, tinyPlan()).objective).toBe(22);
  });

  it("subtracts studyRank × rank for lower choices (t-001 in cardiology: 115 − 3)", () => {
    const inst = tinyInstance();
    const plan = planFor(inst, [place("t-001", COUNTY, "cardiology", "2024-07-01", "2024-09-01", "m-03")]);
    expect(verifyPlan(inst, plan).objective).toBe(112);
  });
});
