/**
 * 连云港市 2024 年基层骨干务实进修 — the annual allocation.
 *
 * Reads the instance (nine districts' allocation table, township centres,
 * city and county hospitals), solves it, prints the summary and writes, in
 * out/: the plan, the forms the commission files (登记表, 汇总表, 分配表 and
 * 一人一策一档 as one workbook and as CSV) and the visual report.
 *
 *   npm run example
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildForms, formsToCsv, formsToXlsx, parseInstance, renderHtmlReport, serializePlan, solveDetailed, summarizePlan, verifyPlan } from "jinxiu";

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

// The forms (附件 1–3 of 连卫基层便函〔2024〕17号) and the report planners check at a glance.
const forms = buildForms(instance, plan);
writeFileSync(join(outDir, "lianyungang-2024.forms.xlsx"), await formsToXlsx(forms));
mkdirSync(join(outDir, "lianyungang-2024.csv"), { recursive: true });
for (const [name, text] of Object.entries(formsToCsv(forms))) writeFileSync(join(outDir, "lianyungang-2024.csv", name), text);
writeFileSync(join(outDir, "lianyungang-2024.report.html"), renderHtmlReport(instance, plan));

console.log(summarizePlan(instance, plan, { stats, out }));
console.log(`forms: out/lianyungang-2024.forms.xlsx, out/lianyungang-2024.csv/; report: out/lianyungang-2024.report.html`);
