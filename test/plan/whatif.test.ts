/**
 * SPEC §11.4 `whatif`: each scenario is the instance with its JSON Patch, solved on its
 * own; on a worker pool the results are the same as one after another; every plan is
 * valid for its scenario; the diff is from the unchanged instance's plan; a patch that
 * does not apply, or gives an invalid instance, is an InstanceError naming the scenario.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InstanceError } from "../../src/model/errors.js";
import { parseInstance } from "../../src/model/parse.js";
import { type Scenario, scenarioInstance, whatif } from "../../src/plan/whatif.js";
import { solve } from "../../src/solve/index.js";
import { verifyPlan } from "../../src/verify.js";
import { cli } from "../helpers/cli.js";

const FILE = new URL("../../examples/lianyungang-2024.json", import.meta.url).pathname;
const inst = parseInstance(readFileSync(FILE, "utf8"));
const budget = inst.programmes[0].budget!.cap;
const scenarios: Scenario[] = [
  { name: "预算增加 20%", patch: [{ op: "replace", path: "/programmes/0/budget/cap", value: Math.round(budget * 1.2) }] },
  {
    name: "东海县名额减 2",
    patch: [
      { op: "replace", path: "/programmes/0/quotas/0/max", value: Math.max(0, (inst.programmes[0].quotas![0].max ?? 10) - 2) },
      { op: "replace", path: "/programmes/0/quotas/0/min", value: Math.max(0, (inst.programmes[0].quotas![0].max ?? 10) - 2) },
    ],
  },
];

describe("whatif (SPEC §11.4)", () => {
  it("solves each patched instance; on 2 workers the same as one after another; plans valid for their scenario", async () => {
    const one = await whatif(inst, scenarios);
    const two = await whatif(inst, scenarios, { workers: 2 });
    const base = await solve(inst);
    expect(two.map((r) => [r.name, r.objective, r.placed])).toEqual(one.map((r) => [r.name, r.objective, r.placed]));
    one.forEach((r, i) => {
      const s = scenarioInstance(inst, scenarios[i], i);
      const v = verifyPlan(s, r.plan);
      expect(v.valid).toBe(true);
      expect(r.objective).toBe(v.objective);
      expect(r.shortfallUnits).toBe(v.shortfalls.reduce((n, x) => n + x.needed - x.got, 0));
      expect(r.diff.objective.before).toBe(verifyPlan(s, base).objective);
    });
    // More budget never lowers the optimum.
    expect(one[0].objective).toBeGreaterThanOrEqual(base.objective);
  }, 120_000);

  it("a patch that does not apply, or gives an invalid instance, names the scenario", async () => {
    const bad = (patch: Scenario["patch"]) => whatif(inst, [{ name: "坏的", patch }]).then(() => undefined, (e: unknown) => e as InstanceError);
    const missing = await bad([{ op: "replace", path: "/programmes/9/budget/cap", value: 1 }]);
    expect(missing).toBeInstanceOf(InstanceError);
    expect(missing!.issues[0].path).toBe("scenarios[0].patch");
    const invalid = await bad([{ op: "replace", path: "/units/0/receive/0/capacity", value: -2 }]);
    expect(invalid!.issues.map((i) => i.path)).toContain("scenarios[0] → units[0].receive[0].capacity");
  });

  it("jinxiu whatif --json prints the SPEC shape; the table names each scenario", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jinxiu-whatif-"));
    const sf = join(dir, "scenarios.json");
    writeFileSync(sf, JSON.stringify({ scenarios, note: "other top-level keys are ignored" }));
    const j = await cli("whatif", FILE, sf, "--json");
    expect(j.code, j.err).toBe(0);
    const out = JSON.parse(j.out);
    expect(out.scenarios.map((s: { name: string }) => s.name)).toEqual(scenarios.map((s) => s.name));
    expect(Object.keys(out.scenarios[0]).sort()).toEqual(["diff", "name", "objective", "placed", "plan", "shortfallUnits", "supportSlots"]);
    const t = await cli("whatif", FILE, sf);
    expect(t.out).toMatch(/预算增加 20%/);
  }, 120_000);
});
