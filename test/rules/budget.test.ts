import { describe, expect, it } from "vitest";
import type { Budget } from "../../src/model/types.js";
import { verifyPlan } from "../../src/verify.js";
import { type Draft, PROGRAMME, codesOf, mutate, tinyInstance, tinyPlan } from "../helpers/tiny.js";

const withBudget = (budget: Draft<Budget>) => mutate(tinyInstance(), (i) => { i.programmes[0].budget = budget; });

describe("R-BUDGET: the programme's placements cost at most cap (each matching cost row is paid)", () => {
  it("accepts a total exactly at the cap (2 × 6000 = 12000)", () => {
    expect(codesOf(withBudget({ cap: 12000, costs: [{ where: { receivingTier: ["county"] }, amount: 6000 }] }), tinyPlan())).toEqual([]);
  });

  it("reports a total above the cap", () => {
    const v = verifyPlan(withBudget({ cap: 11999, costs: [{ where: { receivingTier: ["county"] }, amount: 6000 }] }), tinyPlan()).violations;
    expect(v).toEqual([expect.objectContaining({ code: "R-BUDGET", ids: [PROGRAMME] })]);
    expect(v[0].message).toMatch(/12000/);
  });

  it("pays every matching row: 1000 for all + 5000 at county = 6000 each", () => {
    const costs = [{ where: {}, amount: 1000 }, { where: { receivingTier: ["county" as const] }, amount: 5000 }, { amount: 0 }];
    expect(codesOf(withBudget({ cap: 12000, costs }), tinyPlan())).toEqual([]);
    expect(codesOf(withBudget({ cap: 11000, costs }), tinyPlan())).toEqual(["R-BUDGET"]);
  });

  it("pays nothing for a row that does not match", () => {
    expect(codesOf(withBudget({ cap: 0, costs: [{ where: { receivingTier: ["city"] }, amount: 10000 }] }), tinyPlan())).toEqual([]);
  });
});
