/** The 上海 example (SPEC §9): a valid plan in which every placed GP has exactly one 2–4 week emergency rotation. */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { differenceInCalendarDays, parseISO } from "date-fns";
import { describe, expect, it } from "vitest";
import { parseInstance } from "../../src/model/parse.js";
import { solve } from "../../src/solve/index.js";
import { verifyPlan } from "../../src/verify.js";

const file = join(dirname(fileURLToPath(import.meta.url)), "../../examples/shanghai-community.json");

describe("上海 community-doctor example", () => {
  it("every placed GP has exactly one emergency rotation of 2–4 weeks, and the plan is valid", async () => {
    const inst = parseInstance(readFileSync(file, "utf8"));
    const plan = await solve(inst);
    expect(verifyPlan(inst, plan).valid).toBe(true);
    const trainees = new Map(inst.trainees.map((t) => [t.id, t]));
    const gps = plan.placements.filter((p) => trainees.get(p.trainee)!.dept === "general-practice");
    expect(gps.length).toBeGreaterThan(0);
    for (const p of gps) {
      const er = (p.rotations ?? []).filter((r) => r.dept === "emergency");
      expect(er, p.trainee).toHaveLength(1);
      const weeks = differenceInCalendarDays(parseISO(er[0].end), parseISO(er[0].start)) / 7;
      expect(weeks).toBeGreaterThanOrEqual(2);
      expect(weeks).toBeLessThanOrEqual(4);
    }
    // Every placement rotates and names a mentor per rotation.
    for (const p of plan.placements) {
      expect(p.rotations?.length ?? 0).toBeGreaterThanOrEqual(2);
      expect(p.mentor).toBeUndefined();
      for (const r of p.rotations!) expect(r.mentor).toBeDefined();
    }
  });
});
