/**
 * Import from workbooks as people leave them: filled in LibreOffice (bytes from a real
 * spreadsheet program), columns reordered, blank rows, dates typed as text, Chinese labels,
 * the key row deleted, units that share a name told apart by 县区; and the county's 登记表
 * CSV in GBK and UTF-8.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { instanceToWorkbook, traineesFromCsv, workbookToInstance } from "../../src/index.js";
import { decodeText } from "../../src/io/csv.js";
import { readDate } from "../../src/io/values.js";
import { InstanceError } from "../../src/model/errors.js";
import type { Instance } from "../../src/model/types.js";
import { mutate, tinyInstance } from "../helpers/tiny.js";
import { edited, zipEntry } from "./helpers.js";

const FIX = join(dirname(fileURLToPath(import.meta.url)), "fixtures");
const lianyungang = () => JSON.parse(readFileSync(join(FIX, "../../../examples/lianyungang-2024.json"), "utf8")) as Instance;

async function problems(p: Promise<unknown>): Promise<string[]> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  if (!(e instanceof InstanceError)) throw new Error(`expected an InstanceError, got ${String(e)}`);
  return e.issues.map((i) => `${i.path}: ${i.message}`);
}

describe("a workbook filled in by hand in LibreOffice", () => {
  it("imports, with typed dates, Chinese labels, names for ids, a blank row and a note column", async () => {
    const { instance } = await workbookToInstance(readFileSync(join(FIX, "libreoffice/filled.xlsx")));
    expect(instance.calendar).toEqual({ start: "2024-07-01", end: "2024-11-01", granularity: "month" });
    expect(instance.objective).toEqual({ base: 100 });
    expect(instance.units.map((u) => u.id)).toEqual(["东海县人民医院", "东海县石榴镇卫生院", "城关镇卫生院", "gy-cg", "连云港市第一人民医院"]);
    expect(instance.regions?.[1]).toEqual({ id: "东海县", name: "东海县", parent: "lyg", flags: ["mountain-island"] });
    const [zhang, li, wang] = instance.trainees;
    // 2024.07 typed into a date cell (Calc stores the number 2024.07), 2024年11月 kept as text.
    expect(zhang.available).toEqual({ from: "2024-07-01", to: "2024-11-01" });
    expect(zhang.lastPlacementEnd).toBe("2019-06-30");
    expect(zhang.wants).toEqual({ depts: ["internal", "cardiology"], units: ["东海县人民医院"] });
    expect(li.birthDate).toBe("1990-01-15");
    // Two 城关镇卫生院: 县区 says which.
    expect([li.unit, wang.unit]).toEqual(["城关镇卫生院", "gy-cg"]);
    expect(wang).toMatchObject({ id: "王强", dept: "general-practice", priority: 2, birthDate: "1980-03-10" });
    const p = instance.programmes[0];
    expect(p.quotas).toEqual([{ where: { receivingTier: ["city"], receivingKind: ["general"] }, max: 10, maxShare: 0.3 }]);
    expect(p.receiving).toEqual({ tiers: ["city", "county"], kinds: ["general"], relations: ["alliance"], openTiers: ["city"], tcmToTcm: true });
    expect(instance.pinned).toEqual([{ trainee: "t-001", unit: "东海县人民医院", dept: "internal", start: "2024-07-01", end: "2024-10-01", mentor: "m-01" }]);
  });

  it("was written by LibreOffice, not by jinxiu", () => {
    const app = zipEntry(readFileSync(join(FIX, "libreoffice/filled.xlsx")), "docProps/app.xml");
    expect(app).toMatch(/<Application>LibreOffice\//);
  });
});

describe("what people do to a workbook", () => {
  it("reordered columns, blank rows and text dates import as the same instance", async () => {
    const bytes = await edited((wb) => {
      const ws = wb.getWorksheet("人员")!;
      // Move 出生日期 (H) to the far right, insert a blank row, type dates as text.
      const h = ws.getColumn(8).values.slice(1);
      ws.spliceColumns(8, 1);
      const to = ws.columnCount + 1;
      h.forEach((v, i) => (ws.getRow(i + 1).getCell(to).value = v as ExcelJS.CellValue));
      ws.spliceRows(4, 0, []);
      const dateCol = [...Array(ws.columnCount).keys()].map((i) => i + 1).find((c) => ws.getRow(2).getCell(c).value === "birthDate")!;
      ws.getRow(3).getCell(dateCol).value = "1986年5月1日";
      ws.getRow(5).getCell(dateCol).value = "1990/1/15";
      ws.getRow(6).getCell(dateCol).value = "1980.3.10";
    });
    expect((await workbookToInstance(bytes)).instance).toStrictEqual(tinyInstance());
  });

  it("a sheet without its key row is read by its Chinese headers", async () => {
    const bytes = await edited((wb) => void wb.getWorksheet("单位")!.spliceRows(2, 1));
    expect((await workbookToInstance(bytes)).instance).toStrictEqual(tinyInstance());
  });

  it("codes and English labels are accepted beside the Chinese ones", async () => {
    const bytes = await edited((wb) => {
      const ws = wb.getWorksheet("单位")!;
      ws.getCell("C3").value = "township";
      ws.getCell("C4").value = "county level";
      wb.getWorksheet("接收能力")!.getCell("B3").value = "internal";
    });
    expect((await workbookToInstance(bytes)).instance).toStrictEqual(tinyInstance());
  });

  it("a unit name shared by two counties round-trips through 县区, and is reported without it", async () => {
    const inst = mutate(tinyInstance(), (i) => {
      i.regions!.push({ id: "guanyun", name: "灌云县", parent: "lyg", flags: [] });
      i.units.push({ id: "thc-gy", name: "东海县某镇中心卫生院", tier: "township", kind: "general", region: "guanyun" });
      i.trainees[2].unit = "thc-gy";
    });
    const bytes = await instanceToWorkbook(inst);
    expect((await workbookToInstance(bytes)).instance).toStrictEqual(inst);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.getWorksheet("人员")!.getCell("C5").value).toBe("东海县某镇中心卫生院");
    wb.getWorksheet("人员")!.getCell("A5").value = null;
    const out = await problems(workbookToInstance(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer)));
    expect(out).toEqual([`人员!C5 基层机构名称: "东海县某镇中心卫生院" 是多个单位的名称（编号 thc-01、thc-gy），请写编号`]);
  });

  it("a year typed alone, or 2024.1 (January or October?), is reported at its cell", async () => {
    const bytes = await edited((wb) => {
      const ws = wb.getWorksheet("人员")!;
      ws.getCell("L3").value = 2024;
      ws.getCell("M3").value = 2024.1;
    });
    expect(await problems(workbookToInstance(bytes))).toEqual([
      "人员!L3 可进修时间（起）: 2024（表格显示为 1905-07-16） 只有年份：请写到月份，如 2024-07 或 2024年7月",
      "人员!M3 可进修时间（止，不含）: 2024.1（表格显示为 1905-07-16） 可能是 2024年1月，也可能是 2024年10月：请写成 2024-01 或 2024-10",
    ]);
  });

  it("bytes that are not a workbook are one problem, not a crash", async () => {
    expect(await problems(workbookToInstance(new TextEncoder().encode("version,1\n")))).toHaveLength(1);
  });
});

describe("readDate", () => {
  it.each([
    ["2024-07-01", "2024-07-01"], ["2024/7/1", "2024-07-01"], ["2024.7.1", "2024-07-01"], ["2024年7月1日", "2024-07-01"],
    ["2024年7月", "2024-07-01"], ["2024.07", "2024-07-01"], ["2024-07", "2024-07-01"], ["20240701", "2024-07-01"],
    ["２０２４年７月１日", "2024-07-01"], ["2024.12", "2024-12-01"],
  ])("%s is %s", (text, iso) => expect(readDate(text)).toEqual({ ok: true, value: iso }));

  it.each(["1986-13-45", "2024-02-30", "2024", "明年", "07/01/2024", "2024.13"])("%s is not a date", (text) => {
    expect(readDate(text).ok).toBe(false);
  });

  it("a spreadsheet date is its UTC day, a number is a month", () => {
    expect(readDate(new Date(Date.UTC(2024, 6, 1)))).toEqual({ ok: true, value: "2024-07-01" });
    expect(readDate(2024.07)).toEqual({ ok: true, value: "2024-07-01" });
    expect(readDate(2024.11)).toEqual({ ok: true, value: "2024-11-01" });
  });
});

describe("the county's 登记表 CSV (--trainees)", () => {
  const gbk = readFileSync(join(FIX, "dengji-gbk.csv"));
  const bom = readFileSync(join(FIX, "dengji-utf8-bom.csv"));

  it("the fixtures are what they say: GBK (not UTF-8) and UTF-8 with a byte-order mark", () => {
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(gbk)).toThrow();
    expect([...bom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(decodeText(gbk).encoding).toBe("gb18030");
    expect(decodeText(bom).encoding).toBe("utf-8");
    expect(decodeText(gbk).text).toBe(decodeText(bom).text);
  });

  it("appends the trainees, read as the 人员 sheet reads them", () => {
    const base = lianyungang();
    const r = traineesFromCsv(gbk, base, { name: "登记表.csv" });
    expect(r.added).toBe(3);
    expect(r.ignored).toEqual(["序号", "年龄", "联系电话"]);
    expect(r.instance.trainees.slice(0, base.trainees.length)).toEqual(base.trainees);
    expect(r.instance.trainees.slice(base.trainees.length)).toEqual([
      {
        id: "赵敏", name: "赵敏", unit: "thc-donghai-04", dept: "internal", programme: "lyg-2024", birthDate: "1986-05-01", practiceYears: 12,
        license: "physician", title: "intermediate", sex: "female", education: "bachelor", wants: { depts: ["cardiology", "internal"], units: ["lyg-city-1"] },
      },
      {
        id: "钱进", name: "钱进", unit: "thc-donghai-06", dept: "surgery", programme: "lyg-2024", birthDate: "1979-03-01", practiceYears: 20,
        license: "assistant", title: "associate-senior", sex: "male", education: "junior-college", wants: { depts: ["surgery"] },
      },
      {
        id: "孙丽", name: "孙丽", unit: "thc-guanyun-01", dept: "nursing", programme: "lyg-2024", birthDate: "1991-07-01", practiceYears: 8,
        license: "nurse", title: "junior", sex: "female", education: "bachelor", wants: { depts: ["nursing"], units: ["lyg-city-1", "lyg-city-2"] },
      },
    ]);
    expect(traineesFromCsv(bom, base).instance).toEqual(r.instance);
  });

  it("a plain UTF-8 file without a mark, and UTF-16 (Excel's Unicode text), read the same", () => {
    const text = decodeText(bom).text;
    const base = lianyungang();
    const want = traineesFromCsv(bom, base).instance;
    expect(traineesFromCsv(new TextEncoder().encode(text), base).instance).toEqual(want);
    const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    expect(traineesFromCsv(u16, base).instance).toEqual(want);
  });

  it("reports every bad cell of the file at once, by file, cell and column", () => {
    const csv = [
      "县区,姓名,基层机构名称,性别,出生日期,科室",
      "东海县,赵敏,东海县黄川镇卫生院,女士,1986-13-45,内科",
      "东海县,夏蕾,东海县不存在镇卫生院,女,1980-01-01,内科",
      "灌云县,钱进,东海县青湖镇卫生院,男,1979-03-01,",
    ].join("\n");
    const e = (() => {
      try {
        traineesFromCsv(new TextEncoder().encode(csv), lianyungang(), { name: "登记表.csv" });
      } catch (x) {
        return x as InstanceError;
      }
    })();
    expect(e).toBeInstanceOf(InstanceError);
    expect(e!.issues.map((i) => i.path)).toEqual([
      "登记表.csv!D2 性别", "登记表.csv!E2 出生日期", "登记表.csv!C3 基层机构名称", "登记表.csv!F4 科室", "登记表.csv!A4 县区",
    ]);
  });

  it("a name already in the instance is a duplicate id at its cell", () => {
    const csv = "姓名,基层机构名称,科室,编号\n夏蕾,东海县黄川镇卫生院,内科,t-001\n";
    try {
      traineesFromCsv(new TextEncoder().encode(csv), lianyungang(), { name: "x.csv" });
      expect.unreachable();
    } catch (e) {
      expect((e as InstanceError).issues.map((i) => i.path)).toEqual(["x.csv!D2 编号"]);
    }
  });
});
