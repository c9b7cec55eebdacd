/**
 * Start-up cost: `jinxiu --version` and `jinxiu validate` must not load the
 * workbook writer (exceljs), the solver (HiGHS, javascript-lp-solver) or, for
 * --version, the validator (zod). Checked by logging every module the real bin
 * resolves (a module.register hook), not by timing; the timings are in the
 * README.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const TMP = mkdtempSync(join(tmpdir(), "jinxiu-startup-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const HOOKS = join(TMP, "hooks.mjs");
const REGISTER = join(TMP, "register.mjs");
writeFileSync(HOOKS, `import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(process.env.JINXIU_MODULE_LOG, r.url + "\\n");
  return r;
}
`);
writeFileSync(REGISTER, `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(HOOKS).href)});\n`);

function modulesLoaded(...args: string[]): string[] {
  const log = join(TMP, `log-${args[0]}.txt`);
  writeFileSync(log, "");
  const r = spawnSync(process.execPath, ["--import", REGISTER, "--import", "tsx", "src/cli/main.ts", ...args], {
    cwd: ROOT, encoding: "utf8", env: { ...process.env, JINXIU_MODULE_LOG: log }, timeout: 30_000,
  });
  expect(r.status, r.stderr).toBe(0);
  return readFileSync(log, "utf8").split("\n").filter(Boolean);
}

const HEAVY = [/\/node_modules\/exceljs\//, /\/node_modules\/highs\//, /\/node_modules\/javascript-lp-solver\//, /\/src\/solve\//, /\/src\/report\/xlsx/];

describe("lazy imports", () => {
  it("--version loads neither zod nor exceljs nor the solver", () => {
    const mods = modulesLoaded("--version");
    expect(mods.some((m) => m.includes("/src/cli/run.ts"))).toBe(true); // the hook sees our modules
    for (const re of [...HEAVY, /\/node_modules\/zod\//, /\/src\/model\/schema/]) expect(mods.filter((m) => re.test(m)), String(re)).toEqual([]);
  });

  it("validate loads the validator but not exceljs or the solver", () => {
    const mods = modulesLoaded("validate", "examples/lianyungang-2024.json");
    expect(mods.some((m) => m.includes("/src/model/schema.ts"))).toBe(true);
    for (const re of HEAVY) expect(mods.filter((m) => re.test(m)), String(re)).toEqual([]);
  });
});
