import { describe, expect, it } from "vitest";
import type { Instance } from "../../src/model/types.js";
import { verifyPlan } from "../../src/verify.js";
import { CITY, COUNTY, cityHospital, codesOf, mutate, place, planFor, tinyInstance, tinyPlan } from "../helpers/tiny.js";

const t001 = (inst: Instance, unit: string, dept: string, mentor?: string) =>
  planFor(inst, [place("t-001", unit, dept, "2024-07-01", "2024-09-01", mentor)]);
/** t-001 and t-003 concurrently in internal, with the given mentors. */
const pair = (inst: Instance, a?: string, b?: string) =>
  planFor(inst, [
    place("t-001", COUNTY, "internal", "2024-07-01", "2024-09-01", a),
    place("t-003", COUNTY, "internal", "2024-07-01", "2024-09-01", b),
  ]);

describe("R-MENTOR: a mentor of the receiving unit and study department, title ≥ minTitle, within capacity", () => {
  it("accepts the tiny plan (m-01, associate-senior, one trainee at a time)", () => {
    expect(codesOf(tinyInstance(), tinyPlan())).toEqual([]);
  });

  it("reports a placement naming no mentor in a programme with a mentor rule", () => {
    expect(codesOf(tinyInstance(), t001(tinyInstance(), COUNTY, "internal"))).toEqual(["R-MENTOR"]);
  });

  it("reports a mentor of another department of the receiving unit", () => {
    expect(codesOf(tinyInstance(), t001(tinyInstance(), COUNTY, "internal", "m-03"))).toEqual(["R-MENTOR"]);
  });

  it("reports a mentor of another unit", () => {
    const inst = mutate(tinyInstance(), (i) => { i.units.push(cityHospital()); });
    expect(codesOf(inst, t001(inst, COUNTY, "internal", "m-21"))).toEqual(["R-MENTOR"]);
    expect(codesOf(inst, t001(inst, CITY, "internal", "m-21"))).toEqual([]);
  });

  it("reports an unknown mentor id", () => {
    expect(codesOf(tinyInstance(), t001(tinyInstance(), COUNTY, "internal", "m-99"))).toEqual(["R-MENTOR"]);
  });

  it("reports a mentor below minTitle and accepts one at it", () => {
    const inst = mutate(tinyInstance(), (i) => {
      i.units[1].mentors!.push({ id: "m-04", dept: "internal", title: "intermediate" });
    });
    expect(codesOf(inst, t001(inst, COUNTY, "internal", "m-04"))).toEqual(["R-MENTOR"]);
    const lowered = mutate(inst, (i) => { i.programmes[0].mentor = { minTitle: "intermediate" }; });
    expect(codesOf(lowered, t001(lowered, COUNTY, "internal", "m-04"))).toEqual([]);
  });

  describe("capacity: concurrent trainees per mentor (default 1)", () => {
    it("reports two concurrent trainees on a mentor of capacity 1", () => {
      const v = verifyPlan(tinyInstance(), pair(tinyInstance(), "m-01", "m-01")).violations;
      expect(v.map((x) => x.code)).toEqual(["R-MENTOR", "R-MENTOR"]); // July and August
      expect(v[0].ids).toEqual(["m-01", "t-001", "t-003"]);
    });

    it("reports two concurrent trainees on a mentor with no capacity given (default 1)", () => {
      expect(codesOf(tinyInstance(), pair(tinyInstance(), "m-02", "m-02"))).toEqual(["R-MENTOR"]);
    });

    it("accepts two concurrent trainees on a mentor of capacity 2", () => {
      const inst = mutate(tinyInstance(), (i) => {
        i.units[1].mentors![1] = { id: "m-02", dept: "internal", title: "senior", capacity: 2 };
      });
      expect(codesOf(inst, pair(inst, "m-02", "m-02"))).toEqual([]);
    });
  });

  describe("without a mentor rule, naming a mentor is allowed and still counts toward capacity", () => {
    const noRule = mutate(tinyInstance(), (i) => { delete i.programmes[0].mentor; });
    it("accepts placements naming no mentor", () => {
      expect(codesOf(noRule, pair(noRule))).toEqual([]);
    });
    it("accepts one named mentor beside one unnamed", () => {
      expect(codesOf(noRule, pair(noRule, "m-01", undefined))).toEqual([]);
    });
    it("reports two placements naming the same capacity-1 mentor at once", () => {
      expect(codesOf(noRule, pair(noRule, "m-01", "m-01"))).toEqual(["R-MENTOR"]);
    });
  });
});
