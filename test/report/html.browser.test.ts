/**
 * The HTML report in a real browser (Debian's chromium through playwright-core): the solved
 * 连云港 2024 and 上海 plans are written to temp files, opened from file:// with every other
 * request blocked, and the page is checked against the plan — one Gantt bar per placement,
 * the summary count, one row per unplaced trainee, each quota bar's number against
 * `quotaCounts`, no staffing cell below its minimum, rotation segments, no console errors —
 * then a full-page screenshot goes to test-output/.
 *
 * A missing or broken chromium FAILS this file (it is never skipped): set CHROMIUM_PATH or
 * install Debian's `chromium` package.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Browser, type Page, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseInstance } from "../../src/model/parse.js";
import type { Instance, Plan } from "../../src/model/types.js";
import { renderHtmlReport } from "../../src/report/html.js";
import { contextOf } from "../../src/rules/context.js";
import { quotaCounts } from "../../src/rules/quota.js";
import { solve } from "../../src/solve/index.js";
import { verifyPlan } from "../../src/verify.js";
import { mentorShown } from "../helpers/names.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../..");
const OUT = join(ROOT, "test-output");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
const TMP = mkdtempSync(join(tmpdir(), "jinxiu-report-"));

let browser: Browser | undefined;
let launchError: string | undefined;

beforeAll(async () => {
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 60_000 });
  } catch (e) {
    launchError =
      `cannot launch chromium at ${CHROMIUM} (set CHROMIUM_PATH, or apt-get install chromium): ` +
      `${(e as Error)?.message ?? e}`;
  }
});
afterAll(async () => {
  await browser?.close();
  rmSync(TMP, { recursive: true, force: true });
});

/** The browser, or a failure that says why there is none. */
function theBrowser(): Browser {
  if (!browser) throw new Error(launchError ?? "chromium was not launched");
  return browser;
}

interface Opened {
  readonly page: Page;
  /** Console errors and uncaught page errors. */
  readonly errors: string[];
  /** Requests that were not file: URLs (all aborted). */
  readonly blocked: string[];
}

/** Writes the report to a temp file and opens it from file:// with the network blocked. */
async function open(name: string, instance: Instance, plan: Plan, width = 1440): Promise<Opened> {
  const file = join(TMP, `${name}.html`);
  writeFileSync(file, renderHtmlReport(instance, plan));
  const phone = width < 700;
  const page = await theBrowser().newPage({ viewport: { width, height: phone ? 844 : 1000 }, isMobile: phone, hasTouch: phone, deviceScaleFactor: phone ? 2 : 1 });
  const errors: string[] = [];
  const blocked: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  await page.route("**", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:")) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  return { page, errors, blocked };
}

async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(OUT, { recursive: true });
  const path = join(OUT, name);
  rmSync(path, { force: true });
  await page.screenshot({ path, fullPage: true });
  return path;
}

const load = (file: string): Instance => parseInstance(readFileSync(join(ROOT, "examples", file), "utf8"));


