/**
 * `solve` on hand-built tiny instances (test/helpers/tiny.ts): infeasible instances and their
 * conflicts (SPEC §5, §6), the reasons of unplaced trainees, the pure-JS backend, and support
 * sent down along the alliance (上修下沉).
 */
import { describe, expect, it } from "vitest";
import type { Instance, Plan } from "../../src/model/types.js";
import { solve } from "../../src/solve/index.js";
import { verifyPlan } from "../../src/verify.js";
import { COUNTY, TOWNSHIP, cityHospital, mutate, place, tinyInstance } from "../helpers/tiny.js";

const codes = (plan: Plan) => [...new Set(plan.conflicts.map((c) => c.code))].sort();
const reasonsOf = (plan: Plan, id: string) => plan.unplaced.find((u) => u.trainee === id)?.reasons ?? [];

/** SPEC §6: an infeasible plan holds the pinned placements only, no support, everybody else INFEASIBLE. */
function expectInfeasibleShape(inst: Instance, plan: Plan): void {
  expect(plan.status).toBe("infeasible");
  expect(plan.conflicts.length).toBeGreaterThanOrEqual(1);
  expect(plan.placements).toEqual(expect.arrayContaining([...(inst.pinned ?? [])]));
  expect(plan.placements).toHaveLength((inst.pinned ?? []).length);
  expect(plan.support).toEqual([]);
  const pinnedIds = new Set((inst.pinned ?? []).map((p) => p.trainee));
  const others = inst.trainees.filter((t) => !pinnedIds.has(t.id)).map((t) => t.id).sort();
  expect(plan.unplaced.map((u) => u.trainee).sort()).toEqual(others);
  for (const u of plan.unplaced) expect(u.reasons.map((r) => r.code)).toContain("INFEASIBLE");
  for (const c of plan.conflicts) expect(c.message.length).toBeGreaterThan(0);
}

/** Exactly three months in the four-month calendar. */
const threeMonths = (i: { programmes: { duration?: unknown }[] }) => {
  i.programmes[0].duration = { min: { months: 3 }, max: { months: 3 } };
};

describe("infeasible instances", () => {
  it("(a) pinned placements overfilling a department: infeasible, R-CAPACITY conflict, the rest INFEASIBLE, no support", async () => {
    const inst = mutate(tinyInstance(), (i) => {
      i.units[1].receive![0].capacity = 1; // county-hosp-01 internal
      i.pinned = [
        place("t-001", COUNTY, "internal", "2024-07-01", "2024-09-01", "m-01"),
        place("t-003", COUNTY, "internal", "2024-07-01", "2024-09-01", "m-02"),
      ];
    });
    const plan = await solve(inst);
    expectInfeasibleShape(inst, plan);
    expect(codes(plan)).toContain("R-CAPACITY");
    expect(plan.conflicts.find((c) => c.code === "R-CAPACITY")!.ids).toEqual(expect.arrayContaining([COUNTY, "internal"]));
    expect(reasonsOf(plan, "t-002").map((r) => r.code)).toEqual(["INFEASIBLE"]);
    expect(plan.placements).toEqual(inst.pinned);
  });

  it("(b) a hard quota minimum nobody can reach: infeasible with an R-QUOTA conflict", async () => {
    const inst = mutate(tinyInstance(), (i) => {
      i.programmes[0].quotas = [{ where: {}, min: 4 }]; // three trainees
    });
    const plan = await solve(inst);
    expectInfeasibleShape(inst, plan);
    expect(codes(plan)).toContain("R-QUOTA");
  });

  it("(c) impossible hard coverage: infeasible with an R-COVERAGE conflict", async () => {
    const inst = mutate(tinyInstance(), (i) => {
      i.programmes[0].coverage = [{ tier: "township", min: 4 }]; // thc-01 has three trainees
    });
    const plan = await solve(inst);
    expectInfeasibleShape(inst, plan);
    expect(codes(plan)).toContain("R-COVERAGE");
    expect(plan.conflicts.find((c) => c.code === "R-COVERAGE")!.ids).toContain(TOWNSHIP);
  });

  it("the same coverage row, soft, is a priced shortfall instead", async () => {
    const inst = mutate(tinyInstance(), (i) => {
      i.programmes[0].coverage = [{ tier: "township", min: 4, hard: false }];
    });
    const plan = await solve(inst);
    expect(plan.status).toBe("optimal");
    expect(plan.shortfalls).toEqual([{ programme: "lyg-2024", rule: "coverage", index: 0, needed: 4, got: 3 }]);
    expect(plan.objective).toBe(325 - 50); // all three placed, one unit short × shortfall 50
    expect(verifyPlan(inst, plan).valid).toBe(true);
  });
});

