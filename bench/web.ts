/**
 * A browser run (Debian's chromium, headless, through playwright-core): the planner's page
 * (examples/web, built here) against the Node CLI.
 *
 *   npm run bench:web            连云港 2024 (3 runs each) and the 浙江 province-year (gap 1 %, 300 s)
 *   npm run bench:web -- --quick 连云港 2024 only, 1 run each (CI)
 *
 * 连云港: the Node CLI's wall time (`jinxiu solve`, a fresh process: start-up, HiGHS load, solve,
 * plan written) against the page's, from the click on 开始求解 to the plan shown (a fresh page
 * each run: worker start-up, HiGHS's WebAssembly compiled, solve, table and report drawn);
 * medians. Target: the page within 2× of the CLI.
 *
 * 浙江 province-year: solved in the page at a 1 % gap, as bench/run.ts solves it; browser
 * memory is the resident set (RSS, /proc) of the chromium renderer process that runs the page
 * and its workers (dedicated workers, HiGHS's WebAssembly memory included, live in it), sampled
 * every 250 ms, peak; the sum over all of the browser's processes beside it. Target: ≤ 2 GB.
 * Every plan is checked with verifyPlan. The run fails when a target is missed.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { type Instance, type Plan, parseInstance, parsePlan, verifyPlan } from "jinxiu";
import type { Page } from "playwright-core";
import { buildWeb } from "../examples/web/build.js";
import { launchChromium, serve, watchRequests } from "../test/web/harness.js";
import { zhejiang } from "./generate.js";

/** The page's globals inside `evaluate` callbacks (the project compiles without the DOM library). */
interface PageElement {
  textContent: string | null;
  hasAttribute(name: string): boolean;
  click(): void;
}
declare const document: {
  body: { dataset: Record<string, string | undefined> };
  documentElement: { scrollWidth: number };
  querySelector(sel: string): PageElement | null;
};
declare const MutationObserver: new (fn: () => void) => { observe(target: unknown, options: { attributes: boolean; attributeFilter: string[] }): void };

const quick = process.argv.includes("--quick");
const runs = quick ? 1 : 3;
const TMP = mkdtempSync(join(tmpdir(), "jinxiu-bench-web-"));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;

console.log(`# bench/web.ts — a browser run (headless chromium ${execFileSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim()})`);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}; load before: ${loadavg().map((l) => l.toFixed(2)).join(" ")}${quick ? "; quick" : ""}\n`);

const example = "examples/lianyungang-2024.json";
const exampleText = readFileSync(example, "utf8");
const exampleInstance = parseInstance(exampleText);

// ---- the Node CLI
const cli: number[] = [];
for (let i = 0; i < runs; i++) {
  const out = join(TMP, `cli-${i}.plan.json`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["dist/cli.js", "solve", example, "--out", out, "--quiet"], { encoding: "utf8" });
  cli.push(performance.now() - t0);
  if (r.status !== 0) throw new Error(`jinxiu solve failed: ${r.stderr}`);
  const plan = parsePlan(readFileSync(out, "utf8")) as Plan;
  if (plan.status !== "optimal" || !verifyPlan(exampleInstance, plan).valid) throw new Error(`CLI plan: ${plan.status}`);
}

// ---- the page
const site = await serve(await buildWeb({ outDir: join(TMP, "site") }));
const tag = `--jinxiu-bench=${process.pid}`;
const browser = await launchChromium([tag]);
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
const requests = await watchRequests(context, site.origin);

/** Loads `text` into a fresh page, solves it, returns the click-to-plan time (measured in the page) and the plan. */
async function solveInPage(page: Page, name: string, text: string, gapPct = 0, limitS = 600): Promise<{ ms: number; plan: Plan }> {
  await page.goto(site.url);
  await page.setInputFiles("#file", { name, mimeType: "application/json", buffer: Buffer.from(text, "utf8") });
  await page.waitForSelector("#run:not([hidden])", { timeout: 120_000 });
  await page.fill("#gap", String(gapPct));
  await page.fill("#limit", String(limitS));
  const ms = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const t0 = performance.now();
        new MutationObserver(() => {
          const state = document.body.dataset.state;
          if (state === "done") resolve(performance.now() - t0);
          else if (state === "error") reject(new Error(document.querySelector("#run-error")?.textContent ?? "error"));
        }).observe(document.body, { attributes: true, attributeFilter: ["data-state"] });
        document.querySelector("#solve")!.click();
      }),
  );
  const [d] = await Promise.all([page.waitForEvent("download"), page.click('[data-download="plan"]')]);
  const file = join(TMP, `${Date.now()}.plan.json`);
  await d.saveAs(file);
  return { ms, plan: parsePlan(readFileSync(file, "utf8")) as Plan };
}

const web: number[] = [];
for (let i = 0; i < runs; i++) {
  const page = await context.newPage();
  const { ms, plan } = await solveInPage(page, "lianyungang-2024.json", exampleText);
  if (plan.status !== "optimal" || !verifyPlan(exampleInstance, plan).valid) throw new Error(`page plan: ${plan.status}`);
  web.push(ms);
  await page.close();
}
const ratio = median(web) / median(cli);
console.log("| 连云港 2024 (75 trainees) | runs | median | all | ratio |");
console.log("|---|---|---|---|---|");
console.log(`| Node CLI (\`jinxiu solve\`, fresh process) | ${runs} | ${s(median(cli))} | ${cli.map(s).join(", ")} | 1 |`);
console.log(`| the page in chromium (fresh page, click → plan shown) | ${runs} | ${s(median(web))} | ${web.map(s).join(", ")} | ${ratio.toFixed(2)}× (target ≤ 2×) |`);

