/**
 * The `jinxiu` CLI (src/cli): malformed input a new user could write (exit 2,
 * `path: message` on stderr, never a stack trace), `verify` agreeing with
 * `verifyPlan`, and one end-to-end run of the real bin through tsx.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { parseInstance, parsePlan } from "../../src/model/parse.js";
import { verifyPlan } from "../../src/verify.js";
import { cli, type Run } from "../helpers/cli.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, "../..");
const FIX = join(HERE, "fixtures");
const INSTANCE = join(FIX, "small-instance.json");
const VALID_PLAN = join(FIX, "valid-plan.json");

const TMP = mkdtempSync(join(tmpdir(), "jinxiu-cli-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

// ---------------------------------------------------------------- helpers

const lines = (s: string) => s.split("\n").map((l) => l.trimEnd()).filter((l) => l.length > 0);

/** No stack frames, no `Error:` / `TypeError:` … prefixes, no internal-error escape. */
function expectNoTrace(text: string): void {
  expect(text).not.toMatch(/^\s*at /m);
  expect(text).not.toMatch(/\b\w*Error:/);
  expect(text).not.toMatch(/internal error/i);
}

/** `path: message`, the path being one token (file path or JSON path; no spaces). */
const PATH_MESSAGE = /^(\S+): (\S.*)$/;

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));
const baseInstance = () => readJson(INSTANCE);
const basePlan = () => readJson(VALID_PLAN);

/** Writes `text` to a fresh file in the temp dir and returns its path. */
function rawFile(name: string, text: string): string {
  const p = join(TMP, name);
  writeFileSync(p, text);
  return p;
}
/** Writes a mutated copy of a JSON document. */
function variant(name: string, base: unknown, mutate: (doc: any) => unknown): string {
  const doc = structuredClone(base);
  const res = mutate(doc);
  return rawFile(name, JSON.stringify(res === undefined ? doc : res, null, 2));
}

// ---------------------------------------------------------------- 1. malformed input

interface BadCase {
  name: string;
  argv: string[];
  /** The path a stderr line must start with (`path: `). */
  path: string;
  /** What that line's message must say. */
  message: RegExp;
  /** The file named in the header line (`FILE: n issue(s)`) or in the only line. */
  file: string;
  /**
   * The issue is at the JSON root (not valid JSON, not an object): its line
   * reads `(root): message`.
   */
  root?: boolean;
}

const MISSING = join(TMP, "does-not-exist.json");
const A_DIR = join(TMP, "a-directory");
mkdirSync(A_DIR);

const validate = (name: string, file: string, path: string, message: RegExp, root = false): BadCase => ({
  name, argv: ["validate", file], path, message, file, root,
});
const verifyBadPlan = (name: string, planFile: string, path: string, message: RegExp): BadCase => ({
  name, argv: ["verify", INSTANCE, planFile], path, message, file: planFile,
});

const EMPTY = rawFile("empty.json", "");
const TRUNCATED = rawFile("truncated.json", readFileSync(INSTANCE, "utf8").slice(0, 300));
const ARRAY = rawFile("array.json", JSON.stringify([baseInstance()]));

