/**
 * `npm run build:web`: the library's browser build (dist/browser/: index.js, highs-worker.js,
 * highs.wasm; tsup, no types, a few seconds), then the page (Vite) into examples/web/dist/.
 * `--lib`: the library only (`npm run web` serves the page from the sources with Vite's dev server).
 * `buildWeb()` is what the browser tests and bench/web.ts call.
 */
import { fileURLToPath } from "node:url";
import { build as tsup } from "tsup";
import { build as vite } from "vite";
import { browserBuild } from "../../tsup.config.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const WEB_DIST = fileURLToPath(new URL("./dist", import.meta.url));

export async function buildLibrary(): Promise<void> {
  const cwd = process.cwd();
  // tsup's paths (entry, outDir) are the repository's.
  process.chdir(ROOT);
  try {
    await tsup({ ...browserBuild, config: false, silent: true });
  } finally {
    process.chdir(cwd);
  }
}

export async function buildWeb(options: { outDir?: string } = {}): Promise<string> {
  await buildLibrary();
  const outDir = options.outDir ?? WEB_DIST;
  await vite({ configFile: fileURLToPath(new URL("./vite.config.ts", import.meta.url)), build: { outDir, emptyOutDir: true } });
  return outDir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes("--lib")) await buildLibrary();
  else console.log(`jinxiu web page written to ${await buildWeb()}`);
}
