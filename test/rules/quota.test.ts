import { describe, expect, it } from "vitest";
import type { Instance, Quota } from "../../src/model/types.js";
import { verifyPlan } from "../../src/verify.js";
import { CITY, COUNTY, type Draft, PROGRAMME, cityHospital, codesOf, mutate, place, planFor, tinyInstance, tinyPlan } from "../helpers/tiny.js";

const withQuotas = (...quotas: Draft<Quota>[]) => mutate(tinyInstance(), (i) => { i.programmes[0].quotas = quotas; });

describe("R-QUOTA: hard min ≤ count ≤ max; count ≤ maxShare × N + 1e-9", () => {
  it("accepts counts within min and max (the tiny plan places 2)", () => {
    expect(codesOf(withQuotas({ where: {}, min: 2, max: 2 }), tinyPlan())).toEqual([]);
  });

  it("reports a count above a hard max", () => {
    const v = verifyPlan(withQuotas({ where: {}, max: 1 }), tinyPlan()).violations;
    expect(v).toEqual([expect.objectContaining({ code: "R-QUOTA", ids: [PROGRAMME, "quotas[0]"] })]);
  });

  it("reports a count below a hard min (hard is the default)", () => {
    expect(codesOf(withQuotas({ where: {}, min: 3 }), tinyPlan())).toEqual(["R-QUOTA"]);
    expect(codesOf(withQuotas({ where: {}, min: 3, hard: true }), tinyPlan())).toEqual(["R-QUOTA"]);
  });

  it("treats max as hard even on a row with hard: false", () => {
    expect(codesOf(withQuotas({ where: {}, max: 1, hard: false }), tinyPlan())).toEqual(["R-QUOTA"]);
  });

  it("treats maxShare as hard even on a row with hard: false", () => {
    expect(codesOf(withQuotas({ where: { homeDept: ["internal"] }, maxShare: 0.5, hard: false }), tinyPlan())).toEqual(["R-QUOTA"]);
  });

  describe("a soft min is a shortfall, not a violation", () => {
    const inst = withQuotas({ where: {}, max: 5 }, { where: {}, min: 3, hard: false });
    it("reports no violation", () => {
      expect(codesOf(inst, tinyPlan())).toEqual([]);
    });
    it("reports a shortfall row with needed = min and got = count (SPEC §6)", () => {
      expect(verifyPlan(inst, tinyPlan()).shortfalls).toEqual([
        { programme: PROGRAMME, rule: "quota", index: 1, needed: 3, got: 2 },
      ]);
    });
    it("prices the shortfall in the objective: 220 − 50 × 1", () => {
      expect(verifyPlan(inst, tinyPlan()).objective).toBe(170);
    });
    it("reports no shortfall when the min is met", () => {
      expect(verifyPlan(withQuotas({ where: {}, min: 2, hard: false }), tinyPlan()).shortfalls).toEqual([]);
    });
  });

  describe("where filters", () => {
    it("matches homeRegion on an ancestor region (donghai ⊂ lyg)", () => {
      expect(codesOf(withQuotas({ where: { homeRegion: ["lyg"] }, max: 1 }), tinyPlan())).toEqual(["R-QUOTA"]);
      const elsewhere = mutate(withQuotas({ where: { homeRegion: ["elsewhere-not-matching"] }, max: 1 }), (i) => {
        i.regions!.push({ id: "elsewhere-not-matching" });
      });
      expect(codesOf(elsewhere, tinyPlan())).toEqual([]);
    });
    it("matches homeRegionFlag on the home unit's region", () => {
      expect(codesOf(withQuotas({ where: { homeRegionFlag: ["mountain-island"] }, max: 1 }), tinyPlan())).toEqual(["R-QUOTA"]);
    });
    it("matches homeRegionFlag on an ancestor region", () => {
      const inst = mutate(withQuotas({ where: { homeRegionFlag: ["coastal"] }, max: 1 }), (i) => { i.regions![0].flags = ["coastal"]; });
      expect(codesOf(inst, tinyPlan())).toEqual(["R-QUOTA"]);
    });
    it("ANDs keys and ORs a key's list", () => {
      expect(codesOf(withQuotas({ where: { role: ["backbone", "family-doctor"], studyDept: ["internal"] }, max: 0 }), tinyPlan())).toEqual(["R-QUOTA"]);
      expect(codesOf(withQuotas({ where: { role: ["backbone"], studyDept: ["cardiology"] }, max: 0 }), tinyPlan())).toEqual([]);
    });
  });

  describe("maxShare counts N = all placements of the programme, pinned included", () => {
    /** City hospital added; cap the share of placements at city hospitals. */
    const shareInst = (share: number, pinT002: boolean): Instance =>
      mutate(tinyInstance(), (i) => {
        i.units.push(cityHospital());
        i.programmes[0].quotas = [{ where: { receivingTier: ["city"] }, maxShare: share }];
        if (pinT002) i.pinned = [place("t-002", COUNTY, "internal", "2024-09-01", "2024-11-01", "m-01")];
      });
    const plan = (inst: Instance) =>
      planFor(inst, [
        place("t-001", CITY, "internal", "2024-07-01", "2024-09-01", "m-21"),
        place("t-002", COUNTY, "internal", "2024-09-01", "2024-11-01", "m-01"),
      ]);

    it("accepts 1 of 2 at share 0.5 where the other placement is pinned", () => {
      const inst = shareInst(0.5, true);
      expect(codesOf(inst, plan(inst))).toEqual([]);
    });

    it("reports 1 of 1 at share 0.5", () => {
      const inst = shareInst(0.5, false);
      const alone = planFor(inst, [place("t-001", CITY, "internal", "2024-07-01", "2024-09-01", "m-21")]);
      expect(codesOf(inst, alone)).toEqual(["R-QUOTA"]);
    });

    it("reports 2 of 3 at share 0.5", () => {
      const inst = shareInst(0.5, true);
      const three = planFor(inst, [
        place("t-001", CITY, "internal", "2024-07-01", "2024-09-01", "m-21"),
        place("t-002", COUNTY, "internal", "2024-09-01", "2024-11-01", "m-01"),
        place("t-003", CITY, "internal", "2024-07-01", "2024-09-01", "m-21"),
      ]);
      expect(codesOf(inst, three)).toEqual(["R-QUOTA"]);
    });

    it("allows count ≤ maxShare × N + 1e-9: share 0.5 − 1e-12 still admits 1 of 2", () => {
      const inst = shareInst(0.5 - 1e-12, false);
      expect(codesOf(inst, plan(inst))).toEqual([]);
    });

    it("but not share 0.5 − 1e-8, which is beyond the tolerance", () => {
      const inst = shareInst(0.5 - 1e-8, false);
      expect(codesOf(inst, plan(inst))).toEqual(["R-QUOTA"]);
    });
  });
});