const BAD: BadCase[] = [
  validate("missing file", MISSING, MISSING, /cannot read \(no such file\)/),
  validate("a directory instead of a file", A_DIR, A_DIR, /cannot read \(is a directory\)/),
  validate("empty file", EMPTY, EMPTY, /not valid JSON/, true),
  validate("truncated JSON", TRUNCATED, TRUNCATED, /not valid JSON/, true),
  validate("JSON array instead of an object", ARRAY, ARRAY, /must be an object, got a list/, true),
  validate("wrong version", variant("version.json", baseInstance(), (d) => void (d.version = 2)), "version", /must be 1, got 2/),
  validate(
    "unknown top-level key (calendar misspelt `calender`)",
    variant("calender.json", baseInstance(), (d) => {
      d.calender = d.calendar;
      delete d.calendar;
    }),
    "calender",
    /unknown key/,
  ),
  validate(
    "misspelled key inside a unit (`capcity`)",
    variant("capcity.json", baseInstance(), (d) => void (d.units[1].receive[0] = { dept: "internal", capcity: 1 })),
    "units[1].receive[0].capcity",
    /unknown key/,
  ),
  validate(
    "negative capacity",
    variant("negative.json", baseInstance(), (d) => void (d.units[1].receive[0].capacity = -1)),
    "units[1].receive[0].capacity",
    /≥ 0, got -1/,
  ),
  validate(
    "date 2024-13-01",
    variant("month13.json", baseInstance(), (d) => void (d.trainees[0].birthDate = "2024-13-01")),
    "trainees[0].birthDate",
    /real date.*"2024-13-01"/,
  ),
  validate(
    "date written day/month/year",
    variant("dmy.json", baseInstance(), (d) => void (d.calendar.end = "01/11/2024")),
    "calendar.end",
    /date "YYYY-MM-DD".*"01\/11\/2024"/,
  ),
  validate(
    "month calendar not starting on the 1st",
    variant("calstart.json", baseInstance(), (d) => void (d.calendar.start = "2024-07-15")),
    "calendar.start",
    /1st of a month.*"2024-07-15"/,
  ),
  validate(
    "week calendar not starting on a Monday",
    // 2024-07-02 is a Tuesday, 2024-10-28 a Monday.
    variant("week.json", baseInstance(), (d) => void (d.calendar = { start: "2024-07-02", end: "2024-10-28", granularity: "week" })),
    "calendar.start",
    /Monday.*"2024-07-02"/,
  ),
  validate(
    "unknown tier value",
    variant("tier.json", baseInstance(), (d) => void (d.units[0].tier = "town")),
    "units[0].tier",
    /must be one of .*township.*"town"/,
  ),
  validate(
    "dangling trainee.unit",
    variant("dangling.json", baseInstance(), (d) => void (d.trainees[1].unit = "thc-99")),
    "trainees[1].unit",
    /unknown unit "thc-99"/,
  ),
  validate(
    "duplicate trainee id",
    variant("dupid.json", baseInstance(), (d) => void (d.trainees[1].id = "t-001")),
    "trainees[1].id",
    /duplicate id "t-001"/,
  ),
  validate(
    "string where a number is expected",
    variant("string.json", baseInstance(), (d) => void (d.trainees[0].practiceYears = "6")),
    "trainees[0].practiceYears",
    /must be a number, got "6"/,
  ),
  validate(
    "minOnDuty above staff",
    variant("minonduty.json", baseInstance(), (d) => void (d.units[0].departments[0].minOnDuty = 5)),
    "units[0].departments[0].minOnDuty",
    /≤ staff \(4\), got 5/,
  ),
  validate("an empty object", rawFile("empty-object.json", "{}"), "trainees", /is required/),
  verifyBadPlan(
    "plan with an unknown status",
    variant("status.plan.json", basePlan(), (d) => void (d.status = "done")),
    "status",
    /must be one of optimal, feasible, infeasible, timeout-feasible; got "done"/,
  ),
  verifyBadPlan(
    "plan placement missing `end`",
    variant("noend.plan.json", basePlan(), (d) => void delete d.placements[0].end),
    "placements[0].end",
    /is required/,
  ),
  {
    name: "verify with a broken instance (the instance file is named)",
    argv: ["verify", join(TMP, "capcity.json"), VALID_PLAN],
    path: "units[1].receive[0].capcity",
    message: /unknown key/,
    file: join(TMP, "capcity.json"),
  },
];

