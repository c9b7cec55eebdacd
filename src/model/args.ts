/**
 * Argument checks for the public functions: a caller's mistake is a
 * {@link UsageError} whose message starts with the function and names the
 * argument (`solve: options.relGap must be …, got NaN`), never a TypeError
 * from deep inside.
 */
import { UsageError } from "./errors.js";

/** A value as a message shows it: `NaN`, `null`, `a string "text"`, `an array`, `an object`. */
export function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (typeof v === "string") return `a string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint" || typeof v === "undefined") return String(v);
  if (typeof v === "function") return "a function";
  if (typeof v === "symbol") return "a symbol";
  if (Array.isArray(v)) return "an array";
  return "an object";
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** `arg` must be an object (not null, not an array). */
export function expectObject(fn: string, arg: string, v: unknown, what: string): void {
  if (!isObject(v)) throw new UsageError(`${fn}: ${arg} must be ${what}, got ${describeValue(v)}`);
}

/** `options` must be absent or an object with only the `known` keys. */
export function expectOptions(fn: string, v: unknown, known: readonly string[]): void {
  if (v === undefined) return;
  expectObject(fn, "options", v, "an object (or absent)");
  for (const k of Object.keys(v as object))
    if (!known.includes(k)) throw new UsageError(`${fn}: unknown option options.${k} (known: ${known.join(", ")})`);
}

/** An optional number option: not NaN, within [min, max] (bounds inclusive). */
export function expectNumberOption(fn: string, name: string, v: unknown, min: number, max = Number.POSITIVE_INFINITY, what?: string): void {
  if (v === undefined) return;
  if (typeof v !== "number" || Number.isNaN(v) || v < min || v > max)
    throw new UsageError(`${fn}: options.${name} must be ${what ?? `a number from ${min} to ${max}`}, got ${describeValue(v)}`);
}

/** An optional function option. */
export function expectFunctionOption(fn: string, name: string, v: unknown): void {
  if (v !== undefined && typeof v !== "function") throw new UsageError(`${fn}: options.${name} must be a function, got ${describeValue(v)}`);
}
