/**
 * The package as a user gets it: `npm pack` from a copy of the sources without
 * dist/ (as a clean clone is; prepack must build it), publint and
 * @arethetypeswrong on the tarball, then a consumer project that installs the
 * tarball and type-checks against it under `moduleResolution: nodenext`,
 * `strict`, no `skipLibCheck`, runs a script that solves a tiny instance
 * (ESM import and CommonJS require), and the installed bin.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const TMP = mkdtempSync(join(tmpdir(), "jinxiu-package-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
const BIN = join(ROOT, "node_modules/.bin");
const SRC = join(TMP, "src-copy");
const APP = join(TMP, "consumer");
let tarball = "";

function run(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", timeout: 240_000, env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

beforeAll(() => {
  // What a clean clone has: sources and config, no dist/.
  mkdirSync(SRC);
  for (const f of ["package.json", "package-lock.json", "tsup.config.ts", "tsconfig.json", "README.md", "LICENSE", "src", "docs", "examples"]) cpSync(join(ROOT, f), join(SRC, f), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(SRC, "node_modules"));
  run("npm", ["pack", "--silent", "--pack-destination", TMP], SRC);
  tarball = join(TMP, readdirSync(TMP).find((f) => f.endsWith(".tgz"))!);

  mkdirSync(APP);
  writeFileSync(join(APP, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", tarball], APP);
}, 300_000);

describe("the packed tarball", () => {
  it("ships dist/ built by prepack, the types, the LICENSE and the examples", () => {
    const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).split("\n");
    for (const f of ["package/dist/index.js", "package/dist/index.d.ts", "package/dist/cli.js", "package/LICENSE", "package/examples/lianyungang-2024.json", "package/README.md"]) expect(files).toContain(f);
    expect(files.filter((f) => f.startsWith("package/src/") || f.startsWith("package/test/"))).toEqual([]);
  });

  it("publint: all good, strict", () => {
    expect(run(join(BIN, "publint"), [tarball, "--strict"], TMP)).toMatch(/All good/);
  });

  it("@arethetypeswrong: no problem but the documented one (require of ESM, which Node ≥ 20.19 does)", () => {
    // run() throws on a non-zero exit, which attw gives for any problem not ignored.
    const out = run(join(BIN, "attw"), [tarball, "--ignore-rules", "cjs-resolves-to-esm", "--format", "json"], TMP);
    const report = JSON.parse(out) as { analysis: { problems: { kind: string }[] } };
    expect(report.analysis.problems.filter((p) => p.kind !== "CJSResolvesToESM")).toEqual([]);
  });
});

describe("a strict consumer project", () => {
  it("type-checks under nodenext + strict without skipLibCheck, and solves a tiny instance", () => {
    cpSync(join(ROOT, "test/cli/fixtures/small-instance.json"), join(APP, "tiny.json"));
    writeFileSync(join(APP, "tsconfig.json"), JSON.stringify({
      compilerOptions: {
        target: "ES2022", module: "nodenext", moduleResolution: "nodenext", strict: true, skipLibCheck: false,
        outDir: "out", types: ["node"], typeRoots: [join(ROOT, "node_modules/@types")],
      },
      files: ["main.ts"],
    }));
    writeFileSync(join(APP, "main.ts"), `import { readFileSync } from "node:fs";
import { buildNetwork, parseInstance, solve, verifyPlan, InstanceError, type Instance, type Plan, type SolveOptions } from "jinxiu";

const instance: Instance = parseInstance(readFileSync("tiny.json", "utf8"));
const options: SolveOptions = { timeLimitMs: 30_000 };
const plan: Plan = await solve(instance, options);
const network = buildNetwork(instance);
const units: number = network.graph.order;
let caught = "";
try { parseInstance("{"); } catch (e) { if (e instanceof InstanceError) caught = e.issues[0].message; }
console.log(JSON.stringify({ status: plan.status, objective: plan.objective, valid: verifyPlan(instance, plan).valid, units, caught }));
`);
    run(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "."], APP);
    const result = JSON.parse(run(process.execPath, ["out/main.js"], APP));
    expect(result).toEqual({ status: "optimal", objective: 320, valid: true, units: expect.any(Number), caught: expect.stringMatching(/line 1, column 2/) });
    expect(result.units).toBeGreaterThan(0);
  });

  it("require(\"jinxiu\") works from CommonJS (Node ≥ 20.19, as engines says)", () => {
    writeFileSync(join(APP, "req.cjs"), `const { parseInstance, verifyPlan } = require("jinxiu");\nconsole.log(typeof parseInstance, typeof verifyPlan);\n`);
    expect(run(process.execPath, ["req.cjs"], APP).trim()).toBe("function function");
  });

  it("the installed bin: --version, example, validate, solve", () => {
    const jinxiu = join(APP, "node_modules/.bin/jinxiu");
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(run(jinxiu, ["--version"], APP).trim()).toBe(pkg.version);
    run(jinxiu, ["example", "--out", "lyg.json"], APP);
    expect(run(jinxiu, ["validate", "lyg.json"], APP)).toMatch(/lyg\.json: valid — 有效 \(68 units 单位, 75 trainees 人员/);
    run(jinxiu, ["solve", "tiny.json", "--quiet"], APP);
    expect(existsSync(join(APP, "tiny.plan.json"))).toBe(true);
  });
});
