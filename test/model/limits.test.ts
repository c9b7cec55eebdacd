/**
 * The documented limits of the instance format (src/model/schema.ts `LIMITS`):
 * each exceeded limit is one instance issue at its path; a value at the limit
 * is accepted and solves.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { InstanceError, type Issue } from "../../src/model/errors.js";
import { checkInstance, parseInstance } from "../../src/model/parse.js";
import type { Instance } from "../../src/model/types.js";
import { solve } from "../../src/solve/index.js";
import { verifyPlan } from "../../src/verify.js";
import { type Draft, mutate, tinyInstance } from "../helpers/tiny.js";

const edited = (edit: (i: Draft<Instance>) => void) => mutate(tinyInstance(), edit);
const only = (issues: readonly Issue[]) => {
  expect(issues).toHaveLength(1);
  return issues[0];
};

type Case = [string, string, (i: Draft<Instance>, v: number) => void, number, number];
const programme = (i: Draft<Instance>) => i.programmes[0];
/** [what, path, set, largest accepted, smallest refused] */
const cases: Case[] = [
  ["receive capacity", "units[1].receive[0].capacity", (i, v) => void (i.units[1].receive![0].capacity = v), 1e6, 1e6 + 1],
  ["receive capacity 2^31 (wrapped before)", "units[1].receive[0].capacity", (i, v) => void (i.units[1].receive![0].capacity = v), 1e6, 2 ** 31],
  ["mentor capacity", "units[1].mentors[0].capacity", (i, v) => void (i.units[1].mentors![0].capacity = v), 1e6, 2 ** 32],
  ["staff", "units[1].departments[0].staff", (i, v) => void (i.units[1].departments![0].staff = v), 1e6, 1e6 + 1],
  ["support pool", "units[1].support[0].perSlot", (i, v) => void (i.units[1].support![0].perSlot = v), 1e6, 1e15],
  ["quota max", "programmes[0].quotas[0].max", (i, v) => void (programme(i).quotas = [{ where: {}, max: v }]), 1e6, 1e6 + 1],
  ["coverage min", "programmes[0].coverage[0].min", (i, v) => void (programme(i).coverage = [{ tier: "township", min: v, hard: false }]), 1e6, 1e7],
  ["trainee priority", "trainees[0].priority", (i, v) => void (i.trainees[0].priority = v), 1e9, 1e20],
  ["priority add", "programmes[0].priority[0].add", (i, v) => void (programme(i).priority = [{ where: { role: ["backbone"] }, add: -v }]), 1e9, 1e9 * 1.5],
  ["objective weight", "objective.base", (i, v) => void (i.objective = { base: v }), 1e9, 2e9],
  ["cost amount", "programmes[0].budget.costs[0].amount", (i, v) => void (programme(i).budget = { cap: 1e15, costs: [{ where: {}, amount: v }] }), 1e9, 1e10],
  ["budget cap", "programmes[0].budget.cap", (i, v) => void (programme(i).budget = { cap: v }), 1e15, 1e16],
];

describe("numbers beyond the documented limits are instance issues at their path", () => {
  it.each(cases)("%s", (_what, path, set, ok, bad) => {
    expect(checkInstance(edited((i) => set(i, ok)))).toEqual([]);
    const issue = only(checkInstance(edited((i) => set(i, bad))));
    expect(issue.path).toBe(path);
    expect(issue.message).toMatch(/documented limit|must be ≥ -1000000000/);
  });

  it("a team's size and minOnDuty are limited too", () => {
    const team = (size: number) => edited((i) => void (i.teams = [{ id: "fd", unit: "thc-01", size, minOnDuty: 1, members: ["t-001"] }]));
    expect(checkInstance(team(1e6))).toEqual([]);
    expect(only(checkInstance(team(1e6 + 1))).path).toBe("teams[0].size");
  });
});

describe("ids", () => {
  it.each([
    ["NUL", "t\u0000001"],
    ["a newline", "t-001\n"],
    ["DEL", "t\u007f"],
    ["a C1 control", "t\u0085"],
  ])("an id with %s is refused, the character shown escaped", (_what, bad) => {
    const issue = only(checkInstance(edited((i) => void (i.trainees[2].id = bad))));
    expect(issue.path).toBe("trainees[2].id");
    expect(issue.message).toMatch(/must not contain control characters .*\\(u00|n)/);
  });

  it("NUL can no longer make two ids one internal key: a unit id and a department code with NUL are refused", () => {
    const issues = checkInstance(edited((i) => {
      i.units[1].receive![1].dept = "cardio\u0000logy";
      i.regions![0].id = "l\u0000yg";
    }));
    expect(issues.map((x) => x.path)).toEqual(expect.arrayContaining(["units[1].receive[1].dept", "regions[0].id"]));
  });

  it("a lone surrogate is refused; characters from every plane are fine", () => {
    expect(only(checkInstance(edited((i) => void (i.trainees[2].id = "t\ud800")))).message).toMatch(/lone surrogate/);
    const inst = parseInstance(edited((i) => void (i.trainees[2].id = "𠀀\u{10FFFD}医生‮")));
    expect(inst.trainees[2].id).toBe("𠀀\u{10FFFD}医生‮");
  });

  it("parseInstance throws one InstanceError for them", () => {
    expect(() => parseInstance(edited((i) => void (i.units[0].id = "\u0000")))).toThrow(InstanceError);
  });
});

describe("values at the limits solve", () => {
  // Mentor seats were once expanded one by one: every mentor of the 连云港 example at capacity 1e6
  // took 56 s and 1.3 GB (the issue saw 42 s / 2.9 GB); one load array per mentor now, ~2 s. The
  // timeout only catches that regression.
  it("every mentor of the 连云港 example at capacity 1,000,000", { timeout: 30_000 }, async () => {
    const raw = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), "../../examples/lianyungang-2024.json"), "utf8"));
    for (const u of raw.units) for (const m of u.mentors ?? []) m.capacity = 1e6;
    const inst = parseInstance(raw);
    const plan = await solve(inst);
    expect(plan.status).toBe("optimal");
    expect(verifyPlan(inst, plan).valid).toBe(true);
  });

  it("receive and mentor capacities of 1,000,000 and a priority of 1e9", async () => {
    const inst = parseInstance(
      edited((i) => {
        i.units[1].receive![0].capacity = 1e6;
        i.units[1].mentors![0].capacity = 1e6;
        i.units[1].mentors![1].capacity = 1e6;
        i.trainees[0].priority = 1e9;
      }),
    );
    const plan = await solve(inst);
    expect(plan.status).toBe("optimal");
    expect(verifyPlan(inst, plan).valid).toBe(true);
    // All three fit at once now (capacity is no constraint): staffing allows one internal away without support.
    expect(plan.placements.length).toBeGreaterThanOrEqual(2);
  });
});
