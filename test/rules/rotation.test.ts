import { describe, expect, it } from "vitest";
import type { Instance, Placement, Plan, Rotation } from "../../src/model/types.js";
import { verifyPlan } from "../../src/verify.js";
import {
  COUNTY, SH_HOSP, codesOf, mutate, place, planFor, tinyInstance, tinyPlan, tinyWeekInstance, tinyWeekPlan,
  w001Placement, w002Placement,
} from "../helpers/tiny.js";

const rot = (dept: string, start: string, end: string, mentor?: string): Rotation => ({
  dept, start, end, ...(mentor ? { mentor } : {}),
});
const MENTOR: Record<string, string> = { internal: "m-int", cardiology: "m-card", emergency: "m-em", pediatrics: "m-ped" };
/** A placement of `trainee` whose span is its rotations' span; rotations name their department's mentor. */
const rotating = (trainee: string, main: string, ...rs: [string, string, string][]): Placement =>
  place(trainee, SH_HOSP, main, rs[0][1], rs[rs.length - 1][2], undefined, rs.map(([d, s, e]) => rot(d, s, e, MENTOR[d])));
const only = (p: Placement, inst: Instance = tinyWeekInstance()): Plan => planFor(inst, [p]);
const codes = (p: Placement, inst: Instance = tinyWeekInstance()) => codesOf(inst, only(p, inst));

