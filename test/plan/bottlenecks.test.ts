/**
 * SPEC §11.4 `bottlenecks`: every entry's gain is the objective difference of two
 * solves (the plan's and the patched instance's), its patch is an RFC 6902 patch that
 * gives one more unit of a resource the plan uses to its limit, entries are ranked by
 * gain, at most `limit`; the CLI prints the same JSON.
 */
import fastJsonPatch, { type Operation } from "fast-json-patch";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseInstance } from "../../src/model/parse.js";
import { bottleneckCandidates, bottlenecks } from "../../src/plan/bottlenecks.js";
import { solve } from "../../src/solve/index.js";
import { mutate, tinyInstance } from "../helpers/tiny.js";
import { arbTiny } from "../solve/arb.js";

const runs = (n: number) => Math.max(1, Math.round(n * Number(process.env.JINXIU_PROPERTY_SCALE ?? 1)));

describe("bottlenecks (SPEC §11.4)", () => {
  it("each gain is the objective difference of two solves; ranked by gain; at most limit", async () => {
    await fc.assert(
      fc.asyncProperty(arbTiny(), async (inst) => {
        const plan = await solve(inst, { timeLimitMs: 20_000 });
        fc.pre(plan.status === "optimal");
        const list = await bottlenecks(inst, plan, { limit: 5 });
        expect(list.length).toBeLessThanOrEqual(5);
        for (let i = 1; i < list.length; i++) expect(list[i].gain).toBeLessThanOrEqual(list[i - 1].gain);
        for (const b of list) {
          const patched = parseInstance(fastJsonPatch.applyPatch(JSON.parse(JSON.stringify(inst)), b.patch as Operation[], true, false).newDocument);
          const again = await solve(patched, { timeLimitMs: 20_000 });
          expect(again.status).toBe("optimal");
          expect(again.objective - plan.objective).toBeCloseTo(b.gain, 6);
          expect(again.placements.length - plan.placements.length).toBe(b.placedGain);
          // One more unit never lowers the optimum.
          expect(b.gain).toBeGreaterThanOrEqual(-1e-6);
        }
      }),
      { numRuns: runs(25) },
    );
  });

  it("a full department is a candidate whose patch raises its capacity by one, and one more place there places one more trainee", async () => {
    // Only one internal place a slot at the county hospital, and nowhere else to go: one of three is placed.
    const inst = mutate(tinyInstance(), (i) => {
      i.programmes[0].duration = { min: { months: 4 }, max: { months: 4 } };
      for (const u of i.units) for (const r of u.receive ?? []) r.capacity = 1;
    });
    const plan = await solve(inst);
    const cands = bottleneckCandidates(inst, plan);
    expect(cands.some((c) => c.kind === "capacity" && c.patch[0].op === "replace" && /\/units\/\d+\/receive\/\d+\/capacity/.test(c.patch[0].path))).toBe(true);
    const best = (await bottlenecks(inst, plan))[0];
    expect(best.gain).toBeGreaterThan(0);
    expect(best.placedGain).toBeGreaterThanOrEqual(1);
  });

  it("jinxiu bottlenecks --json prints the library's list", async () => {
    const { writeFileSync, mkdtempSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const { cli } = await import("../helpers/cli.js");
    const inst = tinyInstance();
    const plan = await solve(inst);
    const dir = mkdtempSync(join(tmpdir(), "jinxiu-bn-"));
    writeFileSync(join(dir, "i.json"), JSON.stringify(inst));
    writeFileSync(join(dir, "p.json"), JSON.stringify(plan));
    const r = await cli("bottlenecks", join(dir, "i.json"), join(dir, "p.json"), "--json", "--limit", "3");
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toEqual(JSON.parse(JSON.stringify(await bottlenecks(inst, plan, { limit: 3 }))));
  });
});
