import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", cli: "src/cli/main.ts" },
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