// ---- 浙江 province-year: memory
/** RSS (kB) of every process of this browser: the renderer(s) and the rest. */
function browserRss(): { renderer: number; total: number } {
  const procs = readdirSync("/proc").filter((p) => /^\d+$/.test(p));
  const info = new Map<number, { ppid: number; cmd: string; rss: number }>();
  for (const p of procs) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const cmd = readFileSync(`/proc/${p}/cmdline`, "utf8").replace(/\0/g, " ");
      const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0);
      info.set(Number(p), { ppid, cmd, rss });
    } catch {
      // gone meanwhile
    }
  }
  const root = [...info].find(([, v]) => v.cmd.includes(tag) && !v.cmd.includes("--type="))?.[0];
  let renderer = 0;
  let total = 0;
  for (const [pid, v] of info) {
    let q: number | undefined = pid;
    while (q !== undefined && q > 1 && q !== root) q = info.get(q)?.ppid;
    if (q !== root) continue;
    total += v.rss;
    if (v.cmd.includes("--type=renderer")) renderer = Math.max(renderer, v.rss);
  }
  return { renderer, total };
}

let failed = ratio > 2;
if (!quick) {
  const instance: Instance = parseInstance(JSON.stringify(zhejiang({ seed: 42, years: 1 })));
  const text = JSON.stringify(instance);
  const page = await context.newPage();
  let peak = { renderer: 0, total: 0 };
  const sampler = setInterval(() => {
    const m = browserRss();
    peak = { renderer: Math.max(peak.renderer, m.renderer), total: Math.max(peak.total, m.total) };
  }, 250);
  const { ms, plan } = await solveInPage(page, "zhejiang-province-year.json", text, 1, 300);
  clearInterval(sampler);
  const v = verifyPlan(instance, plan);
  if (!v.valid) throw new Error(`province-year plan breaks ${v.violations.length} rules`);
  const gap = plan.bound !== undefined ? ((plan.bound - plan.objective) / Math.abs(plan.bound)) * 100 : Number.NaN;
  console.log("\n| 浙江 province-year (~3,700 trainees, 12 months), gap 1 % | time | status | gap | renderer RSS, peak | all browser processes, peak |");
  console.log("|---|---|---|---|---|---|");
  console.log(`| the page in chromium | ${s(ms)} | ${plan.status} | ${gap.toFixed(2)} % | ${mb(peak.renderer)} (target ≤ 2 GB) | ${mb(peak.total)} |`);
  if (peak.renderer > 2 * 1024 * 1024) failed = true;
  await page.close();
}

console.log(`\nrequests outside the page's origin: ${requests.outside.length}; load after: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
if (requests.outside.length) failed = true;
await browser.close();
await site.close();
rmSync(TMP, { recursive: true, force: true });
if (failed) {
  console.error("bench:web: a target was missed");
  process.exit(1);
}
