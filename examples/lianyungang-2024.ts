/**
 * 连云港市 2024 年基层骨干务实进修 — the annual allocation.
 *
 * Reads the instance (nine districts' allocation table, township centres,
 * city and county hospitals), solves it, prints the summary and writes the
 * plan to out/lianyungang-2024.plan.json.
 *
 *   npm run example
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseInstance, serializePlan, solveDetailed, summarizePlan, verifyPlan } from "jinxiu";

const here = dirname(fileURLToPath(import.meta.url));
const instance = parseInstance(readFileSync(join(here, "lianyungang-2024.json"), "utf8"));

const { plan, stats } = await solveDetailed(instance, { timeLimitMs: 60_000 });

// solve() already verified the plan; checking again here shows how an app would.
const check = verifyPlan(instance, plan);
if (!check.valid) throw new Error(`plan is invalid: ${check.violations.map((v) => v.code).join(", ")}`);

const outDir = join(here, "..", "out");
mkdirSync(outDir, { recursive: true });
const out = join(outDir, "lianyungang-2024.plan.json");
writeFileSync(out, serializePlan(plan));
console.log(summarizePlan(instance, plan, { stats, out }));
