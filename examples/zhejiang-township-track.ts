/**
 * 浙江 万医进修 township track — township staff to their alliance lead or city hospitals, with support sent down (上修下沉) to keep centres staffed.
 *
 *   npx tsx examples/zhejiang-township-track.ts      (after npm run build)
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseInstance, serializePlan, solveDetailed, summarizePlan } from "jinxiu";

const here = dirname(fileURLToPath(import.meta.url));
const instance = parseInstance(readFileSync(join(here, "zhejiang-township-track.json"), "utf8"));
const { plan, stats } = await solveDetailed(instance, { timeLimitMs: 120_000 });

const outDir = join(here, "..", "out");
mkdirSync(outDir, { recursive: true });
const out = join(outDir, "zhejiang-township-track.plan.json");
writeFileSync(out, serializePlan(plan));
console.log(summarizePlan(instance, plan, { stats, out }));
