import { describe, expect, it } from "vitest";
import { verifyPlan } from "../../src/verify.js";
import { codesOf, mutate, tinyInstance, tinyPlan } from "../helpers/tiny.js";

describe("R-ONCE: every trainee appears exactly once, placed or unplaced; no unknown ids", () => {
  it("accepts the tiny plan, where every trainee is placed or unplaced once", () => {
    const v = verifyPlan(tinyInstance(), tinyPlan());
    expect(v.valid).toBe(true);
    expect(v.violations.filter((x) => x.code === "R-ONCE")).toEqual([]);
  });

  it("reports a trainee that is neither placed nor unplaced", () => {
    const plan = mutate(tinyPlan(), (p) => { p.unplaced = []; });
    const v = verifyPlan(tinyInstance(), plan);
    expect(v.violations).toEqual([expect.objectContaining({ code: "R-ONCE", ids: ["t-003"] })]);
  });

  it("reports a trainee both placed and unplaced", () => {
    const plan = mutate(tinyPlan(), (p) => { p.unplaced.push({ trainee: "t-001", reasons: [{ code: "R-ELIGIBLE", message: "listed for R-ONCE" }] }); });
    const v = verifyPlan(tinyInstance(), plan);
    expect(v.violations).toEqual([expect.objectContaining({ code: "R-ONCE", ids: ["t-001"] })]);
  });

  it("reports a trainee placed twice", () => {
    const plan = mutate(tinyPlan(), (p) => {
      p.placements[1] = { ...p.placements[0] };
      p.unplaced.push({ trainee: "t-002", reasons: [{ code: "R-ELIGIBLE", message: "listed for R-ONCE" }] });
    });
    expect(verifyPlan(tinyInstance(), plan).violations.filter((x) => x.code === "R-ONCE")).toEqual([
      expect.objectContaining({ ids: ["t-001"] }),
    ]);
  });

  it("reports an unknown trainee id in the unplaced list", () => {
    const plan = mutate(tinyPlan(), (p) => { p.unplaced.push({ trainee: "t-999", reasons: [{ code: "R-ELIGIBLE", message: "listed for R-ONCE" }] }); });
    expect(codesOf(tinyInstance(), plan)).toEqual(["R-ONCE"]);
    expect(verifyPlan(tinyInstance(), plan).violations[0].ids).toEqual(["t-999"]);
  });

  it("reports an unknown trainee id in the placements, and nothing else about it", () => {
    const plan = mutate(tinyPlan(), (p) => {
      p.placements.push({ ...p.placements[0], trainee: "t-999", mentor: "m-02" });
    });
    expect(codesOf(tinyInstance(), plan)).toEqual(["R-ONCE"]);
  });
});