describe("malformed input: exit 2, `path: message`, no stack trace", () => {
  it("has at least 15 different cases", () => {
    expect(new Set(BAD.map((c) => c.name)).size).toBeGreaterThanOrEqual(15);
  });

  for (const c of BAD) {
    it(c.name, async () => {
      const r = await cli(...c.argv);
      expect(r.code, r.err).toBe(2);
      expect(r.out).toBe("");
      expect(r.errLines.length).toBeGreaterThan(0);
      expectNoTrace(r.err);
      // The first line names the file.
      expect(r.errLines[0].startsWith(`${c.file}: `), r.err).toBe(true);
      // Some line names the right path with the right message.
      const hit = r.errLines.find((l) => l.startsWith(`${c.path}: `));
      expect(hit, `no line for ${c.path} in:\n${r.err}`).toBeDefined();
      if (c.root) expect(r.err).toMatch(c.message);
      else {
        expect(hit!.slice(c.path.length + 2)).toMatch(c.message);
        // Every line is `path: message`.
        for (const l of r.errLines) expect(l, r.err).toMatch(PATH_MESSAGE);
      }
    });
  }

  for (const c of BAD.filter((x) => x.root)) {
    it(`${c.name}: every stderr line is \`path: message\` (root issues too)`, async () => {
      const r = await cli(...c.argv);
      expect(r.code).toBe(2);
      for (const l of r.errLines) {
        const m = PATH_MESSAGE.exec(l);
        expect(m, `not "path: message": ${JSON.stringify(l)}`).not.toBeNull();
        expect(m![1]).not.toMatch(/ /);
      }
      expect(r.errLines.filter((l) => c.message.test(l) && PATH_MESSAGE.test(l)).length).toBeGreaterThan(0);
    });
  }
});

describe("command-line usage errors", () => {
  it("unknown option --foo: exit 2, names the option, no stack trace", async () => {
    const r = await cli("validate", "--foo", INSTANCE);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toMatch(/unknown option '--foo'/);
    expectNoTrace(r.err);
  });

  it("unknown command: exit 2, names the command, no stack trace", async () => {
    const r = await cli("frobnicate", INSTANCE);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown command 'frobnicate'/);
    expectNoTrace(r.err);
  });

  it("near misses get a suggestion", async () => {
    const a = await cli("validat", INSTANCE);
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/Did you mean validate\?/);
    const b = await cli("verify", "--jsn", INSTANCE, VALID_PLAN);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/Did you mean --json\?/);
  });

  it("a missing argument: exit 2, names it", async () => {
    const r = await cli("verify", INSTANCE);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/missing required argument 'plan'/);
    expectNoTrace(r.err);
  });

  it("unknown option --foo ends with a hint pointing to --help", async () => {
    const r = await cli("validate", "--foo", INSTANCE);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--help/);
  });

  it("unknown command ends with a hint pointing to --help", async () => {
    const r = await cli("frobnicate", INSTANCE);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--help/);
  });

  it("no command at all is a usage error (exit 2)", async () => {
    const r = await cli();
    expect(r.err).toMatch(/Usage: jinxiu/);
    expect(r.code).toBe(2);
  });
});

// ---------------------------------------------------------------- 2. verify ≡ verifyPlan

function expected(planFile: string) {
  return verifyPlan(parseInstance(readFileSync(INSTANCE, "utf8")), parsePlan(readFileSync(planFile, "utf8")));
}
const codesPrinted = (r: Run) => r.outLines.filter((l) => /^R-[A-Z]+: /.test(l)).map((l) => l.slice(0, l.indexOf(":")));

