/**
 * SPEC §11.2 `diff`: against an independent brute-force comparison on generated plan
 * pairs, and on the readings one by one (fields in order, mentor-only, added/removed with
 * `after`'s reasons, trainees gone from the instance, support rows as multisets, id order,
 * objectives recomputed). The CLI prints the same JSON and writes the 变更通知.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import type { Instance, Placement, Plan, SupportRow } from "../../src/model/types.js";
import { diff } from "../../src/plan/diff.js";
import { solve } from "../../src/solve/index.js";
import { verifyPlan } from "../../src/verify.js";
import { cli } from "../helpers/cli.js";
import { arbSolvable } from "../solve/arb.js";

const runs = (n: number) => Math.max(1, Math.round(n * Number(process.env.JINXIU_PROPERTY_SCALE ?? 1)));
const TMP = mkdtempSync(join(tmpdir(), "jinxiu-diff-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

/** The oracle: every trainee of either plan, classified by comparing projections as JSON. */
function bruteForce(before: Plan, after: Plan) {
  const first = (plan: Plan, id: string) => plan.placements.find((p) => p.trainee === id);
  const ids = [...new Set([...before.placements, ...after.placements].map((p) => p.trainee))].sort();
  const out: { trainee: string; change: string; fields?: string[] }[] = [];
  for (const id of ids) {
    const a = first(before, id), b = first(after, id);
    if (!a) out.push({ trainee: id, change: "added" });
    else if (!b) out.push({ trainee: id, change: "removed" });
    else {
      const fields = ["unit", "dept", "start", "end"].filter((f) => JSON.stringify(a[f as keyof Placement]) !== JSON.stringify(b[f as keyof Placement]));
      const rot = (p: Placement) => JSON.stringify((p.rotations ?? []).map(({ dept, start, end }) => ({ dept, start, end })));
      if (rot(a) !== rot(b)) fields.push("rotations");
      const mentors = (p: Placement) => JSON.stringify([p.mentor, ...(p.rotations ?? []).map((r) => r.mentor)]);
      if (fields.length) out.push({ trainee: id, change: "moved", fields });
      else if (mentors(a) !== mentors(b)) out.push({ trainee: id, change: "mentor" });
    }
  }
  const count = (rows: readonly SupportRow[]) => {
    const m = new Map<string, number>();
    for (const s of rows) m.set(JSON.stringify(s), (m.get(JSON.stringify(s)) ?? 0) + 1);
    return m;
  };
  const minus = (x: readonly SupportRow[], y: readonly SupportRow[]) => {
    const cx = count(x), cy = count(y);
    return [...cx].flatMap(([k, n]) => Array.from({ length: Math.max(0, n - (cy.get(k) ?? 0)) }, () => k)).sort();
  };
  return { trainees: out, added: minus(after.support ?? [], before.support ?? []), removed: minus(before.support ?? [], after.support ?? []) };
}

/** A second plan from a first: some placements moved a slot, some mentors swapped, some dropped, some support doubled. */
function perturb(plan: Plan, seed: number): Plan {
  let s = seed >>> 0 || 7;
  const coin = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) & 0x30000) === 0;
  const placements: Placement[] = [];
  for (const p of plan.placements) {
    if (coin()) continue; // removed
    if (coin()) placements.push({ ...p, end: p.start < p.end ? p.start : p.end, start: p.start }); // moved (end)
    else if (coin()) placements.push({ ...p, mentor: p.mentor ? undefined : "m-other" }); // mentor
    else placements.push(p);
  }
  const support = [...(plan.support ?? []), ...(plan.support ?? []).filter(() => coin())].filter(() => !coin());
  return { ...plan, placements, support, objective: -1 };
}

