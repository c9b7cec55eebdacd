/**
 * Writes the plan of every shipped example and of the bench instances to a
 * folder, with the solve time: run before and after a refactor and compare the
 * folders byte for byte (`diff -r`) — the refactor must not change a plan.
 *
 *   npx tsx bench/snapshot.ts OUT_DIR [--province]
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseInstance, serializePlan, solveDetailed, type Instance } from "jinxiu";
import { generate, zhejiang } from "./generate.js";

const out = process.argv[2];
if (!out) throw new Error("usage: tsx bench/snapshot.ts OUT_DIR [--province]");
mkdirSync(out, { recursive: true });
const cases: { name: string; make: () => Instance; relGap?: number }[] = [
  ...readdirSync("examples").filter((f) => f.endsWith(".json")).sort().map((f) => ({ name: f.replace(/\.json$/, ""), make: () => parseInstance(readFileSync(join("examples", f), "utf8")) })),
  { name: "bench-city", make: () => parseInstance(JSON.stringify(generate({ seed: 42, trainees: 75, months: 4, duration: [3, 3] }))) },
  { name: "bench-large-city", make: () => parseInstance(JSON.stringify(generate({ seed: 42, trainees: 500, months: 12, duration: [3, 6] }))) },
  ...(process.argv.includes("--province") ? [{ name: "bench-province-year", make: () => parseInstance(JSON.stringify(zhejiang({ seed: 42, years: 1 }))), relGap: 0.01 }] : []),
];
for (const c of cases) {
  const inst = c.make();
  const t0 = performance.now();
  const { plan } = await solveDetailed(inst, { relGap: c.relGap });
  const ms = performance.now() - t0;
  writeFileSync(join(out, `${c.name}.plan.json`), serializePlan(plan));
  console.log(`${c.name}: ${plan.status} ${plan.objective} in ${(ms / 1000).toFixed(2)} s`);
}
