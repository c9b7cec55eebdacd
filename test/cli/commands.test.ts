/**
 * The CLI's contract beyond parsing: where plans go (default beside the
 * instance, `-` for stdout, `-` inputs from stdin), outputs checked before the
 * solve, `--json` on every command with failures as `{ ok: false, issues }`,
 * exit codes as the README's table, `report --force`, plans for another
 * instance said in one line, `--time-limit` validated, `jinxiu example`, the
 * version from package.json.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { MAX_TIME_LIMIT_S, defaultOut, timeLimitSeconds } from "../../src/cli/solve.js";
import { parseInstance } from "../../src/model/parse.js";
import { cli, cliWith } from "../helpers/cli.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../..");
const FIX = join(HERE, "fixtures");
const SMALL = join(FIX, "small-instance.json");
const SMALL_PLAN = join(FIX, "valid-plan.json");
const LYG = join(ROOT, "examples/lianyungang-2024.json");
const TMP = mkdtempSync(join(tmpdir(), "jinxiu-cmd-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
const tmp = (name: string) => join(TMP, name);
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };

describe("where the plan goes", () => {
  it("without --out, solve writes <instance>.plan.json beside the instance and prints the path", async () => {
    const inst = tmp("city.json");
    copyFileSync(SMALL, inst);
    const r = await cli("solve", inst);
    expect(r.code, r.err).toBe(0);
    const out = tmp("city.plan.json");
    expect(JSON.parse(readFileSync(out, "utf8")).status).toBe("optimal");
    expect(r.out).toContain(`方案已写入 ${out}`);
    expect(defaultOut("a/b.JSON")).toBe("a/b.plan.json");
    expect(defaultOut("noext")).toBe("noext.plan.json");
  });

  it("--out - writes the plan JSON to stdout, the summary to stderr", async () => {
    const r = await cli("solve", SMALL, "--out", "-");
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).objective).toBe(320);
    expect(r.err).toMatch(/状态：最优/);
  });

  it("an output in a missing directory is reported before the solve starts", async () => {
    const r = await cli("solve", SMALL, "--out", tmp("no/such/dir/plan.json"));
    expect(r.code).toBe(2);
    expect(r.errLines).toEqual([`${tmp("no/such/dir/plan.json")}: cannot write (no such directory: ${tmp("no/such/dir")})`]);
  });

  it("`-` as an input reads stdin: validate, solve (plan to stdout), verify", async () => {
    const text = readFileSync(SMALL, "utf8");
    const v = await cliWith({ stdin: text }, "validate", "-");
    expect(v.code, v.err).toBe(0);
    expect(v.out).toMatch(/^<stdin>: valid/);
    const s = await cliWith({ stdin: text }, "solve", "-", "--quiet");
    expect(s.code, s.err).toBe(0);
    expect(JSON.parse(s.out).status).toBe("optimal");
    const w = await cliWith({ stdin: readFileSync(SMALL_PLAN) }, "verify", SMALL, "-");
    expect(w.code, w.out + w.err).toBe(0);
    expect(w.outLines.at(-1)).toBe("方案有效：目标值 320");
  });

  it("a bad stdin is reported under <stdin>, and two `-` inputs are refused", async () => {
    const r = await cliWith({ stdin: '{"version": 1,,}' }, "validate", "-");
    expect(r.code).toBe(2);
    expect(r.errLines[0]).toBe("<stdin>: 1 issue(s)");
    expect(r.errLines[1]).toMatch(/^\(root\): instance is not valid JSON: line 1, column 15/);
    const two = await cliWith({ stdin: "{}" }, "verify", "-", "-");
    expect(two.code).toBe(2);
    expect(two.err).toMatch(/only one input can be `-`/);
  });

  it("a syntax error in a file names the line and column, never a byte position", async () => {
    const f = tmp("syntax.json");
    writeFileSync(f, readFileSync(SMALL, "utf8").replace('"version": 1,', '"version": 1'));
    const r = await cli("validate", f);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/line 3, column 3: expected a comma/);
    expect(r.err).not.toMatch(/position/);
  });

  it("a UTF-16 file is named as such", async () => {
    const f = tmp("utf16.json");
    writeFileSync(f, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(SMALL, "utf8"), "utf16le")]));
    const r = await cli("validate", f);
    expect(r.code).toBe(2);
    expect(r.errLines[1]).toMatch(/^\(root\): the instance file is UTF-16 LE; save it as UTF-8/);
  });

  it("a duplicate key in a file is reported at its path", async () => {
    const f = tmp("dup.json");
    writeFileSync(f, readFileSync(SMALL, "utf8").replace('"version": 1,', '"version": 1, "version": 1,'));
    const r = await cli("validate", f);
    expect(r.code).toBe(2);
    expect(r.errLines).toContainEqual(expect.stringMatching(/^version: duplicate key "version"/));
  });
});

describe("--json on every command, failures included", () => {
  const json = (s: string) => JSON.parse(s) as { ok: boolean; issues?: { file?: string; path: string; message: string }[]; [k: string]: unknown };

  it("validate: ok and counts; a bad file is { ok: false, issues } on stdout, nothing on stderr, exit 2", async () => {
    const good = await cli("validate", SMALL, "--json");
    expect(json(good.out)).toEqual({ ok: true, valid: true, units: 2, trainees: 2, programmes: 1, warnings: [] });
    const f = tmp("bad-json.json");
    writeFileSync(f, JSON.stringify({ ...JSON.parse(readFileSync(SMALL, "utf8")), version: 2 }));
    const bad = await cli("validate", f, "--json");
    expect(bad.code).toBe(2);
    expect(bad.err).toBe("");
    expect(json(bad.out)).toEqual({ ok: false, issues: [{ file: f, path: "version", message: expect.stringMatching(/must be 1, got 2/) }] });
  });

  it("a missing file, an unknown option and a bad --time-limit are JSON too", async () => {
    for (const argv of [["validate", tmp("missing.json"), "--json"], ["validate", SMALL, "--json", "--frob"], ["solve", SMALL, "--json", "--time-limit", "0"]]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.err, argv.join(" ")).toBe("");
      const j = json(r.out);
      expect(j.ok).toBe(false);
      expect(j.issues!.length).toBeGreaterThan(0);
      for (const i of j.issues!) expect(i).toEqual(expect.objectContaining({ path: expect.any(String), message: expect.any(String) }));
    }
  });

  it("solve --json: the outcome and the plan, the plan file written", async () => {
    const out = tmp("json.plan.json");
    const r = await cli("solve", SMALL, "--json", "--out", out);
    expect(r.code, r.err).toBe(0);
    const j = json(r.out);
    expect(j).toMatchObject({ ok: true, out, status: "optimal", objective: 320, placed: 2, unplaced: 0 });
    expect(j.plan).toEqual(JSON.parse(readFileSync(out, "utf8")));
  });

  it("report --json lists the files written", async () => {
    const html = tmp("json-report.html");
    const r = await cli("report", SMALL, SMALL_PLAN, "--html", html, "--json");
    expect(r.code, r.err).toBe(0);
    expect(json(r.out)).toEqual({ ok: true, valid: true, written: [html], violations: [] });
  });
});

describe("report on a plan that breaks rules", () => {
  const broken = join(FIX, "plan-capacity-exceeded.json");

  it("exits 1 and writes nothing without --force", async () => {
    const html = tmp("broken.html");
    const r = await cli("report", SMALL, broken, "--html", html);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/R-CAPACITY/);
    expect(r.err).toMatch(/--force/);
    expect(existsSync(html)).toBe(false);
  });

  it("--force writes the report, which lists the violations (HTML banner, 规则冲突 sheet)", async () => {
    const html = tmp("forced.html"), xlsx = tmp("forced.xlsx");
    const r = await cli("report", SMALL, broken, "--html", html, "--xlsx", xlsx, "--force");
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/warning: the plan breaks \d+ rule/);
    const page = readFileSync(html, "utf8");
    expect(page).toMatch(/<section id="violations" data-testid="violations"[^>]*>.*R-CAPACITY/s);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(xlsx) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet("规则冲突")!;
    expect(sheet.getRow(2).getCell(1).value).toBe("R-CAPACITY");
  });

  it("the --force report of a valid plan has no violations section", async () => {
    const html = tmp("valid-forced.html");
    expect((await cli("report", SMALL, SMALL_PLAN, "--html", html, "--force")).code).toBe(0);
    expect(readFileSync(html, "utf8")).not.toContain('id="violations"');
  });
});

describe("a plan made for another instance", () => {
  it("verify and report say so in one line (exit 2) instead of one R-ONCE line per trainee", async () => {
    const lygPlan = tmp("lyg.plan.json");
    expect((await cli("solve", LYG, "--out", lygPlan, "--quiet")).code).toBe(0);
    const v = await cli("verify", SMALL, lygPlan);
    expect(v.code).toBe(2);
    expect(v.out).toBe("");
    expect(v.errLines).toHaveLength(1);
    expect(v.errLines[0].startsWith(`${lygPlan}: `)).toBe(true);
    expect(v.errLines[0]).toMatch(/: 73 of the plan's 75 trainees \(e\.g\. "[^"]+"\) are not in the instance; it is not a plan for this instance/);
    const r = await cli("report", SMALL, lygPlan, "--html", tmp("x.html"));
    expect(r.code).toBe(2);
    expect(r.errLines).toHaveLength(1);
    expect(existsSync(tmp("x.html"))).toBe(false);
    const j = await cli("verify", SMALL, lygPlan, "--json");
    expect(JSON.parse(j.out)).toEqual({ ok: false, issues: [{ file: lygPlan, path: "", message: expect.stringMatching(/not a plan for this instance/) }] });
  });

  it("a plan with one stray trainee is still verified rule by rule", async () => {
    const r = await cli("verify", SMALL, join(FIX, "plan-unknown-trainee.json"));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^R-ONCE: /m);
  });
});

describe("--time-limit", () => {
  for (const bad of ["0", "-1", "NaN", "abc", "", "Infinity", "1e400", String(MAX_TIME_LIMIT_S + 1)]) {
    it(`"${bad}" is refused with a clear message (exit 2), before any solve`, async () => {
      const r = await cli("solve", SMALL, "--time-limit", bad, "--out", tmp("tl.plan.json"));
      expect(r.code).toBe(2);
      expect(r.errLines).toEqual([expect.stringMatching(/^--time-limit: must be a number of seconds, more than 0 and at most 604800 \(one week\), got/)]);
      expect(existsSync(tmp("tl.plan.json"))).toBe(false);
    });
  }
  it("a week and fractions of a second are accepted", () => {
    expect(timeLimitSeconds(String(MAX_TIME_LIMIT_S))).toBe(604800);
    expect(timeLimitSeconds("0.5")).toBe(0.5);
  });
});

describe("jinxiu example and --version", () => {
  it("writes the 连云港 instance to a file an installed user can validate and solve", async () => {
    const out = tmp("example.json");
    const r = await cli("example", "--out", out);
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(readFileSync(LYG, "utf8"));
    expect(parseInstance(readFileSync(out, "utf8")).trainees).toHaveLength(75);
    expect((await cli("validate", out)).code).toBe(0);
  });

  it("lists the examples, refuses an unknown one (exit 2)", async () => {
    const l = await cli("example", "--list");
    expect(l.outLines).toContain("lianyungang-2024");
    expect(l.outLines).toContain("shanghai-community");
    const u = await cli("example", "nowhere");
    expect(u.code).toBe(2);
    expect(u.err).toMatch(/no example "nowhere"; the examples are .*lianyungang-2024/);
  });

  it("--version prints package.json's version", async () => {
    const r = await cli("--version");
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(pkg.version);
  });

  it("new plan files are private (0600)", async () => {
    const out = tmp("private.plan.json");
    expect((await cli("solve", SMALL, "--out", out, "--quiet")).code).toBe(0);
    expect(statSync(out).mode & 0o077).toBe(0);
  });
});

describe("exit 3: a bug in jinxiu", () => {
  it("an unexpected error is one line (no stack), exit 3; under --json { ok: false, internal: true }", async () => {
    const { runCli } = await import("../../src/cli/run.js");
    let err = "";
    let outCalls = 0;
    let printed = "";
    const boom = { isTTY: false, err: (t: string) => void (err += t), out: (t: string) => { if (outCalls++ === 0) throw new RangeError("boom"); printed += t; } };
    expect(await runCli(["validate", SMALL], boom)).toBe(3);
    expect(err.trim()).toBe("jinxiu: internal error: boom");
    outCalls = 0;
    expect(await runCli(["validate", SMALL, "--json"], boom)).toBe(3);
    expect(JSON.parse(printed)).toEqual({ ok: false, internal: true, issues: [{ path: "", message: "internal error: boom" }] });
  });
});

describe("report --html -", () => {
  it("writes the HTML report to stdout and nothing else there", async () => {
    const r = await cli("report", SMALL, SMALL_PLAN, "--html", "-");
    expect(r.code, r.err).toBe(0);
    expect(r.out.trimStart().startsWith("<!doctype html>") || r.out.trimStart().startsWith("<!DOCTYPE html>")).toBe(true);
    expect(r.out).not.toMatch(/written:/);
  });
});
