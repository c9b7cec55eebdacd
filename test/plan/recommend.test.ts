/**
 * SPEC §11.3 `recommend`: every option, applied to the plan with its support rows,
 * is valid and has the stated objective; the list is ranked and has one option per
 * unit, dept and start; on tiny instances it equals an exhaustive enumeration of
 * placements; a wanted pair is excluded exactly when no option exists for it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { slotsOf } from "../../src/calendar/index.js";
import { parseInstance } from "../../src/model/parse.js";
import type { Instance, Placement, Plan } from "../../src/model/types.js";
import { recommend, recommendByVerifier } from "../../src/plan/recommend.js";
import { solve } from "../../src/solve/index.js";
import { verifyPlan } from "../../src/verify.js";
import { arbSolvable, arbTiny } from "../solve/arb.js";

const runs = (n: number) => Math.max(1, Math.round(n * Number(process.env.JINXIU_PROPERTY_SCALE ?? 1)));
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

/** The plan with `trainee`'s entry replaced by `placement` and `support` added. */
function applied(plan: Plan, trainee: string, placement: Placement, support: Plan["support"]): Plan {
  return {
    ...plan,
    placements: [...plan.placements.filter((p) => p.trainee !== trainee), placement],
    unplaced: plan.unplaced.filter((u) => u.trainee !== trainee),
    support: [...plan.support, ...support],
  };
}

const ALL_RULES = ["R-ONCE", "R-ELIGIBLE", "R-RECEIVER", "R-DEPT", "R-DURATION", "R-WINDOW", "R-CAPACITY", "R-MENTOR", "R-STAFFING", "R-SUPPORT", "R-TEAM", "R-QUOTA", "R-COVERAGE", "R-BUDGET", "R-PINNED", "R-ROTATION"] as const;

/** Every list of rotations over slots `[i, j)`: distinct departments of `depts` in any order, cut anywhere, each with any of its mentors (or none). */
function allRotations(b: readonly string[], i: number, j: number, depts: readonly string[], mentorsOf: (dept: string) => (string | undefined)[]): NonNullable<Placement["rotations"]>[] {
  const out: NonNullable<Placement["rotations"]>[] = [];
  const walk = (k: number, used: string[], acc: NonNullable<Placement["rotations"]>) => {
    if (k === j) {
      if (acc.length) out.push([...acc]);
      return;
    }
    for (const d of depts) {
      if (used.includes(d)) continue;
      for (let e = k + 1; e <= j; e++)
        for (const mentor of mentorsOf(d)) walk(e, [...used, d], [...acc, { dept: d, start: b[k], end: b[e], ...(mentor ? { mentor } : {}) }]);
    }
  };
  walk(i, [], []);
  return out;
}

/** Every placement of `trainee` (any unit, received dept, slot span, mentor and rotations where the programme asks), valid when applied alone. */
function oracle(inst: Instance, plan: Plan, trainee: string) {
  const b = slotsOf(inst.calendar).boundaries;
  const t = inst.trainees.find((x) => x.id === trainee)!;
  const prog = inst.programmes.find((p) => p.id === t.programme)!;
  const best = new Map<string, { unit: string; dept: string; start: string; end: string; objective: number }>();
  for (const u of inst.units) {
    const received = [...new Set((u.receive ?? []).map((r) => r.dept))];
    const mentorsOf = (dept: string) => (prog.mentor ? (u.mentors ?? []).filter((m) => m.dept === dept).map((m) => m.id) : [undefined]);
    for (const dept of received)
      for (let i = 0; i < b.length; i++)
        for (let j = i + 1; j < b.length; j++) {
          const shapes: Placement[] = prog.rotations
            ? allRotations(b, i, j, received, mentorsOf).map((rotations) => ({ trainee, unit: u.id, dept, start: b[i], end: b[j], rotations }))
            : mentorsOf(dept).map((mentor) => ({ trainee, unit: u.id, dept, start: b[i], end: b[j], ...(mentor ? { mentor } : {}) }));
          for (const p of shapes) {
            const v = verifyPlan(inst, applied(plan, trainee, p, []), { rules: [...ALL_RULES] });
            if (!v.valid) continue;
            const key = JSON.stringify([u.id, dept, b[i]]);
            const have = best.get(key);
            if (!have || v.objective > have.objective + 1e-9 || (close(v.objective, have.objective) && b[j] < have.end)) best.set(key, { unit: u.id, dept, start: b[i], end: b[j], objective: v.objective });
          }
        }
  }
  return [...best.values()].sort((x, y) => (close(x.objective, y.objective) ? 0 : y.objective - x.objective) || (x.unit < y.unit ? -1 : x.unit > y.unit ? 1 : 0) || (x.dept < y.dept ? -1 : x.dept > y.dept ? 1 : 0) || (x.start < y.start ? -1 : 1));
}

