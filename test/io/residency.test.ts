/**
 * The residency (SPEC §10 住培) workbook: the tiny §10 fixture and generated residency
 * instances come back as the same JSON text; a 进修 workbook keeps its layout (no §10 sheet
 * or column); a 培训大纲 filled in the way a base office would (curricula interleaved, the
 * per-curriculum field on one row only, Chinese labels) reads as meant; and every §10 cell
 * problem is reported at its exact cell.
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasResidency } from "../../src/io/index.js";
import { instanceToWorkbook, parseInstance, traineesFromCsv, workbookToInstance } from "../../src/index.js";
import { InstanceError, type Issue } from "../../src/model/errors.js";
import { checkInstance } from "../../src/model/parse.js";
import type { Instance } from "../../src/model/types.js";
import { tinyInstance } from "../helpers/tiny.js";
import { edited } from "./helpers.js";
import { arbResidencyInstance } from "./residency-arb.js";
import { richResidency } from "./residency-fixtures.js";
import * as report from "../report/residency.fixture.js";
import { residencyInstance } from "../rules/residency-fixture.js";

async function roundTrip(inst: Instance): Promise<Instance> {
  return (await workbookToInstance(await instanceToWorkbook(inst))).instance;
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

const visible = (wb: ExcelJS.Workbook) => wb.worksheets.filter((w) => w.state === "visible").map((w) => w.name);
const keysRow = (ws: ExcelJS.Worksheet) => [...Array(ws.columnCount).keys()].map((c) => ws.getRow(2).getCell(c + 1).value);

const RESIDENCY_SHEETS = ["服务水平", "培训大纲", "已完成轮转", "原计划（住培）"];

describe("residency workbook round trip", () => {
  it("the tiny §10 fixture comes back as the same JSON text", async () => {
    const x = parseInstance(residencyInstance());
    expect(JSON.stringify(await roundTrip(x))).toBe(JSON.stringify(x));
  });

  it("so does the fixture with completed, fixed, two curricula, dated service rows and a baseline of residencies", async () => {
    const x = richResidency();
    expect(JSON.stringify(await roundTrip(x))).toBe(JSON.stringify(x));
  });

  it("so do the report tests' residency and mixed 进修 + 住培 instances (a formula-looking name), with the plan as a baseline", async () => {
    const withBaseline = { ...report.residencyInstance(), baseline: { residencies: report.residencyPlan().residencies } } as Instance;
    for (const inst of [report.residencyInstance(), report.mixedInstance(), withBaseline]) {
      const x = parseInstance(inst);
      expect(JSON.stringify(await roundTrip(x))).toBe(JSON.stringify(x));
    }
  });

  it("any generated residency instance is valid and comes back as the same JSON text", async () => {
    let residents = 0, emptyEntries = 0;
    await fc.assert(
      fc.asyncProperty(arbResidencyInstance, async (inst) => {
        expect(checkInstance(inst)).toEqual([]);
        residents += inst.trainees.filter((t) => t.curriculum !== undefined).length;
        emptyEntries += (inst.baseline?.residencies ?? []).filter((e) => e.rotations.length === 0).length;
        const x = parseInstance(inst);
        expect(JSON.stringify(await roundTrip(x))).toBe(JSON.stringify(x));
      }),
      { numRuns: 40, seed: 10 },
    );
    // The draws did exercise residents and baseline entries without rotations.
    expect(residents).toBeGreaterThan(20);
    expect(emptyEntries).toBeGreaterThan(0);
  }, 180_000);
});

describe("which workbooks have the §10 sheets", () => {
  it("a residency workbook has 服务水平, 培训大纲, 已完成轮转, 原计划（住培） and the §10 columns", async () => {
    const wb = await load(await instanceToWorkbook(richResidency()));
    expect(visible(wb)).toEqual([
      "说明", "日历与目标", "地区", "单位", "科室编制", "接收能力", "带教老师", "下沉能力", "服务水平", "关系", "家庭医生团队",
      "项目", "优先", "名额", "覆盖", "经费", "指定轮转", "培训大纲", "人员", "已定安排", "已定轮转", "已完成轮转", "原计划", "原计划（住培）",
    ]);
    expect(keysRow(wb.getWorksheet("单位")!).at(-1)).toBe("managers");
    expect(keysRow(wb.getWorksheet("人员")!).slice(-2)).toEqual(["curriculum", "completed"]);
    expect(keysRow(wb.getWorksheet("培训大纲")!)).toEqual([
      "@programme", "curriculum", "minBlock", "id", "depts", "min", "max", "blocks", "phase.from", "phase.to", "after", "sites.tiers", "sites.kinds", "sites.relations",
    ]);
    // One row per requirement, the curriculum repeated on each; the relation by its Chinese label.
    const plan = wb.getWorksheet("培训大纲")!;
    expect([3, 4, 5, 6, 7].map((r) => [plan.getCell(`B${r}`).value, plan.getCell(`D${r}`).value, plan.getCell(`C${r}`).value]))
      .toEqual([["gp", "internal", 1], ["gp", "emergency", 1], ["gp", "icu", 1], ["gp", "community", 1], ["im", "ward", 2]]);
    expect(plan.getCell("E3").value).toBe("心血管内科、呼吸内科");
    expect(plan.getCell("N6").value).toBe("住培协同");
    expect(wb.getWorksheet("关系")!.getCell("A3").value).toBe("住培协同");
    // The resident without rotations in the baseline: a row of the resident alone.
    const base = wb.getWorksheet("原计划（住培）")!;
    expect([7, 8].map((r) => [base.getCell(`A${r}`).value, base.getCell(`B${r}`).value])).toEqual([["r3", null], [null, null]]);
    // 说明 tells how to fill them in.
    const readme = wb.getWorksheet("说明")!;
    const text = [...Array(readme.rowCount).keys()].map((r) => String(readme.getRow(r + 1).getCell(1).value ?? "")).join("\n");
    expect(text).toContain("培训大纲");
  });

  it("a 进修 workbook and the default template have none of them: their layout is the one before §10", async () => {
    for (const bytes of [await instanceToWorkbook(tinyInstance()), await instanceToWorkbook()]) {
      const wb = await load(bytes);
      for (const s of RESIDENCY_SHEETS) expect(visible(wb)).not.toContain(s);
      expect(keysRow(wb.getWorksheet("单位")!)).toEqual(["id", "name", "tier", "kind", "region"]);
      expect(keysRow(wb.getWorksheet("人员")!).at(-1)).toBe("lastPlacementEnd");
    }
    expect(hasResidency(tinyInstance())).toBe(false);
    expect(hasResidency(richResidency())).toBe(true);
  });

  it("the residency template (residency: true) has them, and imports as the three calendar cells", async () => {
    const bytes = await instanceToWorkbook(undefined, { residency: true });
    const wb = await load(bytes);
    for (const s of RESIDENCY_SHEETS) expect(visible(wb)).toContain(s);
    const err = await workbookToInstance(bytes).catch((e: unknown) => e);
    expect((err as InstanceError).issues.map((i) => i.path)).toEqual([
      "日历与目标!C3 计划开始", "日历与目标!C4 计划结束（不含）", "日历与目标!C5 时间单位",
    ]);
  });

  it("a 进修 workbook given §10 sheets by hand reads them (the reader always accepts them)", async () => {
    const bytes = await edited((wb) => {
      const ws = wb.addWorksheet("服务水平");
      ws.addRow(["单位", "科室", "至少在岗住院医师"]);
      ws.addRow(["东海县人民医院", "内科", 1]);
    });
    const { instance } = await workbookToInstance(bytes);
    expect(instance.units.find((u) => u.id === "county-hosp-01")!.service).toEqual([{ dept: "internal", min: 1 }]);
  });
});

describe("a 培训大纲 filled in by a base office", () => {
  it("curricula interleaved, minBlock on one row only, labels and codes mixed: reads as meant", async () => {
    const x = richResidency();
    const bytes = await edited((wb) => {
      const ws = wb.getWorksheet("培训大纲")!;
      // Move the im curriculum's row between gp's rows; minBlock only on its first row.
      const rows = [3, 4, 5, 6, 7].map((r) => ws.getRow(r).values as ExcelJS.CellValue[]);
      const order = [0, 4, 1, 2, 3];
      order.forEach((k, i) => { ws.getRow(3 + i).values = rows[k]; });
      for (const r of [5, 6, 7]) ws.getCell(`C${r}`).value = null;
      ws.getCell("E4").value = "cardiology"; // a code for 心血管内科
      ws.getCell("M4").value = "综合医院，中医类医院"; // a full-width comma between items
    }, x);
    const { instance } = await workbookToInstance(bytes);
    expect(instance).toStrictEqual(x);
  });
});

describe("residents from a 登记表 CSV", () => {
  it("培训大纲 and 已完成的轮转要求 are read like the other 人员 columns, problems at their cells", () => {
    const csv = "姓名,基层机构名称,科室,培训大纲,已完成的轮转要求,可进修时间（起）,可进修时间（止，不含）\n"
      + "王五,省立医院,全科,gp,急诊、emergency,2025-09-01,2026-09-01\n";
    const base = parseInstance(residencyInstance());
    expect(() => traineesFromCsv(new TextEncoder().encode(csv), base, { name: "x.csv" })).toThrow(/x\.csv!E2 已完成的轮转要求: unknown requirement "急诊"/);
    const { instance } = traineesFromCsv(new TextEncoder().encode(csv.replace("急诊、", "")), base, { name: "x.csv" });
    expect(instance.trainees.at(-1)).toEqual({
      id: "王五", name: "王五", unit: "base", dept: "general-practice", programme: "sd",
      available: { from: "2025-09-01", to: "2026-09-01" }, curriculum: "gp", completed: ["emergency"],
    });
  });
});

async function issuesOf(bytes: Uint8Array): Promise<Issue[]> {
  const e = await workbookToInstance(bytes).then(() => undefined, (x: unknown) => x);
  if (!(e instanceof InstanceError)) throw new Error(`expected an InstanceError, got ${String(e)}`);
  return [...e.issues];
}

const set = (sheet: string, addr: string, value: ExcelJS.CellValue) => (wb: ExcelJS.Workbook) => {
  wb.getWorksheet(sheet)!.getCell(addr).value = value;
};

/** Edits of the rich fixture's workbook and the exact `sheet!cell column` paths each must produce, with words of each message. */
const RESIDENCY_CASES: [string, (wb: ExcelJS.Workbook) => void, [string, string][]][] = [
  ["an unknown curriculum", set("人员", "V3", "内科大纲"), [["人员!V3 培训大纲", "unknown curriculum \"内科大纲\""]]],
  ["min above max", set("培训大纲", "F3", 5), [["培训大纲!F3 最少（月）", "must be ≤ max (3)"]]],
  ["a malformed date in 已完成轮转", set("已完成轮转", "E3", "2025-13-01"), [["已完成轮转!E3 开始", "\"2025-13-01\" 不是日期"]]],
  ["an unknown tier in a list", set("培训大纲", "L6", "乡镇（社区）、地市"), [["培训大纲!L6 基地外可去：层级", "\"地市\" 不是可选的层级"]]],
  ["a date where a list belongs", set("人员", "W3", new Date(Date.UTC(2025, 8, 1))), [["人员!W3 已完成的轮转要求", "不是日期"]]],
  ["an unknown requirement in 须先完成", set("培训大纲", "K5", "internal、外科"), [["培训大纲!K5 须先完成", "unknown requirement \"外科\" of curriculum \"gp\""]]],
  ["a cycle in 须先完成", set("培训大纲", "K3", "icu"), [["培训大纲!K3 须先完成", "cycle"]]],
  ["two minBlocks for one curriculum", set("培训大纲", "C4", 2), [["培训大纲!C4 每段至少（月）", "与 C3 的 \"1\" 不同"]]],
  ["a curriculum row of an unknown programme", set("培训大纲", "A6", "浙江住培"), [["培训大纲!A6 项目", "未知的项目"]]],
  ["a requirement id left blank", set("培训大纲", "D6", null), [["培训大纲!D6 轮转要求", "必填"]]],
  ["a duplicate requirement", set("培训大纲", "D6", "internal"), [["培训大纲!D6 轮转要求", "duplicate requirement id \"internal\" (also 培训大纲!A3)"]]],
  ["a requirement no longer there, named by a fixed rotation", set("培训大纲", "D4", "急诊"), [["已完成轮转!B3 轮转要求", "unknown requirement \"emergency\""]]],
  ["a bad month count", set("培训大纲", "G4", "一个月"), [["培训大纲!G4 最多（月）", "不是数字"]]],
  ["an unknown requirement in 已完成轮转", set("已完成轮转", "B3", "外科"), [["已完成轮转!B3 轮转要求", "unknown requirement \"外科\""]]],
  ["overlapping fixed rotations (the other one named by its cell)", (wb) => {
    wb.getWorksheet("已完成轮转")!.getRow(4).values = ["张二", "internal", "省立医院", "心血管内科", "2025-09-01", "2025-11-01", "m-card"];
  }, [["已完成轮转!A4", "overlaps 已完成轮转!A3 (2025-09-01 – 2025-10-01)"]]],
  ["a fixed rotation of someone not in 人员", set("已完成轮转", "A3", "李四"), [["已完成轮转!A3 人员", "未知的人员"]]],
  ["a completed requirement that is not in the curriculum", set("人员", "W3", "icu、外科"), [["人员!W3 已完成的轮转要求", "unknown requirement \"外科\""]]],
  ["a name of two residents in 原计划（住培）", set("原计划（住培）", "A4", "张一"), [["原计划（住培）!A4 人员", "是多个人员的名称"]]],
  ["a baseline rotation at a department not received", set("原计划（住培）", "D4", "儿科"), [["原计划（住培）!D4 科室", "receives no department \"pediatrics\""]]],
  ["a service row's bad yes/no", set("服务水平", "F4", "也许"), [["服务水平!F4 硬性", "不是可选的是/否"]]],
  ["a service row ending before it starts", set("服务水平", "E4", "2025-12"), [["服务水平!E4 止（不含）", "must be after from"]]],
  ["negative managers", set("单位", "F3", -1), [["单位!F3 住培专职管理人员", "≥ 0"]]],
  ["a week calendar under a residency programme", set("日历与目标", "C5", "周"), [["培训大纲!A3", "month calendar"], ["日历与目标!C4 计划结束（不含）", "Monday"]]],
];

describe("a malformed residency workbook is reported cell by cell", () => {
  it.each(RESIDENCY_CASES)("%s", async (_name, edit, expected) => {
    const issues = await issuesOf(await edited(edit, richResidency()));
    for (const [path, words] of expected) {
      const hit = issues.find((i) => i.path === path);
      expect(hit, `${path} in ${JSON.stringify(issues, null, 1)}`).toBeDefined();
      expect(hit!.message).toContain(words);
    }
    expect(issues.every((i) => expected.some(([e]) => e === i.path)), JSON.stringify(issues, null, 1)).toBe(true);
  });
});