describe("verify agrees with verifyPlan", () => {
  it("the fixture instance validates", async () => {
    const r = await cli("validate", INSTANCE);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe("");
    expect(r.out).toMatch(/valid — 有效 \(2 units 单位, 2 trainees 人员, 1 programme\(s\) 项目\)/);
  });

  it("valid plan: exit 0, objective equals §7 worked by hand", async () => {
    // t-001: priority 1 + 1 (backbone row) → 2×100, wants.units county-hosp-01 +10,
    //        alliance county-hosp-01 → thc-01 +5, first-choice dept −0  = 215
    // t-002: priority 1 → 100, no wanted unit, alliance +5, first choice = 105
    // no support, no soft rows                                         → 320
    const v = expected(VALID_PLAN);
    expect(v.violations).toEqual([]);
    expect(v.objective).toBe(320);
    expect(v.objectiveMatches).toBe(true);
    const r = await cli("verify", INSTANCE, VALID_PLAN);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.err).toBe("");
    expect(codesPrinted(r)).toEqual([]);
    expect(r.outLines).toEqual(["方案有效：目标值 320"]);
  });

  const broken: { name: string; file: string; codes: string[]; objectiveMatches: boolean }[] = [
    // t-002 moved to internal (its 2nd choice): internal capacity 1, overlap in Aug and Sep.
    { name: "capacity exceeded", file: join(FIX, "plan-capacity-exceeded.json"), codes: ["R-CAPACITY"], objectiveMatches: true },
    // a placement for "t-999", who is not in the instance.
    { name: "unknown trainee", file: join(FIX, "plan-unknown-trainee.json"), codes: ["R-ONCE"], objectiveMatches: true },
    // the valid plan with objective 330 instead of 320: no rule broken, but exit 1.
    { name: "wrong objective", file: join(FIX, "plan-wrong-objective.json"), codes: [], objectiveMatches: false },
  ];

  for (const b of broken) {
    it(`${b.name}: exit 1, printed codes = verifyPlan's codes`, async () => {
      const v = expected(b.file);
      expect([...new Set(v.violations.map((x) => x.code))]).toEqual(b.codes);
      expect(v.objectiveMatches).toBe(b.objectiveMatches);

      const r = await cli("verify", INSTANCE, b.file);
      expect(r.code, r.out + r.err).toBe(1);
      expect(r.err).toBe("");
      expectNoTrace(r.out);
      expect(codesPrinted(r)).toEqual(v.violations.map((x) => x.code));
      // One violation per line, `R-CODE: message`, in verifyPlan's order.
      expect(r.outLines.filter((l) => /^R-[A-Z]+: /.test(l))).toEqual(v.violations.map((x) => `${x.code}: ${x.message}`));
      const objLine = r.outLines.filter((l) => l.startsWith("OBJECTIVE: "));
      if (b.objectiveMatches) expect(objLine).toEqual([]);
      else expect(objLine).toEqual([expect.stringContaining(`应为 ${v.objective}`)]);
      expect(r.outLines.at(-1)).toMatch(/^方案无效：/);
    });
  }

  for (const f of [VALID_PLAN, ...broken.map((b) => b.file)]) {
    it(`--json deep-equals verifyPlan (${f.split("/").pop()})`, async () => {
      const v = expected(f);
      const r = await cli("verify", INSTANCE, f, "--json");
      expect(r.code).toBe(v.valid && v.objectiveMatches ? 0 : 1);
      expect(r.err).toBe("");
      const parsed = JSON.parse(r.out);
      expect(parsed).toEqual({ ok: true, ...JSON.parse(JSON.stringify(v)) });
      expect(parsed.violations.map((x: { code: string }) => x.code)).toEqual(v.violations.map((x) => x.code));
    });
  }
});

// ---------------------------------------------------------------- help

describe("help", () => {
  it("validate --help and verify --help show an example", async () => {
    const a = await cli("validate", "--help");
    expect(a.code).toBe(0);
    expect(a.out).toMatch(/Example:\s*\n\s*jinxiu validate \S+\.json/);
    const b = await cli("verify", "--help");
    expect(b.code).toBe(0);
    expect(b.out).toMatch(/Example:\s*\n\s*jinxiu verify \S+\.json \S+\.json/);
  });

  it("top-level --help shows an example", async () => {
    const r = await cli("--help");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/jinxiu (validate|verify) \S+\.json/);
  });
});

// ---------------------------------------------------------------- 3. the real bin

describe("the real bin through tsx", () => {
  const bin = (...args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
      cwd: REPO,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
      timeout: 30_000,
    });

  it("validate on a bad file: exit 2, `path: message` on stderr, no stack trace", () => {
    const bad = join(TMP, "capcity.json");
    const r = bin("validate", bad);
    expect(r.error).toBeUndefined();
    expect(r.status, r.stderr).toBe(2);
    expect(r.stdout).toBe("");
    const errLines = lines(r.stderr);
    expect(errLines[0]).toBe(`${bad}: 2 issue(s)`);
    expect(errLines).toContain("units[1].receive[0].capcity: unknown key");
    expect(errLines).toContain("units[1].receive[0].capacity: is required");
    for (const l of errLines) expect(l).toMatch(PATH_MESSAGE);
    expectNoTrace(r.stderr);
  });

  it("--help lists validate and verify", () => {
    const r = bin("--help");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Usage: jinxiu/);
    expect(r.stdout).toMatch(/^\s+validate \[options\] <instance>/m);
    expect(r.stdout).toMatch(/^\s+verify \[options\] <instance> <plan>/m);
    expectNoTrace(r.stdout + r.stderr);
  });
});
