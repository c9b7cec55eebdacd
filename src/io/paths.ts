/** Dot paths into plain JSON objects (`eligibility.tiers`), and the hollow parts of an instance. */
import { z } from "zod";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export function getAt(value: unknown, path: string): unknown {
  let cur = value;
  for (const k of path.split(".")) {
    if (!isObj(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

/** Sets `path` inside `obj`, making the objects on the way. */
export function setAt(obj: Obj, path: string, value: unknown): void {
  const keys = path.split(".");
  let cur = obj;
  for (const k of keys.slice(0, -1)) {
    if (!isObj(cur[k])) cur[k] = {};
    cur = cur[k] as Obj;
  }
  cur[keys[keys.length - 1]] = value;
}

/** A step of a shape path: a key, an index, or an entity of a list by its id. */
export type Step = string | number | { readonly id: string };

/** An empty list or object, or an object of nothing but such: nothing a sheet shows. */
function hollow(v: unknown): boolean {
  if (Array.isArray(v)) return v.length === 0;
  return isObj(v) && Object.values(v).every(hollow);
}

/**
 * The paths of every hollow list or object inside `root`, parents first. List elements
 * with a string `id` are named by it, so the paths survive people reordering rows.
 */
export function hollowPaths(root: unknown): { path: Step[]; value: "[]" | "{}" }[] {
  const out: { path: Step[]; value: "[]" | "{}" }[] = [];
  const walk = (v: unknown, path: Step[]) => {
    if (path.length > 0 && hollow(v)) out.push({ path, value: Array.isArray(v) ? "[]" : "{}" });
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, isObj(x) && typeof x.id === "string" ? { id: x.id } : i]));
    else if (isObj(v)) for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(root, []);
  return out;
}

/**
 * Puts a hollow part back where `path` says, if its parent still exists and the key is
 * absent; never makes a parent, never touches a list element.
 */
export function restoreHollow(root: Obj, path: readonly Step[], value: "[]" | "{}"): void {
  let cur: unknown = root;
  for (const step of path.slice(0, -1)) {
    if (typeof step === "object") cur = Array.isArray(cur) ? cur.find((x) => isObj(x) && x.id === step.id) : undefined;
    else if (typeof step === "number") cur = Array.isArray(cur) ? cur[step] : undefined;
    else cur = isObj(cur) ? cur[step] : undefined;
    if (cur === undefined) return;
  }
  const last = path[path.length - 1];
  if (typeof last !== "string" || !isObj(cur) || last in cur) return;
  cur[last] = value === "[]" ? [] : {};
}

/**
 * A copy of `v` with every object's keys in the order of the zod schema `schema` (the
 * order of SPEC §3); keys the schema does not know keep their order after them.
 */
export function orderKeys(v: unknown, schema: z.ZodType): unknown {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
  if (Array.isArray(v)) return s instanceof z.ZodArray ? v.map((x) => orderKeys(x, s.element as z.ZodType)) : v;
  if (!isObj(v) || !(s instanceof z.ZodObject)) return v;
  const shape = s.shape as Record<string, z.ZodType>;
  const keys = [...Object.keys(shape).filter((k) => k in v), ...Object.keys(v).filter((k) => !(k in shape))];
  return Object.fromEntries(keys.map((k) => [k, shape[k] ? orderKeys(v[k], shape[k]) : v[k]]));
}

const unwrapOptional = (schema: z.ZodType): z.ZodType => {
  let s = schema;
  while (s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
  return s;
};

const stepOf = (x: unknown, i: number): Step => (isObj(x) && typeof x.id === "string" ? { id: x.id } : i);

/**
 * Every object inside `root` whose keys are not in the order of the zod schema (what
 * {@link orderKeys} makes of them), with its own order: a workbook has no key order, so
 * the writer keeps these (very hidden) and the reader puts them back, and an untouched
 * workbook reads back as the same JSON text.
 */
export function keyOrders(root: unknown, schema: z.ZodType): { path: Step[]; keys: string[] }[] {
  const out: { path: Step[]; keys: string[] }[] = [];
  const walk = (v: unknown, sch: z.ZodType, path: Step[]) => {
    const s = unwrapOptional(sch);
    if (Array.isArray(v)) {
      if (s instanceof z.ZodArray) v.forEach((x, i) => walk(x, s.element as z.ZodType, [...path, stepOf(x, i)]));
      return;
    }
    if (!isObj(v) || !(s instanceof z.ZodObject)) return;
    const keys = Object.keys(v);
    const shape = s.shape as Record<string, z.ZodType>;
    // The order orderKeys gives: the schema's keys first, unknown ones after them.
    const ordered = [...Object.keys(shape).filter((k) => k in v), ...keys.filter((k) => !(k in shape))];
    if (keys.some((k, i) => k !== ordered[i])) out.push({ path, keys });
    for (const k of keys) if (shape[k]) walk(v[k], shape[k], [...path, k]);
  };
  walk(root, schema, []);
  return out;
}

/**
 * Puts the keys of the object at `path` (if it is still there) in the order `keys` names
 * them, keys it does not name after them as they were: only the order, never a value.
 */
export function restoreKeyOrder(root: Obj, path: readonly Step[], keys: readonly string[]): void {
  let cur: unknown = root;
  for (const step of path) {
    if (typeof step === "object") cur = Array.isArray(cur) ? cur.find((x) => isObj(x) && x.id === step.id) : undefined;
    else if (typeof step === "number") cur = Array.isArray(cur) ? cur[step] : undefined;
    else cur = isObj(cur) ? cur[step] : undefined;
    if (cur === undefined) return;
  }
  if (!isObj(cur)) return;
  const obj = cur;
  const order = [...keys.filter((k) => Object.hasOwn(obj, k)), ...Object.keys(obj).filter((k) => !keys.includes(k))];
  const values = order.map((k) => obj[k]);
  for (const k of order) delete obj[k];
  order.forEach((k, i) => (obj[k] = values[i]));
}
