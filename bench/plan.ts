/**
 * Benchmarks of working from a plan (SPEC §11), as the issue sets them:
 *   - re-plan after a one-department cut on the 浙江 province-year: time against a
 *     fresh solve of the cut instance, and the share of trainees changed;
 *   - recommend for an unplaced and a placed trainee of the province-year;
 *   - bottlenecks (top 20) on 连云港;
 *   - whatif of 8 scenarios on the province-year, 1 worker against 2.
 *
 *   npx tsx bench/plan.ts [--quick] [--no-whatif]   (--quick: 连云港 only, for CI; --no-whatif: skip the
 *   whatif pools, the longest part)
 *
 * Every plan is verified before its time counts. Absolute times are for the machine printed.
 */
import { readFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { performance } from "node:perf_hooks";
import { bottlenecks, type Instance, parseInstance, recommend, solve, verifyPlan, whatif } from "jinxiu";
import { zhejiang } from "./generate.js";

const quick = process.argv.includes("--quick");
const noWhatif = process.argv.includes("--no-whatif");
const secs = (ms: number) => (ms / 1000).toFixed(2);
const timed = async <T>(f: () => Promise<T> | T): Promise<[T, number]> => {
  const t0 = performance.now();
  const r = await f();
  return [r, performance.now() - t0];
};
console.log(`jinxiu plan bench${quick ? " (quick)" : ""} — ${cpus()[0]?.model ?? "cpu"} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
/** The 1-minute load average, printed beside every number (a shared machine's times are only comparable at equal load). */
const load = () => `load ${loadavg()[0].toFixed(1)}`;

/** The instance with its busiest receiving department's capacity one lower. */
function cutBusiest(inst: Instance, placements: readonly { unit: string; dept: string }[]): Instance {
  const raw = JSON.parse(JSON.stringify(inst));
  const n = new Map<string, number>();
  for (const p of placements) n.set(JSON.stringify([p.unit, p.dept]), (n.get(JSON.stringify([p.unit, p.dept])) ?? 0) + 1);
  const [unit, dept] = JSON.parse([...n].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0]) as [string, string];
  for (const u of raw.units) if (u.id === unit) for (const r of u.receive ?? []) if (r.dept === dept) r.capacity = Math.max(0, r.capacity - 1);
  return parseInstance(raw);
}

const lyg = parseInstance(readFileSync("examples/lianyungang-2024.json", "utf8"));
const cases: { name: string; inst: Instance; relGap?: number }[] = [
  { name: "连云港 2024", inst: lyg },
  ...(quick ? [] : [{ name: "浙江 province-year", inst: parseInstance(JSON.stringify(zhejiang({ seed: 42, years: 1 }))), relGap: 0.01 }]),
];
for (const c of cases) {
  const [published] = await timed(() => solve(c.inst, { relGap: c.relGap }));
  const cut = cutBusiest(c.inst, published.placements);
  const [fresh, freshMs] = await timed(() => solve(cut, { relGap: c.relGap }));
  const [re, reMs] = await timed(() => solve(cut, { relGap: c.relGap, baseline: published }));
  const withBase = parseInstance({ ...JSON.parse(JSON.stringify(cut)), baseline: { placements: published.placements } });
  if (!verifyPlan(cut, fresh).valid || !verifyPlan(withBase, re).valid) throw new Error("bench: invalid plan");
  console.log(`${c.name}: re-plan after a one-department cut ${secs(reMs)} s vs fresh ${secs(freshMs)} s (${(freshMs / reMs).toFixed(2)}×), ${re.changes} of ${published.placements.length} changed (${((100 * (re.changes ?? 0)) / Math.max(1, published.placements.length)).toFixed(2)} %), ${re.status}, ${load()}`);
  // An unplaced trainee (its wanted pairs are full: few options) and a placed one (options everywhere it fits,
  // so everyone else's placements are judged once too).
  const unplaced = published.unplaced.find((u) => u.reasons[0].code === "CAPACITY-COMPETITION")?.trainee ?? published.unplaced[0]?.trainee;
  for (const [what, who] of [["unplaced", unplaced], ["placed", published.placements[0]?.trainee]] as const) {
    if (!who) continue;
    const [r, ms] = await timed(() => recommend(c.inst, published, who, { limit: 10 }));
    console.log(`${c.name}: recommend for ${who} (${what}): ${secs(ms)} s, ${r.options.length} option(s), ${r.excluded.length} excluded pair(s), ${load()}`);
  }
  if (c.inst === lyg) {
    const [b, ms] = await timed(() => bottlenecks(c.inst, published, { limit: 20 }));
    console.log(`${c.name}: bottlenecks top 20: ${secs(ms)} s, best ${b[0]?.resource.label ?? "—"} (+${b[0]?.gain ?? 0}), ${load()}`);
  }
  if (noWhatif) continue;
  const base = c.inst.programmes[0];
  const scenarios = [0.7, 0.8, 0.9, 0.95, 1.05, 1.1, 1.2, 1.3].map((f) => ({
    name: `cap ×${f}`,
    patch: base.budget
      ? [{ op: "replace" as const, path: "/programmes/0/budget/cap", value: Math.round(base.budget.cap * f) }]
      : [{ op: "replace" as const, path: "/units/0/name", value: `variant ${f}` }],
  }));
  const [one, oneMs] = await timed(() => whatif(c.inst, scenarios, { workers: 1, solve: { relGap: c.relGap } }));
  const [two, twoMs] = await timed(() => whatif(c.inst, scenarios, { workers: 2, solve: { relGap: c.relGap } }));
  const same = one.every((r, i) => r.objective === two[i].objective);
  console.log(`${c.name}: whatif of 8 scenarios: 1 worker ${secs(oneMs)} s, 2 workers ${secs(twoMs)} s (${(oneMs / twoMs).toFixed(2)}×)${same ? "" : " — objectives differ (gap-limited solves)"}, ${load()}`);
}
