/**
 * The commission forms (登记表, 汇总表, 分配表, 一人一策一档) built from solved examples:
 * the 连云港 2024 plan's forms are checked against the published allocation table, written
 * to XLSX and read back cell by cell with exceljs, written to CSV and parsed back; the
 * 上海 plan's 登记表 lists rotations; the 汇总表 department grouping can be overridden.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { parseInstance } from "../../src/model/parse.js";
import type { Instance, Plan } from "../../src/model/types.js";
import { tableToCsv, formsToCsv } from "../../src/report/csv.js";
import { REASON_LABELS, label } from "../../src/model/labels.js";
import { buildForms, DEFAULT_DEPT_GROUPS, type Forms, type Table } from "../../src/report/forms.js";
import { formsToXlsx } from "../../src/report/xlsx.js";
import { solve } from "../../src/solve/index.js";
import { mentorShown } from "../helpers/names.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const load = (name: string): Instance => parseInstance(readFileSync(resolve(HERE, "../../examples", name), "utf8"));

/** The published 附件3 分配表, by the region names the example instance uses. */
const PUBLISHED: Record<string, number> = {
  东海县: 10, 灌云县: 9, 灌南县: 7, 赣榆区: 11, 海州区: 7, 连云区: 3, 市开发区: 1, 徐圩新区: 1, 云台山景区: 1,
};

const HEADERS = {
  registration: ["县区", "进修人员", "基层机构名称", "性别", "年龄", "职称", "学历", "执业资质", "进修专科", "进修医院名称", "进修起止月份", "备注"],
  summary: ["县区", "小计", "内科", "外科", "妇产科", "儿科", "中医科", "口腔科", "五官科", "护理", "影像", "检验", "其他"],
  allocation: ["县区", "名额", "实际安排", "差额"],
  perTrainee: ["编号", "姓名", "单位", "科室", "项目", "状态", "进修医院", "进修专科", "开始日期", "结束日期", "带教老师", "轮转", "适用规则"],
  receiving: ["接收医院", "进修科室", "姓名", "派出单位", "县区", "到岗日期", "结束日期", "带教老师", "轮转", "备注"],
};
const NAMES = { registration: "登记表", summary: "汇总表", allocation: "分配表", perTrainee: "一人一策一档", receiving: "接收名单" };
const KEYS = ["registration", "summary", "allocation", "perTrainee", "receiving"] as const;

/** Name of the home unit's region, as 县区 shows it. */
function countyName(inst: Instance, unitId: string): string {
  const region = inst.units.find((u) => u.id === unitId)?.region;
  const r = inst.regions?.find((x) => x.id === region);
  return r?.name ?? region ?? "";
}

/** Placements per 县区 name, computed from the plan directly. */
function placementsByCounty(inst: Instance, plan: Plan): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of plan.placements) {
    const t = inst.trainees.find((x) => x.id === p.trainee)!;
    const c = countyName(inst, t.unit);
    out.set(c, (out.get(c) ?? 0) + 1);
  }
  return out;
}

/** CSV text back to cells, through exceljs's CSV reader (fast-csv) with no value conversion. */
async function parseCsv(text: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  const ws = await wb.csv.read(Readable.from([text]), { map: (v: unknown) => v });
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const v = row.getCell(c).value;
      cells.push(v === null || v === undefined ? "" : String(v));
    }
    rows.push(cells);
  });
  return rows;
}


