/**
 * The core runs in a browser: src/model, src/rules, src/solve, src/report and src/io import
 * no Node built-in (node:fs, worker_threads, …), except Node's engine host
 * (src/solve/engine/node.ts), which the browser build swaps for the Web Worker one.
 * File and process concerns stay in src/cli.
 */
import { readFileSync, readdirSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CORE = ["model", "rules", "solve", "report", "io"];
const ALLOWED = new Set(["src/solve/engine/node.ts"]);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));
}

const builtin = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
/** Every module specifier a file imports or re-exports, statically or dynamically. */
function specifiers(text: string): string[] {
  return [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)["']([^"']+)["']/g)].map((m) => m[1]);
}

describe("the core imports no Node built-in", () => {
  it("finds imports at all (the scan works)", () => {
    expect(specifiers(`import { a } from "node:fs"; export * from "./x.js"; await import("os"); import "y";`)).toEqual(["node:fs", "./x.js", "os", "y"]);
  });

  it.each(CORE)("src/%s", (dir) => {
    const found = files(join(ROOT, "src", dir)).flatMap((f) => {
      const rel = relative(ROOT, f);
      return ALLOWED.has(rel) ? [] : specifiers(readFileSync(f, "utf8")).filter((s) => builtin.has(s)).map((s) => `${rel}: ${s}`);
    });
    expect(found).toEqual([]);
  });

  it("Node's engine host is the one exception, and it is swapped out of the browser build", () => {
    expect([...new Set(specifiers(readFileSync(join(ROOT, "src/solve/engine/node.ts"), "utf8")).filter((s) => builtin.has(s)))].sort()).toEqual(["node:module", "node:worker_threads"]);
    expect(readFileSync(join(ROOT, "tsup.config.ts"), "utf8")).toContain('resolve("src/solve/engine/web.ts")');
  });
});
