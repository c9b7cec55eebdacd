/**
 * `solve` on residency instances (SPEC §10): the tiny fixture of test/rules, residents with
 * fixed rotations that cannot be kept (infeasible, reading 25), a hard service row no plan can
 * hold, unscheduled residents' reasons (no site, managers), 进修 trainees sharing seats, and
 * independent bases solved apart.
 */
import { describe, expect, it } from "vitest";
import { parseInstance } from "../../src/model/parse.js";
import type { Plan } from "../../src/model/types.js";
import { solve } from "../../src/solve/index.js";
import { verifyPlan } from "../../src/verify.js";
import { residencyInstance, validSchedule } from "../rules/residency-fixture.js";

const inst = (over: (i: any) => void = () => {}) => parseInstance(JSON.stringify(residencyInstance(over)));

function valid(i: ReturnType<typeof inst>, plan: Plan) {
  const v = verifyPlan(i, plan);
  expect(v.violations).toEqual([]);
  expect(plan.objective).toBeCloseTo(v.objective, 6);
}

describe("solve with residents (SPEC §10)", () => {
  it("schedules both residents of the tiny fixture, names a mentor per rotation and proves the optimum", async () => {
    const i = inst();
    const plan = await solve(i);
    valid(i, plan);
    expect(plan.status).toBe("optimal");
    expect(plan.bound).toBe(plan.objective);
    expect((plan.residencies ?? []).map((r) => r.trainee)).toEqual(["r1", "r2"]);
    for (const e of plan.residencies ?? []) for (const r of e.rotations) expect(r.mentor).toBeDefined();
    // Two residents can cover the soft emergency row in two of twelve months at most (one month each).
    expect(plan.shortfalls).toEqual([{ rule: "service", unit: "base", dept: "emergency", index: 0, needed: 12, got: 2 }]);
  });

  it("keeps a fixed rotation unchanged and counts it", async () => {
    const i = inst((x) => (x.trainees[0].fixed = [{ requirement: "internal", unit: "base", dept: "respiratory", start: "2025-09-01", end: "2025-11-01", mentor: "m-resp" }]));
    const plan = await solve(i);
    valid(i, plan);
    const r1 = plan.residencies!.find((e) => e.trainee === "r1")!;
    expect(r1.rotations[0]).toEqual({ requirement: "internal", unit: "base", dept: "respiratory", start: "2025-09-01", end: "2025-11-01", mentor: "m-resp" });
  });

  it("is infeasible, naming the resident, when a fixed rotation leaves the curriculum unschedulable", async () => {
    // Emergency must lie in the first six months; a fixed emergency rotation in month 8 breaks its phase.
    const i = inst((x) => (x.trainees[0].fixed = [{ requirement: "emergency", unit: "base", dept: "emergency", start: "2026-04-01", end: "2026-05-01", mentor: "m-em" }]));
    const plan = await solve(i);
    expect(plan.status).toBe("infeasible");
    expect(plan.residencies ?? []).toEqual([]);
    expect(plan.conflicts.length).toBeGreaterThan(0);
    expect(plan.conflicts.some((c) => c.ids.includes("r1") && c.message.includes("张一"))).toBe(true);
    for (const u of plan.unplaced) expect(u.reasons[0].code).toBe("INFEASIBLE");
  });

  it("is infeasible when a hard service row asks more residents than could ever be there (reading 25)", async () => {
    const i = inst((x) => (x.units[0].service = [{ dept: "icu", min: 2, hard: true }]));
    const plan = await solve(i);
    expect(plan.status).toBe("infeasible");
    const c = plan.conflicts.find((x) => x.code === "R-SERVICE");
    expect(c?.message).toContain("省立医院");
  });

  it("names the requirement without a site in an unscheduled resident's reason", async () => {
    const i = inst((x) => (x.relations = []));
    const plan = await solve(i);
    valid(i, plan);
    expect(plan.residencies ?? []).toEqual([]);
    for (const u of plan.unplaced) {
      expect(u.reasons[0].code).toBe("R-SITE");
      expect(u.reasons[0].message).toContain("community");
    }
  });

  it("says why when the curriculum has no valid schedule in the window (phase against after)", async () => {
    // Internal may only start in month 10 (months 10–11); ICU comes after internal: no month is left.
    const i = inst((x) => (x.programmes[0].residency.curricula[0].requirements[0].phase = { from: 10 }));
    const plan = await solve(i);
    valid(i, plan);
    expect(plan.residencies ?? []).toEqual([]);
    for (const u of plan.unplaced) {
      expect(u.reasons[0].code).toBe("R-CURRICULUM");
      expect(u.reasons[0].message).toContain("培训大纲");
    }
  });

  it("schedules nobody at a base with fewer than three managers, and says so", async () => {
    const i = inst((x) => (x.units[0].managers = 2));
    const plan = await solve(i);
    valid(i, plan);
    expect(plan.residencies ?? []).toEqual([]);
    for (const u of plan.unplaced) expect(u.reasons[0].message).toContain("专职管理人员");
  });

  it("shares receive capacity with 进修 trainees in one model", async () => {
    const i = inst((x) => {
      x.units[0].receive = x.units[0].receive.map((r: any) => (r.dept === "cardiology" || r.dept === "respiratory" ? { ...r, capacity: 1 } : r));
      x.units.push({ id: "thc2", name: "东关卫生院", tier: "township", kind: "general" });
      x.programmes.push({ id: "jx", name: "进修", duration: { min: { months: 3 }, max: { months: 3 } }, receiving: { tiers: ["provincial"] }, mentor: { minTitle: "intermediate" } });
      x.trainees.push({ id: "j1", name: "李进", unit: "thc2", dept: "internal", programme: "jx", wants: { depts: ["cardiology"] } });
    });
    const plan = await solve(i);
    valid(i, plan);
    expect(plan.status).toBe("optimal");
    expect(plan.placements.map((p) => p.trainee)).toEqual(["j1"]);
    expect((plan.residencies ?? []).length).toBe(2);
  });

  it("solves bases that share no unit apart, and says so in progress", async () => {
    const i = inst((x) => {
      x.units.push({ ...x.units[0], id: "base2", name: "市立医院", mentors: x.units[0].mentors.map((m: any) => ({ ...m, id: `${m.id}-2` })) });
      x.units.push({ ...x.units[1], id: "thc-b", name: "西关卫生院", mentors: x.units[1].mentors.map((m: any) => ({ ...m, id: `${m.id}-2` })) });
      x.relations.push({ type: "training", from: "base2", to: "thc-b" });
      x.trainees.push({ ...x.trainees[0], id: "r3", name: "张三", unit: "base2" });
    });
    const phases: string[] = [];
    const plan = await solve(i, { onProgress: (p) => phases.push(p.phase) });
    valid(i, plan);
    expect(phases).toContain("independent parts 2");
    expect((plan.residencies ?? []).map((r) => r.trainee)).toEqual(["r1", "r2", "r3"]);
    expect(plan.status).toBe("optimal");
  });

  it("re-plans against a baseline of residencies: keeping each schedule is worth the change avoided (SPEC §11.1)", async () => {
    const baseline = { residencies: [validSchedule("r1", 0), validSchedule("r2", 1)] };
    const i = inst((x) => (x.baseline = baseline));
    const plan = await solve(i);
    valid(i, plan);
    expect(plan.changes).toBe(0);
    expect(plan.status).toBe("optimal");
    expect(plan.bound).toBe(plan.objective);
    // Without the baseline the optimum schedules differently but scores no more than the kept plan's §10 terms.
    const free = await solve(inst());
    expect(plan.objective).toBeLessThanOrEqual(free.objective);
  });
});
