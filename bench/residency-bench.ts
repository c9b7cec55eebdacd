/**
 * The 住培 rows of `npm run bench` (issue #11, SPEC §10): jinxiu's public
 * `solve` on generated residency instances (bench/residency.ts), against the
 * plain monolithic time-indexed MILP of the same problem (bench/residency-monolithic.ts)
 * on HiGHS (WebAssembly, its primal heuristics on) and on native CBC where
 * installed. Every plan — jinxiu's and the references' — is checked by
 * `verifyPlan` before its time or objective counts; an invalid one is printed
 * as such.
 *
 * Targets (issue #11): one base (~300 residents) proven within 0.5 % of the
 * bound in < 30 s; eight bases (~2,500) within 1 % in < 3 min and < 4 GB; each
 * ≥ 5× faster than the monolithic reference at an equal or better objective.
 * "≥ 5×" holds when no reference reaches jinxiu's objective within 5× jinxiu's
 * time (a reference is given 10× jinxiu's time, at least 10 s, at most 300 s;
 * 300 s when jinxiu has no valid plan).
 *
 * `--quick` (CI): one base of ~100 residents, references capped at 15 s.
 */
import { performance } from "node:perf_hooks";
import { highsBackend, parseInstance, solveDetailed, verifyPlan, type Backend, type Instance, type Plan } from "jinxiu";
import { cbcAvailable } from "./cbc.js";
import { cbcDeadlineBackend } from "./residency-cbc.js";
import { residency } from "./residency.js";
import { solveMonolithic, type MonolithicResult } from "./residency-monolithic.js";

export interface ResidencyRow {
  readonly name: string;
  readonly make: () => Instance;
  readonly limitS: number;
  readonly relGap: number;
  /** The issue's targets for the row. */
  readonly target: { readonly gap: number; readonly seconds: number; readonly mb?: number };
  /** Cap on a reference's time limit, seconds. */
  readonly refCapS: number;
}

const parsed = (o: Parameters<typeof residency>[0]) => () => parseInstance(JSON.stringify(residency(o).instance));

export function residencyRows(quick: boolean): ResidencyRow[] {
  return quick
    ? [{ name: "住培 one base (quick, ~100)", make: parsed({ seed: 42, residentsPerBase: 102 }), limitS: 20, relGap: 0.005, target: { gap: 0.005, seconds: 30 }, refCapS: 15 }]
    : [
        { name: "住培 one base (~300, 60 months)", make: parsed({ seed: 42 }), limitS: 60, relGap: 0.005, target: { gap: 0.005, seconds: 30 }, refCapS: 300 },
        { name: "住培 one base + 12 进修", make: parsed({ seed: 42, jinxiu: 12 }), limitS: 60, relGap: 0.005, target: { gap: 0.005, seconds: 30 }, refCapS: 300 },
        { name: "住培 eight bases (~2,500)", make: parsed({ seed: 42, bases: 8, residentsPerBase: 312 }), limitS: 300, relGap: 0.01, target: { gap: 0.01, seconds: 180, mb: 4096 }, refCapS: 300 },
      ];
}

/** HiGHS with its primal heuristics at their defaults: the monolithic model needs them to find any plan. */
export const highsReference: Backend = {
  name: "highs-defaults",
  solve: (m, o) =>
    highsBackend.solve(m, {
      ...o,
      engineOptions: {
        mip_heuristic_run_feasibility_jump: true, mip_heuristic_run_root_reduced_cost: true,
        mip_heuristic_run_zi_round: true, mip_heuristic_run_shifting: true, mip_heuristic_effort: 0.05,
      },
    }),
};

interface Measured {
  readonly plan?: Plan;
  readonly ms: number;
  readonly peakMb: number;
  /** Why no plan counts: an error, no plan in the limit, or the verifier's first violation. */
  readonly note?: string;
}

async function timed(inst: Instance, run: () => Promise<{ plan?: Plan; note?: string }>): Promise<Measured> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  const t0 = performance.now();
  let out: { plan?: Plan; note?: string };
  try {
    out = await run();
  } catch (e) {
    out = { note: String((e as Error).message).split("\n")[0].slice(0, 80) };
  }
  const ms = performance.now() - t0;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  if (out.plan) {
    const v = verifyPlan(inst, out.plan);
    if (!v.valid) return { ms, peakMb: peak / 2 ** 20, note: `invalid (${v.violations.length} violations, first ${v.violations[0].code})` };
    if (!v.objectiveMatches) return { ms, peakMb: peak / 2 ** 20, note: `objective ${out.plan.objective} ≠ verifier ${v.objective}` };
  }
  return { plan: out.plan, ms, peakMb: peak / 2 ** 20, note: out.note };
}

