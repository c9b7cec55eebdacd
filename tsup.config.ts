import { defineConfig } from "tsup";

export default defineConfig({
  // whatif-worker: the thread each what-if scenario is solved in (src/plan/whatif.ts finds it beside the bundle).
  entry: { index: "src/index.ts", cli: "src/cli/main.ts", "whatif-worker": "src/plan/whatif-worker.ts" },
  format: ["esm"],
  dts: { entry: { index: "src/index.ts" } },
  target: "node20",
  platform: "node",
  clean: true,
  sourcemap: false,
  splitting: true,
  // Bundled, so only the functions used are loaded: the date-fns barrel costs ~160 ms
  // at start-up, jsonc-parser's UMD build ~30 ms (jinxiu --version, validate).
  noExternal: ["date-fns", "jsonc-parser"],
});
