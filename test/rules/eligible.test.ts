import { describe, expect, it } from "vitest";
import type { Instance } from "../../src/model/types.js";
import { verifyPlan } from "../../src/verify.js";
import { type Draft, codesOf, mutate, tinyInstance, tinyPlan } from "../helpers/tiny.js";

/** The tiny plan (t-001 and t-002 placed) against an edited instance. */
const withInstance = (edit: (i: Draft<Instance>) => void) => mutate(tinyInstance(), edit);
const eligibleMessages = (inst: Instance) =>
  verifyPlan(inst, tinyPlan(), { lang: "en" }).violations.filter((v) => v.code === "R-ELIGIBLE").map((v) => v.message);

describe("R-ELIGIBLE: a placed trainee meets its programme's eligibility", () => {
  it("accepts the tiny plan, whose placed trainees are all eligible", () => {
    expect(codesOf(tinyInstance(), tinyPlan())).toEqual([]);
  });

  it("reports a home unit of a tier the programme does not take", () => {
    const inst = withInstance((i) => { i.programmes[0].eligibility!.tiers = ["county", "village"]; });
    expect(codesOf(inst, tinyPlan())).toEqual(["R-ELIGIBLE"]);
    expect(verifyPlan(inst, tinyPlan()).violations.map((v) => v.ids)).toEqual([["t-001"], ["t-002"]]);
  });

  describe("age is whole years (date-fns differenceInYears) at ageAt, and must be ≤ maxAge", () => {
    it("passes a trainee who turns 51 one day after ageAt (still 50)", () => {
      const inst = withInstance((i) => { i.trainees[0].birthDate = "1973-07-02"; });
      expect(codesOf(inst, tinyPlan())).toEqual([]);
    });

    it("fails a trainee who turns 51 on ageAt itself", () => {
      const inst = withInstance((i) => { i.trainees[0].birthDate = "1973-07-01"; });
      expect(codesOf(inst, tinyPlan())).toEqual(["R-ELIGIBLE"]);
      expect(eligibleMessages(inst)[0]).toMatch(/age 51 > 50/);
    });

    it("takes the age at the programme's ageAt, not at calendar.start", () => {
      // 50 on 2024-07-01 (calendar start) but 51 on 2024-10-01.
      const inst = withInstance((i) => {
        i.trainees[0].birthDate = "1973-09-01";
        i.programmes[0].ageAt = "2024-10-01";
      });
      expect(codesOf(inst, tinyPlan())).toEqual(["R-ELIGIBLE"]);
    });

    it("takes the age at calendar.start when ageAt is absent", () => {
      const young = withInstance((i) => {
        i.trainees[0].birthDate = "1973-09-01";
        delete i.programmes[0].ageAt;
      });
      expect(codesOf(young, tinyPlan())).toEqual([]);
      const old = mutate(young, (i) => { i.trainees[0].birthDate = "1973-07-01"; });
      expect(codesOf(old, tinyPlan())).toEqual(["R-ELIGIBLE"]);
    });
  });

  it("fails practiceYears below minPracticeYears and passes it at the minimum", () => {
    expect(codesOf(withInstance((i) => { i.trainees[1].practiceYears = 3; }), tinyPlan())).toEqual([]);
    expect(codesOf(withInstance((i) => { i.trainees[1].practiceYears = 2.5; }), tinyPlan())).toEqual(["R-ELIGIBLE"]);
  });

  it("fails a licence the programme does not list", () => {
    const inst = withInstance((i) => { i.trainees[1].license = "village-doctor"; });
    expect(codesOf(inst, tinyPlan())).toEqual(["R-ELIGIBLE"]);
  });

  it("fails a category the programme does not list", () => {
    const inst = withInstance((i) => { i.trainees[1].category = "pharmacy"; });
    expect(codesOf(inst, tinyPlan())).toEqual(["R-ELIGIBLE"]);
  });

  describe("minYearsSinceLast counts differenceInYears(ageAt, lastPlacementEnd)", () => {
    it("passes exactly 5 whole years before ageAt", () => {
      // 2019-06-30 → 2024-07-01 is 5 years and a day.
      expect(codesOf(tinyInstance(), tinyPlan())).toEqual([]);
    });

    it("fails 4 whole years before ageAt", () => {
      const inst = withInstance((i) => { i.trainees[0].lastPlacementEnd = "2019-07-02"; });
      expect(codesOf(inst, tinyPlan())).toEqual(["R-ELIGIBLE"]);
    });

    it("passes when lastPlacementEnd is absent", () => {
      const inst = withInstance((i) => { delete i.trainees[0].lastPlacementEnd; });
      expect(codesOf(inst, tinyPlan())).toEqual([]);
    });
  });

  describe("a rule on an absent trainee field fails, and the reason says the field is missing", () => {
    const cases: [string, (i: Draft<Instance>) => void, RegExp][] = [
      ["birthDate (maxAge)", (i) => { delete i.trainees[1].birthDate; }, /birthDate is missing/],
      ["practiceYears (minPracticeYears)", (i) => { delete i.trainees[1].practiceYears; }, /practiceYears is missing/],
      ["license (licenses)", (i) => { delete i.trainees[1].license; }, /license is missing/],
      ["category (categories)", (i) => { delete i.trainees[1].category; }, /category is missing/],
    ];
    for (const [field, edit, reason] of cases)
      it(`fails a missing ${field}`, () => {
        const inst = withInstance(edit);
        expect(codesOf(inst, tinyPlan())).toEqual(["R-ELIGIBLE"]);
        expect(eligibleMessages(inst)).toEqual([expect.stringMatching(reason)]);
      });

    it("passes a missing field when the programme has no rule on it", () => {
      const inst = withInstance((i) => {
        delete i.trainees[1].birthDate;
        delete i.programmes[0].eligibility!.maxAge;
      });
      expect(codesOf(inst, tinyPlan())).toEqual([]);
    });
  });

  it("does not report an ineligible trainee who is unplaced", () => {
    const inst = withInstance((i) => { i.trainees[2].birthDate = "1950-01-01"; });
    expect(codesOf(inst, tinyPlan())).toEqual([]);
  });
});
