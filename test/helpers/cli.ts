import type { Io } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/run.js";

export interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  readonly outLines: string[];
  readonly errLines: string[];
}

const lines = (s: string) => s.split("\n").map((l) => l.trimEnd()).filter((l) => l.length > 0);

/** Runs the `jinxiu` CLI in-process with an io that captures stdout and stderr. */
export function cli(...argv: string[]): Promise<Run> {
  return cliWith({}, ...argv);
}

/** {@link cli} with standard input (for `-` as an input file). */
export async function cliWith(options: { stdin?: string | Uint8Array }, ...argv: string[]): Promise<Run> {
  let out = "";
  let err = "";
  const io: Io = {
    out: (t) => void (out += t.endsWith("\n") ? t : `${t}\n`),
    err: (t) => void (err += t.endsWith("\n") ? t : `${t}\n`),
    isTTY: false,
    stdin: async () => (typeof options.stdin === "string" ? Buffer.from(options.stdin) : options.stdin ?? new Uint8Array()),
  };
  const code = await runCli(argv, io);
  return { code, out, err, outLines: lines(out), errLines: lines(err) };
}
