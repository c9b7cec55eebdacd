/**
 * SPEC §11.1 re-plans: an instance's `baseline` and `objective.change`. The solver
 * agrees with the exhaustive oracle (which judges plans by `verifyPlan`, change term
 * included) on tiny disrupted instances; with no disruption and a large `change`
 * nothing changes; with `change` 0 the objective is a fresh solve's; the verifier
 * prices changes and requires `changes`; bad baselines are instance errors; the CLI's
 * `--base` re-plans from a plan file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { InstanceError } from "../../src/model/errors.js";
import { parseInstance } from "../../src/model/parse.js";
import type { Instance, Plan } from "../../src/model/types.js";
import { solve } from "../../src/solve/index.js";
import { verifyPlan } from "../../src/verify.js";
import { cli } from "../helpers/cli.js";
import { mutate, tinyInstance } from "../helpers/tiny.js";
import { arbSolvable, arbTiny } from "../solve/arb.js";
import { exhaustive } from "../solve/exhaustive.js";

const runs = (n: number) => Math.max(1, Math.round(n * Number(process.env.JINXIU_PROPERTY_SCALE ?? 1)));
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
const TMP = mkdtempSync(join(tmpdir(), "jinxiu-replan-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

/** The instance with a plan's placements as its baseline, `change` as the weight. */
function withBaseline(inst: Instance, plan: Pick<Plan, "placements">, change: number): Instance {
  const raw = JSON.parse(JSON.stringify(inst));
  const known = new Set(raw.trainees.map((t: { id: string }) => t.id));
  raw.baseline = { placements: plan.placements.filter((p) => known.has(p.trainee)) };
  raw.objective = { ...(raw.objective ?? {}), change };
  return parseInstance(raw);
}

/** A disruption: every receive capacity one lower (a department cut), or a trainee withdrawn, or nothing. */
function disrupt(inst: Instance, how: number): Instance {
  const raw = JSON.parse(JSON.stringify(inst));
  if (how === 1) for (const u of raw.units) for (const r of u.receive ?? []) r.capacity = Math.max(0, r.capacity - 1);
  if (how === 2 && raw.trainees.length > 1) {
    const gone = raw.trainees.pop().id;
    for (const t of raw.teams ?? []) t.members = t.members.filter((m: string) => m !== gone);
    raw.pinned = (raw.pinned ?? []).filter((p: { trainee: string }) => p.trainee !== gone);
  }
  return parseInstance(raw);
}

