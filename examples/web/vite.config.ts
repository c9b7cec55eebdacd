/**
 * The planner's page (examples/web): `npm run web` serves it (vite dev), `npm run build:web`
 * writes examples/web/dist/, a static folder with relative asset paths (base "./"), so it
 * works from any path of any web server. `jinxiu` resolves to this repository's package
 * through its `browser` export condition (dist/browser/, built by examples/web/build.ts).
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export default defineConfig({
  root: HERE,
  base: "./",
  // Nothing from outside the page's folder is published as is.
  publicDir: false,
  resolve: { alias: { jinxiu: ROOT } },
  worker: { format: "es" },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // HiGHS's WebAssembly (3.5 MB) and exceljs are large by nature; they load once and are cached.
    chunkSizeWarningLimit: 4000,
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    rollupOptions: {
      // zod's sources carry /*@__PURE__*/ notes Rollup cannot place; harmless, and not ours to fix.
      onwarn(w, warn) {
        if (w.code !== "INVALID_ANNOTATION") warn(w);
      },
    },
  },
  server: { fs: { allow: [ROOT] } },
  logLevel: "warn",
});
