/**
 * The residency sheets (SPEC §10) a 住培 base office files: 轮转计划表, 科室轮转排班表, 基地汇总
 * and 住培一人一档, built from the hand-made instance of residency.fixture.ts, read back from
 * the workbook with exceljs and from the CSV files.
 */
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Instance, Plan } from "../../src/model/types.js";
import { formsToCsv, tableToCsv } from "../../src/report/csv.js";
import { buildForms } from "../../src/report/forms.js";
import { type ResidencyForms } from "../../src/report/residency.js";
import { tablesToXlsx, workbookTables } from "../../src/report/xlsx.js";
import { residencyTables } from "../../src/report/residency.js";
import { contextOf } from "../../src/rules/context.js";
import { namesOf } from "../../src/rules/words.js";
import { mutate } from "../helpers/tiny.js";
import { verifyPlan } from "../../src/verify.js";
import { BASE, HOSTILE, mixedInstance, mixedPlan, residencyInstance, residencyPlan } from "./residency.fixture.js";

function build(inst: Instance, plan: Plan, lang: "zh" | "en" = "zh"): ResidencyForms {
  const r = buildForms(inst, plan, { lang }).residency;
  if (!r) throw new Error("no residency forms");
  return r;
}

/** The workbook's sheet as a grid of cell values (row 1 = title, row 2 = headers). */
async function sheetGrid(r: ResidencyForms, name: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await tablesToXlsx(residencyTables(r))) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, i) => {
    const vals: unknown[] = [];
    for (let c = 1; c <= ws.columnCount; c++) vals.push(row.getCell(c).value ?? "");
    out[i - 1] = vals;
  });
  return out;
}

describe("轮转计划表: one row per resident, one column per month", () => {
  let inst: Instance, plan: Plan, r: ResidencyForms;
  beforeAll(() => {
    inst = residencyInstance();
    plan = residencyPlan();
    r = build(inst, plan);
  });

  it("names, base, specialty, cohort and the department of each month, the unit when not the base", async () => {
    const grid = await sheetGrid(r, "轮转计划表");
    expect(grid[1]).toEqual(["姓名", "培训基地", "专业", "年级", "2025.09", "2025.10", "2025.11", "2025.12", "2026.01", "2026.02", "备注"]);
    const row = (name: string) => grid.find((g) => g[0] === name)!;
    expect(row("张三")).toEqual(["张三", "山东第一医科大学第一附属医院", "全科", "2025级", "急诊科", "急诊科", "心血管内科", "心血管内科",
      "全科（历城区洪家楼街道社区卫生服务中心）", "", ""]);
    expect(row(`'${HOSTILE}`).slice(3, 11)).toEqual(["2024级", "心血管内科", "心血管内科", "急诊科", "急诊科", "", "", "免轮转：全科"]);
    // Unscheduled: no month, and why.
    expect(row("李四")).toEqual(["李四", "山东第一医科大学第一附属医院", "内科", "2025级", "", "", "", "", "", "", "未安排：竞争落选"]);
  });

  it("each month column holds exactly the rotations covering it (every resident, every month)", () => {
    const ctx = contextOf(inst);
    for (const e of plan.residencies!) {
      const t = ctx.trainees.get(e.trainee)!;
      const row = r.schedule.rows.find((x) => x[0] === t.name)!;
      for (let k = 0; k < ctx.slots.count; k++) {
        const at = e.rotations.filter((x) => { const [a, b] = ctx.span(x.start, x.end); return a <= k && k < b; });
        expect(row[4 + k] === "", `${t.id} month ${k}`).toBe(at.length === 0);
        for (const x of at) expect(String(row[4 + k])).toContain(r.schedule.rows.length > 0 ? namesOf(ctx).dept(x.dept) : "");
      }
    }
  });

  it("prints A4 landscape with the name columns repeated, twelve months a page across, bordered cells", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await tablesToXlsx(residencyTables(r))) as unknown as ArrayBuffer);
    for (const name of ["轮转计划表", "科室轮转排班表", "基地汇总", "住培一人一档"]) {
      const ws = wb.getWorksheet(name)!;
      expect(ws.pageSetup.paperSize, name).toBe(9);
      expect(ws.pageSetup.orientation, name).toBe("landscape");
      expect(ws.pageSetup.printTitlesRow, name).toBe("1:2");
      expect(ws.getRow(3).getCell(1).border?.top?.style, name).toBe("thin");
    }
    const plan1 = wb.getWorksheet("轮转计划表")!;
    expect(plan1.pageSetup.printTitlesColumn).toBe("A:D");
    expect(plan1.pageSetup.fitToWidth).toBe(1); // 6 months + notes: one page across
    expect(plan1.views[0]).toMatchObject({ state: "frozen", xSplit: 4, ySplit: 2 });
  });
});

