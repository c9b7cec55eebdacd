/**
 * 连云港 2024, in August: the plan was published in June; since then a county
 * hospital cut a department's places, a doctor withdrew and a county sent new
 * names. The re-plan keeps what still works (SPEC §11.1: every trainee it
 * changes costs `objective.change`), and the 变更通知 tells each receiving
 * hospital who arrives, leaves or moves (SPEC §11.2).
 *
 * Writes, in out/: the June plan, the August instance and plan, and the
 * 变更通知 as a workbook.
 *
 *   npx tsx examples/lianyungang-august.ts
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEPT_LABELS, changeNotice, diff, diffSummary, label, parseInstance, serializePlan, solve, tablesToXlsx, verifyPlan, type Instance } from "jinxiu";

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, "..", "out");
mkdirSync(outDir, { recursive: true });
const june = parseInstance(readFileSync(join(here, "lianyungang-2024.json"), "utf8"));
const published = await solve(june, { timeLimitMs: 60_000 });
writeFileSync(join(outDir, "lianyungang-june.plan.json"), serializePlan(published));

// The disruption, written as the planner would edit the instance.
const august = JSON.parse(JSON.stringify(june)) as { -readonly [K in keyof Instance]: any };
// 1. The busiest receiving department of the plan loses one place.
const hosted = new Map<string, number>();
for (const p of published.placements) hosted.set(`${p.unit}\u0000${p.dept}`, (hosted.get(`${p.unit}\u0000${p.dept}`) ?? 0) + 1);
const [busiest] = [...hosted].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
const [cutUnit, cutDept] = busiest.split("\u0000");
for (const u of august.units) if (u.id === cutUnit) for (const r of u.receive ?? []) if (r.dept === cutDept) r.capacity = Math.max(0, r.capacity - 1);
// 2. The first placed trainee withdraws.
const withdrawn = published.placements[0].trainee;
august.trainees = august.trainees.filter((t: { id: string }) => t.id !== withdrawn);
august.teams = (august.teams ?? []).map((t: { members: string[] }) => ({ ...t, members: t.members.filter((m) => m !== withdrawn) }));
// 3. Two new names from the county of the first unplaced trainee, copies of that trainee with new ids.
const model = august.trainees.find((t: { id: string }) => published.unplaced.some((u) => u.trainee === t.id)) ?? august.trainees[0];
august.trainees.push({ ...model, id: `${model.id}-new-1`, name: `${model.name ?? model.id}（新增一）` }, { ...model, id: `${model.id}-new-2`, name: `${model.name ?? model.id}（新增二）` });
// The June plan is the baseline: keep what still works.
august.baseline = { placements: published.placements.filter((p) => p.trainee !== withdrawn) };
const instance = parseInstance(august);
writeFileSync(join(outDir, "lianyungang-august.json"), `${JSON.stringify(instance, null, 2)}\n`);

const replanned = await solve(instance, { timeLimitMs: 60_000 });
if (!verifyPlan(instance, replanned).valid) throw new Error("the re-plan is invalid");
writeFileSync(join(outDir, "lianyungang-august.plan.json"), serializePlan(replanned));

// The withdrawn doctor is listed as removed (with no reason: the trainee left the instance).
const changes = diff(instance, published, replanned);
writeFileSync(join(outDir, "lianyungang-august.变更通知.xlsx"), await tablesToXlsx([changeNotice(instance, changes)]));
const unitName = june.units.find((u) => u.id === cutUnit)?.name ?? cutUnit;
const who = june.trainees.find((t) => t.id === withdrawn)?.name ?? withdrawn;
console.log(`8 月调整：${unitName}${label(DEPT_LABELS, cutDept)}减少 1 个名额；${who}退出；新增 2 人`);
console.log(`重新安排：${replanned.status}，变动 ${replanned.changes} 人（共 ${published.placements.length} 人已安排）`);
console.log(diffSummary(instance, changes));
console.log("out/lianyungang-august.plan.json, out/lianyungang-august.变更通知.xlsx");