describe("commission forms, 连云港 2024", () => {
  let inst: Instance;
  let plan: Plan;
  let forms: Forms;

  beforeAll(async () => {
    inst = load("lianyungang-2024.json");
    plan = await solve(inst);
    forms = buildForms(inst, plan);
  });

  it("the plan places trainees", () => {
    expect(plan.status).not.toBe("infeasible");
    expect(plan.placements.length).toBeGreaterThan(0);
  });

  it("has the five sheets with the headers and title rows of the forms", () => {
    expect(forms.registration.title).toBe(`附件1　${inst.programmes[0].name} 进修人员情况登记表`);
    expect(forms.summary.title).toMatch(/^附件2　.*汇总表$/);
    expect(forms.allocation.title).toMatch(/^附件3　.*分配表$/);
    for (const k of KEYS) {
      expect(forms[k].name).toBe(NAMES[k]);
      expect(forms[k].headers).toEqual(HEADERS[k]);
      expect(forms[k].widths).toHaveLength(HEADERS[k].length);
      for (const row of forms[k].rows) expect(row).toHaveLength(HEADERS[k].length);
    }
  });

  it("is deterministic", async () => {
    expect(buildForms(inst, plan)).toEqual(forms);
    expect(buildForms(inst, { ...plan, placements: [...plan.placements].reverse() })).toEqual(forms);
  });

  it("登记表: one row per placed trainee, in county, unit, trainee order", () => {
    const reg = forms.registration;
    expect(reg.rows).toHaveLength(plan.placements.length);
    const placedNames = plan.placements.map((p) => inst.trainees.find((t) => t.id === p.trainee)!.name!).sort();
    expect(reg.rows.map((r) => r[1] as string).sort()).toEqual(placedNames);
    // County order follows instance.regions (the published order).
    const regionOrder = (inst.regions ?? []).map((r) => r.name);
    const ranks = reg.rows.map((r) => regionOrder.indexOf(r[0] as string));
    expect(ranks.every((x) => x >= 0)).toBe(true);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
  });

  it("登记表: cells of one trainee", () => {
    const p = plan.placements[0];
    const t = inst.trainees.find((x) => x.id === p.trainee)!;
    const row = forms.registration.rows.find((r) => r[1] === t.name)!;
    const unit = (id: string) => inst.units.find((u) => u.id === id)!.name;
    expect(row[0]).toBe(countyName(inst, t.unit));
    expect(row[2]).toBe(unit(t.unit));
    expect(row[3]).toBe(t.sex === "male" ? "男" : "女");
    expect(typeof row[4]).toBe("number");
    expect(row[4]).toBeLessThanOrEqual(50);
    expect(["无职称", "初级", "中级", "副高级", "正高级"]).toContain(row[5]);
    expect(["中专", "大专", "本科", "硕士", "博士"]).toContain(row[6]);
    expect(["执业医师", "执业助理医师", "乡村医生", "护士", "技师", "无"]).toContain(row[7]);
    expect(row[9]).toBe(unit(p.unit));
    expect(row[11]).toContain(mentorShown(inst, p.mentor!));
    for (const r of forms.registration.rows) expect(r[10]).toMatch(/^2024\.(0[7-9]|10)—2024\.(0[7-9]|10)$/);
    const july = plan.placements.find((x) => x.start === "2024-07-01")!;
    const julyName = inst.trainees.find((x) => x.id === july.trainee)!.name;
    expect(forms.registration.rows.find((r) => r[1] === julyName)![10]).toBe("2024.07—2024.09");
  });

  it("登记表: ages at the programme's ageAt", () => {
    const t = inst.trainees.find((x) => x.id === plan.placements[0].trainee)!;
    const row = forms.registration.rows.find((r) => r[1] === t.name)!;
    const [y, m, d] = t.birthDate!.split("-").map(Number);
    const age = 2024 - y - (m > 7 || (m === 7 && d > 1) ? 1 : 0);
    expect(row[4]).toBe(age);
  });

  it("汇总表: 小计 per county equals its placements; 合计 equals all placements", () => {
    const byCounty = placementsByCounty(inst, plan);
    const rows = forms.summary.rows;
    const total = rows.at(-1)!;
    expect(total[0]).toBe("合计");
    expect(total[1]).toBe(plan.placements.length);
    for (const row of rows.slice(0, -1)) {
      expect(row[1]).toBe(byCounty.get(row[0] as string) ?? 0);
      expect((row.slice(2) as number[]).reduce((a, b) => a + b, 0)).toBe(row[1]);
    }
    for (let c = 1; c < HEADERS.summary.length; c++)
      expect(rows.slice(0, -1).reduce((a, r) => a + (r[c] as number), 0)).toBe(total[c]);
    expect(new Set(rows.slice(0, -1).map((r) => r[0]))).toEqual(new Set(Object.keys(PUBLISHED)));
  });

  it("汇总表: overriding the department-group mapping moves a count", () => {
    const gp = plan.placements.filter((p) => p.dept === "general-practice").length;
    expect(gp).toBeGreaterThan(0);
    expect(DEFAULT_DEPT_GROUPS["general-practice"]).toBe("其他");
    const moved = buildForms(inst, plan, { deptGroups: { "general-practice": "内科" } });
    const col = (f: Forms, name: string) => f.summary.rows.at(-1)![HEADERS.summary.indexOf(name)] as number;
    expect(col(moved, "内科")).toBe(col(forms, "内科") + gp);
    expect(col(moved, "其他")).toBe(col(forms, "其他") - gp);
    expect(col(moved, "小计")).toBe(col(forms, "小计"));
    // Unknown codes count under 其他 unless mapped.
    const custom = buildForms(inst, plan, { deptGroups: { surgery: "五官科" } });
    const surgery = plan.placements.filter((p) => p.dept === "surgery").length;
    expect(col(custom, "五官科")).toBe(col(forms, "五官科") + surgery);
  });

  it("分配表: 名额 as published, 实际安排 sums to the placements", () => {
    const rows = forms.allocation.rows;
    const body = rows.slice(0, -1);
    expect(Object.fromEntries(body.map((r) => [r[0], r[1]]))).toEqual(PUBLISHED);
    const byCounty = placementsByCounty(inst, plan);
    for (const r of body) {
      expect(r[2]).toBe(byCounty.get(r[0] as string) ?? 0);
      expect(r[3]).toBe((r[1] as number) - (r[2] as number));
    }
    expect(body.reduce((a, r) => a + (r[2] as number), 0)).toBe(plan.placements.length);
    expect(rows.at(-1)).toEqual(["合计", 50, plan.placements.length, 50 - plan.placements.length]);
  });

  it("一人一策一档: one row per trainee, placed or not", () => {
    const rows = forms.perTrainee.rows;
    expect(rows).toHaveLength(inst.trainees.length);
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(inst.trainees.map((t) => t.id)));
    const placed = new Set(plan.placements.map((p) => p.trainee));
    for (const r of rows) {
      expect(r[5]).toBe(placed.has(r[0] as string) ? "已安排" : "未安排");
      if (placed.has(r[0] as string)) {
        expect(r[8]).toMatch(/^2024-\d\d-01$/);
        expect(r[9]).toMatch(/^2024-\d\d-\d\d$/);
        expect(r[10]).toMatch(/（(副高级|正高级)）$/);
        expect(r[12]).toContain("资格审核通过");
        expect(r[12]).toContain("带教要求 副高级及以上");
      } else {
        // The rule's Chinese label and the message; never the bare code.
        const reasons = plan.unplaced.find((u) => u.trainee === r[0])!.reasons;
        for (const reason of reasons) expect(r[12]).toContain(`${label(REASON_LABELS, reason.code)}：${reason.message}`);
        expect(r[12]).not.toMatch(/^(R-|CAPACITY)/);
      }
    }
  });

  it("XLSX: read back with exceljs, cell by cell; dates as date cells; printable", async () => {
    const bytes = await formsToXlsx(forms);
    expect(bytes).toBeInstanceOf(Uint8Array);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(KEYS.map((k) => NAMES[k]));
    for (const k of KEYS) {
      const t: Table = forms[k];
      const ws = wb.getWorksheet(t.name)!;
      expect(ws.rowCount).toBe(t.rows.length + 2);
      expect(ws.getRow(1).getCell(1).value).toBe(t.title);
      const header = ws.getRow(2);
      t.headers.forEach((h, i) => {
        expect(header.getCell(i + 1).value).toBe(h);
        expect(header.getCell(i + 1).font?.bold).toBe(true);
        expect(header.getCell(i + 1).border?.bottom?.style).toBe("thin");
        expect(ws.getColumn(i + 1).width).toBe(t.widths![i]);
      });
      expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:2" });
      expect(ws.autoFilter).toBeTruthy();
      t.rows.forEach((row, r) => {
        const xrow = ws.getRow(r + 3);
        row.forEach((v, c) => {
          const cell = xrow.getCell(c + 1);
          const got = cell.value;
          if (t.columns?.[c] === "date" && v !== "") {
            expect(got, `${t.name} R${r + 3}C${c + 1}`).toBeInstanceOf(Date);
            expect((got as Date).toISOString().slice(0, 10)).toBe(v);
            expect(cell.numFmt).toBe("yyyy-mm-dd");
          } else expect(got ?? "", `${t.name} R${r + 3}C${c + 1}`).toBe(v);
          if (t.columns?.[c] === "long") expect(cell.alignment?.wrapText).toBe(true);
          expect(cell.border?.left?.style).toBe("thin");
        });
        expect(xrow.cellCount).toBeLessThanOrEqual(row.length);
      });
    }
    // Numbers are stored as numbers.
    expect(wb.getWorksheet("分配表")!.getRow(3).getCell(2).type).toBe(ExcelJS.ValueType.Number);
  });

  it("接收名单: every placement once, grouped by receiving hospital, with department, dates and mentor", () => {
    const rows = forms.receiving.rows;
    expect(rows).toHaveLength(plan.placements.length);
    const unitName = (id: string) => inst.units.find((u) => u.id === id)!.name;
    const order = inst.units.map((u) => u.name);
    const ranks = rows.map((r) => order.indexOf(r[0] as string));
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    for (const p of plan.placements) {
      const t = inst.trainees.find((x) => x.id === p.trainee)!;
      const row = rows.find((r) => r[2] === t.name)!;
      expect(row[0]).toBe(unitName(p.unit));
      expect(row[3]).toBe(unitName(t.unit));
      expect(row[5]).toBe(p.start);
      expect(row[7]).toContain(mentorShown(inst, p.mentor!));
    }
  });

  it("CSV: BOM, CRLF, and the same cells back", async () => {
    const files = formsToCsv(forms);
    expect(Object.keys(files)).toEqual(["登记表.csv", "汇总表.csv", "分配表.csv", "一人一策一档.csv", "接收名单.csv"]);
    for (const k of KEYS) {
      const text = files[`${NAMES[k]}.csv`];
      expect(text.charCodeAt(0)).toBe(0xfeff);
      expect(text.endsWith("\r\n")).toBe(true);
      expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
      const cells = await parseCsv(text.slice(1));
      expect(cells).toEqual([forms[k].headers, ...forms[k].rows.map((r) => r.map(String))]);
    }
  });
});

