/** SPEC §11 reading 4: without a baseline, `changes` may be absent or 0; another value is a warning, never a violation. */
import { describe, expect, it } from "vitest";
import { parseInstance, solve, verifyPlan } from "../../src/index.js";
import { tinyInstance } from "../helpers/tiny.js";

describe("verifyPlan warnings", () => {
  it("warns about changes ≠ 0 without a baseline, and only then", async () => {
    const inst = parseInstance(JSON.stringify(tinyInstance()));
    const plan = await solve(inst);
    expect(verifyPlan(inst, plan).warnings).toEqual([]);
    expect(verifyPlan(inst, { ...plan, changes: 0 }).warnings).toEqual([]);
    const v = verifyPlan(inst, { ...plan, changes: 3 }, { lang: "en" });
    expect(v.valid).toBe(true);
    expect(v.warnings).toEqual([{ path: "changes", message: expect.stringMatching(/3 change\(s\) but the instance has no baseline/) }]);
  });
});
