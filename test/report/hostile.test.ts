/**
 * What a file can contain never runs, wraps or crashes in the outputs (SPEC §13 brief,
 * issues #13/#14):
 *
 * - CSV / XLSX injection (OWASP): names, ids and department codes such as
 *   `=HYPERLINK("http://x","点我")`, `@SUM(1)`, `+1`, `-1`, a leading tab or CR, in every
 *   text field of the tiny instance, come back from the CSV (parsed) and the workbook
 *   (exceljs) with a leading `'`; no cell is a formula; a real negative number (差额 −1) is
 *   still the number −1. The HTML report shows them escaped.
 * - Departments named `constructor`, `toString`, `__proto__` are shown as themselves; no
 *   output prints an inherited property (`function Object() { [native code] }`).
 * - A long calendar (10,000 months, the most the schema allows) gives a small report.
 */
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Instance, Plan } from "../../src/model/types.js";
import { csvField, formsToCsv, tableToCsv } from "../../src/report/csv.js";
import { buildForms } from "../../src/report/forms.js";
import { MAX_COLUMNS, renderHtmlReport } from "../../src/report/html.js";
import { summarizePlan } from "../../src/report/summary.js";
import { formsToXlsx, workbookTables } from "../../src/report/xlsx.js";
import { mutate, tinyInstance, tinyPlan, tinyWeekInstance, tinyWeekPlan } from "../helpers/tiny.js";

const FORMULA = /^[=+\-@\t\r]/;
const LONG = `${"很长的名字".repeat(2000)}=1+1`;
const HOSTILE = {
  trainee1: '=HYPERLINK("http://x","点我")',
  trainee2: "@SUM(1)",
  trainee3: "+1<script>alert(1)</script>",
  township: "-1",
  county: "\t制表符开头",
  region: "\r回车开头",
  city: "<script>alert(1)</script>",
  programme: LONG,
  mentor: "=1+1",
  // ids and codes (no control characters: ids must stay valid)
  id1: '=cmd|" /C calc"!A0',
  countyId: "@county",
  dept: "-2+3",
};

/** The tiny instance and plan with a hostile string in every text field, ids and codes included. */
function hostile(): { inst: Instance; plan: Plan } {
  const swap = (json: string) => json
    .replaceAll('"t-001"', JSON.stringify(HOSTILE.id1))
    .replaceAll('"county-hosp-01"', JSON.stringify(HOSTILE.countyId))
    .replaceAll('"internal"', JSON.stringify(HOSTILE.dept));
  const inst = mutate(JSON.parse(swap(JSON.stringify(tinyInstance()))) as Instance, (i) => {
    i.trainees[0].name = HOSTILE.trainee1;
    i.trainees[1].name = HOSTILE.trainee2;
    i.trainees[2].name = HOSTILE.trainee3;
    i.units[0].name = HOSTILE.township;
    i.units[1].name = HOSTILE.county;
    i.regions![1].name = HOSTILE.region;
    i.regions![0].name = HOSTILE.city;
    i.programmes[0].name = HOSTILE.programme;
    (i.units[1].mentors![0] as { name?: string }).name = HOSTILE.mentor;
    // A county quota below the placements: 差额 is the real number −1.
    i.programmes[0].quotas = [{ where: { homeRegion: ["donghai"] }, min: 1, hard: false }];
  });
  const plan = JSON.parse(swap(JSON.stringify(tinyPlan()))) as Plan;
  return { inst, plan };
}

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

