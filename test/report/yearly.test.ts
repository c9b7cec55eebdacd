/**
 * Per-year views (分年度) of a plan whose calendar runs over several calendar years: the
 * numbers of `yearlyViews` on a hand-built three-year plan (yearly.fixture.ts), and where the
 * text summary, the HTML report and the workbook show them — only on multi-year calendars.
 */
import { differenceInCalendarMonths, differenceInCalendarWeeks, parseISO } from "date-fns";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Instance, Placement, Plan } from "../../src/model/types.js";
import { formsToCsv } from "../../src/report/csv.js";
import { buildForms } from "../../src/report/forms.js";
import { renderHtmlReport } from "../../src/report/html.js";
import { summarizePlan } from "../../src/report/summary.js";
import { formsToXlsx } from "../../src/report/xlsx.js";
import { calendarYears, spansSeveralYears, yearlyRows, yearlyViews } from "../../src/report/yearly.js";
import { contextOf } from "../../src/rules/context.js";
import { quotaCounts } from "../../src/rules/quota.js";
import { verifyPlan } from "../../src/verify.js";
import { arbInstance, boundariesOf } from "../property/arbitraries.js";
import { COUNTY, mutate, PROGRAMME, place, planFor, tinyInstance, tinyPlan, tinyWeekInstance, tinyWeekPlan } from "../helpers/tiny.js";
import { PROGRAMME_2, threeYearInstance, threeYearPlan } from "./yearly.fixture.js";

const inst = threeYearInstance();
const lines = (s: string) => s.split("\n");
const plan = threeYearPlan(inst);

