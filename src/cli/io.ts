import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { JinxiuError } from "../model/errors.js";

/** A user-facing CLI failure: printed as its message, exit code 2. */
export class CliInputError extends JinxiuError {
  constructor(message: string) {
    super("CLI_INPUT", message);
  }
}

/** Reads a text file or says why not, in words. */
export function readText(path: string): string {
  try {
    // Excel and Notepad save UTF-8 with a byte-order mark; JSON.parse would refuse it.
    return readFileSync(path, "utf8").replace(/^\uFEFF/, "");
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === "ENOENT" ? "no such file" : err.code === "EISDIR" ? "is a directory" : err.code === "EACCES" ? "permission denied" : err.message;
    throw new CliInputError(`${path}: cannot read (${why})`);
  }
}

/** Writes a file atomically: a temporary file beside it, then a rename. No half-written output. */
export function writeAtomic(path: string, content: string | Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    const err = e as NodeJS.ErrnoException;
    throw new CliInputError(`${path}: cannot write (${err.code === "ENOENT" ? "no such directory" : err.code ?? err.message})`);
  }
}

export interface Io {
  out(text: string): void;
  err(text: string): void;
  readonly isTTY: boolean;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(t.endsWith("\n") ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith("\n") ? t : `${t}\n`),
  isTTY: !!process.stderr.isTTY,
};