/** The monolithic model's binaries, from its last build (printed beside the row). */
let lastBinaries: number | undefined;
const reference = (inst: Instance, backend: Backend, limitMs: number, relGap: number) =>
  timed(inst, async () => {
    const r: MonolithicResult = await solveMonolithic(inst, backend, { timeLimitMs: limitMs, relGap });
    lastBinaries = r.stats.binaries;
    return { plan: r.plan, note: r.plan ? undefined : `no plan (${r.engineStatus}${r.message ? `: ${r.message.slice(0, 40)}` : ""})` };
  });

const fmt = (n: number | undefined, d = 0) => (n === undefined || !Number.isFinite(n) ? "—" : n.toFixed(d));
const gapOf = (p: Plan | undefined) => (p && p.bound !== undefined ? (p.bound - p.objective) / Math.max(1, Math.abs(p.bound)) : undefined);

/** Runs the rows and prints one table line each; returns whether every target held. */
export async function residencyTable(quick: boolean): Promise<boolean> {
  const withCbc = cbcAvailable();
  console.log("");
  console.log(["住培 size", "residents", "status", "time s", "objective", "bound", "gap %", "peak MB", "target", "mono binaries", "HiGHS limit s", "HiGHS time s", "HiGHS objective", ...(withCbc ? ["CBC time s", "CBC objective"] : []), "≥ 5×"].join(" | "));
  if (!withCbc) console.log("(native CBC not installed: apt-get install coinor-cbc adds its columns)");
  let all = true;
  // --only=TEXT: the rows whose name contains TEXT (e.g. --only=eight).
  const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length);
  for (const row of residencyRows(quick).filter((r) => !only || r.name.includes(only))) {
    const inst = row.make();
    const residents = inst.trainees.filter((t) => t.curriculum !== undefined).length;
    const a = await timed(inst, async () => ({ plan: (await solveDetailed(inst, { timeLimitMs: row.limitS * 1000, relGap: row.relGap })).plan }));
    const p = a.plan;
    const gap = gapOf(p);
    const met = p !== undefined && gap !== undefined && gap <= row.target.gap + 1e-12 && a.ms <= row.target.seconds * 1000 && (row.target.mb === undefined || a.peakMb <= row.target.mb);
    // 10× jinxiu's time (at least 10 s), at most the cap; the cap when jinxiu has no valid plan (the reference's reach is still worth printing).
    const limitMs = p ? Math.min(row.refCapS * 1000, Math.max(10_000, 10 * a.ms)) : row.refCapS * 1000;
    const h = await reference(inst, highsReference, limitMs, row.relGap);
    const c = withCbc ? await reference(inst, cbcDeadlineBackend, limitMs, row.relGap) : undefined;
    // ≥ 5×: no valid reference plan as good as jinxiu's within 5× jinxiu's time.
    const beats = (r: Measured | undefined) => !r || !r.plan || r.plan.objective < (p?.objective ?? Number.POSITIVE_INFINITY) - 1e-6 || r.ms >= 5 * a.ms;
    const fast = p !== undefined && beats(h) && beats(c);
    all &&= met && fast;
    const cell = (r: Measured) => (r.plan ? fmt(r.plan.objective) : r.note ?? "—");
    const binaries = fmt(lastBinaries);
    lastBinaries = undefined;
    console.log([
      row.name, residents, p?.status ?? a.note ?? "—", fmt(a.ms / 1000, 2), p ? fmt(p.objective) : a.note ?? "—", fmt(p?.bound), fmt(gap === undefined ? undefined : gap * 100, 2), fmt(a.peakMb),
      met ? "met" : "not met", binaries, fmt(limitMs / 1000, 0), fmt(h.ms / 1000, 1), cell(h), ...(c ? [fmt(c.ms / 1000, 1), cell(c)] : []), fast ? "yes" : "no",
    ].join(" | "));
  }
  return all;
}

