/**
 * PLAN-FORMAT (SPEC §6): verifyPlan checks the plan's own form, so a plan
 * that breaks it is never `valid`, and a malformed entry is reported with its
 * path instead of crashing a rule.
 */
import { describe, expect, it } from "vitest";
import { parseInstance } from "../../src/model/parse.js";
import type { Instance, Plan } from "../../src/model/types.js";
import { solve } from "../../src/solve/index.js";
import { verifyPlan } from "../../src/verify.js";
import { type Draft, mutate, tinyInstance, tinyPlan } from "../helpers/tiny.js";

const softQuota = (): Instance => mutate(tinyInstance(), (i) => void (i.programmes[0].quotas = [{ where: {}, min: 4, hard: false }, { where: {}, max: 50 }]));
const formatOf = (inst: Instance, plan: unknown) => verifyPlan(inst, plan as Plan).violations.filter((v) => v.code === "PLAN-FORMAT");
const edit = (f: (p: Draft<Plan>) => void) => mutate(tinyPlan(), f);

describe("unplaced trainees carry a reason with a code", () => {
  it("the tiny plan has no PLAN-FORMAT violation", () => {
    expect(formatOf(tinyInstance(), tinyPlan())).toEqual([]);
  });

  it("an unplaced trainee with reasons [] is a violation at its path", () => {
    const plan = edit((p) => void (p.unplaced[0].reasons = []));
    const v = verifyPlan(tinyInstance(), plan);
    expect(v.valid).toBe(false);
    expect(v.violations).toEqual([expect.objectContaining({ code: "PLAN-FORMAT", ids: ["t-003"], message: expect.stringMatching(/^unplaced\[0\]\.reasons: trainee "t-003" has no reason/) })]);
  });

  it("a reason with an empty (or blank) code is a violation", () => {
    for (const code of ["", "  "]) {
      const v = formatOf(tinyInstance(), edit((p) => void (p.unplaced[0].reasons = [{ code, message: "x" }])));
      expect(v.map((x) => x.message)).toEqual([expect.stringMatching(/^unplaced\[0\]\.reasons\[0\]\.code: trainee "t-003": a reason needs a code/)]);
    }
  });
});

describe("shortfall rows", () => {
  it("a solved plan's shortfalls match, and leaving one out only clears shortfallsMatch", async () => {
    const inst = parseInstance(softQuota());
    const plan = await solve(inst);
    expect(plan.shortfalls).toEqual([{ programme: "lyg-2024", rule: "quota", index: 0, needed: 4, got: 3 }]);
    expect(verifyPlan(inst, plan)).toMatchObject({ valid: true, shortfallsMatch: true });
    expect(verifyPlan(inst, { ...plan, shortfalls: [] })).toMatchObject({ valid: true, shortfallsMatch: false });
    expect(verifyPlan(inst, { ...plan, shortfalls: [{ ...plan.shortfalls[0], got: 1 }] })).toMatchObject({ valid: true, shortfallsMatch: false });
  });

  it.each<[string, object, RegExp]>([
    ["an unknown programme", { programme: "nope", rule: "quota", index: 0, needed: 4, got: 3 }, /shortfalls\[0\]\.programme: unknown programme "nope"/],
    ["a hard row", { programme: "lyg-2024", rule: "quota", index: 1, needed: 4, got: 3 }, /quota row 1 .* is not a soft quota minimum/],
    ["an index past the list", { programme: "lyg-2024", rule: "coverage", index: 4, needed: 4, got: 3 }, /coverage row 4 .* is not a soft coverage row/],
    ["needed ≤ got", { programme: "lyg-2024", rule: "quota", index: 0, needed: 3, got: 3 }, /needed > got ≥ 0/],
    ["a fraction", { programme: "lyg-2024", rule: "quota", index: 0, needed: 4, got: 1.5 }, /whole numbers/],
  ])("a row naming %s is a PLAN-FORMAT violation", (_what, row, message) => {
    const v = formatOf(softQuota(), edit((p) => void (p.shortfalls = [row as never])));
    expect(v.map((x) => x.message)).toEqual([expect.stringMatching(message)]);
  });

  it("a row listed twice is a violation", () => {
    const row = { programme: "lyg-2024", rule: "quota" as const, index: 0, needed: 4, got: 3 };
    expect(formatOf(softQuota(), edit((p) => void (p.shortfalls = [row, row]))).map((x) => x.message)).toEqual([expect.stringMatching(/listed twice/)]);
  });
});

