import { describe, expect, it } from "vitest";
import { InstanceError, instanceWarnings, parseInstance } from "../../src/index.js";
import { residencyInstance } from "../rules/residency-fixture.js";

/** The messages parseInstance throws for an instance, as `path: message` lines. */
function issues(inst: unknown): string[] {
  try {
    parseInstance(JSON.stringify(inst));
    return [];
  } catch (e) {
    if (!(e instanceof InstanceError)) throw e;
    return e.issues.map((i) => `${i.path}: ${i.message}`);
  }
}

describe("SPEC §10 instance errors", () => {
  it("the tiny residency instance parses and round-trips exactly", () => {
    const text = JSON.stringify(residencyInstance());
    expect(JSON.stringify(parseInstance(text))).toBe(text);
  });

  const cases: [string, (i: any) => void, RegExp][] = [
    ["a week calendar", (i) => { i.calendar = { start: "2025-09-01", end: "2026-08-31", granularity: "week" }; }, /programmes\[0\]\.residency: a residency programme needs a month calendar/],
    ["quotas on a residency programme", (i) => { i.programmes[0].quotas = [{ max: 3 }]; }, /programmes\[0\]\.quotas: is not allowed on a residency programme/],
    ["duration on a residency programme", (i) => { i.programmes[0].duration = { min: { months: 3 } }; }, /programmes\[0\]\.duration: is not allowed/],
    ["an unknown curriculum", (i) => { i.trainees[0].curriculum = "surgery"; }, /trainees\[0\]\.curriculum: unknown curriculum "surgery"/],
    ["a resident without curriculum", (i) => { delete i.trainees[0].curriculum; }, /trainees\[0\]\.curriculum: is required/],
    ["an unknown completed requirement", (i) => { i.trainees[0].completed = ["nope"]; }, /trainees\[0\]\.completed\[0\]: unknown requirement "nope"/],
    ["a cycle in after", (i) => { i.programmes[0].residency.curricula[0].requirements[0].after = ["icu"]; }, /form a cycle: "(internal|icu)" → "(icu|internal)" → "(internal|icu)"/],
    ["a requirement after itself", (i) => { i.programmes[0].residency.curricula[0].requirements[1].after = ["emergency"]; }, /cycle: "emergency" → "emergency"/],
    ["after naming an unknown requirement", (i) => { i.programmes[0].residency.curricula[0].requirements[1].after = ["x"]; }, /requirements\[1\]\.after\[0\]: unknown requirement "x"/],
    ["min > max", (i) => { i.programmes[0].residency.curricula[0].requirements[0].min = 4; }, /requirements\[0\]\.min: must be ≤ max \(3\), got 4/],
    ["max 0", (i) => { i.programmes[0].residency.curricula[0].requirements[0].max = 0; i.programmes[0].residency.curricula[0].requirements[0].min = 0; }, /requirements\[0\]\.max: must be ≥ 1/],
    ["phase from ≥ to", (i) => { i.programmes[0].residency.curricula[0].requirements[1].phase = { from: 6, to: 6 }; }, /phase\.to: must be greater than phase\.from/],
    ["empty depts", (i) => { i.programmes[0].residency.curricula[0].requirements[1].depts = []; }, /requirements\[1\]\.depts: must not be empty/],
    ["empty requirements", (i) => { i.programmes[0].residency.curricula[0].requirements = []; }, /curricula\[0\]\.requirements: must not be empty/],
    ["duplicate requirement ids", (i) => { i.programmes[0].residency.curricula[0].requirements[1].id = "internal"; }, /requirements\[1\]\.id: duplicate requirement id "internal"/],
    ["duplicate curriculum ids", (i) => { const c = i.programmes[0].residency.curricula; c.push({ ...c[0] }); }, /curricula\[1\]\.id: duplicate curriculum id "gp"/],
    ["an unknown key in residency", (i) => { i.programmes[0].residency.extra = 1; }, /programmes\[0\]\.residency/],
    ["a resident without available", (i) => { delete i.trainees[0].available; }, /trainees\[0\]\.available: is required for a resident/],
    ["a training period without an end", (i) => { i.trainees[0].available = { from: "2025-09-01" }; }, /trainees\[0\]\.available\.to: RESIDENT-PERIOD/],
    ["a training period not on the 1st", (i) => { i.trainees[0].available.from = "2025-09-02"; }, /trainees\[0\]\.available\.from: RESIDENT-PERIOD: must be the 1st of a month/],
    ["a fixed rotation on a department its unit does not receive", (i) => { i.trainees[0].fixed = [{ requirement: "community", unit: "thc", dept: "cardiology", start: "2025-09-01", end: "2025-10-01", mentor: "m-gp" }]; }, /trainees\[0\]\.fixed\[0\]\.dept: unit "thc" receives no department "cardiology"/],
    ["a fixed rotation outside its requirement's depts", (i) => { i.trainees[0].fixed = [{ requirement: "icu", unit: "base", dept: "cardiology", start: "2025-09-01", end: "2025-10-01", mentor: "m-card" }]; }, /fixed\[0\]\.dept: department "cardiology" does not serve requirement "icu"/],
    ["a fixed rotation of a completed requirement", (i) => { i.trainees[0].completed = ["icu"]; i.trainees[0].fixed = [{ requirement: "icu", unit: "base", dept: "icu", start: "2025-09-01", end: "2025-10-01", mentor: "m-icu" }]; }, /fixed\[0\]\.requirement: requirement "icu" is in completed/],
    ["a fixed rotation without mentor under a mentor rule", (i) => { i.trainees[0].fixed = [{ requirement: "icu", unit: "base", dept: "icu", start: "2025-09-01", end: "2025-10-01" }]; }, /fixed\[0\]\.mentor: PINNED-MENTOR/],
    ["a fixed rotation not on month boundaries", (i) => { i.trainees[0].fixed = [{ requirement: "icu", unit: "base", dept: "icu", start: "2025-09-15", end: "2025-10-01", mentor: "m-icu" }]; }, /fixed\[0\]\.start: must be the 1st of a month/],
    ["two fixed rotations overlapping", (i) => { i.trainees[0].fixed = [
      { requirement: "icu", unit: "base", dept: "icu", start: "2025-09-01", end: "2025-11-01", mentor: "m-icu" },
      { requirement: "internal", unit: "base", dept: "cardiology", start: "2025-10-01", end: "2025-12-01", mentor: "m-card" }]; }, /fixed\[1\]: overlaps fixed\[0\]/],
    ["a fixed rotation at an unknown unit", (i) => { i.trainees[0].fixed = [{ requirement: "icu", unit: "nowhere", dept: "icu", start: "2025-09-01", end: "2025-10-01", mentor: "m-icu" }]; }, /fixed\[0\]\.unit: unknown unit "nowhere"/],
    ["curriculum on a 进修 trainee", (i) => {
      i.programmes.push({ id: "jx", duration: { min: { months: 1 } } });
      i.trainees.push({ id: "t1", unit: "thc", dept: "general-practice", programme: "jx", curriculum: "gp" });
    }, /trainees\[2\]\.curriculum: RESIDENCY-KEY/],
    ["a pinned placement of a resident", (i) => { i.pinned = [{ trainee: "r1", unit: "base", dept: "icu", start: "2025-09-01", end: "2025-10-01", mentor: "m-icu" }]; }, /pinned\[0\]: RESIDENCY-KEY/],
    ["a service row with to ≤ from", (i) => { i.units[0].service[0] = { dept: "emergency", min: 1, from: "2026-01-01", to: "2025-12-01" }; }, /units\[0\]\.service\[0\]\.to: must be after from/],
    ["a negative service min", (i) => { i.units[0].service[0].min = -1; }, /units\[0\]\.service\[0\]\.min: must be ≥ 0, got -1/],
    ["a fractional managers count", (i) => { i.units[0].managers = 2.5; }, /units\[0\]\.managers: must be a whole number/],
    ["an unknown relation type", (i) => { i.relations[0].type = "train"; }, /relations\[0\]\.type: must be one of alliance, pairing, parent, training/],
  ];
  for (const [name, change, expected] of cases) {
    it(`reports ${name}`, () => {
      const found = issues(residencyInstance(change));
      expect(found.join("\n")).toMatch(expected);
    });
  }

  it("warns BASELINE-KIND for a resident among the baseline's placements", () => {
    const inst = parseInstance(JSON.stringify(residencyInstance((i) => {
      i.baseline = { placements: [{ trainee: "r1", unit: "base", dept: "icu", start: "2025-09-01", end: "2025-10-01" }] };
    })));
    expect(instanceWarnings(inst).map((w) => `${w.path}: ${w.message}`).join("\n")).toMatch(/baseline\.placements\[0\]: BASELINE-KIND/);
  });
});
