/**
 * Reports read their verdicts from `planMetrics`, which takes them from the rule
 * modules: on any plan (valid or not), a staffing, team, quota or budget cell is
 * flagged exactly when the rule's checker reports a violation there.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Instance, Plan } from "../../src/model/types.js";
import { planMetrics } from "../../src/report/metrics.js";
import { solve } from "../../src/solve/index.js";
import { verifyPlan } from "../../src/verify.js";
import { arbSolvable } from "../solve/arb.js";

const runs = (n: number) => Math.max(1, Math.round(n * Number(process.env.JINXIU_PROPERTY_SCALE ?? 1)));

/** A solved plan, then broken at random: support rows dropped, placements duplicated onto other trainees' slots. */
async function brokenPlans(inst: Instance, seed: number): Promise<Plan[]> {
  const plan = await solve(inst, { timeLimitMs: 20_000 });
  if (plan.status === "infeasible") return [];
  const out: Plan[] = [plan, { ...plan, support: [] }];
  // Every unplaced trainee placed where the first placement is: capacity, staffing, quotas, budget may break.
  const first = plan.placements[seed % Math.max(1, plan.placements.length)];
  if (first) {
    const extra = plan.unplaced.map((u) => ({ ...first, trainee: u.trainee }));
    out.push({ ...plan, placements: [...plan.placements, ...extra], unplaced: [] });
  }
  return out;
}

describe("planMetrics: report verdicts are the rules' verdicts", () => {
  it("a cell is flagged exactly when the rule's checker reports it", async () => {
    await fc.assert(
      fc.asyncProperty(arbSolvable({ maxTrainees: 8, maxSlots: 5 }), fc.nat(), async (inst, seed) => {
        for (const plan of await brokenPlans(inst, seed)) {
          const m = planMetrics(inst, plan);
          const v = verifyPlan(inst, plan, { lang: "en" }).violations;
          const has = (code: string, ...ids: string[]) => v.some((x) => x.code === code && ids.every((id, i) => x.ids[i] === id));
          for (const d of m.staffing) expect({ d: [d.unit, d.dept], flagged: d.slots.some((s) => !s.ok) }).toEqual({ d: [d.unit, d.dept], flagged: has("R-STAFFING", d.unit, d.dept) });
          for (const t of m.teams) expect({ t: t.team, flagged: t.slots.some((s) => !s.ok) }).toEqual({ t: t.team, flagged: has("R-TEAM", t.team) });
          for (const h of m.hosted) expect({ h: [h.unit, h.dept], flagged: h.slots.some((s) => s.n > s.capacity) }).toEqual({ h: [h.unit, h.dept], flagged: has("R-CAPACITY", h.unit, h.dept) });
          for (const prog of inst.programmes)
            (prog.quotas ?? []).forEach((q, i) => {
              const s = m.quotas.get(prog.id)![i];
              const flagged = !s.maxOk || !s.shareOk || (!s.minOk && !s.soft);
              expect({ q: [prog.id, i], flagged }).toEqual({ q: [prog.id, i], flagged: has("R-QUOTA", prog.id, `quotas[${i}]`) });
            });
          for (const [prog, b] of m.budgets) expect({ prog, flagged: !b.ok }).toEqual({ prog, flagged: has("R-BUDGET", prog) });
        }
      }),
      { numRuns: runs(40) },
    );
  });

  it("the support slots a report shows are the objective's support term", async () => {
    const { readFileSync } = await import("node:fs");
    const { parseInstance } = await import("../../src/model/parse.js");
    const inst = parseInstance(readFileSync(new URL("../../examples/lianyungang-2024.json", import.meta.url), "utf8"));
    const plan = await solve(inst);
    const m = planMetrics(inst, plan);
    expect(m.supportSlots).toBeGreaterThan(0);
    const noSupport = verifyPlan(inst, { ...plan, support: [] }).objective;
    // objective = … − supportCost × supportSlots: dropping the rows gives the term back.
    expect(noSupport - verifyPlan(inst, plan).objective).toBe(m.supportSlots * (inst.objective?.supportCost ?? 1));
  });
});

describe("the HTML report flags exactly what the rules flag", () => {
  /** `data-*` attributes of every element with this test id, in document order. */
  const marked = (html: string, testid: string) =>
    [...html.matchAll(new RegExp(`<[a-z]+([^>]*data-testid="${testid}"[^>]*)>`, "g"))].map((m) =>
      Object.fromEntries([...m[1].matchAll(/data-([a-z-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])));

  it("quota bars, coverage bars and staffing cells carry the rules' verdicts on valid and broken plans", async () => {
    const { renderHtmlReport } = await import("../../src/report/html.js");
    await fc.assert(
      fc.asyncProperty(arbSolvable({ maxTrainees: 8, maxSlots: 5 }), fc.nat(), async (inst, seed) => {
        for (const plan of await brokenPlans(inst, seed)) {
          const m = planMetrics(inst, plan);
          const html = renderHtmlReport(inst, plan);
          const bars = marked(html, "quota-bar");
          const want = inst.programmes.flatMap((p) =>
            (p.quotas ?? []).map((_q, i) => {
              const s = m.quotas.get(p.id)![i];
              const bad = !s.maxOk || !s.shareOk || (!s.minOk && !s.soft);
              return `${p.id}#${i}:${bad ? "violated" : !s.minOk ? "short" : "ok"}`;
            }));
          expect(bars.map((b) => `${b.programme}#${b.index}:${b.state}`)).toEqual(want);
          const cov = marked(html, "coverage-bar");
          const wantCov = inst.programmes.flatMap((p) =>
            (p.coverage ?? []).map((row, i) => {
              const units = m.coverage.get(p.id)![i].units;
              return `${p.id}#${i}:${units.reduce((a, u) => a + Math.min(u.placed, row.min), 0)}/${row.min * units.length}`;
            }));
          expect(cov.map((c) => `${c.programme}#${c.index}:${c.got}/${c.needed}`)).toEqual(wantCov);
          // One heatmap cell per slot (short calendars are not grouped): "below" exactly where the rule fails.
          const cells = marked(html, "heatmap-cell");
          const below = [...m.staffing.flatMap((d) => d.slots), ...m.teams.flatMap((t) => t.slots)].filter((s) => !s.ok).length;
          expect(cells.filter((c) => c.state === "below").length).toBe(below);
        }
      }),
      { numRuns: runs(25) },
    );
  });
});
