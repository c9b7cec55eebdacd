import { describe, expect, it } from "vitest";
import type { SupportRow } from "../../src/model/types.js";
import { verifyPlan } from "../../src/verify.js";
import { COUNTY, TOWNSHIP, codesOf, mutate, place, planFor, tinyInstance, tinyPlan } from "../helpers/tiny.js";

/** t-001 Jul–Aug and t-002 Aug–Sep: both internal doctors of thc-01 away in August. */
const overlapping = [
  place("t-001", COUNTY, "internal", "2024-07-01", "2024-09-01", "m-01"),
  place("t-002", COUNTY, "internal", "2024-08-01", "2024-10-01", "m-02"),
];
const support = (start: string, end: string, count = 1): SupportRow => ({ from: COUNTY, to: TOWNSHIP, dept: "internal", start, end, count });

describe("R-STAFFING: staff − away + support ≥ minOnDuty in every slot (上修下沉)", () => {
  it("accepts the tiny plan: one of four internal doctors away at a time (minOnDuty 3)", () => {
    expect(codesOf(tinyInstance(), tinyPlan())).toEqual([]);
  });

  it("reports two of four internal doctors away in the same slot, naming the unit, dept and who is away", () => {
    const plan = planFor(tinyInstance(), overlapping);
    expect(codesOf(tinyInstance(), plan)).toEqual(["R-STAFFING"]);
    const v = verifyPlan(tinyInstance(), plan).violations;
    expect(v).toHaveLength(1);
    expect(v[0].ids).toEqual([TOWNSHIP, "internal", "t-001", "t-002"]);
    expect(v[0].message).toMatch(/2024-08/);
  });

  it("accepts the same plan when one specialist is sent down for the overlapping slot", () => {
    const plan = planFor(tinyInstance(), overlapping, { support: [support("2024-08-01", "2024-09-01")] });
    expect(codesOf(tinyInstance(), plan)).toEqual([]);
  });

  it("still reports the slot that support does not cover", () => {
    const plan = planFor(tinyInstance(), overlapping, { support: [support("2024-07-01", "2024-08-01")] });
    expect(codesOf(tinyInstance(), plan)).toEqual(["R-STAFFING"]);
  });

  it("has no rule for a department that is not listed (general-practice)", () => {
    const inst = mutate(tinyInstance(), (i) => { i.trainees[1].dept = "general-practice"; i.trainees[1].wants = { depts: ["internal"] }; });
    expect(codesOf(inst, planFor(inst, overlapping))).toEqual([]);
  });

  it("counts sending support as not reducing the sender's own staffing", () => {
    const inst = mutate(tinyInstance(), (i) => {
      i.units[1].departments = [{ dept: "internal", staff: 3, minOnDuty: 3 }];
    });
    const plan = planFor(inst, overlapping, { support: [support("2024-08-01", "2024-09-01")] });
    expect(codesOf(inst, plan)).toEqual([]);
  });
});
