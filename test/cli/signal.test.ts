/**
 * Ctrl-C and SIGTERM during a solve (a real child process): the solve stops,
 * the best valid plan found is written atomically with status
 * `timeout-feasible`, the exit code is 130 / 143, and on a terminal the cursor
 * the progress bar hid is shown again. The terminal case runs under `script`
 * (a pseudo-terminal), where Ctrl-C is the byte 0x03 as a user types it.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { parseInstance, parsePlan } from "../../src/model/parse.js";
import { verifyPlan } from "../../src/verify.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
// ~10 s to optimality on an idle machine: long enough to interrupt in its pricing rounds.
const INSTANCE = join(ROOT, "examples/zhejiang-three-year.json");
const TMP = mkdtempSync(join(tmpdir(), "jinxiu-signal-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
const hasScript = spawnSync("script", ["--version"]).status === 0;

/** Resolves once `text` matches, with everything read so far; rejects when the child ends first. */
function waitFor(child: ChildProcess, stream: "stdout" | "stderr", re: RegExp): Promise<void> {
  return new Promise((res, rej) => {
    let seen = "";
    child[stream]!.on("data", (d: Buffer) => {
      seen += d.toString();
      if (re.test(seen)) res();
    });
    child.on("exit", () => rej(new Error(`ended before ${re}:\n${seen}`)));
  });
}

function collect(child: ChildProcess): { out: () => string; exit: Promise<number | null> } {
  let out = "";
  child.stdout!.on("data", (d: Buffer) => void (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => void (out += d.toString()));
  return { out: () => out, exit: new Promise((r) => child.on("exit", (code) => r(code))) };
}

function expectBestPlan(file: string): void {
  expect(existsSync(file)).toBe(true);
  const plan = parsePlan(readFileSync(file, "utf8"));
  expect(plan.status).toBe("timeout-feasible");
  expect(verifyPlan(parseInstance(readFileSync(INSTANCE, "utf8")), plan).valid).toBe(true);
  expect(readdirSync(dirname(file)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
}

describe("stopping a solve", () => {
  it("SIGTERM: exit 143, the best plan found written as timeout-feasible", async () => {
    const out = join(TMP, "term.plan.json");
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "solve", INSTANCE, "--out", out], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    const all = collect(child);
    await waitFor(child, "stderr", /pricing 1/);
    child.kill("SIGTERM");
    expect(await all.exit, all.out()).toBe(143);
    expect(all.out()).toMatch(/SIGTERM: stopping, the best plan found so far will be written/);
    expect(all.out()).toMatch(/状态：超时 · 可行/);
    expectBestPlan(out);
  }, 60_000);

  it.runIf(hasScript)("Ctrl-C on a terminal: exit 130, the plan written, the cursor shown again", async () => {
    const out = join(TMP, "int.plan.json");
    const cmd = `exec ${process.execPath} --import tsx src/cli/main.ts solve ${INSTANCE} --out ${out}`;
    const child = spawn("script", ["-q", "-e", "-c", cmd, "/dev/null"], { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, TERM: "xterm" } });
    const all = collect(child);
    await waitFor(child, "stdout", /pricing \d/); // the progress bar is on screen
    child.stdin!.write("\x03");
    expect(await all.exit, all.out()).toBe(130);
    const text = all.out();
    expect(text).toContain("\u001B[?25l"); // the bar hid the cursor …
    expect(text.lastIndexOf("\u001B[?25h")).toBeGreaterThan(text.lastIndexOf("\u001B[?25l")); // … and it is back
    expect(text).toMatch(/interrupted: stopping/);
    expectBestPlan(out);
  }, 60_000);
});
