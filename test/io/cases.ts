/**
 * The malformed-workbook cases: each an edit of the tiny instance's workbook, and the exact
 * `sheet!cell column` paths it must produce, with words of each message. Shared by the
 * library suite (malformed.test.ts) and the CLI suite (cli.test.ts).
 */
import type ExcelJS from "exceljs";
import type { Edit } from "./helpers.js";

const sheet = (wb: ExcelJS.Workbook, name: string) => wb.getWorksheet(name)!;
const set = (name: string, addr: string, value: ExcelJS.CellValue): Edit => (wb) => {
  sheet(wb, name).getCell(addr).value = value;
};

/** Each case: an edit, and the exact `sheet!cell column` paths it must produce with a word of each message. */
export const CASES: [string, Edit, [string, string][]][] = [
  ["wrong type (text in a number column)", set("接收能力", "C3", "两个"), [["接收能力!C3 同时接收人数", "不是数字"]]],
  ["a fraction in a whole-number column", set("科室编制", "C3", 4.5), [["科室编制!C3 编制人数", "不是整数"]]],
  ["unknown enumeration label", set("单位", "C4", "地市级"), [["单位!C4 层级", "不是可选的层级"]]],
  ["unknown unit name", set("人员", "C4", "不存在的卫生院"), [["人员!C4 基层机构名称", "未知的单位"]]],
  ["unknown unit in a child row", set("接收能力", "A4", "某某医院"), [["接收能力!A4 单位", "未知的单位"]]],
  ["unknown programme", set("人员", "P5", "2025 项目"), [["人员!P5 项目", "未知的项目"]]],
  ["unknown unit in a list", set("人员", "K3", "东海县人民医院、灌云县人民医院"), [["人员!K3 意向医院", "灌云县人民医院"]]],
  ["duplicate id", set("人员", "N4", "t-001"), [["人员!N4 编号", "duplicate id \"t-001\" (also 人员!A3)"]]],
  ["duplicate mentor id", set("带教老师", "B4", "m-01"), [["带教老师!B4 编号", "duplicate mentor id"]]],
  ["date in the wrong format", set("人员", "H3", "1986-13-45"), [["人员!H3 出生日期", "\"1986-13-45\" 不是日期"]]],
  ["words where a date belongs", set("人员", "U3", "五年前"), [["人员!U3 上次进修结束", "不是日期"]]],
  ["a day that does not exist", set("人员", "L3", "2024/2/30"), [["人员!L3 可进修时间（起）", "不是日期"]]],
  ["merged cells", (wb) => sheet(wb, "人员").mergeCells("D3:D4"), [["人员!D3", "合并单元格 D3:D4"]]],
  ["an empty required cell", set("单位", "C3", null), [["单位!C3 层级", "必填"]]],
  ["a required column deleted", (wb) => sheet(wb, "接收能力").spliceColumns(3, 1), [["接收能力!E1 同时接收人数", "缺少这一列"]]],
  ["a sheet renamed", (wb) => void (sheet(wb, "人员").name = "人员名单"), [["人员名单!A1", "未知的工作表"], ["人员", "缺少工作表"]]],
  ["a formula cell", set("科室编制", "C3", { formula: "2+2", result: 4 } as ExcelJS.CellFormulaValue), [["科室编制!C3 编制人数", "公式"]]],
  ["an error value", set("科室编制", "D4", { error: "#N/A" } as ExcelJS.CellErrorValue), [["科室编制!D4 最少在岗", "#N/A"]]],
  ["a hidden row", (wb) => void (sheet(wb, "人员").getRow(4).hidden = true), [["人员!A4", "隐藏"]]],
  ["a hidden column", (wb) => void (sheet(wb, "人员").getColumn(8).hidden = true), [["人员!H1 出生日期", "隐藏"]]],
  ["an unknown column", set("人员", "V1", "联系电话"), [["人员!V1", "未知的列"]]],
  ["a column twice", (wb) => { set("人员", "V1", "性别")(wb); set("人员", "V3", "男")(wb); }, [["人员!V1 性别", "与 D 列重复"]]],
  ["data under no header", set("单位", "H3", "三级甲等"), [["单位!H3", "没有列名"]]],
  ["a bad duration", set("项目", "O3", "三个月"), [["项目!O3 最短时长", "不是时长"]]],
  ["a bad yes/no", set("项目", "N3", "也许"), [["项目!N3 中医只去中医院", "不是可选的是/否"]]],
  ["a negative capacity (schema issue mapped to its cell)", set("接收能力", "C4", -1), [["接收能力!C4 同时接收人数", "≥ 0"]]],
  ["minOnDuty above staff (cross-check mapped to its cell)", set("科室编制", "D3", 5), [["科室编制!D3 最少在岗", "≤ staff"]]],
  ["overlapping receive rows (row-level issue)", set("接收能力", "B4", "内科"), [["接收能力!A4", "overlaps"]]],
  ["a calendar start that is not the 1st", set("日历与目标", "C3", new Date(Date.UTC(2024, 6, 2))), [["日历与目标!C3 计划开始", "1st of a month"]]],
  ["县区 that does not hold the unit", (wb) => {
    const ws = sheet(wb, "地区");
    ws.getCell("A5").value = "guanyun"; ws.getCell("B5").value = "灌云县"; ws.getCell("C5").value = "连云港市";
    set("人员", "A3", "灌云县")(wb);
  }, [["人员!A3 县区", "不符"]]],
  ["a pinned rotation of a trainee not pinned", set("已定轮转", "A3", "张伟"), [["已定轮转!A3 人员", "不在 已定安排 表中"]]],
  ["a share above 100 %", (wb) => { set("名额", "A3", "连云港市 2024 年基层骨干务实进修")(wb); set("名额", "D3", "150%")(wb); }, [["名额!D3 最高比例", "≤ 1"]]],
];

