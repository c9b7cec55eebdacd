/**
 * `SolveOptions.signal` and `timeLimitMs`: aborting stops the solve in every
 * phase and returns the best valid plan known, status `timeout-feasible`,
 * exactly as a reached time limit does; bad limits are a UsageError.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/model/errors.js";
import { parseInstance } from "../../src/model/parse.js";
import type { Instance } from "../../src/model/types.js";
import type { Backend } from "../../src/solve/backend.js";
import { highsBackend } from "../../src/solve/highs.js";
import { solve, solveDetailed } from "../../src/solve/index.js";
import { verifyPlan } from "../../src/verify.js";
import { mutate, tinyInstance } from "../helpers/tiny.js";

const EXAMPLES = join(dirname(fileURLToPath(import.meta.url)), "../../examples");
const example = (file: string) => parseInstance(readFileSync(join(EXAMPLES, file), "utf8"));

/** An engine that never answers until its signal fires (then: out of time, no solution). */
const stuck: Backend = {
  name: "stuck",
  solve: (_m, o) =>
    new Promise((resolve) => {
      if (o.signal?.aborted) return resolve({ status: "timeout" });
      o.signal?.addEventListener("abort", () => resolve({ status: "timeout" }), { once: true });
    }),
};

function expectValidTimeout(inst: Instance, plan: Awaited<ReturnType<typeof solve>>) {
  expect(plan.status).toBe("timeout-feasible");
  const v = verifyPlan(inst, plan);
  expect(v.violations).toEqual([]);
  expect(plan.objective).toBe(v.objective);
}

