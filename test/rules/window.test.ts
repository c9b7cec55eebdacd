import { describe, expect, it } from "vitest";
import type { Instance } from "../../src/model/types.js";
import { COUNTY, codesOf, mutate, place, planFor, tinyInstance } from "../helpers/tiny.js";

const one = (inst: Instance, trainee: string, start: string, end: string) =>
  codesOf(inst, planFor(inst, [place(trainee, COUNTY, "internal", start, end, "m-01")]));

describe("R-WINDOW: inside the calendar, the programme window and the trainee's availability, on slot boundaries", () => {
  it("accepts a placement ending exactly at the calendar end (ends are exclusive)", () => {
    expect(one(tinyInstance(), "t-001", "2024-09-01", "2024-11-01")).toEqual([]);
  });

  it("reports a start and end that are not slot boundaries", () => {
    expect(one(tinyInstance(), "t-001", "2024-07-15", "2024-09-15")).toEqual(["R-WINDOW"]);
  });

  it("reports a placement that begins before the calendar", () => {
    const inst = mutate(tinyInstance(), (i) => { delete i.programmes[0].window; delete i.trainees[0].available; });
    expect(one(inst, "t-001", "2024-06-01", "2024-08-01")).toEqual(["R-WINDOW"]);
  });

  it("reports a placement outside the programme window", () => {
    const inst = mutate(tinyInstance(), (i) => { i.programmes[0].window = { from: "2024-08-01", to: "2024-10-01" }; });
    expect(one(inst, "t-002", "2024-07-01", "2024-09-01")).toEqual(["R-WINDOW"]);
    expect(one(inst, "t-002", "2024-08-01", "2024-10-01")).toEqual([]);
    expect(one(inst, "t-002", "2024-09-01", "2024-11-01")).toEqual(["R-WINDOW"]);
  });

  it("reports a placement outside the trainee's availability", () => {
    const inst = mutate(tinyInstance(), (i) => { i.trainees[1].available = { from: "2024-08-01", to: "2024-10-01" }; });
    expect(one(inst, "t-002", "2024-08-01", "2024-10-01")).toEqual([]);
    expect(one(inst, "t-002", "2024-07-01", "2024-09-01")).toEqual(["R-WINDOW"]);
    expect(one(inst, "t-002", "2024-09-01", "2024-11-01")).toEqual(["R-WINDOW"]);
  });
});
