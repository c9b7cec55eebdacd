/**
 * The documented department vocabulary (docs/departments.md) is the label table
 * (src/model/labels.ts DEPT_LABELS), row for row, with the 汇总表 group each code counts
 * under (forms.ts DEFAULT_DEPT_GROUPS): a code added to one and not the other fails here.
 * To regenerate the table after adding a code, paste the `expected` text this test prints.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEPT_LABELS } from "../../src/model/labels.js";
import { DEFAULT_DEPT_GROUPS, DEFAULT_DEPT_NAMES } from "../../src/report/forms.js";

const BEGIN = "<!-- departments:begin -->";
const END = "<!-- departments:end -->";

/** The markdown table docs/departments.md must hold between its markers. */
export function departmentsTable(): string {
  const rows = Object.entries(DEPT_LABELS).map(([code, l]) =>
    `| \`${code}\` | ${l.zh} | ${l.en} | ${Object.hasOwn(DEFAULT_DEPT_GROUPS, code) ? DEFAULT_DEPT_GROUPS[code] : "其他"} |`);
  return ["| code | 中文名称 | English | 汇总表 group |", "|---|---|---|---|", ...rows].join("\n");
}

describe("department vocabulary", () => {
  it("docs/departments.md lists exactly the label table, with its 汇总表 groups", () => {
    const doc = readFileSync(new URL("../../docs/departments.md", import.meta.url), "utf8");
    const at = doc.indexOf(BEGIN), end = doc.indexOf(END);
    expect(at).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(at);
    expect(doc.slice(at + BEGIN.length, end).trim()).toBe(departmentsTable());
  });

  it("every labelled department has an explicit 汇总表 group, and every grouped code a label", () => {
    expect(Object.keys(DEPT_LABELS).filter((c) => !Object.hasOwn(DEFAULT_DEPT_GROUPS, c))).toEqual([]);
    expect(Object.keys(DEFAULT_DEPT_GROUPS).filter((c) => !Object.hasOwn(DEPT_LABELS, c))).toEqual([]);
  });

  it("the forms' default department names are the label table's Chinese names", () => {
    expect(DEFAULT_DEPT_NAMES).toEqual(Object.fromEntries(Object.entries(DEPT_LABELS).map(([c, l]) => [c, l.zh])));
  });
});