/** The instance without staffing rules (no support is ever needed), and without rotations unless `keepRotations`. */
function noStaffing(inst: Instance, keepRotations = false): Instance {
  const raw = JSON.parse(JSON.stringify(inst));
  for (const u of raw.units) delete u.departments;
  if (!keepRotations) {
    for (const p of raw.programmes) delete p.rotations;
    for (const p of raw.pinned ?? []) delete p.rotations;
  }
  return parseInstance(raw);
}

/** Options as the oracle lists them. */
const listed = (r: ReturnType<typeof recommend>) => r.options.map((o) => ({ unit: o.placement.unit, dept: o.placement.dept, start: o.placement.start, end: o.placement.end, objective: o.objective }));

describe("recommend (SPEC §11.3)", () => {
  it("equals an exhaustive enumeration of placements on tiny instances", async () => {
    await fc.assert(
      fc.asyncProperty(arbTiny(), fc.nat(), async (raw, pick) => {
        const inst = noStaffing(raw);
        const plan = await solve(inst, { timeLimitMs: 20_000 });
        fc.pre(plan.status !== "infeasible");
        const free = inst.trainees.filter((t) => !(inst.pinned ?? []).some((p) => p.trainee === t.id));
        fc.pre(free.length > 0);
        const trainee = free[pick % free.length].id;
        const r = recommend(inst, plan, trainee, { limit: 10_000 });
        expect(listed(r)).toEqual(oracle(inst, plan, trainee));
      }),
      { numRuns: runs(40) },
    );
  });

  it("equals an exhaustive enumeration of placements and their rotations for a §9 rotating programme on tiny instances", async () => {
    let rotating = 0;
    await fc.assert(
      fc.asyncProperty(arbTiny({ rotations: true, maxSlots: 4, maxTrainees: 3 }), fc.nat(), async (raw, pick) => {
        const inst = noStaffing(raw, true);
        fc.pre(inst.programmes.some((p) => p.rotations));
        const plan = await solve(inst, { timeLimitMs: 20_000 });
        fc.pre(plan.status !== "infeasible");
        const free = inst.trainees.filter((t) => !(inst.pinned ?? []).some((p) => p.trainee === t.id) && inst.programmes.find((p) => p.id === t.programme)!.rotations);
        fc.pre(free.length > 0);
        const trainee = free[pick % free.length].id;
        const r = recommend(inst, plan, trainee, { limit: 10_000 });
        expect(listed(r)).toEqual(oracle(inst, plan, trainee));
        for (const o of r.options) {
          expect(o.placement.rotations?.length).toBeGreaterThan(0);
          expect(verifyPlan(inst, applied(plan, trainee, o.placement, o.support), { rules: [...ALL_RULES] }).violations).toEqual([]);
        }
        rotating++;
      }),
      { numRuns: runs(30) },
    );
    expect(rotating, "some rotating trainee was asked about").toBeGreaterThan(0);
  });

  it("judges options incrementally exactly as the full verifier on the applied plan does (staffing, teams, quotas, budget, baselines, rotations)", async () => {
    await fc.assert(
      fc.asyncProperty(arbSolvable({ maxTrainees: 8, maxSlots: 5, rotations: true }), fc.nat(), fc.boolean(), async (inst0, pick, withBase) => {
        const plan0 = await solve(inst0, { timeLimitMs: 20_000 });
        fc.pre(plan0.status !== "infeasible");
        // Sometimes a re-plan: the instance with the plan as its baseline (the change term enters every option).
        const inst = withBase ? parseInstance({ ...JSON.parse(JSON.stringify(inst0)), baseline: { placements: plan0.placements } }) : inst0;
        const plan = withBase ? { ...plan0, changes: 0 } : plan0;
        const free = inst.trainees.filter((t) => !(inst.pinned ?? []).some((p) => p.trainee === t.id));
        fc.pre(free.length > 0);
        const trainee = free[pick % free.length].id;
        const fast = recommend(inst, plan, trainee, { limit: 1000 });
        const full = recommendByVerifier(inst, plan, trainee, { limit: 1000 });
        expect(fast.options).toEqual(full.options);
        expect(fast.excluded.map((x) => [x.unit, x.dept])).toEqual(full.excluded.map((x) => [x.unit, x.dept]));
      }),
      { numRuns: runs(40) },
    );
  });

  it("a plan whose other placements break a rule gives the full verifier's answer (no option is valid)", async () => {
    const { tinyInstance } = await import("../helpers/tiny.js");
    const inst = tinyInstance();
    const plan = await solve(inst);
    expect(plan.placements.length).toBeGreaterThanOrEqual(2);
    const [first, ...rest] = plan.placements;
    // Someone else's placement names a mentor who does not exist: the plan is invalid whatever the trainee does.
    const broken: Plan = { ...plan, placements: [{ ...first, mentor: "no-such-mentor" }, ...rest] };
    const who = rest[0].trainee;
    const r = recommend(inst, broken, who, { limit: 100 });
    expect(r).toEqual(recommendByVerifier(inst, broken, who, { limit: 100 }));
    expect(r.options).toEqual([]);
  });

  it("every option applied (with its support) is valid with the stated objective; ranked; one per unit, dept and start; excluded pairs have none", async () => {
    await fc.assert(
      fc.asyncProperty(arbSolvable({ maxTrainees: 8, maxSlots: 5, rotations: true }), fc.nat(), async (inst, pick) => {
        const plan = await solve(inst, { timeLimitMs: 20_000 });
        fc.pre(plan.status !== "infeasible");
        const free = inst.trainees.filter((t) => !(inst.pinned ?? []).some((p) => p.trainee === t.id));
        fc.pre(free.length > 0);
        const trainee = free[pick % free.length].id;
        const r = recommend(inst, plan, trainee, { limit: 1000 });
        const keys = new Set<string>();
        let prev: number | undefined;
        for (const o of r.options) {
          const v = verifyPlan(inst, applied(plan, trainee, o.placement, o.support), { rules: [...ALL_RULES] });
          expect(v.violations).toEqual([]);
          expect(close(v.objective, o.objective)).toBe(true);
          expect(close(o.delta, o.objective - plan.objective)).toBe(true);
          const k = JSON.stringify([o.placement.unit, o.placement.dept, o.placement.start]);
          expect(keys.has(k)).toBe(false);
          keys.add(k);
          if (prev !== undefined) expect(o.objective).toBeLessThanOrEqual(prev + 1e-6 * Math.max(1, Math.abs(prev)));
          prev = o.objective;
        }
        const withOption = new Set(r.options.map((o) => JSON.stringify([o.placement.unit, o.placement.dept])));
        for (const x of r.excluded) {
          expect(withOption.has(JSON.stringify([x.unit, x.dept]))).toBe(false);
          expect(x.reasons.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: runs(40) },
    );
  });

  it("an option that leaves the home department short comes with the support rows that cover it (上修下沉)", async () => {
    const { mutate, tinyInstance, TOWNSHIP } = await import("../helpers/tiny.js");
    // Every absence from the township centre's internal department needs a specialist sent down.
    const inst = mutate(tinyInstance(), (i) => {
      i.units.find((u) => u.id === TOWNSHIP)!.departments = [{ dept: "internal", staff: 4, minOnDuty: 4 }];
    });
    const empty: Plan = {
      version: 1, status: "feasible", objective: 0, placements: [], support: [], shortfalls: [], conflicts: [],
      unplaced: inst.trainees.map((t) => ({ trainee: t.id, reasons: [{ code: "CAPACITY-COMPETITION", message: "—" }] })),
    };
    const plan = { ...empty, objective: verifyPlan(inst, empty).objective };
    const t = inst.trainees.find((x) => x.unit === TOWNSHIP && x.dept === "internal")!;
    const r = recommend(inst, plan, t.id, { limit: 100 });
    expect(r.options.length).toBeGreaterThan(0);
    for (const o of r.options) {
      expect(o.support.length).toBeGreaterThan(0);
      expect(verifyPlan(inst, applied(plan, t.id, o.placement, o.support), { rules: ["R-STAFFING", "R-SUPPORT"] }).valid).toBe(true);
    }
  });

  it("on the 上海 rotating programme: options carry rotations with a mentor each and apply to a valid plan", async () => {
    const { readFileSync } = await import("node:fs");
    const inst = parseInstance(readFileSync(new URL("../../examples/shanghai-community.json", import.meta.url), "utf8"));
    const plan = await solve(inst, { timeLimitMs: 60_000 });
    const asked = [...plan.unplaced.map((u) => u.trainee), ...plan.placements.map((p) => p.trainee)].slice(0, 4);
    let seen = 0;
    for (const who of asked) {
      const r = recommend(inst, plan, who, { limit: 5 });
      for (const o of r.options) {
        seen++;
        expect(o.placement.mentor).toBeUndefined();
        expect(o.placement.rotations!.length).toBeGreaterThanOrEqual(2);
        for (const rot of o.placement.rotations!) expect(rot.mentor).toBeDefined();
        const v = verifyPlan(inst, applied(plan, who, o.placement, o.support), { rules: [...ALL_RULES] });
        expect(v.violations).toEqual([]);
        expect(close(v.objective, o.objective)).toBe(true);
      }
    }
    expect(seen).toBeGreaterThan(0);
  });

  it("with residents (SPEC §10): their rotations hold seats and mentors, the incremental judge agrees with the verifier, and a resident is refused", async () => {
    const { residencyInstance, validSchedule, planWith } = await import("../rules/residency-fixture.js");
    const inst = parseInstance(residencyInstance((i) => {
      i.programmes.push({ id: "jx", name: "进修", duration: { min: { months: 1 }, max: { months: 3 } }, receiving: { tiers: ["provincial"] } });
      i.trainees.push({ id: "t1", name: "王进", unit: "thc", dept: "cardiology", programme: "jx", wants: { depts: ["cardiology"] } });
    }));
    const residents = [validSchedule("r1", 0), validSchedule("r2", 1)];
    const empty = planWith(residents, { unplaced: [{ trainee: "t1", reasons: [{ code: "CAPACITY-COMPETITION", message: "—" }] }] });
    const plan = { ...empty, objective: verifyPlan(inst, empty).objective, shortfalls: verifyPlan(inst, empty).shortfalls };
    expect(verifyPlan(inst, plan).violations).toEqual([]);
    const r = recommend(inst, plan, "t1", { limit: 100 });
    expect(r).toEqual(recommendByVerifier(inst, plan, "t1", { limit: 100 }));
    expect(r.options.length).toBeGreaterThan(0);
    // Cardiology's two seats are both residents' in 2025-11 (r1 from 2025-10, r2 in 2025-11): no option covers that month.
    for (const o of r.options) {
      expect(verifyPlan(inst, applied(plan, "t1", o.placement, o.support), { rules: [...ALL_RULES] }).violations).toEqual([]);
      expect(o.placement.start >= "2025-12-01" || o.placement.end <= "2025-11-01").toBe(true);
    }
    expect(() => recommend(inst, plan, "r1")).toThrow(/resident/);
  });

  it("the limit cuts the ranked list, and misuse is a UsageError", async () => {
    const { readFileSync } = await import("node:fs");
    const inst = parseInstance(readFileSync(new URL("../../examples/lianyungang-2024.json", import.meta.url), "utf8"));
    const plan = await solve(inst);
    const who = plan.unplaced.find((u) => u.reasons[0].code === "CAPACITY-COMPETITION")!.trainee;
    const all = recommend(inst, plan, who, { limit: 1000 });
    const three = recommend(inst, plan, who, { limit: 3 });
    expect(three.options).toEqual(all.options.slice(0, 3));
    expect(() => recommend(inst, plan, "nobody")).toThrow(/recommend: trainee "nobody"/);
    expect(() => recommend(inst, plan, who, { limit: -1 })).toThrow(/options.limit/);
  });
});

describe("jinxiu recommend", () => {
  it("--json prints recommend(); the text names hospitals and says why wanted pairs are out", async () => {
    const { readFileSync, writeFileSync, mkdtempSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const { cli } = await import("../helpers/cli.js");
    const file = new URL("../../examples/lianyungang-2024.json", import.meta.url).pathname;
    const inst = parseInstance(readFileSync(file, "utf8"));
    const plan = await solve(inst);
    const dir = mkdtempSync(join(tmpdir(), "jinxiu-rec-"));
    const pf = join(dir, "plan.json");
    writeFileSync(pf, JSON.stringify(plan));
    const who = plan.unplaced.find((u) => u.reasons[0].code === "CAPACITY-COMPETITION")!.trainee;
    const j = await cli("recommend", file, pf, who, "--json", "--limit", "3");
    expect(j.code, j.err).toBe(0);
    expect(JSON.parse(j.out)).toEqual(JSON.parse(JSON.stringify(recommend(inst, plan, who, { limit: 3 }))));
    const t = await cli("recommend", file, pf, who);
    expect(t.out).toMatch(/可去（按总分排序/);
    const bad = await cli("recommend", file, pf, "nobody");
    expect(bad.code).toBe(2);
  });
});
