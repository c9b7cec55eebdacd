import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import type { Plugin } from "esbuild";
import { type Options, defineConfig } from "tsup";

const require = createRequire(import.meta.url);

/**
 * The browser build's swaps: the engine host becomes the Web Worker one (src/solve/engine/web.ts),
 * what-if's thread pool (tinypool, Node only) a module that says so, and highs' Node-only
 * `import("node:module")` (never reached in a browser) an empty module.
 */
const browserSwaps: Plugin = {
  name: "jinxiu-browser",
  setup(build) {
    build.onResolve({ filter: /(^\.\/|\/)engine\/host\.js$|^\.\/host\.js$/ }, () => ({ path: resolve("src/solve/engine/web.ts") }));
    build.onResolve({ filter: /^tinypool$/ }, () => ({ path: "tinypool", namespace: "jinxiu-stub" }));
    build.onResolve({ filter: /^node:module$/ }, () => ({ path: "node:module", namespace: "jinxiu-stub" }));
    build.onLoad({ filter: /.*/, namespace: "jinxiu-stub" }, (args) => ({
      contents:
        args.path === "tinypool"
          ? `export default class Tinypool { constructor() { throw new Error("whatif: options.workers > 1 needs Node's worker threads; in a browser leave workers at 1"); } }`
          : "export {};",
      loader: "js",
    }));
  },
};

/**
 * The `browser` export: the same library with HiGHS in a module Web Worker (highs-worker.js,
 * HiGHS bundled in) fetching highs.wasm from beside it. Other dependencies stay imports
 * for the page's bundler to resolve (exceljs and papaparse have browser builds).
 * Exported for examples/web/build.ts, which builds it alone (no types, a few seconds).
 */
export const browserBuild = {
  entry: { index: "src/index.ts", "highs-worker": "src/solve/engine/worker.ts" },
  outDir: "dist/browser",
  format: ["esm"],
  dts: false,
  target: "es2022",
  platform: "browser",
  clean: true,
  sourcemap: false,
  splitting: false,
  // tinypool and node:module are listed so that tsup leaves them to browserSwaps.
  noExternal: ["date-fns", "jsonc-parser", "highs", "tinypool"],
  removeNodeProtocol: false,
  esbuildPlugins: [browserSwaps],
  onSuccess: async () => {
    mkdirSync("dist/browser", { recursive: true });
    copyFileSync(join(dirname(require.resolve("highs")), "highs.wasm"), "dist/browser/highs.wasm");
  },
} satisfies Options;

export default defineConfig([
  {
    // whatif-worker: the thread each what-if scenario is solved in (src/plan/whatif.ts finds it beside the bundle).
    entry: { index: "src/index.ts", cli: "src/cli/main.ts", "whatif-worker": "src/plan/whatif-worker.ts" },
    format: ["esm"],
    dts: { entry: { index: "src/index.ts" } },
    target: "node20",
    platform: "node",
    // dist/browser is the other build's (they run at once).
    clean: ["!browser/**"],
    sourcemap: false,
    splitting: true,
    // Bundled, so only the functions used are loaded: the date-fns barrel costs ~160 ms
    // at start-up, jsonc-parser's UMD build ~30 ms (jinxiu --version, validate).
    noExternal: ["date-fns", "jsonc-parser"],
  },
  browserBuild,
]);
