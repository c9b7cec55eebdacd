import { describe, expect, it } from "vitest";
import type { Instance } from "../../src/model/types.js";
import { verifyPlan } from "../../src/verify.js";
import { COUNTY, TOWNSHIP, codesOf, mutate, place, planFor, tinyInstance } from "../helpers/tiny.js";

/** Family-doctor team fd-team-1 at thc-01: size 3, minOnDuty 2, members t-001 and t-003. */
const withTeam: Instance = mutate(tinyInstance(), (i) => {
  i.teams = [{ id: "fd-team-1", unit: TOWNSHIP, size: 3, minOnDuty: 2, members: ["t-001", "t-003"] }];
});
const members = (t003Start: string, t003End: string) => [
  place("t-001", COUNTY, "internal", "2024-07-01", "2024-09-01", "m-01"),
  place("t-003", COUNTY, "internal", t003Start, t003End, "m-02"),
];

describe("R-TEAM: every family-doctor team keeps size − away ≥ minOnDuty; support does not count", () => {
  it("accepts team members away one after the other", () => {
    expect(codesOf(withTeam, planFor(withTeam, members("2024-09-01", "2024-11-01")))).toEqual([]);
  });

  it("reports two of three members away at once (minOnDuty 2)", () => {
    const plan = planFor(withTeam, members("2024-08-01", "2024-10-01"));
    expect(codesOf(withTeam, plan)).toEqual(["R-TEAM"]);
    const v = verifyPlan(withTeam, plan).violations;
    expect(v).toHaveLength(1);
    expect(v[0].ids).toEqual(["fd-team-1", "t-001", "t-003"]);
  });

  it("still reports the team when support is sent to the unit for those slots", () => {
    const plan = planFor(withTeam, members("2024-08-01", "2024-10-01"), {
      support: [{ from: COUNTY, to: TOWNSHIP, dept: "internal", start: "2024-08-01", end: "2024-09-01", count: 1 }],
    });
    expect(codesOf(withTeam, plan)).toEqual(["R-TEAM"]);
  });
});