describe("yearlyViews on a three-year plan", () => {
  const views = yearlyViews(inst, plan);
  const year = (y: number) => views.years.find((v) => v.year === y)!;
  const prog = (y: number, id = PROGRAMME) => year(y).programmes.find((p) => p.programme === id)!;

  it("the fixture plan is valid, so the views describe a plan a planner could file", () => {
    expect(verifyPlan(inst, plan).violations).toEqual([]);
  });

  it("has one view per calendar year, ascending, each with its slots and bounds", () => {
    expect(views.granularity).toBe("month");
    expect(views.flags).toEqual(["mountain-island"]);
    expect(views.years.map((y) => [y.year, y.from, y.to, y.slots])).toEqual([
      [2024, "2024-07-01", "2025-01-01", 6],
      [2025, "2025-01-01", "2026-01-01", 12],
      [2026, "2026-01-01", "2026-07-01", 6],
    ]);
    for (const y of views.years) expect(y.programmes.map((p) => p.programme)).toEqual([PROGRAMME, PROGRAMME_2]);
  });

  it("counts a placement 2024-11-01 → 2025-02-01 as started in 2024, 2 trainee-months in 2024 and 1 in 2025", () => {
    const only = planFor(inst, [place("t-001", COUNTY, "internal", "2024-11-01", "2025-02-01", "m-01")]);
    const v = yearlyViews(inst, only);
    expect(v.years.map((y) => y.programmes[0].started)).toEqual([1, 0, 0]);
    expect(v.years.map((y) => y.programmes[0].traineeSlots)).toEqual([2, 1, 0]);
    expect(v.years.map((y) => y.programmes[0].trainees)).toEqual([1, 1, 0]);
  });

  it("counts starts, trainees in training and trainee-months per programme and year, as worked out by hand", () => {
    expect([2024, 2025, 2026].map((y) => [prog(y).started, prog(y).trainees, prog(y).traineeSlots])).toEqual([
      [1, 1, 2], // t-001 starts Nov 2024: Nov, Dec
      [2, 3, 5], // t-002, t-003 start; t-001 Jan, t-002 Mar–May, t-003 Dec
      [1, 2, 5], // t-004 starts; t-003 Jan–Feb, t-004 Jan–Mar
    ]);
    expect([2024, 2025, 2026].map((y) => [prog(y, PROGRAMME_2).started, prog(y, PROGRAMME_2).traineeSlots])).toEqual([[1, 3], [0, 0], [0, 0]]);
  });

  it("counts placements started from home regions carrying each flag, in the year they start", () => {
    expect([2024, 2025, 2026].map((y) => prog(y).flags)).toEqual([
      { "mountain-island": 1 }, { "mountain-island": 2 }, { "mountain-island": 0 },
    ]);
    // t-005's home (thc-02, 灌云县) carries no flag.
    expect(prog(2024, PROGRAMME_2).flags).toEqual({ "mountain-island": 0 });
  });

  it("splits support specialist-months by the year of each slot (Dec 2024 → Feb 2025, 2 specialists)", () => {
    expect(views.years.map((y) => y.supportSlots)).toEqual([2, 4, 0]);
  });

  it("lists only the soft min quota rows, with this year's count and the cumulative count next to the target", () => {
    expect([2024, 2025, 2026].map((y) => prog(y).quotas)).toEqual([
      [{ index: 0, min: 5, count: 1, cumulative: 1 }, { index: 2, min: 4, count: 1, cumulative: 1 }],
      [{ index: 0, min: 5, count: 2, cumulative: 3 }, { index: 2, min: 4, count: 2, cumulative: 3 }],
      [{ index: 0, min: 5, count: 0, cumulative: 3 }, { index: 2, min: 4, count: 1, cumulative: 4 }],
    ]);
    expect(prog(2024, PROGRAMME_2).quotas).toEqual([]);
  });

  it("ends each cumulative row at the count R-QUOTA sees and at the shortfall's `got`", () => {
    const counts = quotaCounts(contextOf(inst), plan).get(PROGRAMME)!;
    for (const q of prog(2026).quotas) expect(q.cumulative).toBe(counts.rows[q.index]);
    expect(plan.shortfalls).toEqual([{ programme: PROGRAMME, rule: "quota", index: 0, needed: 5, got: 3 }]);
  });

  it("lays the views out as metric rows × year columns, support last", () => {
    const rows = yearlyRows(views);
    expect(rows.map((r) => [r.programme, r.metric, r.flag ?? r.quota, r.values, r.target])).toEqual([
      [PROGRAMME, "started", undefined, [1, 2, 1], undefined],
      [PROGRAMME, "trainees", undefined, [1, 3, 2], undefined],
      [PROGRAMME, "traineeSlots", undefined, [2, 5, 5], undefined],
      [PROGRAMME, "flag", "mountain-island", [1, 2, 0], undefined],
      [PROGRAMME, "quota", 0, [1, 3, 3], 5],
      [PROGRAMME, "quota", 2, [1, 3, 4], 4],
      [PROGRAMME_2, "started", undefined, [1, 0, 0], undefined],
      [PROGRAMME_2, "trainees", undefined, [1, 0, 0], undefined],
      [PROGRAMME_2, "traineeSlots", undefined, [3, 0, 0], undefined],
      [PROGRAMME_2, "flag", "mountain-island", [0, 0, 0], undefined],
      [undefined, "support", undefined, [2, 4, 0], undefined],
    ]);
    expect(yearlyRows(views, PROGRAMME_2).map((r) => r.metric)).toEqual(["started", "trainees", "traineeSlots", "flag"]);
  });

  it("does not depend on the order of placements", () => {
    const reversed = { ...plan, placements: [...plan.placements].reverse() };
    expect(yearlyViews(inst, reversed)).toEqual(views);
  });
});

describe("calendar years", () => {
  const withCalendar = (start: string, end: string, granularity: "month" | "week"): Instance =>
    mutate(tinyInstance(), (i) => {
      i.calendar = { start, end, granularity };
    });

  it("a 36-month calendar 2024-01-01 → 2027-01-01 has the years 2024, 2025, 2026", () => {
    expect(calendarYears(withCalendar("2024-01-01", "2027-01-01", "month"))).toEqual([2024, 2025, 2026]);
  });

  it("a slot counts in the year of its first day: weeks from Monday 2024-12-30 belong to 2024", () => {
    expect(calendarYears(withCalendar("2024-12-02", "2025-01-06", "week"))).toEqual([2024]);
    expect(calendarYears(withCalendar("2024-12-02", "2025-01-13", "week"))).toEqual([2024, 2025]);
  });

  it("single-year calendars are not multi-year; 2024-07 → 2025-07 is", () => {
    expect(spansSeveralYears(tinyInstance())).toBe(false);
    expect(spansSeveralYears(tinyWeekInstance())).toBe(false);
    expect(spansSeveralYears(withCalendar("2024-07-01", "2025-07-01", "month"))).toBe(true);
  });
});

