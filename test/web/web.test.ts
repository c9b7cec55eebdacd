/**
 * jinxiu in a browser (Debian's chromium through playwright-core, no browser download).
 *
 * 1. The library as a bundler takes it: esbuild bundles `import … from "jinxiu"` for the
 *    browser (the package's `browser` export condition: dist/browser/), and the bundle solves
 *    examples/lianyungang-2024.json to `optimal` with the golden objective, HiGHS in a Web Worker.
 * 2. The planner's page (examples/web, built by Vite once here, served under a sub-path):
 *    the 连云港 workbook (written by instanceToWorkbook) and JSON solve to optimal; the table
 *    has one sorted row per placement; the downloaded plan passes verifyPlan and the forms
 *    workbook has exactly the cells Node writes for that plan; a broken workbook lists its
 *    cell errors; stop during the 浙江 province-year keeps a valid plan; the page fits 390 px;
 *    no request leaves the page's origin.
 *
 * A missing chromium FAILS this file, as the report's browser test does.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import ExcelJS from "exceljs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zhejiang } from "../../bench/generate.js";
import { buildWeb } from "../../examples/web/build.js";
import { InstanceError, type Instance, type Issue, type Plan, buildForms, formsToXlsx, instanceToWorkbook, parseInstance, parsePlan, verifyPlan, workbookToInstance } from "../../src/index.js";
import { type Served, launchChromium, serve, watchRequests } from "./harness.js";

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

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../..");
const OUT = join(ROOT, "test-output");
const TMP = mkdtempSync(join(tmpdir(), "jinxiu-web-"));
const GOLDEN = JSON.parse(readFileSync(join(ROOT, "test/golden/lianyungang-2024.json"), "utf8")) as { status: string; objective: number; placed: number };
const EXAMPLE_TEXT = readFileSync(join(ROOT, "examples/lianyungang-2024.json"), "utf8");
const EXAMPLE = parseInstance(EXAMPLE_TEXT);

let browser: Browser;
let site: Served;
let bundleSite: Served;
let context: BrowserContext;
let requests: { all: string[]; outside: string[] };
const pageErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  // The page and the library's browser build, once for the file (a few seconds for the library, ~15 s for the page).
  const dist = await buildWeb({ outDir: join(TMP, "site") });
  site = await serve(dist);

  // A consumer's bundle: `jinxiu` resolved as a package (its exports, browser condition), as a bundler does.
  const app = join(TMP, "app");
  mkdirSync(join(app, "node_modules"), { recursive: true });
  symlinkSync(ROOT, join(app, "node_modules/jinxiu"), "dir");
  writeFileSync(join(app, "main.js"), `import { parseInstance, solve, verifyPlan } from "jinxiu";
globalThis.solveText = async (text) => {
  const instance = parseInstance(text);
  const phases = [];
  const plan = await solve(instance, { onProgress: (p) => phases.push(p.phase) });
  return { status: plan.status, objective: plan.objective, placed: plan.placements.length, valid: verifyPlan(instance, plan).valid, phases: [...new Set(phases)] };
};`);
  const out = join(app, "www");
  const result = await build({
    entryPoints: [join(app, "main.js")], bundle: true, platform: "browser", format: "esm", outfile: join(out, "main.js"),
    logLevel: "error", metafile: true, absWorkingDir: app,
  });
  // esbuild leaves `new URL("./highs-worker.js", import.meta.url)` alone: its users copy the worker and the WebAssembly beside the bundle.
  for (const f of ["highs-worker.js", "highs.wasm"]) cpSync(join(ROOT, "dist/browser", f), join(out, f));
  writeFileSync(join(out, "index.html"), `<!doctype html><meta charset="utf-8"><title>bundle</title><script type="module" src="./main.js"></script>`);
  const inputs = Object.keys(result.metafile.inputs);
  // The browser build was bundled, not the Node one (which would import node:worker_threads).
  expect(inputs.some((i) => i.includes("dist/browser/index.js"))).toBe(true);
  expect(inputs.filter((i) => /(^|\/)dist\/index\.js$/.test(i))).toEqual([]);
  bundleSite = await serve(out, "/");

  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  requests = await watchRequests(context, site.origin);
  context.on("page", (p) => p.on("pageerror", (e) => pageErrors.push(e.message)));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await bundleSite?.close();
  rmSync(TMP, { recursive: true, force: true });
});

describe("the library bundled for a browser", () => {
  it("solves the 连云港 2024 example to optimal, HiGHS in a Web Worker", async () => {
    const ctx = await browser.newContext();
    const seen = await watchRequests(ctx, bundleSite.origin);
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(bundleSite.url);
    await page.waitForFunction(() => "solveText" in globalThis);
    const got = await page.evaluate((t) => (globalThis as unknown as { solveText(t: string): Promise<Record<string, unknown>> }).solveText(t), EXAMPLE_TEXT);
    expect(got).toMatchObject({ status: "optimal", objective: GOLDEN.objective, placed: GOLDEN.placed, valid: true });
    expect(got.phases).toContain("solve");
    // The engine's WebAssembly came from beside the bundle, and nothing from elsewhere.
    expect(seen.all.some((u) => u.endsWith("/highs.wasm"))).toBe(true);
    expect(seen.outside).toEqual([]);
    expect(errors).toEqual([]);
    await ctx.close();
  }, 120_000);
});

// ------------------------------------------------------------------ the page

async function openPage(width = 1280): Promise<Page> {
  const page = await context.newPage();
  if (width !== 1280) await page.setViewportSize({ width, height: 844 });
  await page.goto(site.url);
  await page.waitForSelector("#file", { state: "attached" });
  return page;
}

async function upload(page: Page, name: string, bytes: Uint8Array | string): Promise<void> {
  const buffer = typeof bytes === "string" ? Buffer.from(bytes, "utf8") : Buffer.from(bytes);
  const mimeType = name.endsWith(".xlsx") ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "application/json";
  await page.setInputFiles("#file", { name, mimeType, buffer });
  await page.waitForFunction(() => !document.querySelector("#run")!.hasAttribute("hidden") || !document.querySelector("#issues")!.hasAttribute("hidden"), null, { timeout: 60_000 });
}

async function solveInPage(page: Page, opts: { limitS?: number; gapPct?: number } = {}): Promise<void> {
  if (opts.limitS !== undefined) await page.fill("#limit", String(opts.limitS));
  if (opts.gapPct !== undefined) await page.fill("#gap", String(opts.gapPct));
  await page.click("#solve");
}

async function waitDone(page: Page, timeout = 120_000): Promise<void> {
  await page.waitForFunction(() => ["done", "error"].includes(document.body.dataset.state ?? ""), null, { timeout });
  const err = await page.locator("#run-error").textContent();
  expect(await page.evaluate(() => document.body.dataset.state), err ?? "").toBe("done");
}

async function download(page: Page, key: string): Promise<Buffer> {
  const [d] = await Promise.all([page.waitForEvent("download"), page.click(`[data-download="${key}"]`)]);
  const path = join(TMP, `${Date.now()}-${d.suggestedFilename()}`);
  await d.saveAs(path);
  return readFileSync(path);
}

async function tableRows(page: Page): Promise<string[][]> {
  return page.$$eval("#plan-table tbody tr", (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));
}

/** Every sheet's every cell value, as text, of an .xlsx. */
async function cells(bytes: Uint8Array): Promise<Record<string, string[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: Record<string, string[][]> = {};
  wb.eachSheet((ws) => {
    const rows: string[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.toISOString() : JSON.stringify(v ?? null)))));
    out[ws.name] = rows;
  });
  return out;
}

