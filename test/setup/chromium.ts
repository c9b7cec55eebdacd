/**
 * vitest global setup: the report's browser test needs Debian's chromium (and a
 * CJK font for readable screenshots). Nothing is installed from here — `.ci/run`
 * installs them on a fresh machine; for a local run, `apt-get install chromium
 * fonts-wqy-microhei` (or set CHROMIUM_PATH), as the README says.
 */
import { existsSync } from "node:fs";

export default function setup(): void {
  const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(path))
    console.warn(`chromium not found at ${path}: install it (apt-get install chromium fonts-wqy-microhei) or set CHROMIUM_PATH; the report browser test will fail`);
}
