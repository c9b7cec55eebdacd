/**
 * A malformed-workbook suite: a valid workbook (the tiny instance) edited the way people
 * break spreadsheets, each problem reported at its exact cell as `sheet!cell column`, all
 * of them at once; and the instance's own issues mapped back to the cells they came from.
 */
import { describe, expect, it } from "vitest";
import { workbookToInstance } from "../../src/index.js";
import { InstanceError, type Issue } from "../../src/model/errors.js";
import { CASES } from "./cases.js";
import { edited } from "./helpers.js";

async function issuesOf(bytes: Uint8Array): Promise<Issue[]> {
  const e = await workbookToInstance(bytes).then(() => undefined, (x: unknown) => x);
  if (!(e instanceof InstanceError)) throw new Error(`expected an InstanceError, got ${String(e)}`);
  return [...e.issues];
}

describe("a malformed workbook is reported cell by cell", () => {
  it.each(CASES)("%s", async (_name, edit, expected) => {
    const issues = await issuesOf(await edited(edit));
    const paths = issues.map((i) => i.path);
    for (const [path, words] of expected) {
      const hit = issues.find((i) => i.path === path);
      expect(hit, `${path} in ${JSON.stringify(issues, null, 1)}`).toBeDefined();
      expect(hit!.message).toContain(words);
    }
    expect(paths.every((p) => expected.some(([e]) => e === p)), JSON.stringify(issues, null, 1)).toBe(true);
  });

  it("reports every problem at once", async () => {
    const all = CASES.slice(0, 12).map(([, e]) => e);
    const issues = await issuesOf(await edited((wb) => all.forEach((e) => e(wb))));
    expect(issues.length).toBeGreaterThanOrEqual(10);
  });
});