describe("re-plans (SPEC §11.1)", () => {
  it("agree with the exhaustive oracle on tiny disrupted instances, whatever the change weight", async () => {
    await fc.assert(
      fc.asyncProperty(arbTiny(), fc.constantFrom(0, 1, 50, 200, 10_000), fc.constantFrom(0, 1, 2), async (inst, change, how) => {
        const published = await solve(inst, { timeLimitMs: 20_000 });
        fc.pre(published.status !== "infeasible");
        const next = withBaseline(disrupt(inst, how), published, change);
        const ex = exhaustive(next, { maxMs: 8_000 });
        fc.pre(!ex.aborted);
        const plan = await solve(next, { timeLimitMs: 20_000 });
        if (ex.objective === undefined) {
          expect(plan.status).toBe("infeasible");
          return;
        }
        expect(plan.status).toBe("optimal");
        expect(plan.objective, `oracle ${ex.objective}`).toSatisfy((o: number) => close(o, ex.objective!));
        const v = verifyPlan(next, plan);
        expect(v.violations).toEqual([]);
        expect(plan.changes).toBe(v.changes);
        // Column generation prices the kept entry too.
        const priced = await solve(next, { timeLimitMs: 20_000, pricingThreshold: 0 });
        expect(priced.objective, `oracle ${ex.objective} (column generation)`).toSatisfy((o: number) => close(o, ex.objective!));
      }),
      { numRuns: runs(40) },
    );
  });

  // Column generation may return the kept-and-repaired start as soon as its Lagrangian bound is within the gap
  // target: the bound must still hold against the true optimum (a master column at its upper bound, a kept
  // baseline entry, is not counted twice) and the gap must be met.
  it("by column generation with a gap target: valid, within the gap of a bound ≥ the exhaustive optimum", async () => {
    await fc.assert(
      fc.asyncProperty(arbTiny(), fc.constantFrom(1, 200, 10_000), fc.constantFrom(0, 1, 2), fc.constantFrom(0, 0.05, 0.2), async (inst, change, how, relGap) => {
        const published = await solve(inst, { timeLimitMs: 20_000 });
        fc.pre(published.status !== "infeasible");
        const next = withBaseline(disrupt(inst, how), published, change);
        const ex = exhaustive(next, { maxMs: 8_000 });
        fc.pre(!ex.aborted && ex.objective !== undefined);
        const plan = await solve(next, { timeLimitMs: 20_000, pricingThreshold: 0, relGap });
        expect(verifyPlan(next, plan).violations).toEqual([]);
        const tol = 1e-6 * Math.max(1, Math.abs(ex.objective!));
        expect(plan.objective).toBeLessThanOrEqual(ex.objective! + tol);
        expect(plan.bound, "a column-generation re-plan proves a bound").toBeDefined();
        expect(plan.bound!).toBeGreaterThanOrEqual(ex.objective! - tol);
        expect(plan.bound! - plan.objective).toBeLessThanOrEqual(relGap * Math.max(1, Math.abs(plan.bound!)) + 1);
        if (plan.status === "optimal") expect(plan.objective).toSatisfy((o: number) => close(o, ex.objective!));
      }),
      { numRuns: runs(40) },
    );
  });

  it("with no disruption and a large change, every baseline entry is kept (changes 0, same objective)", async () => {
    await fc.assert(
      fc.asyncProperty(arbSolvable({ maxTrainees: 12 }), async (inst) => {
        const published = await solve(inst, { timeLimitMs: 20_000 });
        fc.pre(published.status === "optimal");
        const plan = await solve(withBaseline(inst, published, 1e6), { timeLimitMs: 20_000 });
        expect(plan.changes).toBe(0);
        expect(plan.objective).toSatisfy((o: number) => close(o, published.objective));
        const key = (p: Plan) => p.placements.map((x) => [x.trainee, x.unit, x.dept, x.start, x.end].join(" ")).sort();
        expect(key(plan)).toEqual(key(published));
      }),
      { numRuns: runs(25) },
    );
  });

  it("with change 0 the objective is a fresh solve's; solve(instance, { baseline }) is the instance with that baseline", async () => {
    const inst = tinyInstance();
    const published = await solve(inst);
    const cut = disrupt(inst, 1);
    const fresh = await solve(cut);
    const zero = await solve(withBaseline(cut, published, 0));
    expect(zero.objective).toSatisfy((o: number) => close(o, fresh.objective));
    // The library's sugar: solve(instance, { baseline }) is the instance with that baseline.
    const sugar = await solve(cut, { baseline: published });
    const explicit = await solve(withBaseline(cut, published, 200));
    expect(sugar.objective).toBe(explicit.objective);
    expect(sugar.changes).toBe(explicit.changes);
  });

  it("the verifier prices every changed trainee and requires `changes` with a baseline", async () => {
    const inst = tinyInstance();
    const published = await solve(inst);
    expect(published.placements.length).toBeGreaterThanOrEqual(2);
    const next = withBaseline(inst, published, 200);
    // Drop one placement: that trainee is changed (placed in the baseline, not in the plan).
    const dropped = published.placements[0].trainee;
    const plan: Plan = {
      ...published,
      placements: published.placements.slice(1),
      unplaced: [...published.unplaced, { trainee: dropped, reasons: [{ code: "CAPACITY-COMPETITION", message: "test" }] }],
      changes: 1,
    };
    const v = verifyPlan(next, plan);
    expect(v.changes).toBe(1);
    expect(v.objective).toBe(verifyPlan(inst, plan).objective - 200);
    // A different mentor alone is no change.
    const mentor = { ...published, changes: 0, placements: published.placements.map((p, i) => (i === 0 ? { ...p, mentor: undefined } : p)) };
    expect(verifyPlan(next, mentor).changes).toBe(0);
    const { changes: _c, ...without } = plan;
    expect(verifyPlan(next, without).violations.map((x) => x.code)).toContain("PLAN-FORMAT");
    expect(verifyPlan(next, { ...plan, changes: 2 }).violations.map((x) => x.code)).toContain("PLAN-FORMAT");
  });

  it("a baseline naming an unknown trainee, unit or department is an instance error with its path", () => {
    const raw = mutate(tinyInstance(), (i) => {
      (i as { baseline?: unknown }).baseline = {
        placements: [
          { trainee: "nobody", unit: "county-hosp-01", dept: "internal", start: "2024-07-01", end: "2024-09-01" },
          { trainee: "t-001", unit: "nowhere", dept: "internal", start: "2024-07-01", end: "2024-09-01" },
          { trainee: "t-002", unit: "county-hosp-01", dept: "dentistry", start: "2024-09-01", end: "2024-07-01" },
        ],
      };
    });
    let err: InstanceError | undefined;
    try {
      parseInstance(JSON.parse(JSON.stringify(raw)));
    } catch (e) {
      err = e as InstanceError;
    }
    expect(err?.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(["baseline.placements[0].trainee", "baseline.placements[1].unit", "baseline.placements[2].dept", "baseline.placements[2].end"]),
    );
  });

  it("jinxiu solve --base re-plans from a plan file and reports the changes", async () => {
    const file = join(TMP, "inst.json");
    writeFileSync(file, JSON.stringify(disrupt(tinyInstance(), 1)));
    const before = join(TMP, "before.plan.json");
    writeFileSync(before, JSON.stringify(await solve(tinyInstance())));
    const out = join(TMP, "after.plan.json");
    const run = await cli("solve", file, "--base", before, "--out", out, "--quiet");
    expect(run.code, run.err).toBe(0);
    const plan = JSON.parse(readFileSync(out, "utf8"));
    expect(typeof plan.changes).toBe("number");
    const withBase = parseInstance({ ...JSON.parse(readFileSync(file, "utf8")), baseline: { placements: JSON.parse(readFileSync(before, "utf8")).placements } });
    expect(verifyPlan(withBase, plan).valid).toBe(true);
  });
});

describe("examples/lianyungang-august.ts", () => {
  it("runs: the June plan, a disruption, the minimal-change re-plan (valid) and its 变更通知", async () => {
    const { spawnSync } = await import("node:child_process");
    const root = join(import.meta.dirname, "../..");
    const r = spawnSync(process.execPath, ["--import", "tsx", "examples/lianyungang-august.ts"], { cwd: root, encoding: "utf8", timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/重新安排：optimal，变动 \d+ 人/);
    const plan = JSON.parse(readFileSync(join(root, "out/lianyungang-august.plan.json"), "utf8"));
    const inst = parseInstance(readFileSync(join(root, "out/lianyungang-august.json"), "utf8"));
    const v = verifyPlan(inst, plan);
    expect(v.valid).toBe(true);
    expect(plan.changes).toBe(v.changes);
  }, 150_000);
});
