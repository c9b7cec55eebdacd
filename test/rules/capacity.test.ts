import { describe, expect, it } from "vitest";
import type { Instance } from "../../src/model/types.js";
import { verifyPlan } from "../../src/verify.js";
import { COUNTY, codesOf, mutate, place, planFor, tinyInstance } from "../helpers/tiny.js";

/** t-001 (internal home) and t-003 (general-practice home, no staffing rule) both study internal at the county hospital. */
const both = (inst: Instance, a: [string, string], b: [string, string]) =>
  planFor(inst, [
    place("t-001", COUNTY, "internal", a[0], a[1], "m-01"),
    place("t-003", COUNTY, "internal", b[0], b[1], "m-02"),
  ]);

describe("R-CAPACITY: hosted trainees per slot ≤ the slot's receive capacity", () => {
  const cap1 = mutate(tinyInstance(), (i) => { i.units[1].receive![0] = { dept: "internal", capacity: 1 }; });

  it("accepts two concurrent trainees within capacity 2", () => {
    const inst = tinyInstance();
    expect(codesOf(inst, both(inst, ["2024-07-01", "2024-09-01"], ["2024-07-01", "2024-09-01"]))).toEqual([]);
  });

  it("accepts back-to-back trainees at capacity 1 (ends are exclusive)", () => {
    expect(codesOf(cap1, both(cap1, ["2024-07-01", "2024-09-01"], ["2024-09-01", "2024-11-01"]))).toEqual([]);
  });

  it("reports two trainees overlapping in one slot at capacity 1, naming the slot's trainees", () => {
    const plan = both(cap1, ["2024-07-01", "2024-09-01"], ["2024-08-01", "2024-10-01"]);
    expect(codesOf(cap1, plan)).toEqual(["R-CAPACITY"]);
    const v = verifyPlan(cap1, plan).violations;
    expect(v).toHaveLength(1); // August only
    expect(v[0].ids).toEqual([COUNTY, "internal", "t-001", "t-003"]);
  });

  describe("receive rows cover periods; a slot no row covers has capacity 0", () => {
    const periods = mutate(tinyInstance(), (i) => {
      i.units[1].receive![0] = { dept: "internal", capacity: 1, from: "2024-07-01", to: "2024-09-01" };
      i.units[1].receive!.push({ dept: "internal", capacity: 2, from: "2024-10-01" });
    });
    it("accepts a placement inside the first period", () => {
      expect(codesOf(periods, planFor(periods, [place("t-001", COUNTY, "internal", "2024-07-01", "2024-09-01", "m-01")]))).toEqual([]);
    });
    it("reports a placement reaching into the uncovered September", () => {
      const plan = planFor(periods, [place("t-001", COUNTY, "internal", "2024-08-01", "2024-10-01", "m-01")]);
      expect(codesOf(periods, plan)).toEqual(["R-CAPACITY"]);
      expect(verifyPlan(periods, plan, { lang: "en" }).violations[0].message).toMatch(/2024-09.*capacity 0/);
      // Chinese by default, with the hospital's name and the department's label.
      expect(verifyPlan(periods, plan).violations[0].message).toMatch(/^东海县人民医院内科 2024-09 .*接收容量 0 人/);
    });
    it("uses each period's own capacity", () => {
      const two = both(periods, ["2024-09-01", "2024-11-01"], ["2024-09-01", "2024-11-01"]);
      expect(verifyPlan(periods, two).violations.map((v) => v.message)).toEqual([expect.stringMatching(/2024-09/)]);
    });
  });

  it("reads a receive row's from/to by slot first days (a row from mid-July starts in August)", () => {
    const inst = mutate(tinyInstance(), (i) => {
      i.units[1].receive![0] = { dept: "internal", capacity: 1, from: "2024-07-15" };
    });
    // The July slot's first day (07-01) is before from, so July has capacity 0; August … October have 1.
    expect(codesOf(inst, planFor(inst, [place("t-001", COUNTY, "internal", "2024-08-01", "2024-10-01", "m-01")]))).toEqual([]);
    expect(codesOf(inst, planFor(inst, [place("t-001", COUNTY, "internal", "2024-07-01", "2024-09-01", "m-01")]))).toEqual(["R-CAPACITY"]);
  });
});
