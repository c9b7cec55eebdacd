/**
 * What the browser tests and bench/web.ts share: Debian's chromium launched through
 * playwright-core as the report's browser test launches it (no browser download), with
 * every host but the test server's unresolvable, and a static server (Vite's preview
 * server) for a folder under a sub-path, so relative asset paths are exercised.
 */
import { type Browser, type BrowserContext, type Request, chromium } from "playwright-core";
import { resolve } from "node:path";
import { type PreviewServer, preview } from "vite";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--disable-default-apps", "--disable-extensions",
  // Nothing but the local server resolves: a request leaving the origin could not succeed anyway.
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
];

export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  try {
    return await chromium.launch({ executablePath: CHROMIUM, args: [...ARGS, ...extraArgs], timeout: 60_000 });
  } catch (e) {
    throw new Error(`cannot launch chromium at ${CHROMIUM} (set CHROMIUM_PATH, or apt-get install chromium): ${(e as Error)?.message ?? e}`);
  }
}

export interface Served {
  /** The page's address, e.g. http://127.0.0.1:40123/planning/jinxiu/ */
  readonly url: string;
  readonly origin: string;
  close(): Promise<void>;
}

/** Serves `dir` at http://127.0.0.1:PORT{base} (Vite's preview server: static files, correct MIME types). */
export async function serve(folder: string, base = "/planning/jinxiu/"): Promise<Served> {
  const dir = resolve(folder);
  const server: PreviewServer = await preview({
    configFile: false, root: dir, base, logLevel: "silent",
    build: { outDir: dir },
    preview: { host: "127.0.0.1", port: 0, strictPort: false, open: false },
  });
  const addr = server.httpServer.address();
  if (!addr || typeof addr === "string") throw new Error("preview server has no port");
  const origin = `http://127.0.0.1:${addr.port}`;
  return { url: `${origin}${base}`, origin, close: () => new Promise<void>((r) => server.httpServer.close(() => r())) };
}

/**
 * Records every request of a context — pages and their workers, nested ones included —
 * and aborts any that leaves `origin` (data: and blob: URLs are the page's own).
 */
export async function watchRequests(context: BrowserContext, origin: string): Promise<{ all: string[]; outside: string[] }> {
  const all: string[] = [];
  const outside: string[] = [];
  const own = (u: string) => u.startsWith(`${origin}/`) || u.startsWith("data:") || u.startsWith("blob:");
  const seen = (r: Request) => {
    all.push(r.url());
    if (!own(r.url())) outside.push(r.url());
  };
  context.on("request", seen);
  await context.route("**/*", (route) => (own(route.request().url()) ? route.continue() : route.abort()));
  return { all, outside };
}