describe("reasons of unplaced trainees", () => {
  it("(d) an eligible trainee that lost to capacity: CAPACITY-COMPETITION mentioning capacity", async () => {
    // One internal place, 3-month stays in a 4-month calendar: one of the three fits.
    const inst = mutate(tinyInstance(), (i) => {
      i.units[1].receive = [{ dept: "internal", capacity: 1 }];
      threeMonths(i);
    });
    const plan = await solve(inst);
    expect(plan.status).toBe("optimal");
    expect(plan.objective).toBe(115); // t-001: 100 + 10 (wants the unit) + 5 (alliance)
    expect(plan.placements.map((p) => p.trainee)).toEqual(["t-001"]);
    for (const id of ["t-002", "t-003"]) {
      const reasons = reasonsOf(plan, id);
      expect(reasons.map((r) => r.code)).toContain("CAPACITY-COMPETITION");
      // In Chinese, with the hospital's name: what was full.
      expect(reasons.find((r) => r.code === "CAPACITY-COMPETITION")!.message).toMatch(/已用满：.*接收容量/);
    }
    expect(verifyPlan(inst, plan).valid).toBe(true);
  });

  it("(e) an ineligible trainee is unplaced with its R-ELIGIBLE reason", async () => {
    const inst = mutate(tinyInstance(), (i) => {
      i.trainees[1].birthDate = "1970-01-01"; // t-002: 54 on 2024-07-01 > 50
    });
    const plan = await solve(inst);
    expect(plan.status).toBe("optimal");
    const reasons = reasonsOf(plan, "t-002");
    expect(reasons.map((r) => r.code)).toContain("R-ELIGIBLE");
    expect(reasons.find((r) => r.code === "R-ELIGIBLE")!.message).toMatch(/年龄 54 岁，超过 50 岁/);
    const en = await solve(inst, { lang: "en" });
    expect(reasonsOf(en, "t-002").find((r) => r.code === "R-ELIGIBLE")!.message).toMatch(/age 54 > 50/);
    expect(plan.placements.map((p) => p.trainee)).not.toContain("t-002");
    expect(plan.objective).toBe(220); // t-001 (115) + t-003 (105)
  });
});

describe("backends", () => {
  const instances: [string, Instance][] = [
    ["tiny (325)", tinyInstance()],
    ["3-month stays with support (320)", mutate(tinyInstance(), threeMonths)],
    [
      "with a city hospital, a mentor rule of senior and a soft quota",
      mutate(tinyInstance(), (i) => {
        i.units.push(cityHospital());
        i.programmes[0].mentor = { minTitle: "senior" };
        i.programmes[0].quotas = [{ where: { receivingTier: ["city"] }, min: 2, hard: false }];
      }),
    ],
  ];
  it.each(instances)("(f) jslp gives the same objective as highs: %s", async (_, inst) => {
    const highs = await solve(inst, { backend: "highs" });
    const jslp = await solve(inst, { backend: "jslp" });
    expect(highs.status).toBe("optimal");
    expect(["optimal", "feasible"]).toContain(jslp.status);
    expect(jslp.objective).toBe(highs.objective);
    expect(verifyPlan(inst, jslp).valid).toBe(true);
    expect(verifyPlan(inst, jslp).objectiveMatches).toBe(true);
  });
});

describe("上修下沉", () => {
  it("(g) a staffing shortfall is covered by support rows along the alliance", async () => {
    // t-001 and t-002 (thc-01 internal: staff 4, minOnDuty 3) must overlap for ≥ 2 months.
    const inst = mutate(tinyInstance(), threeMonths);
    const plan = await solve(inst);
    expect(plan.status).toBe("optimal");
    expect(plan.placements).toHaveLength(3);
    expect(plan.support.length).toBeGreaterThan(0);
    for (const s of plan.support) {
      expect(s).toMatchObject({ from: COUNTY, to: TOWNSHIP, dept: "internal" });
      expect(inst.relations).toContainEqual({ type: "alliance", from: s.from, to: s.to });
    }
    // 112 (t-001 in cardiology, its second choice) + 105 + 105 − 2 support slots.
    expect(plan.objective).toBe(320);
    const v = verifyPlan(inst, plan);
    expect(v.valid).toBe(true);
    expect(v.objective).toBe(320);
  });

  it("without the alliance nothing can be sent, so the overlap is not taken", async () => {
    const inst = mutate(tinyInstance(), (i) => {
      threeMonths(i);
      i.relations = [];
      i.programmes[0].receiving = { ...i.programmes[0].receiving, relations: [] };
    });
    const plan = await solve(inst);
    expect(plan.status).toBe("optimal");
    expect(plan.support).toEqual([]);
    expect(verifyPlan(inst, plan).valid).toBe(true);
    // Only one of t-001 / t-002 can be away: t-001 cardiology 110 (no relation bonus now) + t-003 100.
    expect(plan.objective).toBe(210);
  });
});