describe("where the per-year views are shown", () => {
  it("the text summary ends its body with a per-year table on a multi-year calendar (Chinese, names, CJK-aligned)", () => {
    const text = summarizePlan(inst, plan);
    const at = text.split("\n").findIndex((l) => l.startsWith("分年度"));
    expect(at).toBeGreaterThan(0);
    expect(text.split("\n").slice(at)).toEqual([
      "分年度（名额行为截至年底的累计数）：",
      "                                                             2024  2025  2026",
      "  连云港市 2024 年基层骨干务实进修",
      "    新开始进修（人次）                                          1     2     1",
      "    在修人数                                                    1     3     2",
      "    进修人·月                                                   2     5     5",
      "    其中山区海岛县（新开始）                                    1     2     0",
      "    累计完成：地区类别：山区海岛县（名额第 1 行，软性最低）     1     3     3  （软性最低 5）",
      "    累计完成：全部学员（名额第 3 行，软性最低）                 1     3     4  （软性最低 4）",
      "  连云港市 2025 年基层骨干务实进修",
      "    新开始进修（人次）                                          1     0     0",
      "    在修人数                                                    1     0     0",
      "    进修人·月                                                   3     0     0",
      "    其中山区海岛县（新开始）                                    0     0     0",
      "  全部项目",
      "    下沉支援（人·月）                                           2     4     0",
    ]);
    // In English the same table, programme names kept, labels in English.
    const en = summarizePlan(inst, plan, { lang: "en" }).split("\n");
    const enAt = en.findIndex((l) => l.startsWith("per year"));
    expect(enAt).toBeGreaterThan(0);
    expect(en.slice(enAt)).toHaveLength(lines(text).length - at);
    expect(en.at(-1)).toMatch(/^    specialist-months sent down +2 +4 +0$/);
    expect(en.join("\n")).not.toMatch(/下沉|新开始|累计|软性/);
  });

  it("single-year calendars keep their summary, HTML and workbook as before: no per-year part", async () => {
    for (const [i, p] of [[tinyInstance(), tinyPlan()], [tinyWeekInstance(), tinyWeekPlan()]] as [Instance, Plan][]) {
      expect(summarizePlan(i, p)).not.toMatch(/分年度/);
      expect(summarizePlan(i, p, { lang: "en" })).not.toMatch(/per year/);
      const html = renderHtmlReport(i, p);
      expect(html).not.toMatch(/id="years"|href="#years"|data-testid="yearly/);
      const forms = buildForms(i, p);
      expect("perYear" in forms).toBe(false);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await formsToXlsx(forms)) as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(["登记表", "汇总表", "分配表", "一人一策一档", "接收名单"]);
    }
  });

  it("the HTML report has a per-year section with one row per metric and one cell per year", () => {
    const html = renderHtmlReport(inst, plan);
    expect(html).toContain('<a href="#years">');
    expect(html).toMatch(/<section id="years" data-testid="yearly">/);
    const rows = [...html.matchAll(/<tr data-testid="yearly-row"([^>]*)>(.*?)<\/tr>/g)];
    expect(rows).toHaveLength(11);
    const cells = (attrs: RegExp) => {
      const row = rows.find((r) => attrs.test(r[1]))!;
      return [...row[2].matchAll(/data-year="(\d+)" data-value="(\d+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    };
    expect(cells(/data-programme="lyg-2024" data-metric="traineeSlots"/)).toEqual([[2024, 2], [2025, 5], [2026, 5]]);
    expect(cells(/data-programme="lyg-2024" data-metric="quota" data-quota="0"/)).toEqual([[2024, 1], [2025, 3], [2026, 3]]);
    expect(cells(/data-metric="support"/)).toEqual([[2024, 2], [2025, 4], [2026, 0]]);
    const quotaRow = rows.find((r) => /data-quota="0"/.test(r[1]))![2];
    expect(quotaRow).toContain("山区海岛县");
    expect(quotaRow).toContain("≥ 5");
    // The section sits after the targets and before the support table.
    expect(html.indexOf('id="targets"')).toBeLessThan(html.indexOf('id="years"'));
    expect(html.indexOf('id="years"')).toBeLessThan(html.indexOf('id="support"'));
  });

  it("the workbook gets a 分年度 sheet after the four forms, numbers stored as numbers", async () => {
    const forms = buildForms(inst, plan);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await formsToXlsx(forms)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["登记表", "汇总表", "分配表", "一人一策一档", "接收名单", "分年度"]);
    const ws = wb.getWorksheet("分年度")!;
    const values = (r: number) => (ws.getRow(r + 1).values as unknown[]).slice(1);
    expect(values(1)).toEqual(["项目", "指标", "2024年", "2025年", "2026年", "目标"]);
    expect(ws.rowCount).toBe(13);
    const name = inst.programmes[0].name!;
    expect(values(2)).toEqual([name, "新开始进修（人次）", 1, 2, 1]);
    expect(values(4)).toEqual([name, "进修人·月", 2, 5, 5]);
    expect(values(5)).toEqual([name, "其中山区海岛县（新开始）", 1, 2, 0]);
    expect(values(6)).toEqual([name, "累计完成：地区类别：山区海岛县（名额第 1 行，软性最低）", 1, 3, 3, 5]);
    expect(values(12)).toEqual(["全部项目", "下沉支援（人·月）", 2, 4, 0]);
  });

  it("forms for one programme show only its per-year rows and no support row", () => {
    const forms = buildForms(inst, plan, { programme: PROGRAMME_2 });
    expect(forms.perYear!.rows.map((r) => r[1])).toEqual(["新开始进修（人次）", "在修人数", "进修人·月", "其中山区海岛县（新开始）"]);
  });

  it("the CSV forms stay the commission forms and the 接收名单 (no 分年度)", () => {
    expect(Object.keys(formsToCsv(buildForms(inst, plan))).sort()).toEqual(["一人一策一档.csv", "分配表.csv", "汇总表.csv", "登记表.csv", "接收名单.csv"].sort());
  });
});

describe("per-year totals (property)", () => {
  /** An instance of up to 40 slots (so often over two or three years) and a plan-like list of placements in its calendar. */
  const arbCase = arbInstance({ maxSlots: 40, maxTrainees: 6 }).chain((instance) => {
    const b = boundariesOf(instance.calendar);
    const n = b.length - 1;
    const placement = (trainee: string) =>
      fc.record({ a: fc.nat(n - 1), len: fc.integer({ min: 1, max: n }), unit: fc.constantFrom(...instance.units.map((u) => u.id)) })
        .map(({ a, len, unit }): Placement => ({ trainee, unit, dept: "internal", start: b[a], end: b[Math.min(n, a + len)] }));
    const placements = fc.subarray(instance.trainees.map((t) => t.id)).chain((ids) => (ids.length ? fc.tuple(...ids.map(placement)) : fc.constant([] as Placement[])));
    return fc.tuple(fc.constant(instance), placements);
  });
  const asPlan = (placements: readonly Placement[]): Plan => ({ version: 1, status: "feasible", objective: 0, placements, support: [], unplaced: [], shortfalls: [], conflicts: [] });

  it("the trainee-slots of all years add up to the months (or weeks) of all placements", () => {
    fc.assert(
      fc.property(arbCase, ([instance, placements]) => {
        const views = yearlyViews(instance, asPlan(placements));
        const total = views.years.reduce((s, y) => s + y.programmes.reduce((t, p) => t + p.traineeSlots, 0), 0);
        const expected = placements.reduce((s, p) => {
          const [a, b] = [parseISO(p.start), parseISO(p.end)];
          return s + (instance.calendar.granularity === "month" ? differenceInCalendarMonths(b, a) : differenceInCalendarWeeks(b, a, { weekStartsOn: 1 }));
        }, 0);
        expect(total).toBe(expected);
      }),
      { numRuns: 60 },
    );
  });

  it("the placements started in all years add up to placements.length", () => {
    fc.assert(
      fc.property(arbCase, ([instance, placements]) => {
        const views = yearlyViews(instance, asPlan(placements));
        expect(views.years.reduce((s, y) => s + y.programmes.reduce((t, p) => t + p.started, 0), 0)).toBe(placements.length);
      }),
      { numRuns: 60 },
    );
  });
});
