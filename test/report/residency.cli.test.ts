/**
 * `jinxiu report` on a plan with residents (SPEC §10): the workbook, the CSV folder and the
 * HTML report carry the residency sheets and sections, through the CLI a base office runs.
 */
import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";
import { HOSTILE, residencyInstance, residencyPlan } from "./residency.fixture.js";

const TMP = mkdtempSync(join(tmpdir(), "jinxiu-residency-cli-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

describe("jinxiu report with residents", () => {
  it("writes the residency sheets to the workbook and the CSV folder, and the heatmap to the HTML", async () => {
    const inst = join(TMP, "sd.json"), plan = join(TMP, "sd.plan.json");
    writeFileSync(inst, JSON.stringify(residencyInstance()));
    writeFileSync(plan, JSON.stringify(residencyPlan()));
    const xlsx = join(TMP, "住培.xlsx"), csv = join(TMP, "csv"), html = join(TMP, "report.html");
    const run = await cli("report", inst, plan, "--xlsx", xlsx, "--csv", csv, "--html", html);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(readdirSync(csv).sort()).toEqual(["住培一人一档.csv", "基地汇总.csv", "科室轮转排班表.csv", "轮转计划表.csv"].sort());
    const schedule = readFileSync(join(csv, "轮转计划表.csv"), "utf8");
    expect(schedule.startsWith("\uFEFF姓名,培训基地,专业,年级,2025.09,")).toBe(true);
    expect(schedule).toContain("张三,山东第一医科大学第一附属医院,全科,2025级,急诊科,急诊科,心血管内科,心血管内科,全科（历城区洪家楼街道社区卫生服务中心）,,\r\n");
    expect(schedule).toContain(`"'${HOSTILE.replace(/"/g, '""')}"`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(xlsx) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["轮转计划表", "科室轮转排班表", "基地汇总", "住培一人一档"]);
    const page = readFileSync(html, "utf8");
    expect(page).toContain('data-testid="service-heatmap"');
    expect(page).toContain('data-testid="resident"');
  });
});
