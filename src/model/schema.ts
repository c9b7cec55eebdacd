/**
 * Structural schemas of the instance and plan formats, written with zod.
 *
 * zod gives us strict objects (unknown keys are issues), a path on every issue
 * and every issue at once, which is exactly the `path: message` discipline of
 * SPEC §3. Cross-reference checks (dangling ids, overlaps, cycles …) live in
 * `validate.ts` on top of the structurally valid data.
 */
import { z } from "zod";
import {
  CATEGORIES, DEFAULT_WEIGHTS, EDUCATIONS, KINDS, LICENSES, PRACTICES, RELATION_TYPES, SEXES, TIERS, TITLES,
  TRAINEE_WHERE_KEYS, type WeightName,
} from "./types.js";

/**
 * Documented limits (each an instance issue with its path when exceeded), so
 * that no number a file can hold wraps, overflows or explodes a model:
 * - capacities, counts (quota `min`/`max`, coverage `min`, rotation counts,
 *   durations), staff, `minOnDuty`, team sizes and support pools
 *   (`perSlot`): whole numbers ≤ `LIMITS.count` (1,000,000);
 * - priorities, priority `add`s, objective weights and cost amounts: finite,
 *   |x| ≤ `LIMITS.magnitude` (1e9); a budget `cap` ≤ `LIMITS.cap` (1e15, a
 *   sum of amounts);
 * - ids (and department codes, roles, flags): no control characters
 *   (U+0000–U+001F, U+007F–U+009F) and well-formed Unicode (no lone surrogate);
 * - calendars: at most `MAX_SLOTS` (10,000) slots (checked in validate.ts).
 */
export const LIMITS = { count: 1_000_000, magnitude: 1e9, cap: 1e15 } as const;

/** Short rendering of a received value for messages. */
export function show(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  if (Array.isArray(value)) return "a list";
  return "an object";
}

// Native checks where JSON Schema can say them (pattern, minimum, maximum, integer), so the
// generated schema/*.schema.json carry them; refinements only where it cannot.
const isoDate = z
  .string({ error: (i) => `must be a date "YYYY-MM-DD", got ${show(i.input)}` })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: (i) => `must be a real date "YYYY-MM-DD", got ${show(i.input)}`, abort: true })
  .refine(isRealDate, { error: (i) => `must be a real date "YYYY-MM-DD", got ${show(i.input)}` });

function isRealDate(s: string): boolean {
  const [y, m, d] = s.split("-").map(Number);
  const dt = new Date(0);
  dt.setUTCFullYear(y, m - 1, d);
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

const id = z
  .string({ error: (i) => `must be a non-empty string id, got ${show(i.input)}` })
  .min(1, { error: "must be a non-empty string id", abort: true })
  .regex(/^\P{Cc}*$/u, {
    error: (i) => `must not contain control characters (U+0000–U+001F, U+007F–U+009F), got ${showControls(i.input as string)}`,
    abort: true,
  })
  .refine((s) => !/\p{Cs}/u.test(s), { error: "must be well-formed Unicode (it holds a lone surrogate)" });

/** A string with its control characters made visible, e.g. `"a\u0000b"`. */
function showControls(s: string): string {
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s).replace(/\p{Cc}/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** zod 4's number refuses NaN and ±Infinity itself. */
const number = (what: string) =>
  z.number({ error: (i) => (typeof i.input === "number" ? `must be a finite number, got ${show(i.input)}` : `must be ${what}, got ${show(i.input)}`) });

function num(min?: number, max?: number, limit = "") {
  let s = number("a number");
  if (min !== undefined) s = s.min(min, { error: (i) => `must be ≥ ${min}, got ${show(i.input)}`, abort: true });
  if (max !== undefined) s = s.max(max, { error: (i) => `must be ≤ ${Math.abs(max) >= 1e6 ? max.toExponential().replace("e+", "e") : max}${limit}, got ${show(i.input)}`, abort: true });
  return s;
}

function int(min = 0, max: number = LIMITS.count) {
  return number("a whole number")
    .int({ error: (i) => `must be a whole number, got ${show(i.input)}`, abort: true })
    .min(min, { error: (i) => `must be ≥ ${min}, got ${show(i.input)}`, abort: true })
    .max(max, { error: (i) => `must be ≤ ${max.toLocaleString("en-US")} (the documented limit), got ${show(i.input)}`, abort: true });
}

/** A finite number with |x| ≤ the limit (priorities, weights, amounts). */
function bounded(min: number = -LIMITS.magnitude, max: number = LIMITS.magnitude) {
  return num(min, max, " (the documented limit)");
}

function oneOf<T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: (i) => `must be one of ${values.join(", ")}; got ${show(i.input)}` });
}

/** A list whose elements are validated; `nonEmpty` makes `[]` an issue. */
function list<T extends z.ZodType>(item: T, nonEmpty = false) {
  const l = z.array(item, { error: (i) => `must be a list, got ${show(i.input)}` });
  return nonEmpty ? l.min(1, { error: "must not be empty (leave the key out for no restriction)" }) : l;
}

