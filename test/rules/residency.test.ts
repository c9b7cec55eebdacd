/**
 * SPEC §10: every residency rule provoked by a tiny valid and a tiny violating
 * plan, and the §5 rules that §10 extends to rotations of residents.
 */
import { describe, expect, it } from "vitest";
import { parseInstance, verifyPlan, type Plan, type ResidencyEntry } from "../../src/index.js";
import { planWith, residencyInstance, validSchedule } from "./residency-fixture.js";

const parse = (over?: (i: any) => void) => parseInstance(JSON.stringify(residencyInstance(over)));
const codes = (inst: ReturnType<typeof parse>, plan: Plan) => verifyPlan(inst, plan, { lang: "en" }).violations.map((v) => v.code);
const both = () => [validSchedule("r1", 0), validSchedule("r2", 1)];
/** r1's schedule with one rotation changed. */
const edit = (i: number, change: Partial<ResidencyEntry["rotations"][number]>, base = validSchedule("r1", 0)): ResidencyEntry => ({
  trainee: base.trainee,
  rotations: base.rotations.map((r, j) => (j === i ? { ...r, ...change } : r)),
});

describe("SPEC §10 rules on a tiny base", () => {
  const inst = parse();
  it("the tiny plan is valid, with the soft service row short and priced", () => {
    const v = verifyPlan(inst, planWith(both()));
    expect(v.violations).toEqual([]);
    expect(v.shortfalls).toEqual([{ rule: "service", unit: "base", dept: "emergency", index: 0, needed: 12, got: 2 }]);
    // 2 residents × base 100 − 9 rotations × transition 1 − 10 resident-months short × shortfall 50.
    expect(v.objective).toBe(200 - 9 - 500);
  });

  describe("R-CURRICULUM", () => {
    const one = (e: ResidencyEntry) => verifyPlan(inst, planWith([e, validSchedule("r2", 1)]), { lang: "en" }).violations.filter((v) => v.code === "R-CURRICULUM");
    it("months below min", () => expect(one(edit(1, { end: "2025-11-01" }))[0]?.message).toMatch(/requirement "internal" has 1 month\(s\), needs 2–3/));
    it("too many blocks", () => {
      const e = validSchedule("r1", 0);
      // internal split into three one-month blocks (blocks: 2) — months 1, 5, 7.
      const rot = [e.rotations[0], { ...e.rotations[1], end: "2025-11-01" }, e.rotations[2], e.rotations[3],
        { requirement: "internal", unit: "base", dept: "respiratory", start: "2026-03-01", end: "2026-04-01", mentor: "m-resp" }];
      expect(one({ trainee: "r1", rotations: rot })[0]?.message).toMatch(/"internal" is in 2 blocks|"icu" starts/);
    });
    it("a block shorter than minBlock", () => {
      const i2 = parse((i) => { i.programmes[0].residency.curricula[0].minBlock = 2; });
      const v = verifyPlan(i2, planWith(both()), { lang: "en" }).violations.find((x) => x.code === "R-CURRICULUM" && x.ids[0] === "r1");
      expect(v?.message).toMatch(/block 2025-09–2025-09 has 1 month\(s\), minBlock 2/);
    });
    it("outside its phase", () => {
      const e = validSchedule("r1", 0);
      // emergency moved to month 7 (phase [0, 6)).
      const rot = [...e.rotations.slice(1), { requirement: "emergency", unit: "base", dept: "emergency", start: "2026-04-01", end: "2026-05-01", mentor: "m-em" }];
      expect(one({ trainee: "r1", rotations: rot })[0]?.message).toMatch(/"emergency" must lie in months \[0, 6\)/);
    });
    it("before an after requirement ended", () => {
      const e = validSchedule("r1", 0);
      const rot = [e.rotations[0], { ...e.rotations[2], start: "2025-10-01", end: "2025-11-01" }, { ...e.rotations[1], start: "2025-11-01", end: "2026-01-01" }, e.rotations[3]];
      expect(one({ trainee: "r1", rotations: rot })[0]?.message).toMatch(/"icu" starts 2025-10, not after the last month of "internal" \(2025-12\)/);
    });
    it("an after requirement that is completed sets no bound", () => {
      const i2 = parse((i) => { i.trainees[0].completed = ["internal"]; });
      const e = validSchedule("r1", 0);
      const v = verifyPlan(i2, planWith([{ trainee: "r1", rotations: [e.rotations[0], { ...e.rotations[2], start: "2025-10-01", end: "2025-11-01" }, e.rotations[3]] }, validSchedule("r2", 1)]), { lang: "en" });
      expect(v.violations).toEqual([]);
    });
    it("a department outside the requirement's depts", () => expect(one(edit(2, { dept: "cardiology", mentor: "m-card" }))[0]?.message).toMatch(/cardiology is not one of requirement "icu"'s departments/));
    it("an unknown requirement, and a completed one named", () => {
      expect(one(edit(2, { requirement: "surgery" }))[0]?.message).toMatch(/names requirement "surgery", not in curriculum "gp"/);
      const i2 = parse((i) => { i.trainees[0].completed = ["icu"]; });
      expect(verifyPlan(i2, planWith(both()), { lang: "en" }).violations.find((v) => v.code === "R-CURRICULUM")?.message).toMatch(/names requirement "icu", which is completed/);
    });
    it("overlapping rotations", () => expect(one(edit(2, { start: "2025-11-01" }))[0]?.message).toMatch(/overlaps/));
    it("a requirement not met at all", () => {
      const e = validSchedule("r1", 0);
      expect(one({ trainee: "r1", rotations: e.rotations.slice(0, 3) })[0]?.message).toMatch(/requirement "community" has 0 month\(s\), needs 2–2/);
    });
    it("one violation per resident", () => expect(one(edit(1, { end: "2025-11-01", dept: "icu" })).length).toBe(1));
    it("a resident whose every requirement is completed may have no rotation (reading 26)", () => {
      const i2 = parse((i) => { i.trainees[0].completed = ["internal", "emergency", "icu", "community"]; });
      const v = verifyPlan(i2, planWith([{ trainee: "r1", rotations: [] }, validSchedule("r2", 1)]));
      expect(v.violations).toEqual([]);
      expect(v.objective).toBe(200 - 5 - 50 * 11);
    });
  });

  describe("R-SITE", () => {
    it("a community requirement cannot be done in the base's own general-practice department (reading 1)", () => {
      const v = codes(inst, planWith([edit(3, { unit: "base" }), validSchedule("r2", 1)]));
      expect(v).toContain("R-SITE");
    });
    it("a requirement without sites is done at the base only", () => {
      const i2 = parse((i) => { i.units[1].receive.push({ dept: "icu", capacity: 1 }); i.units[1].mentors.push({ id: "m-icu2", dept: "icu", title: "senior" }); });
      expect(codes(i2, planWith([edit(2, { unit: "thc", mentor: "m-icu2" }), validSchedule("r2", 1)]))).toEqual(["R-SITE"]);
    });
    it("an unknown unit, and a department its unit does not receive", () => {
      expect(codes(inst, planWith([edit(3, { unit: "nowhere" }), validSchedule("r2", 1)]))).toContain("R-SITE");
      const v = codes(inst, planWith([edit(3, { dept: "icu", requirement: "community" }), validSchedule("r2", 1)]));
      expect(v).toEqual(expect.arrayContaining(["R-SITE", "R-CAPACITY"]));
    });
    it("a site by relation: without the training relation the township unit is not allowed", () => {
      const i2 = parse((i) => { i.relations = []; });
      expect(codes(i2, planWith(both()))).toEqual(["R-SITE", "R-SITE"]);
    });
  });

  describe("R-SERVICE", () => {
    const hard = parse((i) => { i.units[0].service = [{ dept: "emergency", min: 1, from: "2025-09-01", to: "2025-11-01", hard: true }]; });
    it("a hard row held in each of its slots", () => expect(codes(hard, planWith(both()))).toEqual([]));
    it("a hard row broken in one slot is one violation naming the month", () => {
      const v = verifyPlan(hard, planWith([validSchedule("r1", 0)], { unplaced: [{ trainee: "r2", reasons: [{ code: "X", message: "x" }] }] }));
      expect(v.violations.map((x) => x.code)).toEqual(["R-SERVICE"]);
      expect(v.violations[0].message).toMatch(/2025-10 仅 0 人/);
    });
    it("进修 trainees never count, and each row is judged on its own", () => {
      const i2 = parse((i) => {
        i.units[0].service = [{ dept: "emergency", min: 1, hard: false }, { dept: "emergency", min: 1, from: "2025-09-01", to: "2025-10-01", hard: true }];
      });
      const v = verifyPlan(i2, planWith(both()));
      expect(v.violations).toEqual([]);
      expect(v.shortfalls).toEqual([{ rule: "service", unit: "base", dept: "emergency", index: 0, needed: 12, got: 2 }]);
    });
  });

  describe("R-MANAGERS", () => {
    it("fewer than 3 managers: no resident may be scheduled", () => {
      const i2 = parse((i) => { i.units[0].managers = 2; });
      const v = verifyPlan(i2, planWith(both()), { lang: "en" }).violations.filter((x) => x.code === "R-MANAGERS");
      expect(v).toHaveLength(1);
      expect(v[0].message).toMatch(/2 manager\(s\) \(< 3\).*2 are/);
    });
    it("3 managers host up to 300; absent is no limit", () => {
      expect(codes(parse((i) => { i.units[0].managers = 3; }), planWith(both()))).toEqual([]);
      expect(codes(parse((i) => { delete i.units[0].managers; }), planWith(both()))).toEqual([]);
    });
  });

  describe("§5 rules on rotations of residents", () => {
    it("R-CAPACITY counts residents and 进修 trainees together", () => {
      const i2 = parse((i) => {
        i.programmes.push({ id: "jx", duration: { min: { months: 1 }, max: { months: 1 } } });
        i.trainees.push({ id: "t1", unit: "thc", dept: "general-practice", programme: "jx", wants: { depts: ["emergency"] } });
      });
      const p = planWith(both(), { placements: [{ trainee: "t1", unit: "base", dept: "emergency", start: "2025-09-01", end: "2025-10-01" }] });
      expect(codes(i2, p)).toEqual(["R-CAPACITY"]);
    });
    it("R-MENTOR: per rotation, qualified, within capacity counted across residents", () => {
      expect(codes(inst, planWith([edit(2, { mentor: "m-junior" }), validSchedule("r2", 1)]))).toEqual(["R-MENTOR"]);
      expect(codes(inst, planWith([edit(2, { mentor: undefined }), validSchedule("r2", 1)]))).toEqual(["R-MENTOR"]);
      const r2 = validSchedule("r2", 1);
      // r2's emergency in month 0 too (capacity 1 of m-em and of the department): both rules.
      const moved = edit(1, { start: "2025-09-01", end: "2025-10-01" }, r2);
      expect(codes(inst, planWith([validSchedule("r1", 0), { trainee: "r2", rotations: [moved.rotations[1], moved.rotations[0], ...moved.rotations.slice(2)] }]))).toEqual(expect.arrayContaining(["R-CAPACITY", "R-MENTOR"]));
    });
    it("R-WINDOW: inside the training period", () => {
      const i2 = parse((i) => { i.trainees[0].available = { from: "2025-09-01", to: "2026-02-01" }; });
      const v = verifyPlan(i2, planWith(both()), { lang: "en" }).violations;
      expect(v.map((x) => x.code)).toEqual(["R-WINDOW"]);
      expect(v[0].message).toMatch(/rotations\[3\] \[2026-01-01, 2026-03-01\) ends after the training period \(2026-02-01\)/);
    });
    it("R-ELIGIBLE applies to scheduled residents only", () => {
      const i2 = parse((i) => { i.programmes[0].eligibility = { maxAge: 30 }; i.trainees[1].birthDate = "1990-01-01"; i.trainees[0].birthDate = "2000-01-01"; });
      expect(codes(i2, planWith(both()))).toEqual(["R-ELIGIBLE"]);
      expect(codes(i2, planWith([validSchedule("r1", 0)], { unplaced: [{ trainee: "r2", reasons: [{ code: "R-ELIGIBLE", message: "x" }] }] }))).toEqual([]);
    });
    it("R-ONCE: a resident in placements, or listed twice", () => {
      const p = planWith([validSchedule("r1", 0)], { placements: [{ trainee: "r2", unit: "base", dept: "icu", start: "2025-09-01", end: "2025-10-01", mentor: "m-icu" }] });
      expect(codes(inst, p)).toEqual(["R-ONCE"]);
      expect(codes(inst, planWith([validSchedule("r1", 0)]))).toEqual(["R-ONCE"]);
    });
    it("R-PINNED keeps each fixed rotation; an unscheduled resident breaks it once per fixed rotation", () => {
      const i2 = parse((i) => { i.trainees[0].fixed = [validSchedule("r1", 0).rotations[0], validSchedule("r1", 0).rotations[1]]; });
      expect(codes(i2, planWith(both()))).toEqual([]);
      expect(codes(i2, planWith([edit(1, { mentor: undefined }), validSchedule("r2", 1)]))).toEqual(expect.arrayContaining(["R-PINNED", "R-MENTOR"]));
      expect(codes(i2, planWith([validSchedule("r2", 1)], { unplaced: [{ trainee: "r1", reasons: [{ code: "X", message: "x" }] }] }))).toEqual(["R-PINNED", "R-PINNED"]);
    });
  });

  describe("plan format (reading 16)", () => {
    it("rotations listed by start; a malformed rotation is reported and left out", () => {
      const e = validSchedule("r1", 0);
      const v = verifyPlan(inst, planWith([{ trainee: "r1", rotations: [e.rotations[1], e.rotations[0], ...e.rotations.slice(2)] }, validSchedule("r2", 1)]), { lang: "en" });
      expect(v.violations.map((x) => x.code)).toEqual(["PLAN-FORMAT"]);
      const bad = { trainee: "r1", rotations: [...e.rotations, { requirement: "icu", unit: "base", dept: "icu", start: "2026-13-01", end: "x" }] } as unknown as ResidencyEntry;
      const w = verifyPlan(inst, planWith([bad, validSchedule("r2", 1)]), { lang: "en" });
      expect(new Set(w.violations.map((x) => x.code))).toEqual(new Set(["PLAN-FORMAT"]));
      expect(w.violations[0].message).toMatch(/residencies\[0\]\.rotations\[4\]\.start/);
    });
    it("a service shortfall row names its unit and index", () => {
      const v = verifyPlan(inst, planWith(both(), { shortfalls: [{ rule: "service", unit: "base", dept: "emergency", index: 0, needed: 12, got: 2 }], objective: -309 }));
      expect(v.valid).toBe(true);
      expect(v.shortfallsMatch).toBe(true);
      expect(v.objectiveMatches).toBe(true);
      expect(verifyPlan(inst, planWith(both(), { shortfalls: [{ rule: "service", unit: "base", dept: "emergency", index: 1, needed: 12, got: 2 }] })).violations.map((x) => x.code)).toEqual(["PLAN-FORMAT"]);
    });
  });

  describe("§11 changes of residents", () => {
    it("a resident compares its rotations, mentors left out", () => {
      const i2 = parse((i) => { i.baseline = { residencies: both() }; });
      expect(verifyPlan(i2, planWith(both(), { changes: 0 })).changes).toBe(0);
      expect(verifyPlan(i2, planWith([edit(1, { mentor: "m-resp" }), validSchedule("r2", 1)], { changes: 0 })).changes).toBe(0);
      expect(verifyPlan(i2, planWith([edit(1, { dept: "respiratory" }), validSchedule("r2", 1)], { changes: 1 })).changes).toBe(1);
      expect(verifyPlan(i2, planWith([edit(1, { requirement: "icu" }), validSchedule("r2", 1)], { changes: 1 })).changes).toBe(1);
    });
  });
});
