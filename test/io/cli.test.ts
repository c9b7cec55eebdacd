/**
 * `jinxiu workbook` and `jinxiu import` end to end (in-process CLI): the planner's path,
 * every malformed-workbook case exiting 2 with its cells on stderr and nothing written,
 * and the 登记表 CSV appended to an instance.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";
import { tinyInstance } from "../helpers/tiny.js";
import { CASES } from "./cases.js";
import { edited } from "./helpers.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, "../..");
const TMP = mkdtempSync(join(tmpdir(), "jinxiu-workbook-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

describe("jinxiu workbook / import", () => {
  it("writes the empty template", async () => {
    const out = join(TMP, "template.xlsx");
    const r = await cli("workbook", "--out", out);
    expect(r.code).toBe(0);
    expect(r.outLines).toEqual([`written: ${out} (empty template)`]);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe("PK");
  });

  it("an example goes to a workbook and back to the same instance, which solves", async () => {
    const example = join(REPO, "examples/shanghai-community.json");
    const xlsx = join(TMP, "sh.xlsx");
    const json = join(TMP, "sh.json");
    expect((await cli("workbook", example, "--out", xlsx)).code).toBe(0);
    const r = await cli("import", xlsx, "--out", json);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(readFileSync(json, "utf8"))).toEqual(JSON.parse(readFileSync(example, "utf8")));
    expect((await cli("validate", json)).code).toBe(0);
  });

  it("the LibreOffice-filled workbook imports and solves", async () => {
    const json = join(TMP, "filled.json");
    expect((await cli("import", join(HERE, "fixtures/libreoffice/filled.xlsx"), "--out", json)).code).toBe(0);
    const plan = join(TMP, "filled.plan.json");
    const s = await cli("solve", json, "--out", plan, "--quiet");
    expect(s.code, s.err).toBe(0);
    expect((await cli("verify", json, plan)).code).toBe(0);
  }, 60_000);

  it.each(CASES)("%s: exit 2, the cells on stderr, nothing written", async (_name, edit, expected) => {
    const xlsx = join(TMP, "bad.xlsx");
    const out = join(TMP, "never.json");
    writeFileSync(xlsx, await edited(edit));
    const r = await cli("import", xlsx, "--out", out);
    expect(r.code).toBe(2);
    expect(r.errLines[0]).toMatch(new RegExp(`^${xlsx.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: \\d+ problem\\(s\\), nothing written$`));
    for (const [path, words] of expected) expect(r.errLines.some((l) => l.startsWith(`${path}: `) && l.includes(words)), `${path}\n${r.err}`).toBe(true);
    expect(r.err).not.toMatch(/^\s*at /m);
    expect(existsSync(out)).toBe(false);
  });

  it("--json prints one document: the problems with file, cell and column, or what was written", async () => {
    const xlsx = join(TMP, "json.xlsx");
    writeFileSync(xlsx, await edited((wb) => void (wb.getWorksheet("人员")!.getCell("H3").value = "1986-13-45")));
    const bad = await cli("import", xlsx, "--out", join(TMP, "json.json"), "--json");
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.out)).toEqual({ ok: false, issues: [{ file: xlsx, path: "人员!H3 出生日期", message: expect.stringContaining("不是日期") }] });
    const good = await cli("workbook", "--out", xlsx, "--json");
    expect(JSON.parse(good.out)).toEqual({ ok: true, out: xlsx, template: true });
  });

  it("usage mistakes exit 2 with a sentence", async () => {
    expect((await cli("workbook")).errLines[0]).toContain("--out");
    expect((await cli("import", join(TMP, "x.xlsx"))).errLines[0]).toContain("--out");
    expect((await cli("import", "--trainees", "x.csv")).errLines[0]).toContain("--into");
    const missing = await cli("import", join(TMP, "missing.xlsx"), "--out", join(TMP, "m.json"));
    expect(missing.code).toBe(2);
    expect(missing.errLines[0]).toContain("no such file");
  });
});

describe("jinxiu import --trainees", () => {
  it("appends the GBK 登记表 to the instance in place", async () => {
    const into = join(TMP, "lyg.json");
    copyFileSync(join(REPO, "examples/lianyungang-2024.json"), into);
    const r = await cli("import", "--trainees", join(HERE, "fixtures/dengji-gbk.csv"), "--into", into);
    expect(r.code, r.err).toBe(0);
    expect(r.outLines[0]).toContain("3 trainee(s) added");
    expect(r.outLines[0]).toContain("gb18030");
    expect(r.outLines[1]).toBe("columns not read: 序号, 年龄, 联系电话");
    const inst = JSON.parse(readFileSync(into, "utf8"));
    expect(inst.trainees.slice(-3).map((t: { id: string }) => t.id)).toEqual(["赵敏", "钱进", "孙丽"]);
  });

  it("a bad CSV exits 2 and leaves the instance as it was", async () => {
    const into = join(TMP, "tiny.json");
    const before = `${JSON.stringify(tinyInstance(), null, 2)}\n`;
    writeFileSync(into, before);
    const csv = join(TMP, "bad.csv");
    writeFileSync(csv, "姓名,基层机构名称,性别,科室\n赵敏,东海县某镇中心卫生院,不详,内科\n");
    const r = await cli("import", "--trainees", csv, "--into", into);
    expect(r.code).toBe(2);
    expect(r.errLines[1]).toMatch(/^bad\.csv!C2 性别: "不详" 不是可选的性别/);
    expect(readFileSync(into, "utf8")).toBe(before);
  });
});
