/**
 * Every file the CLI reads or writes goes through here. Writes are checked
 * before any work starts (`checkOutput`) and again when written (`writeOutput`):
 * only a regular file (or a symlink to one, which is kept) is replaced, never a
 * device, FIFO or directory, never an input of the same command; the new content
 * is written to a temporary file beside the target, fsynced and renamed over it,
 * so a reader sees the old file or the new one, never half of one. An existing
 * file keeps its mode; a new file is created 0600 (plans and forms hold names and
 * birth dates), narrowed further by the umask.
 */
import { randomBytes } from "node:crypto";
import {
  type Stats, accessSync, closeSync, constants, fchmodSync, fchownSync, fsyncSync, lstatSync, openSync, readFileSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, writeSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { JinxiuError, type Issue } from "../model/errors.js";

/** A user-facing CLI failure: printed as its message (or as `issues` with `--json`), exit code 2. */
export class CliInputError extends JinxiuError {
  readonly issues: readonly CliIssue[];
  constructor(message: string, issues?: readonly CliIssue[]) {
    super("CLI_INPUT", message);
    this.issues = issues ?? [{ path: "", message }];
  }
}

/** An issue as `--json` prints it: the JSON path, and the file it is in when there is one. */
export interface CliIssue extends Issue {
  readonly file?: string;
}

/** The stream `-` stands for, in messages. */
export const STDIN_NAME = "<stdin>";

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr is a terminal (progress bar, cursor). */
  readonly isTTY: boolean;
  /** All of standard input, for `-` as an input file. */
  stdin?(): Promise<Uint8Array>;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(t.endsWith("\n") ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith("\n") ? t : `${t}\n`),
  isTTY: !!process.stderr.isTTY,
  stdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  },
};

const why = (e: unknown): string => {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case "ENOENT": return "no such file";
    case "EISDIR": return "is a directory";
    case "EACCES": case "EPERM": return "permission denied";
    case "ENOSPC": return "no space left on the disk";
    case "EROFS": return "read-only file system";
    case "ENOTDIR": return "a part of the path is not a directory";
    case "ELOOP": return "too many symbolic links";
    case "EDQUOT": return "disk quota exceeded";
    default: return err.code ?? err.message;
  }
};

/** Reads an input file (or standard input for `-`) as bytes, or says why not, in words. */
export async function readInput(path: string, io: Io): Promise<Uint8Array> {
  if (path === "-") {
    if (!io.stdin) throw new CliInputError(`${STDIN_NAME}: cannot read standard input here`);
    return io.stdin();
  }
  if (path === "") throw new CliInputError(`an input file name is empty`);
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new CliInputError(`${path}: cannot read (is a directory)`);
    return readFileSync(path);
  } catch (e) {
    if (e instanceof CliInputError) throw e;
    throw new CliInputError(`${path}: cannot read (${why(e)})`);
  }
}

/** What kind of thing a non-regular file is, for a message. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return "a directory";
  if (st.isFIFO()) return "a named pipe (FIFO)";
  if (st.isCharacterDevice() || st.isBlockDevice()) return "a device";
  if (st.isSocket()) return "a socket";
  return "not a regular file";
}

/** The path a write really lands on: symlinks followed, even a dangling one (its target is created). */
function followLinks(path: string): string {
  let p = resolve(path);
  for (let i = 0; i < 40; i++) {
    let st: Stats;
    try {
      st = lstatSync(p);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return p;
      throw e;
    }
    if (!st.isSymbolicLink()) return p;
    p = resolve(dirname(p), readlinkSync(p));
  }
  throw Object.assign(new Error("ELOOP"), { code: "ELOOP" });
}

interface Target {
  /** The final path (symlinks resolved). */
  readonly real: string;
  /** The file being replaced, if there is one. */
  readonly existing?: Stats;
}

export interface OutputOptions {
  /** The option that named the path, for messages (`--out`). */
  readonly option?: string;
  /** The command's input files: writing over one of them is refused. */
  readonly inputs?: readonly string[];
}

/**
 * Checks that `path` can be written (before any long work): a regular file or
 * a symlink to one, or a new file in an existing, writable directory; not one
 * of `inputs`. Throws a {@link CliInputError} saying why not.
 */
export function checkOutput(path: string, options: OutputOptions = {}): void {
  target(path, options);
}

function target(path: string, { option = "output", inputs = [] }: OutputOptions): Target {
  if (path === "") throw new CliInputError(`${option}: the file name is empty`, [{ path: option, message: "the file name is empty" }]);
  let real: string;
  let existing: Stats | undefined;
  try {
    real = followLinks(path);
    existing = statSync(real, { throwIfNoEntry: false });
  } catch (e) {
    throw new CliInputError(`${path}: cannot write (${why(e)})`);
  }
  if (existing && !existing.isFile())
    throw new CliInputError(`${path}: cannot write (${kindOf(existing)}, not a regular file; jinxiu writes only regular files — 只能写入普通文件)`);
  const dir = dirname(real);
  const dirStat = statSync(dir, { throwIfNoEntry: false });
  if (!dirStat) throw new CliInputError(`${path}: cannot write (no such directory: ${dir})`);
  if (!dirStat.isDirectory()) throw new CliInputError(`${path}: cannot write (${dir} is not a directory)`);
  try {
    accessSync(dir, constants.W_OK);
    if (existing) accessSync(real, constants.W_OK);
  } catch {
    throw new CliInputError(`${path}: cannot write (permission denied)`);
  }
  if (existing) {
    for (const input of inputs) {
      if (input === "-") continue;
      const st = statSync(input, { throwIfNoEntry: false });
      if (!st) continue;
      const same = (st.dev === existing.dev && st.ino === existing.ino) || realpathSync(input) === real;
      if (same) throw new CliInputError(`${path}: refusing to write over the input file ${input}; choose another ${option} file (不能覆盖输入文件)`);
    }
  }
  return { real, existing };
}

/**
 * Writes `content` to `path` atomically (see the module comment), after the
 * checks of {@link checkOutput}. Throws a {@link CliInputError} when it cannot;
 * the target is then unchanged and no temporary file is left.
 */
export function writeOutput(path: string, content: string | Uint8Array, options: OutputOptions = {}): void {
  const { real, existing } = target(path, options);
  const dir = dirname(real);
  const tmp = join(dir, `.${basename(real)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, "wx", 0o600);
    const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
    if (existing) {
      fchmodSync(fd, existing.mode & 0o7777);
      if (process.getuid?.() === 0 && (existing.uid !== 0 || existing.gid !== 0)) {
        try {
          fchownSync(fd, existing.uid, existing.gid);
        } catch {
          // Keeping the owner is a courtesy; the content and mode are what matter.
        }
      }
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, real);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw new CliInputError(`${path}: cannot write (${why(e)})`);
  }
  try {
    const d = openSync(dir, "r");
    try {
      fsyncSync(d);
    } finally {
      closeSync(d);
    }
  } catch {
    // Not every file system lets a directory be fsynced; the rename has happened.
  }
}

/** Reads a UTF-8 text file (a BOM dropped) or says why not; prefer {@link readInput} + `decodeJson` for JSON. */
export function readText(path: string): string {
  try {
    if (statSync(path).isDirectory()) throw Object.assign(new Error("EISDIR"), { code: "EISDIR" });
    return readFileSync(path, "utf8").replace(/^\uFEFF/, "");
  } catch (e) {
    throw new CliInputError(`${path}: cannot read (${why(e)})`);
  }
}

/** {@link writeOutput} without options (kept for callers written before it). */
export const writeAtomic = (path: string, content: string | Uint8Array): void => writeOutput(path, content);