function obj<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject(shape, { error: (i) => (i.code === "unrecognized_keys" ? undefined : `must be an object, got ${show(i.input)}`) });
}

export const durationSchema = obj({ months: int().optional(), weeks: int().optional(), days: int().optional() }).refine(
  (d) => d.months !== undefined || d.weeks !== undefined || d.days !== undefined,
  { error: "must give at least one of months, weeks, days" },
);

const tiers = list(oneOf(TIERS), true);
const kinds = list(oneOf(KINDS), true);

const whereShape = {
  homeUnit: list(id, true).optional(),
  homeRegion: list(id, true).optional(),
  homeRegionFlag: list(id, true).optional(),
  homeTier: tiers.optional(),
  homeDept: list(id, true).optional(),
  role: list(id, true).optional(),
  studyDept: list(id, true).optional(),
  receivingUnit: list(id, true).optional(),
  receivingTier: tiers.optional(),
  receivingKind: kinds.optional(),
  category: list(oneOf(CATEGORIES), true).optional(),
};
export const whereSchema = obj(whereShape);
const traineeWhereSchema = obj(
  Object.fromEntries(TRAINEE_WHERE_KEYS.map((k) => [k, whereShape[k]])) as Pick<typeof whereShape, (typeof TRAINEE_WHERE_KEYS)[number]>,
);

const regionSchema = obj({ id, name: z.string().optional(), parent: id.optional(), flags: list(id).optional() });

const unitSchema = obj({
  id,
  name: z.string({ error: (i) => `must be a string, got ${show(i.input)}` }).optional(),
  tier: oneOf(TIERS),
  kind: oneOf(KINDS),
  region: id.optional(),
  departments: list(obj({ dept: id, staff: int(), minOnDuty: int() })).optional(),
  receive: list(obj({ dept: id, capacity: int(), from: isoDate.optional(), to: isoDate.optional() })).optional(),
  // SPEC §5: a mentor without a title ranks `none`; `name` is shown in forms and reports.
  mentors: list(obj({ id, name: z.string({ error: (i) => `must be a string, got ${show(i.input)}` }).optional(), dept: id, title: oneOf(TITLES).optional(), capacity: int().optional() })).optional(),
  support: list(obj({ dept: id, perSlot: int() })).optional(),
  // SPEC §10: 专职管理人员 of a training base, and service levels (residents on duty).
  managers: int().optional(),
  service: list(obj({ dept: id, min: int(), from: isoDate.optional(), to: isoDate.optional(), hard: z.boolean({ error: (i) => `must be true or false, got ${show(i.input)}` }).optional() })).optional(),
});

const relationSchema = obj({ type: oneOf(RELATION_TYPES), from: id, to: id });
const teamSchema = obj({ id, unit: id, size: int(), minOnDuty: int(), members: list(id) });

/** A §10 rotation of a resident (in `fixed`, a plan's `residencies`, a baseline). */
export const residencyRotationSchema = obj({ requirement: id, unit: id, dept: id, start: isoDate, end: isoDate, mentor: id.optional() });
export const residencyEntrySchema = obj({ trainee: id, rotations: list(residencyRotationSchema) });

const traineeSchema = obj({
  id,
  name: z.string({ error: (i) => `must be a string, got ${show(i.input)}` }).optional(),
  unit: id,
  dept: id,
  programme: id,
  category: oneOf(CATEGORIES).optional(),
  practice: oneOf(PRACTICES).optional(),
  birthDate: isoDate.optional(),
  practiceYears: num(0).optional(),
  license: oneOf(LICENSES).optional(),
  title: oneOf(TITLES).optional(),
  sex: oneOf(SEXES).optional(),
  education: oneOf(EDUCATIONS).optional(),
  roles: list(id).optional(),
  priority: bounded(0).optional(),
  wants: obj({ depts: list(id).optional(), units: list(id).optional() }).optional(),
  available: obj({ from: isoDate.optional(), to: isoDate.optional() }).optional(),
  lastPlacementEnd: isoDate.optional(),
  // SPEC §10, residents only (RESIDENCY-KEY on other trainees, validate.ts).
  curriculum: id.optional(),
  completed: list(id).optional(),
  fixed: list(residencyRotationSchema).optional(),
});

const quotaSchema = obj({
  where: whereSchema.optional(),
  min: int().optional(),
  max: int().optional(),
  maxShare: num(0, 1).optional(),
  hard: z.boolean({ error: (i) => `must be true or false, got ${show(i.input)}` }).optional(),
});

const rotationsSchema = obj({
  count: obj({ min: int(1), max: int(1) }),
  each: obj({ min: durationSchema.optional(), max: durationSchema.optional() }).optional(),
  required: list(
    obj({ dept: id, min: durationSchema.optional(), max: durationSchema.optional(), when: traineeWhereSchema.optional() }),
  ).optional(),
});

