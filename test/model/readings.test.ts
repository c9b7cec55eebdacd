/**
 * SPEC §5 readings: an absent `where` on a quota, cost or priority row means
 * `{}`; a mentor without a `title` ranks `none`; mentors may carry a `name`.
 */
import { describe, expect, it } from "vitest";
import { checkInstance, parseInstance } from "../../src/model/parse.js";
import type { Instance } from "../../src/model/types.js";
import { solve } from "../../src/solve/index.js";
import { verifyPlan } from "../../src/verify.js";
import { type Draft, mutate, tinyInstance } from "../helpers/tiny.js";

const edited = (f: (i: Draft<Instance>) => void) => parseInstance(mutate(tinyInstance(), f));

describe("an absent where means {}", () => {
  it("a priority row without where is accepted and adds to every trainee of the programme", async () => {
    const base = await solve(parseInstance(tinyInstance()));
    const inst = edited((i) => void (i.programmes[0].priority = [{ add: 1 }]));
    const plan = await solve(inst);
    // Every placement's base term doubles: base × (1 + 1).
    expect(plan.placements.length).toBe(base.placements.length);
    expect(plan.objective).toBe(base.objective + 100 * base.placements.length);
    expect(verifyPlan(inst, plan).objective).toBe(plan.objective);
  });

  it("a quota row without where counts every placement", async () => {
    const inst = edited((i) => void (i.programmes[0].quotas = [{ max: 1 }]));
    const plan = await solve(inst);
    expect(plan.placements).toHaveLength(1);
    expect(verifyPlan(inst, plan).valid).toBe(true);
  });

  it("a cost row without where prices every placement", async () => {
    const inst = edited((i) => void (i.programmes[0].budget = { cap: 2, costs: [{ amount: 1 }] }));
    const plan = await solve(inst);
    expect(plan.placements).toHaveLength(2);
    const over = { ...plan, placements: [...plan.placements, { trainee: "t-003", unit: "county-hosp-01", dept: "cardiology", start: "2024-07-01", end: "2024-09-01", mentor: "m-03" }], unplaced: [] };
    expect(verifyPlan(inst, over).violations.map((v) => v.code)).toContain("R-BUDGET");
  });
});

describe("mentors", () => {
  it("a mentor without a title is accepted and ranks none", async () => {
    const untitled = (minTitle: "none" | "junior") =>
      edited((i) => {
        i.units[1].mentors = [{ id: "m-x", dept: "internal" }];
        i.units[1].receive = [{ dept: "internal", capacity: 2 }];
        i.programmes[0].mentor = { minTitle };
      });
    const ok = untitled("none");
    const plan = await solve(ok);
    expect(plan.placements.length).toBeGreaterThan(0);
    expect(plan.placements.every((p) => p.mentor === "m-x")).toBe(true);
    expect(verifyPlan(ok, plan).valid).toBe(true);
    // Under a junior threshold the untitled mentor does not qualify.
    const strict = untitled("junior");
    expect(verifyPlan(strict, plan).violations.map((v) => v.code)).toContain("R-MENTOR");
    expect((await solve(strict)).placements).toEqual([]);
  });

  it("a mentor may carry a name, kept unchanged", () => {
    const raw = mutate(tinyInstance(), (i) => void (i.units[1].mentors![0] = { ...i.units[1].mentors![0], name: "王主任" }));
    expect(checkInstance(raw)).toEqual([]);
    expect(JSON.stringify(parseInstance(raw))).toBe(JSON.stringify(raw));
  });
});
