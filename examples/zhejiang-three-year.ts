/**
 * 浙江 万医进修 three-year plan (2024—2026): the county, township and village
 * tracks over one 36-month calendar, the three-year targets as soft minimums
 * (each track's total and its mountain/island share), and the result year by
 * year (分年度). The instance is a small synthetic province; the bench runs the
 * full-size one (~10,000 trainees).
 *
 *   npx tsx examples/zhejiang-three-year.ts      (after npm run build)
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseInstance, serializePlan, solveDetailed, summarizePlan, yearlyViews } from "jinxiu";

const here = dirname(fileURLToPath(import.meta.url));
const instance = parseInstance(readFileSync(join(here, "zhejiang-three-year.json"), "utf8"));
const { plan, stats } = await solveDetailed(instance, { timeLimitMs: 300_000 });

const outDir = join(here, "..", "out");
mkdirSync(outDir, { recursive: true });
const out = join(outDir, "zhejiang-three-year.plan.json");
writeFileSync(out, serializePlan(plan));
// The summary shows the per-year table because the calendar spans three years.
console.log(summarizePlan(instance, plan, { stats, out }));

// The same per-year view as data, e.g. for a dashboard: placements started per year and track.
for (const y of yearlyViews(instance, plan).years)
  console.log(`${y.year}: ${y.programmes.map((p) => `${p.programme} ${p.started}`).join(", ")}`);
