/**
 * The residency sheets print as a base office files them: LibreOffice (headless) converts a
 * three-year 轮转计划表 and 科室轮转排班表 to PDF and poppler reads it back. Every page is A4
 * landscape; the month columns run over pages across, at most twelve a page, each page
 * repeating the title, the header row and the identifying columns (姓名, 培训基地, 专业, 年级;
 * 单位, 科室, 指标), so every month of every resident is printed beside the resident's name.
 *
 * Needs `soffice` and `pdfinfo`/`pdftotext`, like print.test.ts: skipped with the reason
 * without them, except in CI, where a missing tool fails it.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { Instance, Plan } from "../../src/model/types.js";
import { buildForms } from "../../src/report/forms.js";
import { tablesToXlsx } from "../../src/report/xlsx.js";
import { residencyTables } from "../../src/report/residency.js";
import { BASE, residencyInstance, residencyPlan } from "./residency.fixture.js";

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
if (missing.length > 0 && !inCi) console.warn(`residency.print.test.ts skipped: ${missing.join(", ")} not found (apt-get install libreoffice-calc-nogui poppler-utils)`);
const suite = missing.length > 0 && !inCi ? describe.skip : describe;

const TMP = mkdtempSync(join(tmpdir(), "jinxiu-residency-print-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

function printed(bytes: Uint8Array, name: string): { pages: string[]; size: string } {
  const xlsx = join(TMP, `${name}.xlsx`);
  writeFileSync(xlsx, bytes);
  execFileSync("soffice", [`-env:UserInstallation=${pathToFileURL(join(TMP, "profile")).href}`, "--headless", "--convert-to", "pdf", "--outdir", TMP, xlsx], { stdio: "pipe", timeout: 180_000 });
  const pdf = join(TMP, `${name}.pdf`);
  const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  const count = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const size = /^Page size:\s+(.*)$/m.exec(info)?.[1] ?? "";
  const pages: string[] = [];
  for (let i = 1; i <= count; i++) pages.push(execFileSync("pdftotext", ["-f", String(i), "-l", String(i), "-layout", pdf, "-"], { encoding: "utf8" }));
  return { pages, size };
}

/** Three years of calendar, twelve residents each with a rotation a month apart. */
function longCase(): { inst: Instance; plan: Plan } {
  const base = residencyInstance();
  const inst: Instance = {
    ...base,
    calendar: { start: "2025-09-01", end: "2028-09-01", granularity: "month" },
    trainees: Array.from({ length: 12 }, (_, i) => ({ ...base.trainees[0], id: `r-${i + 1}`, name: `住院医师${i + 1}` })),
  };
  const month = (k: number) => `${2025 + Math.floor((8 + k) / 12)}-${String(((8 + k) % 12) + 1).padStart(2, "0")}-01`;
  const depts = ["emergency", "cardiology"] as const;
  const plan: Plan = {
    ...residencyPlan(),
    residencies: inst.trainees.map((t, i) => ({
      trainee: t.id,
      rotations: Array.from({ length: 12 }, (_, j) => ({ requirement: "x", unit: BASE, dept: depts[(i + j) % 2], start: month(3 * j), end: month(3 * j + 3) })),
    })),
    unplaced: [],
  };
  return { inst, plan };
}

suite("the residency sheets printed by LibreOffice", () => {
  it("A4 landscape; month sheets at most twelve months a page across, title, header and names on every page", () => {
    const { inst, plan } = longCase();
    const forms = buildForms(inst, plan).residency!;
    return tablesToXlsx([forms.schedule, ...residencyTables(forms).slice(1)]).then((bytes) => {
      const { pages, size } = printed(bytes, "residency");
      expect(size).toMatch(/^841\.\d+ x 595\.\d+ pts \(A4\)/);
      const squash = (s: string) => s.replace(/\s+/g, "");
      const schedulePages = pages.filter((p) => squash(p).includes(squash(forms.schedule.title!)));
      // 36 months and a notes column: at least four pages across (twelve months at most), each with the name columns and the header.
      expect(schedulePages.length).toBeGreaterThanOrEqual(4);
      for (const [i, page] of schedulePages.entries()) {
        expect(page, `page ${i + 1}`).toContain("姓名");
        expect(page, `page ${i + 1}`).toContain("年级");
        for (const t of inst.trainees) expect(page, `page ${i + 1}: ${t.name}`).toContain(t.name!);
        const months = [...page.matchAll(/20\d\d\.\d\d/g)].map((m) => m[0]);
        expect(new Set(months).size, `page ${i + 1}: months`).toBeLessThanOrEqual(12);
      }
      // Every month is printed on some page.
      const all = new Set(schedulePages.flatMap((p) => [...p.matchAll(/20\d\d\.\d\d/g)].map((m) => m[0])));
      for (const h of forms.schedule.headers.slice(4, -1)) expect(all, h).toContain(h);
      // 科室轮转排班表 likewise: its title and the unit, department and measure columns on every page.
      const deptPages = pages.filter((p) => squash(p).includes(squash(forms.departments.title!)));
      expect(deptPages.length).toBeGreaterThanOrEqual(4);
      for (const page of deptPages) for (const word of ["单位", "科室", "指标", "住院医师在岗", "状态"]) expect(page).toContain(word);
      // Every page of the workbook is one of its four sheets' (no page without a title).
      const titles = residencyTables(forms).map((t) => squash(t.title!));
      for (const [i, page] of pages.entries()) expect(titles.some((t) => squash(page).includes(t)), `page ${i + 1}`).toBe(true);
    });
  }, 240_000);
});
