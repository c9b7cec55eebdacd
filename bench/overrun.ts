/**
 * Time-limit overrun: wall time of a whole `solveDetailed` call (from the call,
 * every phase) over its `timeLimitMs`, for 1, 5 and 30 s limits. The limit
 * holds when wall ≤ 1.1 × limit + 1 s; a solve that proves optimality earlier
 * stops earlier (ratio below 1). Every plan is verified.
 */
import { performance } from "node:perf_hooks";
import { type Instance, solveDetailed, verifyPlan } from "jinxiu";

export interface OverrunCase {
  readonly name: string;
  readonly make: () => Instance;
  readonly limitsS: readonly number[];
}

export interface OverrunRow {
  readonly name: string;
  readonly limitS: number;
  readonly wallS: number;
  readonly status: string;
  readonly ok: boolean;
}

/** Runs every case at every limit, prints one table row each; returns the rows. */
export async function overrunTable(cases: readonly OverrunCase[]): Promise<OverrunRow[]> {
  console.log("");
  console.log("time-limit overrun (wall / limit; holds when wall ≤ 1.1 × limit + 1 s)");
  console.log(["instance", "limit s", "wall s", "wall / limit", "status", "holds"].join(" | "));
  const rows: OverrunRow[] = [];
  for (const c of cases) {
    const inst = c.make();
    for (const limitS of c.limitsS) {
      const t0 = performance.now();
      let status: string;
      let t1 = 0;
      try {
        const { plan } = await solveDetailed(inst, { timeLimitMs: limitS * 1000 });
        t1 = performance.now();
        const v = verifyPlan(inst, plan);
        if (!v.valid) throw new Error(`bench: invalid plan (${v.violations[0].code}: ${v.violations[0].message})`);
        status = plan.status;
      } catch (e) {
        if ((e as Error).message.startsWith("bench:")) throw e;
        t1 = performance.now();
        status = `error: ${(e as Error).message.split("\n")[0].slice(0, 60)}`;
      }
      // The solve call only (the bench's own verification after it is not the solver's time).
      const wallS = (t1 - t0) / 1000;
      const ok = wallS <= 1.1 * limitS + 1;
      rows.push({ name: c.name, limitS, wallS, status, ok });
      console.log([c.name, limitS, wallS.toFixed(2), (wallS / limitS).toFixed(3), status, ok ? "yes" : "NO"].join(" | "));
    }
  }
  return rows;
}
