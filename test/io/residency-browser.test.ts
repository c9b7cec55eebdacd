/**
 * The residency workbook in a browser (the planners' page reads workbooks through src/io):
 * bundled for the browser like browser.test.ts, loaded into Debian's chromium, it writes
 * the §10 fixture's workbook and reads it back as the same JSON text, Node reads the
 * browser's bytes the same, and a §10 cell problem is reported at its cell there too.
 * A missing chromium FAILS this file (set CHROMIUM_PATH or install Debian's `chromium`).
 */
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { type Browser, type Page, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workbookToInstance } from "../../src/index.js";
import { edited } from "./helpers.js";
import { richResidency } from "./residency-fixtures.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [join(ROOT, "src/io/index.ts")], bundle: true, platform: "browser", format: "iife",
    globalName: "jinxiuIo", write: false, logLevel: "error",
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu"], timeout: 60_000 });
  page = await browser.newPage();
  page.on("pageerror", (e) => errors.push(e.message));
  await page.route("**/*", (r) => (r.request().url().startsWith("data:") || r.request().url() === "about:blank" ? r.continue() : r.abort()));
  await page.addScriptTag({ content: bundle.outputFiles[0].text });
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

type Io = typeof import("../../src/io/index.js");

describe("the residency workbook in chromium", () => {
  it("writes the §10 fixture's workbook and reads it back as the same JSON text; Node reads the browser's bytes the same", async () => {
    const inst = richResidency();
    const { text, bytes, residency } = await page.evaluate(async (i) => {
      const io = (globalThis as unknown as { jinxiuIo: Io }).jinxiuIo;
      const b = await io.instanceToWorkbook(i);
      return { text: JSON.stringify((await io.workbookToInstance(b)).instance), bytes: Array.from(b), residency: io.hasResidency(i) };
    }, inst);
    expect(residency).toBe(true);
    expect(text).toBe(JSON.stringify(inst));
    expect(JSON.stringify((await workbookToInstance(Uint8Array.from(bytes))).instance)).toBe(JSON.stringify(inst));
    expect(errors).toEqual([]);
  }, 60_000);

  it("reports a 培训大纲 problem at its cell", async () => {
    const bytes = Array.from(await edited((wb) => void (wb.getWorksheet("培训大纲")!.getCell("F3").value = 5), richResidency()));
    const issues = await page.evaluate(async (b) => {
      const io = (globalThis as unknown as { jinxiuIo: Io }).jinxiuIo;
      try {
        await io.workbookToInstance(Uint8Array.from(b));
        return undefined;
      } catch (e) {
        return (e as { issues: unknown }).issues;
      }
    }, bytes);
    expect(issues).toEqual([{ path: "培训大纲!F3 最少（月）", message: expect.stringContaining("must be ≤ max (3)") }]);
    expect(errors).toEqual([]);
  }, 60_000);
});
