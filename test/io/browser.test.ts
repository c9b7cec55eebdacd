/**
 * src/io runs in a browser as in Node: bundled for the browser (esbuild, platform browser:
 * exceljs's and papaparse's browser builds), loaded into Debian's chromium through
 * playwright-core, it writes the workbook of an example and reads it back unchanged, reads
 * the LibreOffice-filled workbook and the GBK 登记表 CSV exactly as Node does.
 *
 * Like the report's browser test, a missing chromium FAILS this file (set CHROMIUM_PATH or
 * install Debian's `chromium`).
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { type Browser, type Page, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { traineesFromCsv, workbookToInstance } from "../../src/index.js";
import type { Instance } from "../../src/model/types.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../..");
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

const example = (name: string) => JSON.parse(readFileSync(join(ROOT, "examples", name), "utf8")) as Instance;

describe("src/io in chromium", () => {
  it("writes an example's workbook and reads it back unchanged; Node reads the browser's bytes the same", async () => {
    const inst = example("shanghai-community.json");
    const { back, bytes } = await page.evaluate(async (i) => {
      const io = (globalThis as unknown as { jinxiuIo: typeof import("../../src/io/index.js") }).jinxiuIo;
      const b = await io.instanceToWorkbook(i);
      return { back: (await io.workbookToInstance(b)).instance, bytes: Array.from(b) };
    }, inst);
    expect(back).toEqual(inst);
    expect((await workbookToInstance(Uint8Array.from(bytes))).instance).toEqual(inst);
    expect(errors).toEqual([]);
  }, 60_000);

  it("reads the LibreOffice workbook and the GBK CSV as Node does, problems included", async () => {
    const xlsx = Array.from(readFileSync(join(HERE, "fixtures/libreoffice/filled.xlsx")));
    const csv = Array.from(readFileSync(join(HERE, "fixtures/dengji-gbk.csv")));
    const base = example("lianyungang-2024.json");
    const got = await page.evaluate(async ([x, c, b]) => {
      const io = (globalThis as unknown as { jinxiuIo: typeof import("../../src/io/index.js") }).jinxiuIo;
      const filled = (await io.workbookToInstance(Uint8Array.from(x))).instance;
      const added = io.traineesFromCsv(Uint8Array.from(c), b).instance.trainees.slice(-3);
      let issues: unknown;
      try {
        io.traineesFromCsv(new TextEncoder().encode("姓名,基层机构名称,性别,科室\n赵敏,东海县黄川镇卫生院,不详,内科\n"), b, { name: "x.csv" });
      } catch (e) {
        issues = (e as { issues: unknown }).issues;
      }
      return { filled, added, issues };
    }, [xlsx, csv, base] as const);
    expect(got.filled).toEqual((await workbookToInstance(readFileSync(join(HERE, "fixtures/libreoffice/filled.xlsx")))).instance);
    expect(got.added).toEqual(traineesFromCsv(readFileSync(join(HERE, "fixtures/dengji-gbk.csv")), base).instance.trainees.slice(-3));
    expect(got.issues).toEqual([{ path: "x.csv!C2 性别", message: expect.stringContaining("不详") }]);
    expect(errors).toEqual([]);
  }, 60_000);
});