describe("status, bound and conflicts", () => {
  it("a bound below the objective is a violation", () => {
    expect(formatOf(tinyInstance(), edit((p) => void (p.bound = 100))).map((x) => x.message)).toEqual([expect.stringMatching(/^bound: 100 is below the plan's objective 220/)]);
  });

  it("conflicts on a plan that is not infeasible are a violation", () => {
    const v = formatOf(tinyInstance(), edit((p) => void (p.conflicts = [{ code: "R-QUOTA", ids: [], message: "x" }])));
    expect(v.map((x) => x.message)).toEqual([expect.stringMatching(/only an infeasible plan lists conflicts/)]);
  });

  it("an infeasible plan holds the pinned placements only, INFEASIBLE reasons and a conflict", () => {
    const v = formatOf(tinyInstance(), edit((p) => void (p.status = "infeasible")));
    expect(v.map((x) => x.message)).toEqual([
      expect.stringMatching(/^placements\[0\]: an infeasible plan holds the pinned placements only/),
      expect.stringMatching(/^placements\[1\]/),
      expect.stringMatching(/^unplaced\[0\]\.reasons: trainee "t-003" of an infeasible plan needs the reason INFEASIBLE/),
      expect.stringMatching(/^conflicts: an infeasible plan names at least one conflict/),
    ]);
  });

  it("solve's infeasible plans pass", async () => {
    const inst = parseInstance(mutate(tinyInstance(), (i) => void (i.programmes[0].quotas = [{ where: {}, min: 4 }])));
    const plan = await solve(inst);
    expect(plan.status).toBe("infeasible");
    expect(formatOf(inst, plan)).toEqual([]);
  });
});

describe("malformed plans are violations with paths, never crashes", () => {
  it.each<[string, unknown, RegExp[]]>([
    ["an empty object", {}, [/^version: must be 1/, /^status: must be one of/, /^objective: must be a finite number/, /^placements: is required/]],
    ["placements not a list", { ...tinyPlan(), placements: "none" }, [/^placements: must be a list/]],
    ["a placement without trainee", { ...tinyPlan(), placements: [{ ...tinyPlan().placements[0], trainee: undefined }, tinyPlan().placements[1]] }, [/^placements\[0\]\.trainee: is required/]],
    ["a rotation that is not a list", { ...tinyPlan(), placements: [{ ...tinyPlan().placements[0], rotations: 5 }, tinyPlan().placements[1]] }, [/^placements\[0\]\.rotations: must be a list/]],
    ["a bad date", { ...tinyPlan(), placements: [{ ...tinyPlan().placements[0], start: "July" }, tinyPlan().placements[1]] }, [/^placements\[0\]\.start: must be a real date/]],
    ["an unknown key", { ...tinyPlan(), extra: 1 }, [/^extra: unknown key/]],
  ])("%s", (_what, plan, messages) => {
    const v = formatOf(tinyInstance(), plan);
    for (const m of messages) expect(v.map((x) => x.message)).toContainEqual(expect.stringMatching(m));
    expect(verifyPlan(tinyInstance(), plan as Plan).valid).toBe(false);
  });

  it("a malformed entry is left out of the other rules (its trainee is then missing: R-ONCE)", () => {
    const plan = { ...tinyPlan(), placements: [{ ...tinyPlan().placements[0], unit: 7 }, tinyPlan().placements[1]] };
    const codes = verifyPlan(tinyInstance(), plan as never).violations.map((v) => v.code);
    expect(codes).toEqual(["PLAN-FORMAT", "R-ONCE"]);
  });

  it("a support count of 0 stays R-SUPPORT's (a value the rules judge, not a malformed entry)", () => {
    const plan = edit((p) => void (p.support = [{ from: "county-hosp-01", to: "thc-01", dept: "internal", start: "2024-07-01", end: "2024-08-01", count: 0 }]));
    expect(verifyPlan(tinyInstance(), plan).violations.map((v) => v.code)).toEqual(["R-SUPPORT"]);
  });
});
