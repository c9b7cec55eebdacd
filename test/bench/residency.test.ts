/**
 * The 住培 generators (bench/residency.ts) and the monolithic reference
 * (bench/residency-monolithic.ts): instances are deterministic, parse, and have
 * the promised shape; the generator's witness is a valid plan by `verifyPlan`;
 * the shipped example is the generator's output; the monolithic model agrees
 * with §10 at a known plan (the witness is a point of its rows, its objective is
 * the verifier's, and the plan read back from that point is valid).
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildMonolithic } from "../../bench/residency-monolithic.js";
import { CALENDAR_MONTHS, CURRICULA, exampleJson, residency, shandongExample } from "../../bench/residency.js";
import { highsBackend, parseInstance, verifyPlan, type Instance, type Plan, type ResidencyEntry } from "../../src/index.js";

const HERE = dirname(fileURLToPath(import.meta.url));

const witnessPlan = (inst: Instance, witness: readonly ResidencyEntry[]): Plan => {
  const listed = new Set(witness.map((w) => w.trainee));
  return {
    version: 1, status: "feasible", objective: 0, placements: [], residencies: witness, support: [], shortfalls: [], conflicts: [],
    unplaced: inst.trainees.filter((t) => !listed.has(t.id)).map((t) => ({ trainee: t.id, reasons: [{ code: "CAPACITY-COMPETITION", message: "witness" }] })),
  };
};

describe("residency generator", () => {
  it("is deterministic and parses (one base, with 进修 trainees)", () => {
    const a = residency({ seed: 5, residentsPerBase: 60, jinxiu: 4 });
    expect(JSON.stringify(residency({ seed: 5, residentsPerBase: 60, jinxiu: 4 }))).toBe(JSON.stringify(a));
    expect(JSON.stringify(residency({ seed: 6, residentsPerBase: 60 }).instance)).not.toBe(JSON.stringify(residency({ seed: 5, residentsPerBase: 60 }).instance));
    const inst = parseInstance(JSON.stringify(a.instance));
    expect(inst.trainees.filter((t) => t.curriculum)).toHaveLength(60);
    expect(inst.trainees.filter((t) => t.programme === "sd-jinxiu")).toHaveLength(4);
  });

  it("has the promised shape: 3 cohorts × 6 curricula of 33 minimum months, a 60-month calendar, history, credit, service and managers", () => {
    const inst = residency({ seed: 42 }).instance;
    const residents = inst.trainees.filter((t) => t.curriculum);
    expect(residents.length).toBe(306);
    expect(new Set(residents.map((t) => t.available!.from))).toEqual(new Set(["2023-09-01", "2024-09-01", "2025-09-01"]));
    expect(new Set(residents.map((t) => t.curriculum)).size).toBe(6);
    for (const c of CURRICULA) expect(c.requirements.reduce((s, q) => s + q.min, 0)).toBeGreaterThanOrEqual(33);
    expect(inst.calendar).toEqual({ start: "2023-09-01", end: "2028-09-01", granularity: "month" });
    expect(CALENDAR_MONTHS).toBe(60);
    // History: the 2023 级 carry their first two years as fixed rotations, the 2025 级 none.
    const older = residents.filter((t) => t.available!.from === "2023-09-01");
    expect(older.every((t) => (t.fixed ?? []).length > 0)).toBe(true);
    expect(residents.filter((t) => t.available!.from === "2025-09-01").every((t) => !t.fixed)).toBe(true);
    expect(residents.some((t) => t.completed?.length)).toBe(true);
    const base = inst.units.find((u) => u.service)!;
    expect(base.managers).toBe(3); // 306 residents, at most 300: the managers row binds
    expect(base.service!.some((s) => s.hard)).toBe(true);
    expect(base.service!.some((s) => !s.hard)).toBe(true);
    // 基层实践 at township units reached by training relations.
    const gp = CURRICULA.find((c) => c.id === "general-practice")!;
    expect(gp.requirements.find((q) => q.id === "community")!.sites).toEqual({ tiers: ["township"], relations: ["training"] });
    expect(inst.relations!.filter((r) => r.type === "training").length).toBeGreaterThanOrEqual(4);
  });

  it("eight bases: two coupled pairs share a collaborating unit, four bases stand alone", () => {
    const inst = residency({ seed: 3, bases: 8, residentsPerBase: 24 }).instance;
    const bases = inst.units.filter((u) => u.service);
    expect(bases).toHaveLength(8);
    const reached = new Map<string, Set<string>>();
    for (const r of inst.relations!) {
      if (!reached.has(r.to)) reached.set(r.to, new Set());
      reached.get(r.to)!.add(r.from);
    }
    const shared = [...reached.values()].filter((s) => s.size > 1).map((s) => [...s].sort().join("+"));
    expect(new Set(shared).size).toBe(2);
  });

  it("the witness is a valid plan (so the instance is feasible with all its history)", () => {
    const { instance, witness } = residency({ seed: 11, residentsPerBase: 45 });
    const inst = parseInstance(JSON.stringify(instance));
    const v = verifyPlan(inst, witnessPlan(inst, witness));
    expect(v.violations.map((x) => `${x.code}: ${x.message}`)).toEqual([]);
  });

  it("examples/shandong-residency.json is the generator's shandongExample()", () => {
    const file = readFileSync(resolve(HERE, "../../examples/shandong-residency.json"), "utf8");
    expect(file).toBe(exampleJson(shandongExample()));
  });
});

describe("monolithic reference", () => {
  it("agrees with §10 at the witness: a point of its rows, the verifier's objective, read back as a valid plan", async () => {
    const { instance, witness } = residency({ seed: 11, residentsPerBase: 24, jinxiu: 3 });
    const inst = parseInstance(JSON.stringify(instance));
    const mono = buildMonolithic(inst);
    const x = mono.pointOf({ residencies: witness, placements: [] });
    const M = mono.model;
    // Fix the binaries at the witness; the LP over the auxiliary columns (starts, blocks, shortfalls) prices it.
    const lo = Float64Array.from(M.colLower);
    const up = Float64Array.from(M.colUpper);
    for (let j = 0; j < M.numCols; j++)
      if (M.integer[j]) {
        lo[j] = x[j];
        up[j] = x[j];
      }
    const r = await highsBackend.solve({ ...M, colLower: lo, colUpper: up, integer: new Uint8Array(M.numCols) }, { timeLimitMs: 30_000 });
    expect(r.status).toBe("optimal");
    const verdict = verifyPlan(inst, witnessPlan(inst, witness));
    expect(r.objective).toBeCloseTo(verdict.objective, 6);
    const back = mono.toPlan(r.x!, "feasible");
    const v = verifyPlan(inst, back);
    expect(v.violations.map((y) => `${y.code}: ${y.message}`)).toEqual([]);
    expect(v.objectiveMatches).toBe(true);
    expect(back.objective).toBe(verdict.objective);
    // A resident the witness leaves out is no point of the model when it has fixed rotations (z is fixed to 1).
    const fixedOne = witness.find((w) => inst.trainees.find((t) => t.id === w.trainee)!.fixed)!;
    const without = mono.pointOf({ residencies: witness.filter((w) => w !== fixedOne), placements: [] });
    const zCol = [...x.keys()].find((j) => M.integer[j] && x[j] === 1 && without[j] === 0 && M.colLower[j] === 1);
    expect(zCol).toBeDefined();
  });
});