const months = (min = 0) => int(min, 10_000);
const requirementSchema = obj({
  id,
  depts: list(id, true),
  min: months(),
  max: months(1),
  blocks: int(1).optional(),
  phase: obj({ from: months().optional(), to: months().optional() }).optional(),
  after: list(id).optional(),
  sites: obj({
    tiers: tiers.optional(),
    kinds: kinds.optional(),
    relations: list(oneOf(RELATION_TYPES), true).optional(),
  }).optional(),
});
const residencySchema = obj({
  curricula: list(obj({ id, requirements: list(requirementSchema, true), minBlock: months(1).optional() })),
});

const programmeSchema = obj({
  id,
  name: z.string({ error: (i) => `must be a string, got ${show(i.input)}` }).optional(),
  ageAt: isoDate.optional(),
  eligibility: obj({
    tiers: tiers.optional(),
    maxAge: num(0).optional(),
    minPracticeYears: num(0).optional(),
    licenses: list(oneOf(LICENSES), true).optional(),
    categories: list(oneOf(CATEGORIES), true).optional(),
    minYearsSinceLast: num(0).optional(),
  }).optional(),
  receiving: obj({
    tiers: tiers.optional(),
    kinds: kinds.optional(),
    relations: list(oneOf(RELATION_TYPES)).optional(),
    openTiers: tiers.optional(),
    tcmToTcm: z.boolean({ error: (i) => `must be true or false, got ${show(i.input)}` }).optional(),
  }).optional(),
  duration: obj({ min: durationSchema.optional(), max: durationSchema.optional() }).optional(),
  window: obj({ from: isoDate.optional(), to: isoDate.optional() }).optional(),
  mentor: obj({ minTitle: oneOf(TITLES) }).optional(),
  // SPEC §5: an absent `where` (quota, cost or priority row) means `{}`.
  priority: list(obj({ where: traineeWhereSchema.optional(), add: bounded() })).optional(),
  quotas: list(quotaSchema).optional(),
  coverage: list(obj({ tier: oneOf(TIERS), min: int(), hard: z.boolean().optional() })).optional(),
  budget: obj({ cap: bounded(0, LIMITS.cap), costs: list(obj({ where: whereSchema.optional(), amount: bounded(0) })).optional() }).optional(),
  rotations: rotationsSchema.optional(),
  residency: residencySchema.optional(),
});

const rotationSchema = obj({ dept: id, start: isoDate, end: isoDate, mentor: id.optional() });

export const placementSchema = obj({
  trainee: id,
  unit: id,
  dept: id,
  start: isoDate,
  end: isoDate,
  mentor: id.optional(),
  rotations: list(rotationSchema).optional(),
});

const weight = bounded().optional();

/** `"$schema"`: the JSON Schema an editor validates the file with (schema/instance.schema.json); ignored. */
const $schema = z.string({ error: (i) => `must be a string (a JSON Schema URL or path), got ${show(i.input)}` }).optional();

export const instanceSchema = obj({
  $schema,
  version: z.literal(1, { error: (i) => `must be 1, got ${show(i.input)}` }),
  calendar: obj({ start: isoDate, end: isoDate, granularity: oneOf(["month", "week"] as const) }),
  regions: list(regionSchema).optional(),
  units: list(unitSchema),
  relations: list(relationSchema).optional(),
  teams: list(teamSchema).optional(),
  programmes: list(programmeSchema),
  trainees: list(traineeSchema),
  pinned: list(placementSchema).optional(),
  baseline: obj({
    placements: list(placementSchema).optional(),
    residencies: list(residencyEntrySchema).optional(),
  }).optional(),
  objective: obj(Object.fromEntries(Object.keys(DEFAULT_WEIGHTS).map((k) => [k, weight])) as Record<WeightName, typeof weight>).optional(),
});

export const violationSchema = obj({ code: z.string(), ids: list(z.string()), message: z.string() });
export const supportRowSchema = obj({ from: id, to: id, dept: id, start: isoDate, end: isoDate, count: int(1) });
/** An unplaced row's shape; that it has a reason with a non-empty code is checked by verifyPlan (PLAN-FORMAT). */
export const unplacedSchema = obj({ trainee: id, reasons: list(obj({ code: z.string(), message: z.string() })) });
export const shortfallSchema = z.union([
  obj({ programme: id, rule: oneOf(["quota", "coverage"] as const), index: int(), needed: num(), got: num() }),
  // SPEC §10 reading 12: a service row's shortfall carries no programme.
  obj({ rule: z.literal("service"), unit: id, dept: id, index: int(), needed: num(), got: num() }),
]);
export const PLAN_STATUSES = ["optimal", "feasible", "infeasible", "timeout-feasible"] as const;

export const planSchema = obj({
  $schema,
  version: z.literal(1, { error: (i) => `must be 1, got ${show(i.input)}` }),
  status: oneOf(PLAN_STATUSES),
  objective: num(),
  bound: num().optional(),
  placements: list(placementSchema),
  residencies: list(residencyEntrySchema).optional(),
  support: list(supportRowSchema).optional(),
  unplaced: list(unplacedSchema).optional(),
  shortfalls: list(shortfallSchema).optional(),
  conflicts: list(violationSchema).optional(),
  changes: int().optional(),
});