describe("hostile text in every field", () => {
  const { inst, plan } = hostile();
  const forms = buildForms(inst, plan);
  const texts = (t: { rows: (string | number)[][] }) => t.rows.flat().filter((v): v is string => typeof v === "string");

  it("the forms carry the hostile strings (so the checks below see them)", () => {
    const all = workbookTables(forms).flatMap(texts).join("\n");
    for (const s of [HOSTILE.trainee1, HOSTILE.trainee2, HOSTILE.trainee3, HOSTILE.township, HOSTILE.county, HOSTILE.region, HOSTILE.id1, HOSTILE.dept])
      expect(all, JSON.stringify(s)).toContain(s);
    expect(all).toContain(HOSTILE.mentor);
    expect(forms.allocation.rows[0][3]).toBe(-1);
  });

  it("CSV: every formula-like text cell comes back with a leading quote; −1 stays a number", async () => {
    const files = formsToCsv(forms);
    const tables = [forms.registration, forms.summary, forms.allocation, forms.perTrainee, forms.receiving];
    for (const t of tables) {
      const text = files[`${t.name}.csv`];
      const cells = await parseCsv(text.slice(1));
      const expected = [t.headers, ...t.rows].map((r) => r.map((v) => (typeof v === "string" && FORMULA.test(v) ? `'${v}` : String(v))));
      expect(cells, t.name).toEqual(expected);
      for (const c of cells.flat()) expect(FORMULA.test(c) && !/^-?\d+(\.\d+)?$/.test(c), `${t.name}: ${JSON.stringify(c.slice(0, 40))}`).toBe(false);
    }
    const alloc = files["分配表.csv"].split("\r\n");
    expect(alloc[1]).toMatch(/^"'\r回车开头",1,2,-1$/);
    expect(files["登记表.csv"]).toContain(`"'=HYPERLINK(""http://x"",""点我"")"`);
  });

  it("XLSX: no formula cell, formula-like text prefixed with a quote, −1 a number, long text in a capped column", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await formsToXlsx(forms)) as unknown as ArrayBuffer);
    let seen = 0;
    for (const ws of wb.worksheets) {
      ws.eachRow((row) => row.eachCell((cell) => {
        expect(cell.type, `${ws.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
        if (typeof cell.value === "string") {
          expect(FORMULA.test(cell.value), `${ws.name}!${cell.address} ${JSON.stringify(cell.value.slice(0, 40))}`).toBe(false);
          if (cell.value.startsWith("'")) seen++;
        }
      }));
      ws.columns.forEach((c) => expect(c.width ?? 0).toBeLessThanOrEqual(60));
    }
    expect(seen).toBeGreaterThan(8);
    const alloc = wb.getWorksheet("分配表")!;
    expect(alloc.getRow(3).getCell(4).value).toBe(-1);
    expect(alloc.getRow(3).getCell(4).type).toBe(ExcelJS.ValueType.Number);
    const reg = wb.getWorksheet("登记表")!;
    const names = [3, 4].map((r) => reg.getRow(r).getCell(2).value);
    expect(names).toContain(`'${HOSTILE.trainee1}`);
    expect(names).toContain(`'${HOSTILE.trainee2}`);
  });

  it("HTML: every hostile string escaped, nothing runs", () => {
    const html = renderHtmlReport(inst, plan);
    expect(html).not.toMatch(/<script\b/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("=HYPERLINK(&quot;http://x&quot;,&quot;点我&quot;)");
    expect(html).toContain("@SUM(1)");
    expect(html).toContain(escapeLike(LONG));
    for (const m of html.matchAll(/\bhref\s*=\s*"([^"]*)"/gi)) expect(m[1]).toMatch(/^#/);
    expect(renderHtmlReport(inst, plan, { lang: "en" })).not.toMatch(/<script\b/i);
    // The summary is plain text: the names appear as they are, on their own lines' content.
    expect(summarizePlan(inst, plan)).toContain(HOSTILE.programme);
  });
});

describe("CSV fields (property)", () => {
  const text = fc.oneof(
    fc.string({ unit: "grapheme", maxLength: 30 }),
    fc.tuple(fc.constantFrom("=", "+", "-", "@", "\t", "\r", "'", " ", '"', ","), fc.string({ maxLength: 20 })).map(([a, b]) => a + b),
  );
  it("any text reads back as itself, or with a leading quote when a spreadsheet would run it; numbers stay numbers", async () => {
    await fc.assert(fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 4 }), fc.double({ noNaN: true, noDefaultInfinity: true }), async (cells, x) => {
      const csv = tableToCsv({ name: "t", headers: cells.map((_, i) => `h${i}`), rows: [[...cells, x]] });
      const back = (await parseCsv(csv.slice(1)))[1];
      expect(back.slice(0, cells.length)).toEqual(cells.map((c) => (FORMULA.test(c) ? `'${c}` : c)));
      expect(csvField(x)).toBe(String(x));
      for (const c of cells) expect(FORMULA.test(csvField(c).replace(/^"/, ""))).toBe(false);
    }), { numRuns: process.env.CI ? 50 : 200 });
  });
});

const escapeLike = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

describe("departments named like Object.prototype members", () => {
  const names = ["constructor", "toString", "__proto__"] as const;
  for (const dept of names) {
    it(`"${dept}" is shown as itself in forms, workbook, CSV, report and summary`, async () => {
      const swap = (json: string) => json.replaceAll('"internal"', JSON.stringify(dept));
      const inst = JSON.parse(swap(JSON.stringify(tinyInstance()))) as Instance;
      const plan = JSON.parse(swap(JSON.stringify(tinyPlan()))) as Plan;
      const forms = buildForms(inst, plan, { deptNames: {}, deptGroups: {} });
      const outputs = [
        JSON.stringify(forms),
        ...Object.values(formsToCsv(forms)),
        renderHtmlReport(inst, plan),
        renderHtmlReport(inst, plan, { lang: "en" }),
        summarizePlan(inst, plan),
        summarizePlan(inst, plan, { lang: "en" }),
      ];
      for (const o of outputs) {
        expect(o).not.toMatch(/native code|function Object|\[object Object\]/);
      }
      expect(forms.registration.rows.map((r) => r[8])).toEqual([dept, dept]);
      // 汇总表: an unknown code counts under 其他.
      expect(forms.summary.rows.at(-1)!.at(-1)).toBe(2);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await formsToXlsx(forms)) as unknown as ArrayBuffer);
      expect(wb.getWorksheet("登记表")!.getRow(3).getCell(9).value).toBe(dept);
    });
  }
});

describe("a report on the longest calendar the schema allows", () => {
  it("10,000 months: the Gantt and heatmap group slots, and the page stays small", () => {
    const months = 10_000;
    const endYear = 2024 + Math.floor((6 + months) / 12);
    const endMonth = ((6 + months) % 12) + 1;
    const end = `${endYear}-${String(endMonth).padStart(2, "0")}-01`;
    const inst = mutate(tinyInstance(), (i) => {
      i.calendar.end = end;
      i.programmes[0].window = { from: "2024-07-01", to: end };
      i.units[1].receive![0].to = end;
    });
    const plan = tinyPlan();
    const started = Date.now();
    const html = renderHtmlReport(inst, plan);
    const elapsed = Date.now() - started;
    expect(html.length).toBeLessThan(1_500_000);
    const cells = html.split('data-testid="heatmap-cell"').length - 1;
    expect(cells).toBeGreaterThan(0);
    expect(cells).toBeLessThanOrEqual(2 * MAX_COLUMNS);
    expect(html.split('data-testid="gantt-bar"').length - 1).toBe(plan.placements.length);
    expect(elapsed).toBeLessThan(60_000);
    // Ten years of months: quarters (40 columns), not 120 month columns.
    const decade = mutate(tinyInstance(), (i) => {
      i.calendar.end = "2034-07-01";
    });
    const ten = renderHtmlReport(decade, plan);
    expect(ten.split('data-testid="heatmap-cell"').length - 1).toBe(2 * 40);
    expect(ten).toContain(">Q3<");
    // Two years of weeks (104 slots): one column per month.
    const weeks = mutate(tinyWeekInstance(), (i) => {
      i.calendar.end = "2026-06-29";
    });
    const w = renderHtmlReport(weeks, tinyWeekPlan());
    const rows = w.split('data-testid="heatmap-row"').length - 1;
    expect(rows).toBeGreaterThan(0);
    expect(w.split('data-testid="heatmap-cell"').length - 1).toBe(rows * 24);
    expect(w.split('data-testid="gantt-segment"').length - 1).toBe(tinyWeekPlan().placements.reduce((n, p) => n + (p.rotations?.length ?? 0), 0));
  });
});
