import { describe, expect, it } from "vitest";
import { COUNTY, codesOf, mutate, place, planFor, tinyInstance } from "../helpers/tiny.js";

const one = (start: string, end: string) => {
  const inst = tinyInstance();
  return codesOf(inst, planFor(inst, [place("t-001", COUNTY, "internal", start, end, "m-01")]));
};

describe("R-DURATION: add(start, min) ≤ end ≤ add(start, max), one continuous block", () => {
  it("accepts exactly the minimum (2 months) and exactly the maximum (3 months)", () => {
    expect(one("2024-07-01", "2024-09-01")).toEqual([]);
    expect(one("2024-08-01", "2024-11-01")).toEqual([]);
  });

  it("reports a placement shorter than the minimum", () => {
    expect(one("2024-07-01", "2024-08-01")).toEqual(["R-DURATION"]);
  });

  it("reports a placement longer than the maximum", () => {
    expect(one("2024-07-01", "2024-11-01")).toEqual(["R-DURATION"]);
  });

  it("reports an end that is not after the start", () => {
    expect(one("2024-09-01", "2024-09-01")).toContain("R-DURATION");
    expect(one("2024-09-01", "2024-08-01")).toContain("R-DURATION");
  });

  it("adds durations with date-fns add: { months: 1, days: 31 } from 07-01 ends no earlier than 09-01", () => {
    const inst = mutate(tinyInstance(), (i) => { i.programmes[0].duration = { min: { months: 1, days: 31 } }; });
    // 07-01 + 1 month = 08-01, + 31 days = 09-01.
    expect(codesOf(inst, planFor(inst, [place("t-001", COUNTY, "internal", "2024-07-01", "2024-09-01", "m-01")]))).toEqual([]);
    const longer = mutate(inst, (i) => { i.programmes[0].duration = { min: { months: 1, days: 32 } }; });
    expect(codesOf(longer, planFor(longer, [place("t-001", COUNTY, "internal", "2024-07-01", "2024-09-01", "m-01")]))).toEqual(["R-DURATION"]);
  });
});
