/**
 * The workbook prints as the commission files it: LibreOffice (headless) converts the
 * 连云港 2024 workbook to PDF, and poppler reads the PDF back. Every page is A4 landscape,
 * holds one sheet's title row and its whole header row (fit to one page wide, header
 * rows repeated), a long 登记表 spans several pages whose second page starts with the
 * title and the header again, and the 接收名单 prints one page per receiving hospital.
 *
 * Needs `soffice` (Debian: libreoffice-calc-nogui) and `pdfinfo`/`pdftotext` (poppler-utils);
 * .ci/run installs both. Without them this file is skipped with the reason — except in
 * CI (`CI` set), where a missing tool fails it.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseInstance } from "../../src/model/parse.js";
import type { Instance, Plan } from "../../src/model/types.js";
import { buildForms, type Forms, type Table } from "../../src/report/forms.js";
import { formsToXlsx, workbookTables } from "../../src/report/xlsx.js";
import { solve } from "../../src/solve/index.js";

function has(tool: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
const missing = ["soffice", "pdfinfo", "pdftotext"].filter((t) => !has(t));
const inCi = !!process.env.CI;
if (missing.length > 0 && !inCi)
  console.warn(`print.test.ts skipped: ${missing.join(", ")} not found (apt-get install libreoffice-calc-nogui poppler-utils); in CI this fails`);
const suite = missing.length > 0 && !inCi ? describe.skip : describe;

const TMP = mkdtempSync(join(tmpdir(), "jinxiu-print-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

/** Converts the workbook to PDF with a private LibreOffice profile; returns the text of each page (layout kept). */
function printed(bytes: Uint8Array, name: string): { pages: string[]; size: string } {
  if (missing.length > 0) throw new Error(`cannot print: ${missing.join(", ")} not installed (apt-get install libreoffice-calc-nogui poppler-utils)`);
  const xlsx = join(TMP, `${name}.xlsx`);
  writeFileSync(xlsx, bytes);
  execFileSync("soffice", [
    `-env:UserInstallation=${pathToFileURL(join(TMP, "profile")).href}`,
    "--headless", "--convert-to", "pdf", "--outdir", TMP, xlsx,
  ], { stdio: "pipe", timeout: 180_000 });
  const pdf = join(TMP, `${name}.pdf`);
  const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  const count = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const size = /^Page size:\s+(.*)$/m.exec(info)?.[1] ?? "";
  const pages: string[] = [];
  for (let i = 1; i <= count; i++) pages.push(execFileSync("pdftotext", ["-f", String(i), "-l", String(i), "-layout", pdf, "-"], { encoding: "utf8" }));
  expect(readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");
  return { pages, size };
}

const squash = (s: string) => s.replace(/\s+/g, "");
/** The line of a page holding every header of a table, left to right, or undefined. */
const headerLine = (page: string, t: Table) =>
  page.split("\n").find((line) => {
    let at = 0;
    for (const h of t.headers) {
      const i = line.indexOf(h, at);
      if (i < 0) return false;
      at = i + h.length;
    }
    return true;
  });

suite("the workbook printed by LibreOffice", () => {
  let inst: Instance;
  let plan: Plan;
  let forms: Forms;
  beforeAll(async () => {
    inst = parseInstance(readFileSync(new URL("../../examples/lianyungang-2024.json", import.meta.url), "utf8"));
    plan = await solve(inst);
    // A long 登记表, as a province files it: the county's rows six times over.
    const reg = buildForms(inst, plan).registration;
    const rows = Array.from({ length: 6 }, (_, k) => reg.rows.map((r) => [r[0], `${r[1]}${k + 1}`, ...r.slice(2)])).flat();
    forms = { ...buildForms(inst, plan), registration: { ...reg, rows } };
  });

  it("every page is A4 landscape with one sheet's title and whole header row; 登记表's page 2 repeats them", async () => {
    const { pages, size } = printed(await formsToXlsx(forms), "lyg");
    expect(size).toMatch(/^841\.\d+ x 595\.\d+ pts \(A4\)/);
    const tables = workbookTables(forms);
    // Which sheet each page belongs to: the title it starts with.
    const sheetOf = pages.map((page) => tables.findIndex((t) => squash(page).includes(squash(t.title!))));
    expect(sheetOf.every((i) => i >= 0), `pages without a title row: ${sheetOf.map((i, p) => (i < 0 ? p + 1 : "")).filter(Boolean)}`).toBe(true);
    pages.forEach((page, p) => {
      const t = tables[sheetOf[p]];
      expect(headerLine(page, t), `page ${p + 1} (${t.name}) lacks its whole header row`).toBeDefined();
    });
    // 登记表 and 汇总表 pages carry the filing unit's sign-off line (附件1, 附件2).
    pages.forEach((page, p) => {
      if (tables[sheetOf[p]].signOff) expect(squash(page), `page ${p + 1}`).toContain("填报单位（加盖公章）：");
      else expect(page).not.toContain("填报单位");
    });
    // Sheets print in order, each on consecutive pages, and none is missing.
    expect([...sheetOf].sort((a, b) => a - b)).toEqual(sheetOf);
    expect(new Set(sheetOf).size).toBe(tables.length);

    // 登记表 (300 rows) runs over several pages, fit to width: far fewer pages than rows.
    const regPages = pages.filter((_, p) => sheetOf[p] === 0);
    expect(regPages.length).toBeGreaterThanOrEqual(2);
    expect(regPages.length).toBeLessThan(forms.registration.rows.length / 10);
    // Page 2 starts (after the sign-off line of the page header) with the title and the
    // header, then continues the rows.
    const lines = regPages[1].split("\n").filter((l) => l.trim() !== "");
    expect(squash(lines[0])).toContain("填报单位（加盖公章）：");
    expect(squash(lines[1])).toBe(squash(forms.registration.title!));
    expect(headerLine(lines[2], forms.registration)).toBeDefined();
    const firstName = forms.registration.rows.map((r) => String(r[1])).find((n) => lines[3].includes(n));
    expect(firstName, "page 2's first body line is a 登记表 row").toBeDefined();
    // Every row is printed once, on some page.
    const text = regPages.join("\n");
    for (const r of forms.registration.rows) expect(text).toContain(String(r[1]));

    // 接收名单: one page per receiving hospital, each page that hospital's rows only.
    const recvIndex = tables.indexOf(forms.receiving);
    const recvPages = pages.filter((_, p) => sheetOf[p] === recvIndex);
    const hospitals = [...new Set(forms.receiving.rows.map((r) => String(r[0])))];
    expect(recvPages.length).toBe(hospitals.length);
    recvPages.forEach((page, i) => {
      const starts = new Set(page.split("\n").map((l) => l.trim()).flatMap((l) => hospitals.filter((h) => l.startsWith(h))));
      expect([...starts], `接收名单 page ${i + 1}`).toEqual([hospitals[i]]);
    });
  });
});
