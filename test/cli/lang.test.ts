/**
 * `--lang`: what `verify`, `solve` and `report` print is Chinese with names by
 * default, English with ids and codes with `--lang en`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { parseInstance } from "../../src/model/parse.js";
import { solve } from "../../src/solve/index.js";
import { cli } from "../helpers/cli.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const INSTANCE = resolve(HERE, "fixtures/small-instance.json");
const TMP = mkdtempSync(join(tmpdir(), "jinxiu-lang-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

describe("--lang", () => {
  it("verify prints a broken plan's violations in Chinese by default and in English with --lang en", async () => {
    const inst = parseInstance(readFileSync(INSTANCE, "utf8"));
    const plan = await solve(inst);
    expect(plan.placements.length).toBeGreaterThan(0);
    // Everyone placed where the first placement is, with its mentor: capacity and mentors break.
    const broken = { ...plan, placements: plan.placements.map((p) => ({ ...plan.placements[0], trainee: p.trainee })) };
    const file = join(TMP, "broken.plan.json");
    writeFileSync(file, JSON.stringify(broken));
    const zh = await cli("verify", INSTANCE, file, "--json");
    const en = await cli("verify", INSTANCE, file, "--json", "--lang", "en");
    expect(zh.code).toBe(1);
    expect(en.code).toBe(1);
    const first = (out: string) => (JSON.parse(out).violations as { code: string; message: string }[]).find((v) => v.code !== "PLAN-FORMAT")!;
    expect(first(zh.out).message).toMatch(/[\u4e00-\u9fff]/);
    expect(first(en.out).message).not.toMatch(/[\u4e00-\u9fff]/);
    expect(first(en.out).code).toBe(first(zh.out).code);
  });

  it("refuses a language it does not have", async () => {
    const run = await cli("verify", INSTANCE, INSTANCE, "--lang", "fr");
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/--lang/);
  });
});

describe("validate lists warnings", () => {
  it("a window that does not end on a slot boundary is a warning with the boundary meant, not an error", async () => {
    const inst = JSON.parse(readFileSync(INSTANCE, "utf8"));
    inst.programmes[0].window = { ...(inst.programmes[0].window ?? {}), to: "2024-08-31" };
    const file = join(TMP, "warned.json");
    writeFileSync(file, JSON.stringify(inst));
    const run = await cli("validate", file);
    expect(run.code).toBe(0);
    expect(run.err).toMatch(/warning 提醒: programmes\[0\]\.window\.to: .*2024-09-01/);
    const json = JSON.parse((await cli("validate", file, "--json")).out);
    expect(json.warnings.map((w: { path: string }) => w.path)).toContain("programmes[0].window.to");
  });
});
