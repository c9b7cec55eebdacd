/** `jinxiu example`: copy an example instance shipped in the package to a file, so an installed user can try every command. */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CliInputError, type Io, writeOutput } from "./io.js";

/** The package's root: the nearest folder above this module with jinxiu's package.json (dist/ when installed, src/cli/ in the repository). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "jinxiu") return dir;
    if (dirname(dir) === dir) throw new CliInputError("jinxiu example: the examples folder of the package is missing");
    dir = dirname(dir);
  }
}

export function exampleNames(): string[] {
  return readdirSync(join(packageRoot(), "examples")).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5)).sort();
}

export async function exampleCommand(name: string, opts: { out?: string; list?: boolean; json?: boolean }, io: Io): Promise<number> {
  const names = exampleNames();
  if (opts.list) {
    io.out(opts.json ? JSON.stringify({ ok: true, examples: names }) : names.join("\n"));
    return 0;
  }
  if (!names.includes(name))
    throw new CliInputError(`jinxiu example: no example "${name}"; the examples are ${names.join(", ")}`, [{ path: "name", message: `no example "${name}"; the examples are ${names.join(", ")}` }]);
  const text = readFileSync(join(packageRoot(), "examples", `${name}.json`), "utf8");
  const out = opts.out ?? `${name}.json`;
  if (out === "-") {
    if (opts.json) throw new CliInputError("--out - and --json both write to standard output", [{ path: "--out", message: "--out - and --json both write to standard output" }]);
    io.out(text);
    return 0;
  }
  if (opts.out === undefined && existsSync(out)) throw new CliInputError(`${out}: already exists; name another file with --out`, [{ path: "--out", message: `${out} already exists` }]);
  writeOutput(out, text, { option: "--out" });
  io.out(opts.json ? JSON.stringify({ ok: true, out }) : `written: ${out} (next: jinxiu validate ${out})`);
  return 0;
}