describe("CSV quoting (RFC 4180)", () => {
  it("quotes commas, quotes, line breaks and edge spaces, and parses back", async () => {
    const t: Table = {
      name: "测试",
      headers: ["a", "b,c", "d"],
      rows: [
        ['他说"好"', "x\ny", 3],
        [" lead", "trail ", -1.5],
        ["", "r\r\nn", "plain"],
      ],
    };
    const text = tableToCsv(t);
    expect(text).toBe('\uFEFFa,"b,c",d\r\n"他说""好""","x\ny",3\r\n" lead","trail ",-1.5\r\n,"r\r\nn",plain\r\n');
    expect(await parseCsv(text.slice(1))).toEqual([t.headers, ...t.rows.map((r) => r.map(String))]);
  });
});

describe("commission forms, 上海 community (week calendar, rotations)", () => {
  let inst: Instance;
  let plan: Plan;
  let forms: Forms;

  beforeAll(async () => {
    inst = load("shanghai-community.json");
    plan = await solve(inst);
    forms = buildForms(inst, plan);
  });

  it("登记表 备注 lists every rotation; periods are dates", () => {
    const rotating = plan.placements.filter((p) => p.rotations && p.rotations.length > 0);
    expect(rotating.length).toBe(plan.placements.length);
    expect(forms.registration.rows).toHaveLength(plan.placements.length);
    for (const p of rotating) {
      const t = inst.trainees.find((x) => x.id === p.trainee)!;
      const row = forms.registration.rows.find((r) => r[1] === t.name)!;
      const note = row[11] as string;
      const rotations = note.split("。")[0];
      expect(rotations).toMatch(/^轮转：/);
      const parts = rotations.slice(3).split("；");
      expect(parts).toHaveLength(p.rotations!.length);
      p.rotations!.forEach((r, i) => {
        expect(parts[i]).toMatch(/^\S+ \d\d-\d\d—\d\d-\d\d$/);
        expect(parts[i].split(" ")[1].slice(0, 5)).toBe(r.start.slice(5));
        if (r.mentor) expect(note).toContain(mentorShown(inst, r.mentor));
      });
      expect(row[10]).toMatch(/^\d{4}-\d\d-\d\d—\d{4}-\d\d-\d\d$/);
      expect((row[10] as string).slice(0, 10)).toBe(p.start);
    }
    const gp = rotating.find((p) => p.rotations!.some((r) => r.dept === "emergency") && p.rotations!.some((r) => r.dept === "general-practice"))!;
    const gpRow = forms.registration.rows.find((r) => r[1] === inst.trainees.find((x) => x.id === gp.trainee)!.name)!;
    expect(gpRow[11]).toContain("急诊科");
    expect(gpRow[11]).toContain("全科");
  });

  it("一人一策一档 has one row per trainee, with rotations for the placed", () => {
    expect(forms.perTrainee.rows).toHaveLength(inst.trainees.length);
    for (const r of forms.perTrainee.rows) if (r[5] === "已安排") expect(r[11]).not.toBe("");
    for (const r of forms.perTrainee.rows) if (r[5] === "未安排") expect(r[12]).toMatch(/^[\u4e00-\u9fff]+：/);
  });

  it("分配表 has no 名额 where no region quota exists", () => {
    const body = forms.allocation.rows.slice(0, -1);
    expect(body.map((r) => r[1])).toEqual(body.map(() => ""));
    expect(forms.allocation.rows.at(-1)).toEqual(["合计", "", plan.placements.length, ""]);
  });
});