describe("SolveOptions.signal", () => {
  it("an already aborted signal returns the pinned-only plan at once, everyone else TIME-LIMIT", async () => {
    const inst = parseInstance(tinyInstance());
    const plan = await solve(inst, { signal: AbortSignal.abort() });
    expectValidTimeout(inst, plan);
    expect(plan.placements).toEqual([]);
    expect(plan.unplaced.map((u) => u.reasons[0].code)).toEqual(["TIME-LIMIT", "TIME-LIMIT", "TIME-LIMIT"]);
    expect(plan.unplaced[0].reasons[0].message).toMatch(/中止/);
  });

  it("aborting while candidates are made stops there (the pinned placements are kept)", async () => {
    const inst = example("lianyungang-2024.json");
    const ac = new AbortController();
    const phases: string[] = [];
    const plan = await solve(inst, {
      signal: ac.signal,
      onProgress: (p) => {
        phases.push(p.phase);
        if (p.phase === "candidates") ac.abort();
      },
    });
    expectValidTimeout(inst, plan);
    expect(phases).toEqual(["candidates"]);
    expect(plan.placements.length).toBe(inst.pinned?.length ?? 0);
  });

  it("aborting once the greedy plan exists returns the greedy plan (single model and column generation)", async () => {
    for (const pricingThreshold of [Number.POSITIVE_INFINITY, 0]) {
      const inst = example("lianyungang-2024.json");
      const ac = new AbortController();
      let greedy: number | undefined;
      const plan = await solve(inst, {
        signal: ac.signal,
        pricingThreshold,
        onProgress: (p) => {
          if (p.phase === "solve" && greedy === undefined) {
            greedy = p.incumbent;
            ac.abort();
          }
        },
      });
      expectValidTimeout(inst, plan);
      expect(greedy).toBeDefined();
      expect(plan.objective).toBe(greedy);
      expect(plan.unplaced.every((u) => u.reasons.length > 0 && u.reasons[0].code !== "TIME-LIMIT")).toBe(true);
    }
  });

  it("aborting while the model is formulated stops building it and the greedy plan; a model cut short lends no bound", async () => {
    const inst = example("lianyungang-2024.json");
    const full = await solve(inst);
    const ac = new AbortController();
    const plan = await solve(inst, {
      signal: ac.signal,
      pricingThreshold: Number.POSITIVE_INFINITY,
      onProgress: (p) => {
        if (p.phase === "formulate") ac.abort();
      },
    });
    expectValidTimeout(inst, plan);
    expect(plan.bound).toBeUndefined();
    expect(plan.objective).toBeLessThan(full.objective);
  });

  it("an engine that calls the model cut short by an abort optimal does not make the plan optimal", async () => {
    const inst = example("lianyungang-2024.json");
    // Answers every MILP with its start, claimed optimal: right for the partial model it is given, not for the instance.
    const claims: Backend = {
      name: "claims",
      solve: async (m, o) => {
        const x = o.start ?? new Float64Array(m.numCols);
        let objective = m.offset;
        for (let j = 0; j < m.numCols; j++) objective += m.colCost[j] * x[j];
        return { status: "optimal", x, objective, bound: objective };
      },
    };
    const ac = new AbortController();
    const plan = await solve(inst, { signal: ac.signal, backend: claims, pricingThreshold: Number.POSITIVE_INFINITY, onProgress: (p) => p.phase === "formulate" && ac.abort() });
    expectValidTimeout(inst, plan);
    expect(plan.bound).toBeUndefined();
  });

  it("aborting during the pricing rounds of column generation returns a valid plan", async () => {
    const inst = example("zhejiang-township-track.json");
    const ac = new AbortController();
    const plan = await solve(inst, {
      signal: ac.signal,
      pricingThreshold: 0,
      onProgress: (p) => {
        if (p.phase.startsWith("pricing")) ac.abort();
      },
    });
    expectValidTimeout(inst, plan);
    expect(plan.placements.length).toBeGreaterThan(0);
  });

  it("the engine gets the signal: an abort while it runs stops it, keeping the greedy plan", async () => {
    const inst = example("lianyungang-2024.json");
    const ac = new AbortController();
    const pending = solveDetailed(inst, { signal: ac.signal, backend: stuck, onProgress: (p) => p.phase === "solve" && setTimeout(() => ac.abort(), 20) });
    const { plan, stats } = await pending;
    expectValidTimeout(inst, plan);
    expect(stats.backend).toBe("stuck");
    expect(plan.placements.length).toBeGreaterThan(0);
  });

  it("a reached time limit stops an engine that ignores its own limit", async () => {
    const inst = example("lianyungang-2024.json");
    const plan = await solve(inst, { timeLimitMs: 300, backend: stuck });
    expectValidTimeout(inst, plan);
  });

  it("a HiGHS solve aborted mid-run returns and the next solve still works", async () => {
    const inst = example("zhejiang-three-year.json");
    const ac = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const plan = await solve(inst, { signal: ac.signal, backend: highsBackend, onProgress: (p) => p.phase === "solve" && !timer && (timer = setTimeout(() => ac.abort(), 30)) });
    expectValidTimeout(inst, plan);
    const again = await solve(parseInstance(tinyInstance()));
    expect(again.status).toBe("optimal");
  });

  it("with hard minimums nothing known meets, an abort is a UsageError saying so (no plan is invented)", async () => {
    const inst = parseInstance(mutate(tinyInstance(), (i) => void (i.programmes[0].quotas = [{ where: {}, min: 1 }])));
    await expect(solve(inst, { signal: AbortSignal.abort() })).rejects.toThrow(/^solve: aborted \(options\.signal\) before any valid plan was found/);
    await expect(solve(inst, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(UsageError);
  });

  it("a signal that is not an AbortSignal is a UsageError", async () => {
    const inst = parseInstance(tinyInstance());
    await expect(solve(inst, { signal: "stop" as never })).rejects.toThrow(/^solve: options\.signal must be an AbortSignal/);
  });
});

describe("SolveOptions.timeLimitMs", () => {
  it.each([Number.NaN, null, 0, -1, 2 ** 31, Number.POSITIVE_INFINITY, "5000", 604_800_001])("%s is refused with a UsageError naming solve and options.timeLimitMs", async (bad) => {
    const inst = parseInstance(tinyInstance());
    const p = solve(inst, { timeLimitMs: bad as number });
    await expect(p).rejects.toBeInstanceOf(UsageError);
    await expect(solve(inst, { timeLimitMs: bad as number })).rejects.toThrow(/^solve: options\.timeLimitMs must be a positive finite number/);
  });

  it.each([undefined, 1, 604_800_000])("%s is accepted", async (ok) => {
    const inst = parseInstance(tinyInstance());
    const plan = await solve(inst, { timeLimitMs: ok });
    expect(verifyPlan(inst, plan).valid).toBe(true);
  });
});