describe("HTML report in chromium: 连云港 2024", () => {
  let instance: Instance;
  let plan: Plan;
  beforeAll(async () => {
    instance = load("lianyungang-2024.json");
    plan = await solve(instance);
  });

  it("matches the plan, loads nothing, logs no error, and screenshots", async () => {
    expect(verifyPlan(instance, plan).valid).toBe(true);
    const { page, errors, blocked } = await open("lianyungang", instance, plan);
    try {
      // Gantt: one bar per placement, each with its trainee, each actually drawn.
      const bars = page.getByTestId("gantt-bar");
      expect(await bars.count()).toBe(plan.placements.length);
      const trainees = await bars.evaluateAll((els) => els.map((e) => e.getAttribute("data-trainee")));
      expect([...trainees].sort()).toEqual(plan.placements.map((p) => p.trainee).sort());
      const widths = await bars.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
      for (const w of widths) expect(w).toBeGreaterThan(20);
      // Mentors are in the tooltip and written out beside each name.
      const first = plan.placements[0];
      expect(await page.locator(`[data-testid="gantt-bar"][data-trainee="${first.trainee}"]`).getAttribute("title")).toContain(mentorShown(instance, first.mentor!));
      expect(await page.getByTestId("gantt-mentor").count()).toBe(plan.placements.length);

      // Summary and unplaced list.
      expect((await page.getByTestId("summary-placed").textContent())?.trim()).toBe(String(plan.placements.length));
      expect((await page.getByTestId("summary-unplaced").textContent())?.trim()).toBe(String(plan.unplaced.length));
      expect((await page.getByTestId("summary-trainees").textContent())?.trim()).toBe(String(instance.trainees.length));
      expect(await page.getByTestId("unplaced-row").count()).toBe(plan.unplaced.length);

      // Quota bars: the number shown is the count of quotaCounts, row by row.
      const counts = quotaCounts(contextOf(instance), plan);
      const quota = page.getByTestId("quota-bar");
      const expected = instance.programmes.reduce((n, p) => n + (p.quotas?.length ?? 0), 0);
      expect(expected).toBeGreaterThan(0);
      expect(await quota.count()).toBe(expected);
      for (let i = 0; i < expected; i++) {
        const bar = quota.nth(i);
        const prog = (await bar.getAttribute("data-programme"))!;
        const index = Number(await bar.getAttribute("data-index"));
        const shown = (await bar.getByTestId("quota-count").textContent())?.trim();
        expect(shown, `quota ${prog}[${index}]`).toBe(String(counts.get(prog)!.rows[index]));
        expect(await bar.getAttribute("data-count")).toBe(shown);
      }
      // The shortfall (coverage) is highlighted.
      if (plan.shortfalls.some((s) => s.rule === "coverage"))
        expect(await page.locator('[data-testid="coverage-bar"].short').count()).toBeGreaterThan(0);

      // Staffing heatmap: every staffed department × slot, none below its minimum.
      const slots = contextOf(instance).slots.count;
      const staffed = instance.units.reduce((n, u) => n + (u.departments?.length ?? 0), 0) + (instance.teams?.length ?? 0);
      expect(await page.getByTestId("heatmap").count()).toBe(1);
      expect(await page.getByTestId("heatmap-cell").count()).toBe(staffed * slots);
      expect(await page.locator('[data-testid="heatmap-cell"][data-state="below"]').count()).toBe(0);
      expect(await page.locator('[data-testid="heatmap-cell"].below').count()).toBe(0);
      // Support shows in the cells ("+1").
      if (plan.support.length) expect(await page.locator('[data-testid="heatmap-cell"] .sup').count()).toBeGreaterThan(0);

      expect(blocked).toEqual([]);
      expect(errors).toEqual([]);

      const path = await screenshot(page, "report-lianyungang.png");
      expect(statSync(path).size).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });
});

describe("HTML report in chromium: 上海 社区医生进修 (rotations, weeks)", () => {
  let instance: Instance;
  let plan: Plan;
  beforeAll(async () => {
    instance = load("shanghai-community.json");
    plan = await solve(instance);
  });

  it("draws every rotation as a segment of its bar", async () => {
    expect(verifyPlan(instance, plan).valid).toBe(true);
    const { page, errors, blocked } = await open("shanghai", instance, plan);
    try {
      expect(await page.getByTestId("gantt-bar").count()).toBe(plan.placements.length);
      const total = plan.placements.reduce((n, p) => n + (p.rotations?.length ?? 0), 0);
      expect(total).toBeGreaterThan(0);
      expect(await page.getByTestId("gantt-segment").count()).toBe(total);
      for (const p of plan.placements) {
        const segs = page.locator(`[data-testid="gantt-bar"][data-trainee="${p.trainee}"] [data-testid="gantt-segment"]`);
        expect(await segs.evaluateAll((els) => els.map((e) => e.getAttribute("data-dept")))).toEqual((p.rotations ?? []).map((r) => r.dept));
      }
      // Family-doctor teams are rows of the heatmap; nobody below a minimum.
      expect(await page.locator('[data-testid="heatmap-row"][data-team]').count()).toBe(instance.teams?.length ?? 0);
      expect(await page.locator('[data-testid="heatmap-cell"][data-state="below"]').count()).toBe(0);
      expect((await page.getByTestId("summary-placed").textContent())?.trim()).toBe(String(plan.placements.length));
      expect(await page.getByTestId("unplaced-row").count()).toBe(plan.unplaced.length);
      expect(blocked).toEqual([]);
      expect(errors).toEqual([]);
      const path = await screenshot(page, "report-shanghai.png");
      expect(statSync(path).size).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });
});

/**
 * On a 390 px phone (planners pass the report around in WeChat): nothing is wider than the
 * screen (the Gantt and the tables scroll inside their cards), every Gantt bar is drawn and
 * can be scrolled into view uncovered by the sticky names column, and each trainee's mentor
 * is written out (no hover on a phone).
 */
/** The page's globals inside `evaluate` callbacks (the project compiles without the DOM library). */
declare const document: {
  documentElement: { scrollWidth: number };
  body: { scrollWidth: number };
  querySelectorAll(selector: string): Iterable<{ getBoundingClientRect(): { right: number } }>;
  elementFromPoint(x: number, y: number): never;
};
declare const window: { innerWidth: number };

describe("HTML report on a 390 px phone", () => {
  for (const [name, file] of [["lianyungang", "lianyungang-2024.json"], ["shanghai", "shanghai-community.json"]] as const) {
    it(`${name}: fits the screen, bars visible, mentors written out`, async () => {
      const instance = load(file);
      const plan = await solve(instance);
      const { page, errors, blocked } = await open(`${name}-phone`, instance, plan, 390);
      try {
        const widths = await page.evaluate(() => ({
          doc: document.documentElement.scrollWidth, body: document.body.scrollWidth, view: window.innerWidth,
          wide: [...document.querySelectorAll("main > *, section")].map((e) => e.getBoundingClientRect().right).reduce((a, b) => Math.max(a, b), 0),
        }));
        expect(widths.view).toBe(390);
        expect(widths.doc, "page wider than the phone").toBeLessThanOrEqual(390);
        expect(widths.body).toBeLessThanOrEqual(390);
        expect(widths.wide).toBeLessThanOrEqual(390);

        const bars = page.getByTestId("gantt-bar");
        expect(await bars.count()).toBe(plan.placements.length);
        for (const p of plan.placements.slice(0, 12)) {
          const bar = page.locator(`[data-testid="gantt-bar"][data-trainee="${p.trainee}"]`);
          await bar.scrollIntoViewIfNeeded();
          expect(await bar.isVisible()).toBe(true);
          const box = (await bar.boundingBox())!;
          expect(box.width, `bar of ${p.trainee}`).toBeGreaterThan(20);
          expect(box.height).toBeGreaterThan(10);
          // The bar itself is what one sees at its centre: not hidden under the names column.
          const onTop = await bar.evaluate((el) => {
            const r = el.getBoundingClientRect();
            const x = Math.min(r.right - 4, Math.max(r.left + 4, r.left + r.width / 2));
            const hit = document.elementFromPoint(x, r.top + r.height / 2);
            return !!hit && (hit === el || el.contains(hit));
          });
          expect(onTop, `bar of ${p.trainee} is covered`).toBe(true);
        }
        // Mentors written out beside the names, visible without hovering.
        const mentors = page.getByTestId("gantt-mentor");
        expect(await mentors.count()).toBe(plan.placements.length);
        expect(await mentors.first().isVisible()).toBe(true);
        const p0 = plan.placements[0];
        const m0 = p0.mentor ?? p0.rotations?.find((r) => r.mentor)?.mentor;
        if (m0) expect(await page.locator(".g-row.p", { has: page.locator(`[data-trainee="${p0.trainee}"]`) }).getByTestId("gantt-mentor").textContent()).toContain(mentorShown(instance, m0));
        // The 接收名单: one list per receiving hospital, one row per placement.
        expect(await page.getByTestId("receiving-unit").count()).toBe(new Set(plan.placements.map((p) => p.unit)).size);
        expect(await page.getByTestId("receiving-row").count()).toBe(plan.placements.length);
        expect(blocked).toEqual([]);
        expect(errors).toEqual([]);
        const path = await screenshot(page, `report-${name}-390.png`);
        expect(statSync(path).size).toBeGreaterThan(0);
      } finally {
        await page.close();
      }
    });
  }
});
