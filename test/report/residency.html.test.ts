/**
 * The HTML report of a plan with residents (SPEC §10): the heatmap of department occupancy
 * carries the rules' verdicts — a cell is `hard` exactly where R-SERVICE reports its hard row,
 * `over` exactly where R-CAPACITY reports the department, `short` where the verifier lists a
 * soft service shortfall — on the hand-made plan and on random (mostly invalid) plans of the
 * same instance; every resident's schedule is one anchor away; hostile names stay text.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Instance, Plan, ResidencyRotation } from "../../src/model/types.js";
import { renderHtmlReport } from "../../src/report/html.js";
import { contextOf } from "../../src/rules/context.js";
import { verifyPlan } from "../../src/verify.js";
import { BASE, HOSTILE, THC, mixedInstance, mixedPlan, residencyInstance, residencyPlan } from "./residency.fixture.js";

const runs = (n: number) => Math.max(1, Math.round(n * Number(process.env.JINXIU_PROPERTY_SCALE ?? 1)));

/** `data-*` attributes of every element with this test id, in document order. */
const marked = (html: string, testid: string) =>
  [...html.matchAll(new RegExp(`<[a-z]+([^>]*data-testid="${testid}"[^>]*)>`, "g"))].map((m) =>
    Object.fromEntries([...m[1].matchAll(/data-([a-z-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])));

/** Per heatmap row (unit, dept), its cells' attributes. */
function heatRows(html: string): { unit: string; dept: string; cells: Record<string, string>[] }[] {
  const out: { unit: string; dept: string; cells: Record<string, string>[] }[] = [];
  for (const m of html.matchAll(/<tr([^>]*data-testid="service-row"[^>]*)>([\s\S]*?)<\/tr>/g)) {
    const a = Object.fromEntries([...m[1].matchAll(/data-([a-z-]+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    out.push({ unit: a.unit, dept: a.dept, cells: marked(m[2], "service-cell") });
  }
  return out;
}

/** Residents rotating at (unit, dept) in slot k, counted from the plan itself. */
function countAt(inst: Instance, plan: Plan, unit: string, dept: string, k: number): number {
  const ctx = contextOf(inst);
  let n = 0;
  for (const e of plan.residencies ?? []) for (const r of e.rotations) {
    const [a, b] = ctx.span(r.start, r.end);
    if (r.unit === unit && r.dept === dept && a <= k && k < b) n++;
  }
  return n;
}

/** The heatmap's verdicts against the verifier's, on one plan; returns the states drawn. */
function expectVerdictsOfRules(inst: Instance, plan: Plan): Set<string> {
  const html = renderHtmlReport(inst, plan);
  const v = verifyPlan(inst, plan, { lang: "en" });
  const rows = heatRows(html);
  const key = (u: string, d: string) => JSON.stringify([u, d]);
  const flagged = (state: string) => new Set(rows.filter((r) => r.cells.some((c) => c["state"] === state)).map((r) => key(r.unit, r.dept)));
  const hardRows = new Set(v.violations.filter((x) => x.code === "R-SERVICE").map((x) => key(x.ids[0], x.ids[1])));
  const overRows = new Set(v.violations.filter((x) => x.code === "R-CAPACITY").map((x) => key(x.ids[0], x.ids[1])));
  const shortRows = new Set(v.shortfalls.flatMap((s) => (s.rule === "service" ? [key(s.unit, s.dept)] : [])));
  expect(flagged("hard"), "hard service rows").toEqual(hardRows);
  // Every department R-CAPACITY reports is over in some month; a month over capacity hides no other verdict there.
  expect(flagged("over"), "over capacity").toEqual(overRows);
  for (const r of rows) {
    const k = key(r.unit, r.dept);
    if (!flagged("over").has(k)) expect(flagged("short").has(k), `soft shortfall ${k}`).toBe(shortRows.has(k));
    r.cells.forEach((c, slot) => {
      expect(Number(c["present"]), `${k} ${slot}`).toBe(countAt(inst, plan, r.unit, r.dept, slot));
      expect(Number(c["capacity"])).toBe(contextOf(inst).capacity(r.unit, r.dept, slot));
    });
  }
  // The header's service card is the verifier's shortfall total.
  const card = /data-testid="summary-service-short">([^<]*)</.exec(html)?.[1];
  expect(Number(card)).toBe(v.shortfalls.reduce((s, x) => s + (x.rule === "service" ? x.needed - x.got : 0), 0));
  return new Set(rows.flatMap((r) => r.cells.map((c) => c["state"])));
}

describe("the residency heatmap shows the rules' verdicts", () => {
  it("on the hand-made plan: emergency short in 2026-01 and 2026-02, cardiology's hard row held", () => {
    const inst = residencyInstance();
    const plan = residencyPlan();
    expectVerdictsOfRules(inst, plan);
    const rows = heatRows(renderHtmlReport(inst, plan));
    expect(rows.map((r) => [r.unit, r.dept])).toEqual([[BASE, "emergency"], [BASE, "cardiology"], [THC, "general-practice"]]);
    expect(rows[0].cells.map((c) => c["state"])).toEqual(["at", "at", "at", "at", "short", "short"]);
    expect(rows[1].cells.map((c) => c["state"])).toEqual(["at", "at", "free", "free", "idle", "idle"]);
    expect(rows[2].cells.map((c) => c["present"])).toEqual(["0", "0", "0", "0", "1", "0"]);
  });

  it("with 进修 trainees in the department: capacity counts every kind, presence residents only", () => {
    const html = renderHtmlReport(mixedInstance(), mixedPlan());
    const cardio = heatRows(html).find((r) => r.dept === "cardiology")!;
    expect(cardio.cells.map((c) => [c["present"], c["seats"]])).toEqual([["1", "1"], ["1", "1"], ["1", "2"], ["1", "2"], ["0", "0"], ["0", "0"]]);
    expectVerdictsOfRules(mixedInstance(), mixedPlan());
    // The 进修 sections are there too.
    expect(html).toContain('data-testid="gantt-bar"');
  });

  it("on random plans of the instance (valid or not), cell by cell", () => {
    const inst = residencyInstance();
    const sites = [[BASE, "cardiology"], [BASE, "emergency"], [THC, "general-practice"], [BASE, "general-practice"]] as const;
    const month = (k: number) => `202${5 + Math.floor((8 + k) / 12)}-${String(((8 + k) % 12) + 1).padStart(2, "0")}-01`;
    const arbRotations = fc.array(fc.record({ site: fc.nat(sites.length - 1), start: fc.nat(5), len: fc.integer({ min: 1, max: 3 }) }), { maxLength: 4 })
      .map((xs) => xs.map(({ site, start, len }): ResidencyRotation => ({
        requirement: sites[site][1] === "emergency" ? "emergency" : sites[site][1] === "cardiology" ? "internal" : "community",
        unit: sites[site][0], dept: sites[site][1], start: month(start), end: month(Math.min(6, start + len)),
      })).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0)));
    const drawn = new Set<string>();
    fc.assert(
      fc.property(fc.array(fc.option(arbRotations, { nil: undefined }), { minLength: 3, maxLength: 3 }), (choice) => {
        const ids = ["r-001", "r-002", "r-003"];
        const plan: Plan = {
          ...residencyPlan(),
          residencies: ids.flatMap((id, i) => (choice[i] ? [{ trainee: id, rotations: choice[i]! }] : [])),
          unplaced: ids.flatMap((id, i) => (choice[i] ? [] : [{ trainee: id, reasons: [{ code: "CAPACITY-COMPETITION", message: "" }] }])),
          shortfalls: [],
        };
        for (const state of expectVerdictsOfRules(inst, plan)) drawn.add(state);
      }),
      { numRuns: runs(60) },
    );
    // The generator reaches every verdict, so the property could fail on each.
    for (const state of ["over", "hard", "short", "at", "above", "free", "idle"]) expect(drawn, state).toContain(state);
  });
});

describe("the managers table is R-MANAGERS' verdict", () => {
  it("met with 3 managers, over with 2 (none may be scheduled), no limit without managers", () => {
    for (const [managers, ok, limit] of [[3, "yes", "300"], [2, "no", "0"], [undefined, "yes", "none"]] as const) {
      const inst = residencyInstance();
      const edited: Instance = { ...inst, units: inst.units.map((u) => (u.id === BASE ? { ...u, managers } : u)) };
      const html = renderHtmlReport(edited, residencyPlan());
      const v = verifyPlan(edited, residencyPlan()).violations.filter((x) => x.code === "R-MANAGERS");
      expect(marked(html, "managers-row")).toEqual([{ testid: "managers-row", base: BASE, scheduled: "2", limit, ok }]);
      expect(v.length > 0, `managers ${managers}`).toBe(ok === "no");
    }
  });
});

describe("each resident's schedule is a tap away", () => {
  it("every heatmap link opens a roster, every roster name an existing schedule; schedules list the plan's rotations in order", () => {
    const inst = residencyInstance();
    const plan = residencyPlan();
    const html = renderHtmlReport(inst, plan);
    const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    const hrefs = [...html.matchAll(/href="#(r[d]?-\d+)"/g)].map((m) => m[1]);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const h of hrefs) expect(ids.has(h), h).toBe(true);
    // One roster per department, one line per rotation there.
    expect(marked(html, "roster").map((r) => [r["unit"], r["dept"]])).toEqual([[BASE, "emergency"], [BASE, "cardiology"], [THC, "general-practice"]]);
    expect(marked(html, "roster-row")).toHaveLength(5);
    // Every resident, scheduled or not, has a block; the rotations are the plan's, in order.
    const residents = marked(html, "resident");
    expect(residents.map((r) => [r["trainee"], r["state"]])).toEqual([["r-002", "scheduled"], ["r-001", "scheduled"], ["r-003", "unplaced"]]);
    for (const e of plan.residencies!) {
      const block = html.split('<div class="res"').find((b) => b.includes(`data-trainee="${e.trainee}" data-state="scheduled"`))!;
      const rots = marked(block.split("</section>")[0], "resident-rotation");
      expect(rots.map((r) => [r["unit"], r["dept"], r["start"], r["end"]])).toEqual(e.rotations.map((r) => [r.unit, r.dept, r.start, r.end]));
    }
    // The unscheduled resident's reason is written out; requirements by name, fixed rotations marked.
    expect(html).toContain("竞争落选");
    expect(html).toContain("免轮转：全科");
    expect(html).toContain("2025.09—2025.10 心血管内科 <small>带教 王主治（中级） · 内科 · 已定</small>");
    expect(html).toContain("2026.01 全科（历城区洪家楼街道社区卫生服务中心） <small>带教 孙医生（中级）</small>");
  });

  it("a hostile name is escaped text; no script, nothing loaded", () => {
    const html = renderHtmlReport(residencyInstance(), residencyPlan());
    expect(html).toContain("=HYPERLINK(&quot;http://x&quot;,&quot;点我&quot;)");
    expect(html).not.toContain(HOSTILE);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("default-src 'none'");
  });

  it("a report of residents alone has no empty 进修 sections; in English too", () => {
    const html = renderHtmlReport(residencyInstance(), residencyPlan());
    for (const id of ["gantt", "staffing", "targets", "support", "receiving"]) expect(html).not.toContain(`<section id="${id}"`);
    for (const id of ["residency", "residents", "unplaced"]) expect(html).toContain(`<section id="${id}"`);
    const en = renderHtmlReport(residencyInstance(), residencyPlan(), { lang: "en" });
    expect(en).toContain("Residents per department and month");
    expect(en).toContain("general practice · cohort 2025");
  });

  it("the same plan gives the same bytes", () => {
    expect(renderHtmlReport(residencyInstance(), residencyPlan())).toBe(renderHtmlReport(residencyInstance(), residencyPlan()));
  });
});