describe("the planner's page", () => {
  it("solves the 连云港 workbook to optimal; the table, the plan JSON and the forms workbook agree with Node", async () => {
    const page = await openPage();
    await upload(page, "连云港2024.xlsx", await instanceToWorkbook(EXAMPLE));
    expect(await page.locator("#issues").isHidden()).toBe(true);
    await solveInPage(page);
    await waitDone(page);
    expect(await page.locator("#summary").getAttribute("data-status")).toBe("optimal");

    const plan = parsePlan(JSON.parse((await download(page, "plan")).toString("utf8"))) as Plan;
    expect(plan.status).toBe("optimal");
    expect(plan.objective).toBe(GOLDEN.objective);
    expect(verifyPlan(EXAMPLE, plan).valid).toBe(true);

    // One row per placement, named, sorted by start (the default) and re-sorted by a header click.
    const rows = await tableRows(page);
    expect(rows.length).toBe(plan.placements.length);
    const names = new Map(EXAMPLE.trainees.map((t) => [t.id, t.name ?? t.id]));
    expect(rows.map((r) => r[0]).sort()).toEqual(plan.placements.map((p) => names.get(p.trainee)!).sort());
    const starts = rows.map((r) => r[4]);
    expect(starts).toEqual([...starts].sort());
    await page.click("#plan-table thead th:nth-child(6)");
    await page.click("#plan-table thead th:nth-child(6)");
    const ends = (await tableRows(page)).map((r) => r[5]);
    expect(ends).toEqual([...ends].sort().reverse());
    expect(await page.getAttribute("#plan-table thead th:nth-child(6)", "aria-sort")).toBe("descending");

    // The forms workbook has the cells Node writes for the same plan.
    const xlsx = await download(page, "forms");
    const mine = await cells(new Uint8Array(xlsx));
    expect(Object.keys(mine).length).toBeGreaterThan(2);
    expect(mine).toEqual(await cells(await formsToXlsx(buildForms(EXAMPLE, plan))));
    // …and they are the plan's: every placed trainee's name is in a cell of it.
    const texts = new Set(Object.values(mine).flat(2));
    expect(plan.placements.filter((p) => !texts.has(JSON.stringify(names.get(p.trainee))))).toEqual([]);

    // The report (Gantt, heatmaps) is there, in the page.
    await page.click("[data-tab=report]");
    const frame = page.frameLocator("#report");
    await expect.poll(() => frame.locator("body").textContent(), { timeout: 10_000 }).toContain(names.get(plan.placements[0].trainee)!);
    await page.screenshot({ path: join(OUT, "web-1280.png") });
    await page.close();
  }, 180_000);

  it("solves the 连云港 JSON to the same optimum and fits a 390 px phone", async () => {
    const page = await openPage(390);
    await upload(page, "lianyungang-2024.json", EXAMPLE_TEXT);
    await solveInPage(page);
    await waitDone(page);
    expect(await page.locator("#summary").getAttribute("data-status")).toBe("optimal");
    expect(await page.locator("#summary").textContent()).toContain(GOLDEN.objective.toLocaleString("zh-CN"));
    expect((await tableRows(page)).length).toBe(GOLDEN.placed);
    // Nothing but the table's own scroller is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(OUT, "web-390.png"), fullPage: false });
    await page.close();
  }, 120_000);

  it("lists a broken workbook's problems by cell, exactly as workbookToInstance reports them", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await instanceToWorkbook(EXAMPLE)) as unknown as ArrayBuffer);
    const people = wb.getWorksheet("人员")!;
    people.getCell("H3").value = "1986-13-45";
    people.getCell("C4").value = "不存在的卫生院";
    const broken = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const expected: Issue[] = await workbookToInstance(broken).then(
      () => [],
      (e: unknown) => (e instanceof InstanceError ? [...e.issues] : []),
    );
    expect(expected.map((i) => i.path)).toEqual(expect.arrayContaining(["人员!H3 出生日期", "人员!C4 基层机构名称"]));

    const page = await openPage();
    await upload(page, "坏的.xlsx", broken);
    const shown = await page.$$eval("#issues tbody tr", (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
    expect(shown).toEqual(expected.map((i) => [i.path, i.message]));
    expect(await page.locator("#run").isHidden()).toBe(true);
    // A JSON instance with a wrong field: its path.
    const bad = JSON.parse(EXAMPLE_TEXT) as { trainees: { programme: string }[] };
    bad.trainees[2].programme = "no-such-programme";
    await upload(page, "bad.json", JSON.stringify(bad));
    const paths = await page.$$eval("#issues tbody tr td:first-child", (tds) => tds.map((td) => td.textContent));
    expect(paths.some((p) => p?.startsWith("trainees[2]"))).toBe(true);
    await page.close();
  }, 120_000);

  it("stop during the 浙江 province-year keeps the best plan found, and it is valid", async () => {
    const instance: Instance = parseInstance(JSON.stringify(zhejiang({ seed: 42, years: 1 })));
    const page = await openPage();
    await upload(page, "zhejiang-province-year.json", JSON.stringify(instance));
    await solveInPage(page);
    // Stop once the solve is under way with a plan in hand (the greedy plan is the first incumbent).
    await page.waitForFunction(() => document.querySelector("#p-incumbent")?.textContent !== "—", null, { timeout: 120_000 });
    await page.click("#stop");
    await waitDone(page, 60_000);
    expect(await page.locator("#summary").getAttribute("data-status")).toBe("timeout-feasible");
    const plan = parsePlan(JSON.parse((await download(page, "plan")).toString("utf8"))) as Plan;
    expect(plan.status).toBe("timeout-feasible");
    const v = verifyPlan(instance, plan);
    expect(v.violations).toEqual([]);
    expect(plan.placements.length + plan.unplaced.length).toBe(instance.trainees.length);
    expect((await tableRows(page)).length).toBe(plan.placements.length);
    await page.close();
  }, 240_000);

  it("sent no request outside the page's origin, and loaded its engine from it", () => {
    expect(requests.all.some((u) => u.endsWith(".wasm"))).toBe(true);
    expect(requests.all.every((u) => u.startsWith(site.url) || u.startsWith("blob:") || u.startsWith("data:"))).toBe(true);
    expect(requests.outside).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
