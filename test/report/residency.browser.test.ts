/**
 * The residency report in a real browser on a 390 px phone (Debian's chromium through
 * playwright-core, as html.browser.test.ts): the page is no wider than the screen, the
 * heatmap scrolls inside its card, a tap on a heatmap number opens that department's roster
 * (no hover, no script: `:target`), and a tap on a name there brings that resident's
 * schedule into view with its rotations written out.
 *
 * A missing chromium FAILS this file, as it does html.browser.test.ts: set CHROMIUM_PATH or
 * install Debian's `chromium` package.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderHtmlReport } from "../../src/report/html.js";
import { residencyInstance, residencyPlan } from "./residency.fixture.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const TMP = mkdtempSync(join(tmpdir(), "jinxiu-residency-"));

/** The page's globals inside `evaluate` callbacks (the project compiles without the DOM library). */
declare const document: { documentElement: { scrollWidth: number }; body: { scrollWidth: number } };
declare const window: { innerWidth: number };

let browser: Browser | undefined;
let launchError: string | undefined;
beforeAll(async () => {
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 60_000 });
  } catch (e) {
    launchError = `cannot launch chromium at ${CHROMIUM} (set CHROMIUM_PATH, or apt-get install chromium): ${(e as Error)?.message ?? e}`;
  }
});
afterAll(async () => {
  await browser?.close();
  rmSync(TMP, { recursive: true, force: true });
});

describe("the residency report on a 390 px phone", () => {
  it("fits the screen; a tap on a number shows who is there, a tap on a name that resident's schedule", async () => {
    if (!browser) throw new Error(launchError ?? "chromium was not launched");
    const file = join(TMP, "residency.html");
    writeFileSync(file, renderHtmlReport(residencyInstance(), residencyPlan()));
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const errors: string[] = [];
    const blocked: string[] = [];
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    page.on("pageerror", (e) => errors.push(e.message));
    await page.route("**", (route) => {
      if (route.request().url().startsWith("file:")) return route.continue();
      blocked.push(route.request().url());
      return route.abort();
    });
    try {
      await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
      const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, body: document.body.scrollWidth, view: window.innerWidth }));
      expect(widths.view).toBe(390);
      expect(widths.doc, "page wider than the phone").toBeLessThanOrEqual(390);
      expect(widths.body).toBeLessThanOrEqual(390);

      // Rosters are hidden until asked for.
      const roster = page.locator('[data-testid="roster"][data-dept="emergency"]');
      expect(await roster.isVisible()).toBe(false);
      const cell = page.locator('[data-testid="service-row"][data-dept="emergency"] [data-testid="service-cell"][data-slot="0"] a');
      await cell.scrollIntoViewIfNeeded();
      await cell.tap();
      await expect.poll(() => roster.isVisible()).toBe(true);
      expect(await roster.textContent()).toContain("张三");

      // Tap the name: the resident's schedule is in view, its rotations written out.
      await roster.getByRole("link", { name: "张三" }).tap();
      const resident = page.locator('[data-testid="resident"][data-trainee="r-001"]');
      await expect.poll(() => resident.isVisible()).toBe(true);
      await expect.poll(() => page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash)).toBe("#r-0");
      const box = (await resident.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(-1);
      expect(box.y).toBeLessThan(844);
      const rotations = resident.getByTestId("resident-rotation");
      expect(await rotations.count()).toBe(3);
      expect(await rotations.nth(2).textContent()).toContain("全科（历城区洪家楼街道社区卫生服务中心）");
      expect(await rotations.nth(2).isVisible()).toBe(true);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      expect(blocked).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});
