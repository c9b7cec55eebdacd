/**
 * Round trip: `workbookToInstance(instanceToWorkbook(x))` is `x` — every shipped example,
 * the tiny rule-test instances and generated instances (fast-check) — and the template
 * reads back as the empty instance it is.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { instanceToWorkbook, workbookToInstance } from "../../src/index.js";
import { InstanceError } from "../../src/model/errors.js";
import type { Instance } from "../../src/model/types.js";
import { tinyInstance, tinyWeekInstance } from "../helpers/tiny.js";
import { arbInstance } from "../property/arbitraries.js";

const EXAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), "../../examples");
const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith(".json"));

async function roundTrip(inst: Instance): Promise<Instance> {
  return (await workbookToInstance(await instanceToWorkbook(inst))).instance;
}

describe("workbook round trip", () => {
  it.each(examples)("%s comes back unchanged", async (file) => {
    const inst = JSON.parse(readFileSync(join(EXAMPLES, file), "utf8")) as Instance;
    expect(await roundTrip(inst)).toStrictEqual(inst);
  }, 30_000);

  it("the tiny month and week instances come back unchanged", async () => {
    for (const inst of [tinyInstance(), tinyWeekInstance()]) expect(await roundTrip(inst)).toStrictEqual(inst);
  });

  it("an instance with a baseline (SPEC §11.1, sheet 原计划) and a change weight comes back unchanged", async () => {
    const inst = {
      ...tinyInstance(),
      baseline: { placements: [{ trainee: "t-001", unit: "county-hosp-01", dept: "internal", start: "2024-07-01", end: "2024-09-01", mentor: "m-01" }] },
      objective: { change: 300 },
    } as Instance;
    expect(await roundTrip(inst)).toStrictEqual(inst);
  });

  it("any generated valid instance survives workbook → import unchanged", async () => {
    await fc.assert(
      fc.asyncProperty(arbInstance({ pinned: true, rotations: true, maxTrainees: 5 }), async (inst) => {
        expect(await roundTrip(inst)).toStrictEqual(inst);
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it("an untouched example imports as the same JSON text once keys are in schema order", async () => {
    // lianyungang's keys are in schema order, so even the text is the same.
    const text = readFileSync(join(EXAMPLES, "lianyungang-2024.json"), "utf8");
    const back = await roundTrip(JSON.parse(text));
    expect(`${JSON.stringify(back, null, 2)}\n`).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  });
});

describe("template", () => {
  it("has every sheet, two frozen header rows and the field name under each Chinese header", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await instanceToWorkbook()) as unknown as ArrayBuffer);
    const names = wb.worksheets.filter((w) => w.state === "visible").map((w) => w.name);
    expect(names).toEqual([
      "说明", "日历与目标", "地区", "单位", "科室编制", "接收能力", "带教老师", "下沉能力", "关系", "家庭医生团队",
      "项目", "优先", "名额", "覆盖", "经费", "指定轮转", "人员", "已定安排", "已定轮转", "原计划",
    ]);
    const people = wb.getWorksheet("人员")!;
    expect(people.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    const header = (c: number) => [people.getRow(1).getCell(c).value, people.getRow(2).getCell(c).value];
    // The 登记表 columns come first.
    expect([1, 2, 3, 4, 5, 6, 7].map((c) => header(c)[0])).toEqual(["县区", "姓名", "基层机构名称*", "性别", "职称", "学历", "执业资质"]);
    expect(header(8)).toEqual(["出生日期", "birthDate"]);
    // A drop-down of Chinese labels on 性别.
    const sex = people.getCell("D3").dataValidation;
    expect(sex?.type).toBe("list");
    const [sheet, range] = String(sex?.formulae?.[0]).split("!");
    const opts = wb.getWorksheet(sheet.replace(/'/g, ""))!;
    const col = range.replace(/\$/g, "").split(":")[0].replace(/\d+/, "");
    expect([2, 3].map((r) => opts.getCell(`${col}${r}`).value)).toEqual(["女", "男"]);
  });

  it("imports as an error naming the three calendar cells, nothing else", async () => {
    const err = await workbookToInstance(await instanceToWorkbook()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InstanceError);
    expect((err as InstanceError).issues.map((i) => i.path)).toEqual([
      "日历与目标!C3 计划开始", "日历与目标!C4 计划结束（不含）", "日历与目标!C5 时间单位",
    ]);
  });

  it("writes dates as real dates and labels in Chinese", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await instanceToWorkbook(tinyInstance())) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("人员")!;
    const col = (key: string) => [...Array(ws.columnCount).keys()].map((i) => i + 1).find((c) => ws.getRow(2).getCell(c).value === key)!;
    const t = tinyInstance().trainees[0];
    expect(ws.getRow(3).getCell(col("birthDate")).value).toEqual(new Date(`${t.birthDate}T00:00:00Z`));
    expect(ws.getRow(3).getCell(col("unit")).value).toBe("东海县某镇中心卫生院");
    expect(ws.getRow(3).getCell(col("title")).value).toBe("中级");
    expect(ws.getRow(3).getCell(col("wants.depts")).value).toBe("内科、心血管内科");
  });
});

describe("what a file can contain", () => {
  it("a formula-looking name stays text, a capacity of a million a number, odd ids an id", async () => {
    const inst = {
      ...tinyInstance(),
      units: tinyInstance().units.map((u, i) =>
        i === 0
          ? { ...u, name: '=HYPERLINK("http://example.invalid","点我")' }
          : { ...u, receive: [{ dept: "internal", capacity: 1_000_000 }] }),
      trainees: tinyInstance().trainees.map((t, i) => (i === 0 ? { ...t, id: "0012", name: "+1 (张伟)" } : t)),
    } as Instance;
    const bytes = await instanceToWorkbook(inst);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const cell = wb.getWorksheet("单位")!.getCell("B3");
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
    expect(await roundTrip(inst)).toStrictEqual(inst);
  });
});
