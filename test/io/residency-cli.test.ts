/**
 * `jinxiu workbook` / `jinxiu import` of a residency (SPEC §10) workbook, in-process: the
 * instance goes to a workbook and back to the same JSON text, which validates; the 住培
 * template (`--residency`); a bad 培训大纲 cell exits 2 with the cell on stderr and nothing
 * written.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { parseInstance, verifyPlan } from "../../src/index.js";
import { cli } from "../helpers/cli.js";
import { edited } from "./helpers.js";
import { planWith, residencyInstance, validSchedule } from "../rules/residency-fixture.js";
import { richResidency } from "./residency-fixtures.js";

const TMP = mkdtempSync(join(tmpdir(), "jinxiu-residency-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

describe("jinxiu workbook / import of a residency workbook", () => {
  it("the instance goes to a workbook and back to the same JSON text, which validates", async () => {
    const json = join(TMP, "zp.json");
    const text = `${JSON.stringify(richResidency(), null, 2)}\n`;
    writeFileSync(json, text);
    const xlsx = join(TMP, "zp.xlsx");
    const w = await cli("workbook", json, "--out", xlsx);
    expect(w.code, w.err).toBe(0);
    const back = join(TMP, "zp.back.json");
    const r = await cli("import", xlsx, "--out", back);
    expect(r.code, r.err).toBe(0);
    expect(r.outLines).toEqual([`written: ${back} (2 units, 1 programme(s), 3 trainees)`]);
    expect(readFileSync(back, "utf8")).toBe(text);
    expect((await cli("validate", back)).code).toBe(0);
  });

  it("the imported tiny fixture judges the rules' valid residency plan valid, as the JSON does", async () => {
    const json = join(TMP, "tiny.json");
    writeFileSync(json, `${JSON.stringify(residencyInstance(), null, 2)}\n`);
    const xlsx = join(TMP, "tiny.xlsx");
    expect((await cli("workbook", json, "--out", xlsx)).code).toBe(0);
    const back = join(TMP, "tiny.back.json");
    expect((await cli("import", xlsx, "--out", back)).code).toBe(0);
    const plan = join(TMP, "tiny.plan.json");
    // The rules' valid plan, stating the objective and shortfalls the verifier computes for it.
    const draft = planWith([validSchedule("r1", 0), validSchedule("r2", 1)]);
    const judged = verifyPlan(parseInstance(residencyInstance()), draft);
    writeFileSync(plan, JSON.stringify({ ...draft, objective: judged.objective, shortfalls: judged.shortfalls }));
    const original = await cli("verify", json, plan, "--lang", "en");
    const imported = await cli("verify", back, plan, "--lang", "en");
    expect(original.code, original.out).toBe(0);
    expect(imported.code, imported.out).toBe(0);
    expect(imported.out.replaceAll(back, json)).toBe(original.out);
  });

  it("--residency writes the 住培 template: the §10 sheets, nothing filled in", async () => {
    const out = join(TMP, "zp-template.xlsx");
    const r = await cli("workbook", "--residency", "--out", out);
    expect(r.code, r.err).toBe(0);
    expect(r.outLines).toEqual([`written: ${out} (empty residency template)`]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    for (const s of ["服务水平", "培训大纲", "已完成轮转", "原计划（住培）"]) expect(wb.getWorksheet(s)?.actualRowCount).toBe(2);
    const plain = join(TMP, "template.xlsx");
    expect((await cli("workbook", "--out", plain)).code).toBe(0);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(readFileSync(plain) as unknown as ArrayBuffer);
    expect(wb2.getWorksheet("培训大纲")).toBeUndefined();
  });

  it("a bad 培训大纲 cell: exit 2, the cell on stderr, nothing written", async () => {
    const xlsx = join(TMP, "bad.xlsx");
    const out = join(TMP, "never.json");
    writeFileSync(xlsx, await edited((wb) => {
      wb.getWorksheet("培训大纲")!.getCell("F3").value = 5;
      wb.getWorksheet("已完成轮转")!.getCell("F3").value = "2025-10-15";
    }, richResidency()));
    const r = await cli("import", xlsx, "--out", out);
    expect(r.code).toBe(2);
    expect(r.errLines[0]).toBe(`${xlsx}: 2 problem(s), nothing written`);
    expect(r.errLines.some((l) => l.startsWith("培训大纲!F3 最少（月）: must be ≤ max (3)")), r.err).toBe(true);
    expect(r.errLines.some((l) => l.startsWith("已完成轮转!F3 结束（不含）: must be the 1st of a month")), r.err).toBe(true);
    expect(existsSync(out)).toBe(false);
  });
});