describe("科室轮转排班表: residents present against capacity and the service minimum", () => {
  let r: ResidencyForms;
  beforeAll(() => {
    r = build(residencyInstance(), residencyPlan());
  });
  const rowsOf = (t: ResidencyForms["departments"], unit: string, dept: string) =>
    t.rows.filter((x) => x[0] === unit && x[1] === dept).map((x) => [x[2], ...x.slice(3)]);

  it("per department: present, capacity, each service row's minimum and the shortfalls marked", async () => {
    const emergency = rowsOf(r.departments, "山东第一医科大学第一附属医院", "急诊科");
    expect(emergency).toEqual([
      ["住院医师在岗", 1, 1, 1, 1, 0, 0, "共 4 人·月"],
      ["接收容量", 2, 2, 2, 2, 2, 2, ""],
      ["服务最低（第1行，软性）", 1, 1, 1, 1, 1, 1, "需 6 人·月，实 4，缺 2"],
      ["状态", "", "", "", "", "缺1", "缺1", ""],
    ]);
    const cardiology = rowsOf(r.departments, "山东第一医科大学第一附属医院", "心血管内科");
    expect(cardiology[2]).toEqual(["服务最低（第2行，硬性）", 1, 1, "", "", "", "", "需 2 人·月，实 2，缺 0"]);
    expect(cardiology[3]).toEqual(["状态", "", "", "", "", "", "", ""]);
    // The 基层实践基地 is listed: a resident rotates there.
    expect(rowsOf(r.departments, "历城区洪家楼街道社区卫生服务中心", "全科")[0]).toEqual(["住院医师在岗", 0, 0, 0, 0, 1, 0, "共 1 人·月"]);
    // The workbook fills the short cells amber; numbers stay numbers.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await tablesToXlsx(residencyTables(r))) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("科室轮转排班表")!;
    const first = r.departments.rows.findIndex((x) => x[1] === "急诊科" && x[2] === "状态");
    const cell = ws.getRow(3 + first).getCell(4 + 4);
    expect(cell.value).toBe("缺1");
    expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFDE68A");
    expect((ws.getRow(3 + first).getCell(4).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).toBeUndefined();
    expect(typeof ws.getRow(3).getCell(4).value).toBe("number");
  });

  it("a hard row short or a month over capacity is marked red", () => {
    const inst = residencyInstance();
    const plan = residencyPlan();
    // r-002 in emergency instead of cardiology (the hard row's only resident), and r-003 with r-001 and r-002 in emergency in 2025-09 (capacity 2).
    const em = (start: string, end: string) => ({ requirement: "emergency", unit: BASE, dept: "emergency", start, end, mentor: "m-e1" });
    const broken: Plan = {
      ...plan,
      residencies: [
        plan.residencies![0],
        { trainee: "r-002", rotations: [em("2025-09-01", "2025-11-01"), em("2025-11-01", "2026-01-01")] },
        { trainee: "r-003", rotations: [em("2025-09-01", "2025-10-01")] },
      ],
      unplaced: [],
    };
    const d = build(inst, broken).departments;
    const cardio = d.rows.find((x) => x[1] === "心血管内科" && x[2] === "状态")!;
    expect(cardio.slice(3, 5)).toEqual(["缺1（硬性）", "缺1（硬性）"]);
    const state = d.rows.find((x) => x[1] === "急诊科" && x[2] === "状态")!;
    expect(state.slice(3, 5)).toEqual(["超容1", ""]);
    expect(d.marks).toContainEqual({ row: d.rows.indexOf(state), col: 3, mark: "bad" });
    expect(d.marks).toContainEqual({ row: d.rows.indexOf(cardio), col: 3, mark: "bad" });
  });
});

describe("基地汇总: residents per specialty and cohort, managers required against present", () => {
  it("groups, the base's subtotal with its managers, and the total", () => {
    const r = build(residencyInstance(), residencyPlan());
    expect(r.bases.headers).toEqual(["培训基地", "专业", "年级", "已排", "未排", "合计", "专职管理人员", "需配备", "可容纳住院医师", "状态"]);
    const base = "山东第一医科大学第一附属医院";
    expect(r.bases.rows).toEqual([
      [base, "全科", "2024级", 1, 0, 1, "", "", "", ""],
      [base, "全科", "2025级", 1, 0, 1, "", "", "", ""],
      [base, "内科", "2025级", 0, 1, 1, "", "", "", ""],
      [base, "小计", "", 2, 1, 3, 3, 3, 300, "符合"],
      ["合计", "", "", 2, 1, 3, "", "", "", ""],
    ]);
  });

  it("a base over its managers' limit says so and is marked, as R-MANAGERS finds it", () => {
    const inst = mutate(residencyInstance(), (i) => { i.units[0].managers = 2; });
    const plan = residencyPlan();
    expect(verifyPlan(inst, plan).violations.map((v) => v.code)).toEqual(["R-MANAGERS"]);
    const r = build(inst, plan);
    const sub = r.bases.rows.find((x) => x[1] === "小计")!;
    expect(sub.slice(6)).toEqual([2, 3, 0, "不足 3 人，不得招收（已排 2 人）"]);
    expect(r.bases.marks).toEqual([{ row: r.bases.rows.indexOf(sub), col: 9, mark: "bad" }]);
  });
});

describe("住培一人一档: one record per resident", () => {
  it("period, rotations with mentors and fixed ones, months per requirement; reasons for the unscheduled", () => {
    const r = build(residencyInstance(), residencyPlan());
    const rec = (id: string) => r.perResident.rows.find((x) => x[0] === id)!;
    expect(rec("r-001").slice(0, 9)).toEqual(["r-001", "张三", "山东第一医科大学第一附属医院", "全科", "2025级", "山东省住院医师规范化培训", "2025-09-01", "2028-08-31", "已安排"]);
    expect(rec("r-001")[9]).toBe("2025.09—2025.10 急诊科 带教 赵主治（中级）；2025.11—2025.12 心血管内科 带教 王主治（中级）；2026.01—2026.01 全科（历城区洪家楼街道社区卫生服务中心） 带教 孙医生（中级）");
    expect(rec("r-001")[10]).toBe("内科 2 个月（2 个月）；急诊科 2 个月（1–2 个月）；全科 1 个月（1 个月）");
    expect(String(rec("r-002")[9])).toContain("心血管内科 带教 王主治（中级）（已定）");
    expect(rec("r-002")[10]).toBe("内科 2 个月（2 个月）；急诊科 2 个月（1–2 个月）；全科 免轮转");
    expect(rec("r-003").slice(8)).toEqual(["未安排", "", "", "竞争落选：心血管内科 2025-09 起的接收容量已用于其他住院医师"]);
  });

  it("in English: headers and words, names kept", () => {
    const r = build(residencyInstance(), residencyPlan(), "en");
    expect(r.schedule.headers.slice(0, 4)).toEqual(["name", "training base", "specialty", "cohort"]);
    expect(r.schedule.rows[0].slice(2, 4)).toEqual(["general practice", "cohort 2024"]);
    expect(r.bases.rows.at(-1)![0]).toBe("Total");
  });
});

describe("a hostile name is text in every residency sheet and CSV file", () => {
  it("never a formula: a leading quote in the workbook and in the CSV", async () => {
    const r = build(residencyInstance(), residencyPlan());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await tablesToXlsx(residencyTables(r))) as unknown as ArrayBuffer);
    let seen = 0;
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => {
      expect(c.formula, `${ws.name} ${c.address}`).toBeUndefined();
      expect(c.type, `${ws.name} ${c.address}`).not.toBe(ExcelJS.ValueType.Formula);
      if (String(c.value).includes("HYPERLINK")) {
        seen++;
        expect(String(c.value).startsWith("'="), `${ws.name} ${c.address}`).toBe(true);
      }
    })));
    expect(seen).toBeGreaterThanOrEqual(2); // 轮转计划表 and 住培一人一档
    for (const t of residencyTables(r)) {
      const csv = tableToCsv(t);
      for (const line of csv.split("\r\n")) for (const field of line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)) expect(field.startsWith("=")).toBe(false);
    }
    expect(tableToCsv(r.schedule)).toContain(`"'=HYPERLINK(""http://x"",""点我"")"`);
  });
});



