/**
 * Benchmarks of the core solver.
 *
 *   npm run bench          city, large city, province-year
 *   npm run bench:quick    city and large city only (CI)
 *
 * Per size: model size, time, objective, bound, gap, peak memory; every plan
 * is verified before its time counts. Each size is also solved by a reference:
 * the plain monolithic MILP (the same formulation, no column generation) on
 * HiGHS with its default primal heuristics, and the ratios (time, objective)
 * against it are printed (each the faster of two alternating runs); and, where
 * Debian's `coinor-cbc` is installed, by native CBC on the same model written
 * as MPS (one run). Absolute times are for the machine printed in the header.
 */
import { readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { performance } from "node:perf_hooks";
import { highsBackend, parseInstance, solveDetailed, verifyPlan, type Backend, type Instance, type Plan } from "jinxiu";
import { cbcAvailable, cbcBackend } from "./cbc.js";
import { generate } from "./generate.js";

const quick = process.argv.includes("--quick");
const sizes = [
  { name: "city (~75)", trainees: 75, months: 4, duration: [3, 3] as const, limitS: 30 },
  { name: "large city (~500)", trainees: 500, months: 12, duration: [3, 6] as const, limitS: 60 },
  ...(quick ? [] : [{ name: "province-year (~3,700)", trainees: 3700, months: 12, duration: [3, 6] as const, limitS: 120 }]),
];

const reference: Backend = {
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

async function measure(inst: Instance, backend: Backend | undefined, limitS: number, monolithic = false) {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  const t0 = performance.now();
  let res: { plan: Plan; stats: { variables: number; constraints: number } } | undefined;
  let error: string | undefined;
  try {
    res = await solveDetailed(inst, { timeLimitMs: limitS * 1000, backend, ...(monolithic ? { pricingThreshold: Number.POSITIVE_INFINITY } : {}) });
  } catch (e) {
    error = (e as Error).message.split("\n")[0];
  }
  const ms = performance.now() - t0;
  clearInterval(sampler);
  if (res) {
    const v = verifyPlan(inst, res.plan);
    if (!v.valid) throw new Error(`bench: invalid plan (${v.violations[0].code}: ${v.violations[0].message})`);
  }
  return { res, ms, peakMb: peak / 2 ** 20, error };
}

const fmt = (n: number | undefined, d = 0) => (n === undefined ? "—" : n.toFixed(d));
console.log(`jinxiu bench${quick ? " (quick)" : ""} — ${cpus()[0]?.model ?? "cpu"} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
// Warm the engine once so the first size does not pay WebAssembly start-up alone.
await solveDetailed(parseInstance(JSON.stringify(generate({ seed: 1, trainees: 10, months: 4, duration: [3, 3] }))));
const withCbc = cbcAvailable();
const header = ["size", "trainees", "vars", "rows", "status", "time s", "objective", "bound", "gap %", "peak MB", "ref time s", "ref objective", "time ratio", "obj ratio", ...(withCbc ? ["cbc time s", "cbc objective", "cbc time ratio", "cbc obj ratio"] : [])];
console.log(header.join(" | "));
if (!withCbc) console.log("(native CBC not installed: apt-get install coinor-cbc adds its columns)");
const shanghai = { name: "上海 example (rotations, 26 weeks)", trainees: 22, months: 0, duration: [0, 0] as const, limitS: 60, file: "examples/shanghai-community.json" };
for (const s of [...sizes, shanghai]) {
  const inst = "file" in s ? parseInstance(readFileSync(s.file as string, "utf8")) : parseInstance(JSON.stringify(generate({ seed: 42, trainees: s.trainees, months: s.months, duration: s.duration })));
  // Each solver runs twice, alternating, and its faster run counts: the first run of an
  // instance also pays for warming caches and JIT, which would favour whoever runs second.
  const fastest = (x: Awaited<ReturnType<typeof measure>>, y: Awaited<ReturnType<typeof measure>>) => (y.ms < x.ms ? y : x);
  let r = await measure(inst, reference, s.limitS, true);
  let a = await measure(inst, undefined, s.limitS);
  r = fastest(r, await measure(inst, reference, s.limitS, true));
  a = fastest(a, await measure(inst, undefined, s.limitS));
  const c = withCbc ? await measure(inst, cbcBackend, s.limitS, true) : undefined;
  const p = a.res?.plan;
  const gap = p && p.bound !== undefined ? ((p.bound - p.objective) / Math.max(1, Math.abs(p.bound))) * 100 : undefined;
  console.log([
    s.name, inst.trainees.length, a.res?.stats.variables ?? "—", a.res?.stats.constraints ?? "—", p?.status ?? a.error,
    fmt(a.ms / 1000, 2), fmt(p?.objective), fmt(p?.bound), fmt(gap, 2), fmt(a.peakMb),
    fmt(r.ms / 1000, 2), fmt(r.res?.plan.objective), fmt(r.res ? a.ms / r.ms : undefined, 2),
    fmt(r.res && p ? p.objective / r.res.plan.objective : undefined, 4),
    ...(c ? [fmt(c.ms / 1000, 2), c.res ? fmt(c.res.plan.objective) : (c.error ?? "—"), fmt(c.res ? a.ms / c.ms : undefined, 2), fmt(c.res && p ? p.objective / c.res.plan.objective : undefined, 4)] : []),
  ].join(" | "));
}