describe("diff (SPEC §11.2)", () => {
  it("agrees with a brute-force comparison on generated plan pairs", async () => {
    await fc.assert(
      fc.asyncProperty(arbSolvable({ maxTrainees: 8 }), fc.nat(), async (inst: Instance, seed) => {
        const a = await solve(inst, { timeLimitMs: 20_000 });
        const b = perturb(a, seed);
        for (const [x, y] of [[a, b], [b, a], [a, a]] as const) {
          const d = diff(inst, x, y);
          const o = bruteForce(x, y);
          expect(d.trainees.map((t) => ({ trainee: t.trainee, change: t.change, ...(t.change === "moved" ? { fields: [...t.fields] } : {}) }))).toEqual(o.trainees);
          expect(d.support.added.map((r) => JSON.stringify(r)).sort()).toEqual(o.added);
          expect(d.support.removed.map((r) => JSON.stringify(r)).sort()).toEqual(o.removed);
          expect(d.objective).toEqual({ before: verifyPlan(inst, x).objective, after: verifyPlan(inst, y).objective });
        }
      }),
      { numRuns: runs(30) },
    );
  });

  const base: Plan = {
    version: 1, status: "feasible", objective: 999,
    placements: [
      { trainee: "t-b", unit: "u1", dept: "internal", start: "2024-07-01", end: "2024-10-01", mentor: "m1" },
      { trainee: "t-a", unit: "u1", dept: "internal", start: "2024-07-01", end: "2024-10-01", mentor: "m1" },
      { trainee: "t-c", unit: "u1", dept: "surgery", start: "2024-07-01", end: "2024-10-01" },
      { trainee: "gone", unit: "u1", dept: "surgery", start: "2024-07-01", end: "2024-10-01" },
    ],
    support: [{ from: "u1", to: "u0", dept: "internal", start: "2024-07-01", end: "2024-10-01", count: 1 }],
    unplaced: [], shortfalls: [], conflicts: [],
  };
  const inst = { version: 1, calendar: { start: "2024-07-01", end: "2024-11-01", granularity: "month" }, units: [], programmes: [], trainees: [] } as unknown as Instance;

  it("reads the spec literally: fields in order, mentor-only, reasons of removed, ids in string order, support as multisets", () => {
    const next: Plan = {
      ...base,
      placements: [
        { trainee: "t-a", unit: "u2", dept: "internal", start: "2024-07-01", end: "2024-09-01", mentor: "m1" },
        { trainee: "t-b", unit: "u1", dept: "internal", start: "2024-07-01", end: "2024-10-01", mentor: "m2" },
        { trainee: "t-d", unit: "u1", dept: "surgery", start: "2024-08-01", end: "2024-11-01" },
        { trainee: "t-c", unit: "u1", dept: "surgery", start: "2024-07-01", end: "2024-10-01", rotations: undefined },
      ],
      support: [...base.support, ...base.support],
      unplaced: [{ trainee: "gone", reasons: [{ code: "R-CAPACITY", message: "full" }] }],
    };
    const d = diff(inst, base, next);
    expect(d.trainees.map((t) => [t.trainee, t.change, t.change === "moved" ? t.fields : undefined])).toEqual([
      ["gone", "removed", undefined], ["t-a", "moved", ["unit", "end"]], ["t-b", "mentor", undefined], ["t-d", "added", undefined],
    ]);
    const removed = d.trainees[0];
    expect(removed.change === "removed" && removed.reasons).toEqual([{ code: "R-CAPACITY", message: "full" }]);
    expect(d.support).toEqual({ added: [base.support[0]], removed: [] });
    // A trainee the instance no longer has is still listed; reasons [] when `after` gives none.
    const d2 = diff(inst, base, { ...base, placements: base.placements.slice(0, 3), unplaced: [] });
    expect(d2.trainees).toEqual([{ trainee: "gone", change: "removed", before: base.placements[3], reasons: [] }]);
    // The plans' own objectives are not copied.
    expect(d.objective.before).not.toBe(999);
  });
});

describe("jinxiu diff", () => {
  it("--json prints diff(); --xlsx writes the 变更通知 by receiving hospital; the text is Chinese", async () => {
    const file = join(import.meta.dirname, "../../examples/lianyungang-2024.json");
    const inst = (await import("../../src/model/parse.js")).parseInstance(readFileSync(file, "utf8"));
    const a = await solve(inst);
    const b = { ...a, placements: a.placements.slice(1), unplaced: [...a.unplaced, { trainee: a.placements[0].trainee, reasons: [{ code: "R-CAPACITY", message: "科室缩编" }] }] };
    const fa = join(TMP, "a.json"), fb = join(TMP, "b.json"), xlsx = join(TMP, "变更通知.xlsx");
    writeFileSync(fa, JSON.stringify(a));
    writeFileSync(fb, JSON.stringify(b));
    const j = await cli("diff", file, fa, fb, "--json");
    expect(j.code).toBe(0);
    expect(JSON.parse(j.out)).toEqual(JSON.parse(JSON.stringify(diff(inst, a, b))));
    const t = await cli("diff", file, fa, fb, "--xlsx", xlsx);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/变动 1 人：调整 0、更换带教老师 0、新增 0、取消 1/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const ws = wb.getWorksheet("变更通知")!;
    const cells: string[] = [];
    ws.eachRow((row) => cells.push(row.values ? (row.values as unknown[]).slice(1).map(String).join("|") : ""));
    const name = inst.trainees.find((x) => x.id === a.placements[0].trainee)!.name!;
    expect(cells.some((r) => r.includes(name) && r.includes("取消") && r.includes("科室缩编"))).toBe(true);
  });
});

describe("the HTML report of a re-plan", () => {
  it("lists what changed against the plan before, one row per hospital and trainee, and nothing without `before`", async () => {
    const { renderHtmlReport } = await import("../../src/report/html.js");
    const file = join(import.meta.dirname, "../../examples/lianyungang-2024.json");
    const inst = (await import("../../src/model/parse.js")).parseInstance(readFileSync(file, "utf8"));
    const a = await solve(inst);
    const b = { ...a, placements: a.placements.slice(2), unplaced: [...a.unplaced, ...a.placements.slice(0, 2).map((p) => ({ trainee: p.trainee, reasons: [{ code: "R-CAPACITY", message: "科室缩编" }] }))] };
    const html = renderHtmlReport(inst, b, { before: a });
    expect(html).toContain('data-testid="changes"');
    expect(html.match(/data-testid="change-row"/g)?.length).toBe(await changeNoticeRows(inst, a, b));
    expect(html.match(/data-testid="change-row"/g)?.length).toBe(2);
    expect(renderHtmlReport(inst, b)).not.toContain('data-testid="changes"');
  });
});

async function changeNoticeRows(inst: Instance, a: Plan, b: Plan): Promise<number> {
  const { changeNotice } = await import("../../src/report/diff.js");
  return changeNotice(inst, diff(inst, a, b)).rows.length;
}