describe("the workbook and the CSV files of a plan with residents", () => {
  it("the hand-made plans are valid (the sheets read a plan the verifier accepts)", () => {
    expect(verifyPlan(residencyInstance(), residencyPlan())).toMatchObject({ valid: true, objective: 95, objectiveMatches: true, shortfallsMatch: true });
    expect(verifyPlan(mixedInstance(), mixedPlan())).toMatchObject({ valid: true, objectiveMatches: true, shortfallsMatch: true });
  });

  it("residents alone: the residency sheets only, in the workbook and as CSV files", () => {
    const forms = buildForms(residencyInstance(), residencyPlan());
    expect(forms.residentsOnly).toBe(true);
    expect(workbookTables(forms).map((t) => t.name)).toEqual(["轮转计划表", "科室轮转排班表", "基地汇总", "住培一人一档"]);
    expect(Object.keys(formsToCsv(forms))).toEqual(["轮转计划表.csv", "科室轮转排班表.csv", "基地汇总.csv", "住培一人一档.csv"]);
    // Residents never appear in the 进修 forms.
    expect(forms.perTrainee.rows).toEqual([]);
  });

  it("residents beside 进修 trainees: every sheet; the department shows trainees of every kind against its capacity", async () => {
    const forms = buildForms(mixedInstance(), mixedPlan());
    expect(forms.residentsOnly).toBeUndefined();
    expect(workbookTables(forms).map((t) => t.name)).toEqual(["登记表", "汇总表", "分配表", "一人一策一档", "接收名单", "分年度", "轮转计划表", "科室轮转排班表", "基地汇总", "住培一人一档"]);
    expect(forms.registration.rows.map((r) => r[1])).toEqual(["周医生"]);
    expect(forms.perTrainee.rows.map((r) => r[0])).toEqual(["t-001"]);
    const cardio = forms.residency!.departments.rows.filter((x) => x[1] === "心血管内科").map((x) => [x[2], ...x.slice(3, 9)]);
    expect(cardio.slice(0, 3)).toEqual([
      ["住院医师在岗", 1, 1, 1, 1, 0, 0],
      ["接收容量", 2, 2, 2, 2, 2, 2],
      ["在训合计（含进修）", 1, 1, 2, 2, 0, 0],
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await tablesToXlsx(workbookTables(forms))) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(workbookTables(forms).map((t) => t.name));
  });
});
