/**
 * `parseInstance` and `parsePlan`: JSON (text or value) in, typed data out,
 * or one error listing every issue as `path: message`.
 */
import type { z } from "zod";
import { InstanceError, type Issue, PlanError, formatPath } from "./errors.js";
import { parseJson, stripBom } from "./json.js";
import { instanceSchema, planSchema } from "./schema.js";
import type { Instance, Plan } from "./types.js";
import { crossCheckInstance } from "./validate.js";

export function zodIssues(error: z.ZodError): Issue[] {
  const out: Issue[] = [];
  for (const i of error.issues) {
    const path = formatPath(i.path);
    if (i.code === "unrecognized_keys") {
      for (const k of i.keys) out.push({ path: path ? `${path}.${k}` : k, message: "unknown key" });
      continue;
    }
    const message = i.message.endsWith("got nothing") ? "is required" : i.message;
    out.push({ path, message });
  }
  return out;
}

function readJson(input: unknown, what: string): { value?: unknown; issues: Issue[] } {
  if (typeof input !== "string") return { value: input, issues: [] };
  return parseJson(input, what);
}

/**
 * Validates without throwing: the issues of an instance (empty when valid).
 *
 * @example
 * const issues = checkInstance(JSON.parse(text));   // [] when valid
 * for (const i of issues) console.log(`${i.path}: ${i.message}`);
 */
export function checkInstance(input: unknown): Issue[] {
  const read = readJson(input, "instance");
  if (read.issues.length) return read.issues;
  const res = instanceSchema.safeParse(read.value);
  if (res.success) return crossCheckInstance(read.value as Instance);
  const issues = zodIssues(res.error);
  // Cross-reference checks still run on a malformed instance where they can, so
  // one typo does not hide a dangling id elsewhere; issues under a malformed
  // field are not repeated.
  try {
    const bad = issues.map((i) => i.path);
    for (const i of crossCheckInstance(read.value as Instance))
      if (!bad.some((p) => p === "" || i.path === p || i.path.startsWith(`${p}.`) || i.path.startsWith(`${p}[`) || p.startsWith(`${i.path}.`) || p.startsWith(`${i.path}[`)))
        issues.push(i);
  } catch {
    // The shape is too broken for cross-references; the structural issues say why.
  }
  return issues;
}

/**
 * Parses and validates an instance (SPEC §3–4).
 *
 * Returns a deep copy of the input, unchanged, so it re-serialises to the same
 * JSON, and deep-frozen: the instance `solve` and `verifyPlan` trust is the one
 * that was checked (an assignment to it throws a TypeError in strict code; edit
 * a `structuredClone` and parse that instead). Throws one
 * {@link InstanceError} listing every issue found.
 *
 * @example
 * const inst = parseInstance(fs.readFileSync("lianyungang-2024.json", "utf8"));
 */
export function parseInstance(input: unknown): Instance {
  const issues = checkInstance(input);
  if (issues.length) throw new InstanceError(issues);
  const value = deepFreeze((typeof input === "string" ? JSON.parse(stripBom(input)) : structuredClone(input)) as Instance);
  validated.add(value);
  return value;
}

/** Instances known valid: returned by parseInstance (deep-frozen, so they stay valid). */
const validated = new WeakSet<object>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * The instance to work on: `instance` itself when parseInstance returned it
 * (frozen, checked once); a plain object is checked on every call (it may have
 * changed since the last one) and a frozen copy returned, so a caller mutating
 * it while a solve runs cannot change what the solve sees. Throws like
 * {@link ensureValid}.
 */
export function validInstance(instance: unknown, fn: string): Instance {
  ensureValid(instance, fn);
  if (validated.has(instance)) return instance;
  const copy = deepFreeze(structuredClone(instance));
  validated.add(copy);
  return copy;
}

/**
 * Throws an {@link InstanceError} (message prefixed with `fn`) unless `instance`
 * is a valid instance; free for instances from parseInstance (deep-frozen), a
 * full check for any other object on every call (it may have been changed
 * since). Lets `solve` and `verifyPlan` take plain objects without failing deep
 * inside on a dangling id.
 */
export function ensureValid(instance: unknown, fn: string): asserts instance is Instance {
  if (instance && typeof instance === "object" && validated.has(instance)) return;
  const issues = checkInstance(instance);
  if (issues.length) {
    const e = new InstanceError(issues);
    e.message = `${fn}: the instance is not valid (parse it with parseInstance)\n${e.message}`;
    throw e;
  }
}

/**
 * Parses a plan (SPEC §6), checking its shape only; `verifyPlan` checks it
 * against an instance. Throws one {@link PlanError} listing every issue.
 *
 * @example
 * const plan = parsePlan(readFileSync("plan.json", "utf8")); // throws PlanError listing every issue
 */
export function parsePlan(input: unknown): Plan {
  const read = readJson(input, "plan");
  if (read.issues.length) throw new PlanError(read.issues);
  const res = planSchema.safeParse(read.value);
  if (!res.success) throw new PlanError(zodIssues(res.error));
  const value = typeof input === "string" ? read.value : structuredClone(input);
  return value as Plan;
}
