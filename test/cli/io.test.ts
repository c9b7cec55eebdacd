/**
 * Writes through one function (src/cli/io.ts): only regular files (or symlinks
 * to them, kept) are replaced, never a FIFO or a directory; modes are kept, new
 * files are private; an input of the same command is never overwritten; the
 * write is atomic. FIFOs and symlinks are made in a temporary folder — never a
 * real device.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { checkOutput, writeOutput } from "../../src/cli/io.js";
import { cli } from "../helpers/cli.js";

const FIX = join(dirname(fileURLToPath(import.meta.url)), "fixtures");
const INSTANCE = join(FIX, "small-instance.json");
const TMP = mkdtempSync(join(tmpdir(), "jinxiu-io-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
let n = 0;
const fresh = () => {
  const d = join(TMP, `case-${n++}`);
  mkdirSync(d);
  return d;
};
const mode = (p: string) => statSync(p).mode & 0o777;
const leftovers = (d: string) => readdirSync(d).filter((f) => f.endsWith(".tmp"));

describe("writeOutput refuses what is not a regular file", () => {
  it("a FIFO is refused and stays a FIFO (nothing blocks, nothing is replaced)", () => {
    const d = fresh();
    const fifo = join(d, "pipe");
    execFileSync("mkfifo", [fifo]);
    expect(() => writeOutput(fifo, "x")).toThrow(/pipe: cannot write \(a named pipe \(FIFO\), not a regular file/);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(leftovers(d)).toEqual([]);
  });

  it("a symlink to a FIFO is refused too", () => {
    const d = fresh();
    execFileSync("mkfifo", [join(d, "pipe")]);
    symlinkSync("pipe", join(d, "link"));
    expect(() => writeOutput(join(d, "link"), "x")).toThrow(/a named pipe/);
    expect(lstatSync(join(d, "pipe")).isFIFO()).toBe(true);
  });

  it("a directory is refused", () => {
    const d = fresh();
    expect(() => writeOutput(d, "x")).toThrow(/cannot write \(a directory, not a regular file/);
    expect(statSync(d).isDirectory()).toBe(true);
  });

  it("a missing directory is named", () => {
    const d = fresh();
    expect(() => checkOutput(join(d, "no", "plan.json"))).toThrow(new RegExp(`no such directory: ${join(d, "no")}`));
  });

  it("an empty name is refused", () => {
    expect(() => writeOutput("", "x", { option: "--out" })).toThrow(/--out: the file name is empty/);
  });
});

describe("writeOutput follows symlinks and keeps them, keeps modes", () => {
  it("writing through a symlink replaces its target; the link stays a link", () => {
    const d = fresh();
    mkdirSync(join(d, "real"));
    writeFileSync(join(d, "real", "plan.json"), "old");
    symlinkSync(join("real", "plan.json"), join(d, "plan.json"));
    writeOutput(join(d, "plan.json"), "new");
    expect(lstatSync(join(d, "plan.json")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(d, "plan.json"))).toBe(join("real", "plan.json"));
    expect(readFileSync(join(d, "real", "plan.json"), "utf8")).toBe("new");
    expect(leftovers(d)).toEqual([]);
    expect(leftovers(join(d, "real"))).toEqual([]);
  });

  it("a dangling symlink gets its target created", () => {
    const d = fresh();
    symlinkSync("target.json", join(d, "link.json"));
    writeOutput(join(d, "link.json"), "new");
    expect(lstatSync(join(d, "link.json")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(d, "target.json"), "utf8")).toBe("new");
  });

  it("an existing file keeps its mode (0640 stays 0640, 0604 stays 0604)", () => {
    const d = fresh();
    for (const m of [0o640, 0o604]) {
      const f = join(d, `f${m}`);
      writeFileSync(f, "old");
      chmodSync(f, m);
      writeOutput(f, "new");
      expect(mode(f)).toBe(m);
      expect(readFileSync(f, "utf8")).toBe("new");
    }
  });

  it("a new file is no wider than 0600 (it holds names and birth dates)", () => {
    const d = fresh();
    const prev = process.umask(0o022);
    try {
      writeOutput(join(d, "new.json"), "x");
    } finally {
      process.umask(prev);
    }
    expect(mode(join(d, "new.json"))).toBe(0o600);
  });

  it("a stricter umask narrows it further", () => {
    const d = fresh();
    const prev = process.umask(0o277);
    try {
      writeOutput(join(d, "new.json"), "x");
    } finally {
      process.umask(prev);
    }
    expect(mode(join(d, "new.json"))).toBe(0o400);
  });

  it("the write is a rename: a reader holding the old file keeps the old bytes (no in-place truncation)", () => {
    const d = fresh();
    const f = join(d, "plan.json");
    writeFileSync(f, "old content");
    const before = statSync(f).ino;
    writeOutput(f, "new");
    expect(statSync(f).ino).not.toBe(before);
    expect(readFileSync(f, "utf8")).toBe("new");
  });
});

describe("an input of the same command is never overwritten", () => {
  it("the same path, a symlink to it and a hard link to it are all refused", () => {
    const d = fresh();
    const input = join(d, "inst.json");
    writeFileSync(input, "{}");
    symlinkSync("inst.json", join(d, "sym.json"));
    linkSync(input, join(d, "hard.json"));
    for (const p of [input, join(d, "sym.json"), join(d, "hard.json"), join(d, ".", "inst.json")])
      expect(() => writeOutput(p, "x", { option: "--out", inputs: [input] }), p).toThrow(/refusing to write over the input file/);
    expect(readFileSync(input, "utf8")).toBe("{}");
  });
});

describe("the CLI writes through it", () => {
  it("solve --out <the instance> is refused before solving, the instance unchanged (exit 2)", async () => {
    const d = fresh();
    const inst = join(d, "inst.json");
    writeFileSync(inst, readFileSync(INSTANCE));
    const r = await cli("solve", inst, "--out", inst, "--quiet");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/refusing to write over the input file/);
    expect(readFileSync(inst, "utf8")).toBe(readFileSync(INSTANCE, "utf8"));
  });

  it('solve --out "" is an error (exit 2), not a silent success', async () => {
    const r = await cli("solve", INSTANCE, "--out", "", "--quiet");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--out: the file name is empty/);
  });

  it("solve --out to a FIFO is refused before solving (exit 2)", async () => {
    const d = fresh();
    execFileSync("mkfifo", [join(d, "pipe")]);
    const r = await cli("solve", INSTANCE, "--out", join(d, "pipe"));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/named pipe/);
    expect(r.err).not.toMatch(/candidates|formulate/); // refused before the solve started
  });

  it("report --html to a directory and --xlsx over the plan file are refused (exit 2), nothing written", async () => {
    const d = fresh();
    const plan = join(d, "plan.json");
    expect((await cli("solve", INSTANCE, "--out", plan, "--quiet")).code).toBe(0);
    const before = readFileSync(plan, "utf8");
    const a = await cli("report", INSTANCE, plan, "--html", d);
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/a directory, not a regular file/);
    const b = await cli("report", INSTANCE, plan, "--xlsx", plan);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/refusing to write over the input file/);
    expect(readFileSync(plan, "utf8")).toBe(before);
    expect(existsSync(resolve(d, "report.html"))).toBe(false);
  });
});
