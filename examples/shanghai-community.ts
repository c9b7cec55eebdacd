/**
 * 上海 社区医生进修 — a district's community doctors on a week calendar, with rotations (a 2–4 week emergency block for GPs), family-doctor teams and TCM to TCM.
 *
 *   npx tsx examples/shanghai-community.ts      (after npm run build)
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseInstance, serializePlan, solveDetailed, summarizePlan } from "jinxiu";

const here = dirname(fileURLToPath(import.meta.url));
const instance = parseInstance(readFileSync(join(here, "shanghai-community.json"), "utf8"));
const { plan, stats } = await solveDetailed(instance, { timeLimitMs: 120_000 });

const outDir = join(here, "..", "out");
mkdirSync(outDir, { recursive: true });
const out = join(outDir, "shanghai-community.plan.json");
writeFileSync(out, serializePlan(plan));
console.log(summarizePlan(instance, plan, { stats, out }));
