/** `jinxiu report`: forms and HTML written for a solved plan (with the per-year parts on a multi-year calendar); a broken plan is exit 1 (unless --force), no output asked for is exit 2. */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";
import { parseInstance } from "../../src/model/parse.js";
import { threeYearInstance, threeYearPlan } from "../report/yearly.fixture.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const INSTANCE = join(ROOT, "examples/lianyungang-2024.json");
const dir = mkdtempSync(join(tmpdir(), "jinxiu-report-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("jinxiu report", () => {
  it("writes the workbook, the CSV forms and the HTML report of a solved plan", async () => {
    const plan = join(dir, "plan.json");
    expect((await cli("solve", INSTANCE, "--out", plan, "--quiet")).code).toBe(0);
    const r = await cli("report", INSTANCE, plan, "--xlsx", join(dir, "forms.xlsx"), "--csv", join(dir, "csv"), "--html", join(dir, "report.html"));
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(dir, "forms.xlsx")) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["登记表", "汇总表", "分配表", "一人一策一档", "接收名单"]);
    const placed = JSON.parse(readFileSync(plan, "utf8")).placements.length;
    expect(wb.getWorksheet("登记表")!.rowCount - 2).toBe(placed); // title and header rows
    expect(readdirSync(join(dir, "csv")).sort()).toEqual(["一人一策一档.csv", "分配表.csv", "汇总表.csv", "登记表.csv", "接收名单.csv"].sort());
    const html = readFileSync(join(dir, "report.html"), "utf8");
    expect(html.match(/data-testid="gantt-bar"/g)?.length).toBe(placed);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("refuses a plan that breaks a rule (exit 1, as the README says; the violations listed), writing nothing", async () => {
    const inst = parseInstance(readFileSync(INSTANCE, "utf8"));
    const bad = join(dir, "bad.json");
    const t = inst.trainees[0];
    writeFileSync(bad, JSON.stringify({ version: 1, status: "feasible", objective: 0, placements: [{ trainee: t.id, unit: t.unit, dept: t.dept, start: "2024-07-01", end: "2024-10-01" }], support: [], unplaced: [], shortfalls: [], conflicts: [] }));
    const out = join(dir, "never.xlsx");
    const r = await cli("report", INSTANCE, bad, "--xlsx", out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/R-RECEIVER|R-ONCE/);
    expect(existsSync(out)).toBe(false);
  });

  it("adds the per-year sheet and section for a plan over three calendar years", async () => {
    const inst = threeYearInstance();
    const instFile = join(dir, "three-year.json"), planFile = join(dir, "three-year.plan.json");
    writeFileSync(instFile, JSON.stringify(inst));
    writeFileSync(planFile, JSON.stringify(threeYearPlan(inst)));
    const r = await cli("report", instFile, planFile, "--xlsx", join(dir, "three-year.xlsx"), "--html", join(dir, "three-year.html"));
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(dir, "three-year.xlsx")) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["登记表", "汇总表", "分配表", "一人一策一档", "接收名单", "分年度"]);
    // Row 1 is the form's title, row 2 the header.
    expect((wb.getWorksheet("分年度")!.getRow(2).values as unknown[]).slice(1)).toEqual(["项目", "指标", "2024年", "2025年", "2026年", "目标"]);
    expect(readFileSync(join(dir, "three-year.html"), "utf8")).toContain('<section id="years" data-testid="yearly">');
  });

  it("asks for at least one output", async () => {
    const r = await cli("report", INSTANCE, join(dir, "plan.json"));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--xlsx FILE, --csv DIR or --html FILE/);
  });
});
