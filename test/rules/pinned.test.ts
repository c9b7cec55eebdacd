import { describe, expect, it } from "vitest";
import type { Placement } from "../../src/model/types.js";
import { verifyPlan } from "../../src/verify.js";
import { COUNTY, type Draft, codesOf, mutate, place, tinyInstance, tinyPlan } from "../helpers/tiny.js";

const pin = place("t-001", COUNTY, "internal", "2024-07-01", "2024-09-01", "m-01");
const pinnedInst = mutate(tinyInstance(), (i) => { i.pinned = [pin]; });
const withT001 = (p: Draft<Placement> | undefined) =>
  mutate(tinyPlan(), (plan) => {
    if (p) plan.placements[0] = p;
    else {
      plan.placements.splice(0, 1);
      plan.unplaced.push({ trainee: "t-001", reasons: [{ code: "CAPACITY-COMPETITION", message: "x" }] });
    }
  });

describe("R-PINNED: every pinned placement appears unchanged (trainee, unit, dept, start, end, mentor)", () => {
  it("accepts the pinned placement unchanged", () => {
    expect(codesOf(pinnedInst, tinyPlan())).toEqual([]);
  });

  const changes: [string, Draft<Placement>][] = [
    ["end", { ...pin, end: "2024-10-01" }],
    ["start", place("t-001", COUNTY, "internal", "2024-08-01", "2024-10-01", "m-01")],
    ["mentor", { ...pin, mentor: "m-02" }],
    ["dept", { ...pin, dept: "cardiology", mentor: "m-03" }],
  ];
  for (const [what, p] of changes)
    it(`reports a changed ${what}`, () => {
      const v = verifyPlan(pinnedInst, withT001(p)).violations.filter((x) => x.code === "R-PINNED");
      expect(v).toEqual([expect.objectContaining({ ids: ["t-001"] })]);
    });

  it("reports a changed mentor and nothing else", () => {
    expect(codesOf(pinnedInst, withT001({ ...pin, mentor: "m-02" }))).toEqual(["R-PINNED"]);
  });

  it("reports a pinned trainee left unplaced", () => {
    expect(codesOf(pinnedInst, withT001(undefined))).toEqual(["R-PINNED"]);
    expect(verifyPlan(pinnedInst, withT001(undefined), { lang: "en" }).violations[0].message).toMatch(/not placed/);
    expect(verifyPlan(pinnedInst, withT001(undefined)).violations[0].message).toMatch(/^张伟已定安排为东海县人民医院内科.*未安排$/);
  });
});