describe("R-ROTATION (SPEC §9): rotations inside a placement", () => {
  it("accepts the tiny week plan (GP with internal → cardiology → 2-week emergency; pediatrician with two)", () => {
    const v = verifyPlan(tinyWeekInstance(), tinyWeekPlan());
    expect(v.valid).toBe(true);
    expect(v.objectiveMatches).toBe(true);
  });

  describe("rotations present exactly when the programme asks", () => {
    it("reports a placement without rotations in a rotating programme", () => {
      const p = place("w-002", SH_HOSP, "internal", "2024-07-01", "2024-08-26", "m-int");
      expect(codes(p)).toEqual(["R-ROTATION"]);
    });
    it("reports rotations in a programme without rotations", () => {
      const plan = mutate(tinyPlan(), (pl) => {
        pl.placements[0] = place("t-001", COUNTY, "internal", "2024-07-01", "2024-09-01", undefined, [
          rot("internal", "2024-07-01", "2024-09-01", "m-01"),
        ]);
      });
      expect(codesOf(tinyInstance(), plan)).toEqual(["R-ROTATION"]);
    });
  });

  describe("count: distinct departments within count.min … count.max", () => {
    it("accepts 2 and 3 departments (count 2–3)", () => {
      expect(codes(w002Placement())).toEqual([]);
      expect(codes(w001Placement())).toEqual([]);
    });
    it("reports a single department", () => {
      const p = rotating("w-002", "internal", ["internal", "2024-07-01", "2024-08-26"]);
      expect(codes(p)).toEqual(["R-ROTATION"]);
    });
    it("reports 3 departments where count.max is 2", () => {
      const inst = mutate(tinyWeekInstance(), (i) => { i.programmes[0].rotations!.count = { min: 2, max: 2 }; });
      expect(codes(w001Placement(), inst)).toEqual(["R-ROTATION"]);
    });
  });

  describe("contiguity: each rotation starts where the last ended, covering exactly [start, end)", () => {
    it("accepts consecutive rotations", () => {
      expect(codes(w002Placement())).toEqual([]);
    });
    it("reports a one-week gap between rotations", () => {
      const p = place("w-002", SH_HOSP, "internal", "2024-07-01", "2024-09-02", undefined, [
        rot("cardiology", "2024-07-01", "2024-07-29", "m-card"),
        rot("internal", "2024-08-05", "2024-09-02", "m-int"),
      ]);
      expect(codes(p)).toEqual(["R-ROTATION"]);
    });
    it("reports overlapping rotations", () => {
      const p = place("w-002", SH_HOSP, "internal", "2024-07-01", "2024-08-26", undefined, [
        rot("cardiology", "2024-07-01", "2024-08-05", "m-card"),
        rot("internal", "2024-07-29", "2024-08-26", "m-int"),
      ]);
      expect(codes(p)).toContain("R-ROTATION");
    });
    it("reports rotations that start after the placement or end before it", () => {
      const late = { ...w002Placement(), start: "2024-06-24" };
      expect(codes(late)).toContain("R-ROTATION");
      const early = { ...w002Placement(), end: "2024-09-02" };
      expect(codes(early)).toEqual(["R-ROTATION"]);
    });
    it("reports a rotation boundary that is not a slot boundary (a Wednesday)", () => {
      const p = place("w-002", SH_HOSP, "internal", "2024-07-01", "2024-08-26", undefined, [
        rot("cardiology", "2024-07-01", "2024-07-31", "m-card"),
        rot("internal", "2024-07-31", "2024-08-26", "m-int"),
      ]);
      expect(codes(p)).toContain("R-ROTATION");
    });
  });

  describe("distinct departments: no department twice", () => {
    it("accepts three different departments", () => {
      expect(codes(w001Placement())).toEqual([]);
    });
    it("reports internal → cardiology → internal", () => {
      const p = rotating("w-002", "internal",
        ["internal", "2024-07-01", "2024-07-29"], ["cardiology", "2024-07-29", "2024-08-26"], ["internal", "2024-08-26", "2024-09-23"]);
      expect(codes(p)).toEqual(["R-ROTATION"]);
    });
  });

  describe("lengths: each within each.min … each.max; a required department within its own bounds", () => {
    it("accepts rotations of exactly 4 and up to 8 weeks", () => {
      const p = rotating("w-002", "internal", ["cardiology", "2024-07-01", "2024-07-29"], ["internal", "2024-07-29", "2024-09-23"]);
      expect(codes(p)).toEqual([]); // 4 + 8 weeks = 12 (the duration max)
    });
    it("reports a 3-week rotation (each.min 4 weeks)", () => {
      const p = rotating("w-002", "internal", ["cardiology", "2024-07-01", "2024-07-22"], ["internal", "2024-07-22", "2024-08-26"]);
      expect(codes(p)).toEqual(["R-ROTATION"]);
    });
    it("reports a 9-week rotation (each.max 8 weeks)", () => {
      const inst = mutate(tinyWeekInstance(), (i) => { i.programmes[0].duration = { min: { weeks: 8 }, max: { weeks: 13 } }; });
      const p = rotating("w-002", "internal", ["cardiology", "2024-07-01", "2024-07-29"], ["internal", "2024-07-29", "2024-09-30"]);
      expect(codes(p, inst)).toEqual(["R-ROTATION"]);
    });
    it("does not apply each bounds to a required rotation (a 2-week emergency block is fine)", () => {
      expect(codes(w001Placement())).toEqual([]);
    });
  });

  describe("main department: the placement's dept is one of the rotation departments", () => {
    it("accepts cardiology as main department when cardiology is among the rotations", () => {
      expect(codes({ ...w001Placement(), dept: "cardiology" })).toEqual([]);
    });
    it("reports a main department (internal) not among the rotations", () => {
      const p = rotating("w-002", "internal", ["cardiology", "2024-07-01", "2024-07-29"], ["pediatrics", "2024-07-29", "2024-08-26"]);
      expect(codes(p)).toEqual(["R-ROTATION"]);
    });
  });

  describe("required: a GP needs exactly one emergency rotation of 2–4 weeks", () => {
    it("accepts a 4-week emergency block", () => {
      const p = rotating("w-001", "internal", ["internal", "2024-07-01", "2024-07-29"], ["emergency", "2024-07-29", "2024-08-26"]);
      expect(codes(p)).toEqual([]);
    });
    it("reports a GP without an emergency rotation", () => {
      const p = rotating("w-001", "internal", ["internal", "2024-07-01", "2024-07-29"], ["cardiology", "2024-07-29", "2024-08-26"]);
      expect(codes(p)).toEqual(["R-ROTATION"]);
    });
    it("reports a 1-week emergency block (required min 2 weeks)", () => {
      const p = rotating("w-001", "internal",
        ["internal", "2024-07-01", "2024-07-29"], ["cardiology", "2024-07-29", "2024-08-26"], ["emergency", "2024-08-26", "2024-09-02"]);
      expect(codes(p)).toEqual(["R-ROTATION"]);
    });
    it("reports a 5-week emergency block (required max 4 weeks)", () => {
      const p = rotating("w-001", "internal", ["internal", "2024-07-01", "2024-07-29"], ["emergency", "2024-07-29", "2024-09-02"]);
      expect(codes(p)).toEqual(["R-ROTATION"]);
    });
    it("does not require emergency of a trainee the row's when does not match", () => {
      expect(codes(w002Placement())).toEqual([]);
    });
    it("lets the required department be the main department", () => {
      const inst = mutate(tinyWeekInstance(), (i) => { i.trainees[0].wants = { depts: ["emergency"] }; });
      const p = rotating("w-001", "emergency", ["internal", "2024-07-01", "2024-07-29"], ["emergency", "2024-07-29", "2024-08-26"]);
      expect(codes(p, inst)).toEqual([]);
    });
  });

  it("reports a rotation department the receiving unit does not receive", () => {
    const inst = mutate(tinyWeekInstance(), (i) => { delete i.programmes[0].mentor; });
    const p = rotating("w-002", "internal", ["surgery", "2024-07-01", "2024-07-29"], ["internal", "2024-07-29", "2024-08-26"]);
    expect(codes(p, inst)).toContain("R-ROTATION");
  });

  describe("capacity and mentors are counted per rotation, in its own department over its own interval", () => {
    const internalCap1 = mutate(tinyWeekInstance(), (i) => {
      i.units[1].receive![0] = { dept: "internal", capacity: 1 };
    });
    it("accepts two internal-main placements whose internal rotations do not overlap, at internal capacity 1", () => {
      // Both placements are 'internal' over overlapping spans, but only one is in internal in any week.
      expect(codesOf(internalCap1, tinyWeekPlan())).toEqual([]);
    });
    it("reports two cardiology rotations in the same weeks at cardiology capacity 1", () => {
      const inst = mutate(tinyWeekInstance(), (i) => {
        for (const m of i.units[1].mentors!) m.capacity = 2;
      });
      const plan = planFor(inst, [
        rotating("w-001", "internal", ["cardiology", "2024-07-01", "2024-07-29"], ["emergency", "2024-07-29", "2024-08-12"], ["internal", "2024-08-12", "2024-09-09"]),
        w002Placement(),
      ]);
      expect(codesOf(inst, plan)).toEqual(["R-CAPACITY"]);
      expect(verifyPlan(inst, plan).violations.every((v) => v.ids[1] === "cardiology")).toBe(true);
    });
    it("reports a mentor of capacity 1 on two concurrent rotations", () => {
      const inst = mutate(tinyWeekInstance(), (i) => { i.units[1].receive![1] = { dept: "cardiology", capacity: 2 }; });
      const plan = planFor(inst, [
        rotating("w-001", "internal", ["cardiology", "2024-07-01", "2024-07-29"], ["emergency", "2024-07-29", "2024-08-12"], ["internal", "2024-08-12", "2024-09-09"]),
        w002Placement(),
      ]);
      expect(codesOf(inst, plan)).toEqual(["R-MENTOR"]);
    });
  });

  describe("R-MENTOR on rotating placements: one mentor per rotation, of that department", () => {
    it("reports a placement-level mentor on a rotating placement", () => {
      expect(codes({ ...w002Placement(), mentor: "m-int" })).toEqual(["R-MENTOR"]);
    });
    it("reports a rotation without a mentor", () => {
      const p = mutate(w002Placement(), (x) => { delete x.rotations![0].mentor; });
      expect(codes(p)).toEqual(["R-MENTOR"]);
    });
    it("reports a rotation mentor of another department", () => {
      const p = mutate(w002Placement(), (x) => { x.rotations![0].mentor = "m-int"; });
      expect(codesOf(tinyWeekInstance(), only(p))).toEqual(["R-MENTOR"]);
    });
  });

  it("counts the trainee away from home for the whole placement (R-STAFFING), whatever the rotation", () => {
    const inst = mutate(tinyWeekInstance(), (i) => {
      i.trainees.push({ id: "w-003", unit: "chc-01", dept: "general-practice", programme: "sh-community", wants: { depts: ["pediatrics"] } });
    });
    // Two of three GPs away (minOnDuty 2) in the weeks 07-08 … 09-02.
    const w003 = rotating("w-003", "pediatrics", ["emergency", "2024-07-08", "2024-07-22"], ["pediatrics", "2024-07-22", "2024-09-02"]);
    expect(codes(w003, inst)).toEqual([]);
    const plan = planFor(inst, [w001Placement(), w003]);
    expect(codesOf(inst, plan)).toEqual(["R-STAFFING"]);
    expect(verifyPlan(inst, plan).violations).toHaveLength(8);
  });

  it("R-PINNED compares rotations too", () => {
    const inst = mutate(tinyWeekInstance(), (i) => { i.pinned = [w002Placement()]; });
    expect(codesOf(inst, tinyWeekPlan())).toEqual([]);
    const swapped = rotating("w-002", "internal", ["internal", "2024-07-01", "2024-07-29"], ["cardiology", "2024-07-29", "2024-08-26"]);
    expect(codes(swapped)).toEqual([]);
    expect(codesOf(inst, planFor(inst, [swapped]))).toEqual(["R-PINNED"]);
  });

  it("leaves county-hosp placements of the month instance untouched by rotation rules", () => {
    expect(codesOf(tinyInstance(), planFor(tinyInstance(), [place("t-001", COUNTY, "internal", "2024-07-01", "2024-09-01", "m-01")]))).toEqual([]);
  });
});
