/** Reading the CLI's JSON inputs: bytes (a file or `-` for stdin), decoded, parsed; every issue names the file. */
import { InstanceError, type Issue, formatIssues } from "../model/errors.js";
import { decodeJson, parseJson } from "../model/json.js";
import { parseInstance, parsePlan } from "../model/parse.js";
import type { Instance, Plan } from "../model/types.js";
import { CliInputError, type Io, STDIN_NAME, readInput } from "./io.js";

/** The name a file goes by in messages: its path, or `<stdin>` for `-`. */
export const fileLabel = (path: string): string => (path === "-" ? STDIN_NAME : path);

function fail(path: string, issues: readonly Issue[]): never {
  const file = fileLabel(path);
  throw new CliInputError(`${file}: ${issues.length} issue(s)\n${formatIssues(issues)}`, issues.map((i) => ({ file, path: i.path, message: i.message })));
}

async function load<T>(path: string, io: Io, what: string, parse: (text: string) => T): Promise<T> {
  const decoded = decodeJson(await readInput(path, io), what);
  if (decoded.text === undefined) fail(path, decoded.issues);
  try {
    return parse(decoded.text);
  } catch (e) {
    if (e instanceof InstanceError) fail(path, e.issues);
    throw e;
  }
}

export const loadInstance = (path: string, io: Io): Promise<Instance> => load(path, io, "instance", parseInstance);
/** Any JSON document (a what-if scenarios file), with the same errors by line and column. */
export const loadJson = (path: string, io: Io, what: string): Promise<unknown> =>
  load(path, io, what, (text) => {
    const r = parseJson(text, what);
    if (r.issues.length) fail(path, r.issues);
    return r.value;
  });
export const loadPlan = (path: string, io: Io): Promise<Plan> => load(path, io, "plan", parsePlan);

/** An instance and a plan of one command (at most one from standard input), with the options every plan command reads: `--limit` (a whole number ≥ 0) and `--lang`. */
export async function loadInstanceAndPlan(instFile: string, planFile: string, opts: { limit?: string; lang?: string }, defaultLimit: number, io: Io) {
  oneStdin(instFile, planFile);
  const limit = opts.limit === undefined ? defaultLimit : Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 0) throw new CliInputError(`--limit: must be a whole number ≥ 0, got "${opts.limit}"`, [{ path: "--limit", message: "must be a whole number ≥ 0" }]);
  const inst = await loadInstance(instFile, io);
  const plan = await loadPlan(planFile, io);
  return { inst, plan, limit, lang: opts.lang === "en" ? ("en" as const) : ("zh" as const) };
}

/** Refuses two `-` inputs in one command (standard input can be read once). */
export function oneStdin(...paths: readonly string[]): void {
  if (paths.filter((p) => p === "-").length > 1) throw new CliInputError("only one input can be `-` (standard input)");
}
