/**
 * The shipped examples (examples/*.json) through `solve` and through the CLI: every one solves
 * to a plan `verifyPlan` accepts; 连云港 2024 is solved to proven optimality with its county
 * allocation table (分配表) reported row by row; `jinxiu solve --out` writes a plan that
 * `jinxiu verify` accepts, and `--json` prints that same plan.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseInstance, parsePlan } from "../../src/model/parse.js";
import type { Instance, Plan } from "../../src/model/types.js";
import { solve } from "../../src/solve/index.js";
import { verifyPlan } from "../../src/verify.js";
import { cli } from "../helpers/cli.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const EXAMPLES = resolve(HERE, "../../examples");
const LYG = join(EXAMPLES, "lianyungang-2024.json");
const FILES = readdirSync(EXAMPLES).filter((f) => f.endsWith(".json")).sort();

const TMP = mkdtempSync(join(tmpdir(), "jinxiu-solve-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const load = (file: string): Instance => parseInstance(readFileSync(file, "utf8"));

/** Region ids of a unit: its region and every ancestor (SPEC §4 `homeRegion`). */
function regionChain(inst: Instance, unitId: string): string[] {
  const parent = new Map((inst.regions ?? []).map((r) => [r.id, r.parent]));
  const out: string[] = [];
  for (let r = inst.units.find((u) => u.id === unitId)?.region; r !== undefined; r = parent.get(r)) out.push(r);
  return out;
}

describe("examples", () => {
  it("there are examples to solve", () => {
    expect(FILES).toContain("lianyungang-2024.json");
    expect(FILES.length).toBeGreaterThanOrEqual(2);
  });

  it.each(FILES)("%s solves to a plan verifyPlan accepts", async (file) => {
    const inst = load(join(EXAMPLES, file));
    // The 山东 住培 example proves its optimum in ~30 s on an idle core; the limit leaves room for a loaded CI machine.
    const plan = await solve(inst, { timeLimitMs: 150_000 });
    expect(plan.status).not.toBe("infeasible");
    const v = verifyPlan(inst, plan);
    expect(v.violations.map((x) => `${x.code}: ${x.message}`)).toEqual([]);
    expect(v.valid).toBe(true);
    expect(v.objectiveMatches).toBe(true);
    // Every trainee exactly once, every unplaced one with a reason.
    expect([...plan.placements.map((p) => p.trainee), ...(plan.residencies ?? []).map((r) => r.trainee), ...plan.unplaced.map((u) => u.trainee)].sort()).toEqual(inst.trainees.map((t) => t.id).sort());
    for (const u of plan.unplaced) expect(u.reasons.length).toBeGreaterThanOrEqual(1);
    // The golden file pins what the README reports for the example (JINXIU_UPDATE_GOLDEN=1 rewrites it).
    const got = {
      status: plan.status, objective: plan.objective, ...(plan.bound !== undefined ? { bound: plan.bound } : {}),
      placed: plan.placements.length, unplaced: plan.unplaced.length, supportRows: plan.support.length,
      // SPEC §10 examples (shandong-residency): residents scheduled.
      ...(plan.residencies?.length ? { scheduled: plan.residencies.length } : {}),
    };
    const golden = join(HERE, "../golden", file);
    if (process.env.JINXIU_UPDATE_GOLDEN) writeFileSync(golden, `${JSON.stringify(got, null, 2)}\n`);
    expect(got).toEqual(JSON.parse(readFileSync(golden, "utf8")));
  }, 200_000);

  it("the README's figures are the golden ones", () => {
    const readme = readFileSync(resolve(HERE, "../../README.md"), "utf8");
    const lyg = JSON.parse(readFileSync(join(HERE, "../golden/lianyungang-2024.json"), "utf8"));
    expect(readme).toContain(`"${lyg.status}" ${lyg.objective} ${lyg.bound}`);
  });
});

describe("连云港 2024 (examples/lianyungang-2024.json) through the CLI", () => {
  const out = join(TMP, "lyg.plan.json");
  const inst = load(LYG);
  let run: { code: number; out: string; err: string };
  let plan: Plan;
  let summary = "";

  beforeAll(async () => {
    run = await cli("solve", LYG, "--out", out);
    summary = run.out;
    if (run.code === 0) plan = parsePlan(readFileSync(out, "utf8"));
  });

  it("jinxiu solve --out writes the plan and prints a summary (exit 0)", () => {
    expect(run.code, run.err).toBe(0);
    // stderr may carry progress lines; never an error or a stack trace.
    expect(run.err).not.toMatch(/\b\w*Error:|^\s*at /m);
    expect(plan.placements.length).toBeGreaterThan(0);
    expect(summary).toMatch(/^状态：最优/);
  });

  it("is solved to proven optimality: status optimal, objective === bound", () => {
    expect(plan.status).toBe("optimal");
    expect(plan.bound).toBeDefined();
    expect(plan.objective).toBe(plan.bound);
    expect(verifyPlan(inst, plan).objective).toBe(plan.objective);
  });

  it("every county quota row (分配表) is reported, with the count the plan gives", () => {
    const prog = inst.programmes[0];
    const county = (prog.quotas ?? []).map((q, index) => ({ q, index })).filter(({ q }) => q.where?.homeRegion?.length);
    expect(county.length).toBe(9); // 东海 灌云 灌南 赣榆 海州 连云 开发区 徐圩 云台山
    const home = new Map(inst.trainees.map((t) => [t.id, t.unit]));
    for (const { q, index } of county) {
      const region = q.where!.homeRegion![0];
      const count = plan.placements.filter((p) => regionChain(inst, home.get(p.trainee)!).includes(region)).length;
      expect(count).toBeLessThanOrEqual(q.max!);
      const short = plan.shortfalls.find((s) => s.rule === "quota" && s.index === index);
      if (count < q.min!) expect(short).toEqual({ programme: prog.id, rule: "quota", index, needed: q.min, got: count });
      else expect(short).toBeUndefined();
      // The CLI summary has one line per quota row, in words: `东海县 的名额（软性最低 10，至多 10）：10`.
      const name = inst.regions!.find((r) => r.id === region)!.name!;
      expect(summary).toContain(`  ${name} 的名额（${q.hard === false ? "软性最低" : "至少"} ${q.min}，至多 ${q.max}）：${count}\n`);
    }
  });

  it("jinxiu verify accepts the written plan (exit 0)", async () => {
    const r = await cli("verify", LYG, out);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(new RegExp(`方案有效：目标值 ${plan.objective}\\b`));
  });

  it("jinxiu solve --json prints the plan, the same one --out wrote", async () => {
    const again = join(TMP, "again.plan.json");
    const r = await cli("solve", LYG, "--json", "--out", again);
    expect(r.code, r.err).toBe(0);
    expect(r.err).not.toMatch(/\b\w*Error:|^\s*at /m);
    const printed = parsePlan(JSON.parse(r.out).plan);
    expect(printed).toEqual(plan);
    expect(readFileSync(again, "utf8")).toBe(readFileSync(out, "utf8"));
  });
});
