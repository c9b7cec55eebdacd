/**
 * vitest global setup: the report's browser test needs Debian's chromium (and a
 * CJK font for readable screenshots). Where it is missing and we are root, it is
 * installed here; otherwise the browser test fails and says why.
 */
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

export default function setup(): void {
  const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(path)) return;
  if (process.getuid?.() !== 0) {
    console.warn(`chromium not found at ${path}: install it (apt-get install chromium fonts-wqy-microhei) or set CHROMIUM_PATH; the report browser test will fail`);
    return;
  }
  console.log("installing chromium and a CJK font for the report browser test (apt-get)…");
  try {
    execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei", { stdio: "inherit", timeout: 600_000 });
  } catch (e) {
    console.warn(`could not install chromium: ${(e as Error).message}; the report browser test will fail`);
  }
}
