/**
 * Tiny, hand-checked instances and plans for rule tests (SPEC §3–§7, §9).
 *
 * Month instance (`tinyInstance`): calendar 2024-07 … 2024-10 (4 month slots).
 * - regions: `lyg` (连云港市) ⊃ `donghai` (东海县, flag `mountain-island`)
 * - units[0] `thc-01`: township general health centre in donghai; `internal` staff 4, minOnDuty 3
 *   (so one internal doctor may be away at a time without support)
 * - units[1] `county-hosp-01`: county general hospital in donghai; receives `internal` (cap 2)
 *   and `cardiology` (cap 1); mentors `m-01` internal associate-senior, `m-02` internal senior,
 *   `m-03` cardiology senior (capacity 1 each); support pool `internal` perSlot 1
 * - relation: alliance `county-hosp-01` → `thc-01` (医共体)
 * - programme `lyg-2024`: township staff, age ≤ 50 at 2024-07-01, ≥ 3 practice years, licences
 *   physician/assistant/nurse, clinical/nursing, ≥ 5 years since the last placement; city or county
 *   general/specialty receivers, alliance relation unless city/provincial; TCM → TCM; 2–3 months
 *   inside the calendar; mentor ≥ associate-senior.
 * - trainees (all at thc-01, all eligible): `t-001` internal (backbone, wants internal then
 *   cardiology, wants county-hosp-01), `t-002` internal (no wants), `t-003` general-practice
 *   (no staffing rule, wants internal).
 *
 * `tinyPlan()`: t-001 internal Jul–Aug with m-01, t-002 internal Sep–Oct with m-01, t-003
 * unplaced. Objective (default weights) = (100 + 10 + 5) + (100 + 5) = 220.
 *
 * Week instance (`tinyWeekInstance`, for §9 rotations): calendar Mondays 2024-07-01 … 2024-09-30.
 * See its JSDoc.
 */
import type {
  Instance, Placement, Plan, Rotation, Shortfall, SupportRow, Unit, Unplaced,
} from "../../src/model/types.js";
import { verifyPlan } from "../../src/verify.js";

/** A deep, writable view of a readonly type, for editing clones in tests. */
export type Draft<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly (infer U)[]
    ? Draft<U>[]
    : T extends object
      ? { -readonly [K in keyof T]: Draft<T[K]> }
      : T;

/**
 * A structured clone of `value` after `edit` has changed it; `value` is untouched.
 * @example const older = mutate(tinyInstance(), (i) => { i.trainees[0].birthDate = "1970-01-01"; });
 */
export function mutate<T>(value: T, edit: (draft: Draft<T>) => void): T {
  const copy = structuredClone(value) as Draft<T>;
  edit(copy);
  return copy as T;
}

export const PROGRAMME = "lyg-2024";
export const TOWNSHIP = "thc-01";
export const COUNTY = "county-hosp-01";
export const CITY = "city-hosp-02";
export const COUNTY_TCM = "county-tcm-01";

/** The tiny month instance described at the top of this file (a fresh object each call). */
export function tinyInstance(): Instance {
  return {
    version: 1,
    calendar: { start: "2024-07-01", end: "2024-11-01", granularity: "month" },
    regions: [
      { id: "lyg", name: "连云港市", flags: [] },
      { id: "donghai", name: "东海县", parent: "lyg", flags: ["mountain-island"] },
    ],
    units: [
      {
        id: TOWNSHIP, name: "东海县某镇中心卫生院", tier: "township", kind: "general", region: "donghai",
        departments: [{ dept: "internal", staff: 4, minOnDuty: 3 }],
      },
      {
        id: COUNTY, name: "东海县人民医院", tier: "county", kind: "general", region: "donghai",
        departments: [{ dept: "internal", staff: 20, minOnDuty: 15 }],
        receive: [
          { dept: "internal", capacity: 2, from: "2024-07-01", to: "2024-11-01" },
          { dept: "cardiology", capacity: 1 },
        ],
        mentors: [
          { id: "m-01", dept: "internal", title: "associate-senior", capacity: 1 },
          { id: "m-02", dept: "internal", title: "senior" },
          { id: "m-03", dept: "cardiology", title: "senior", capacity: 1 },
        ],
        support: [{ dept: "internal", perSlot: 1 }],
      },
    ],
    relations: [{ type: "alliance", from: COUNTY, to: TOWNSHIP }],
    programmes: [
      {
        id: PROGRAMME, name: "连云港市 2024 年基层骨干务实进修", ageAt: "2024-07-01",
        eligibility: {
          tiers: ["township"], maxAge: 50, minPracticeYears: 3,
          licenses: ["physician", "assistant", "nurse"], categories: ["clinical", "nursing"],
          minYearsSinceLast: 5,
        },
        receiving: {
          tiers: ["city", "county"], kinds: ["general", "specialty"], relations: ["alliance"],
          openTiers: ["city", "provincial"], tcmToTcm: true,
        },
        duration: { min: { months: 2 }, max: { months: 3 } },
        window: { from: "2024-07-01", to: "2024-11-01" },
        mentor: { minTitle: "associate-senior" },
      },
    ],
    trainees: [
      {
        id: "t-001", name: "张伟", unit: TOWNSHIP, dept: "internal", programme: PROGRAMME,
        category: "clinical", practice: "western", birthDate: "1986-05-01", practiceYears: 6,
        license: "physician", title: "intermediate", sex: "female", education: "bachelor",
        roles: ["backbone"], wants: { depts: ["internal", "cardiology"], units: [COUNTY] },
        available: { from: "2024-07-01", to: "2024-11-01" }, lastPlacementEnd: "2019-06-30",
      },
      {
        id: "t-002", name: "李娜", unit: TOWNSHIP, dept: "internal", programme: PROGRAMME,
        category: "clinical", practice: "western", birthDate: "1990-01-15", practiceYears: 4,
        license: "assistant", title: "junior",
      },
      {
        id: "t-003", name: "王强", unit: TOWNSHIP, dept: "general-practice", programme: PROGRAMME,
        category: "clinical", practice: "western", birthDate: "1980-03-10", practiceYears: 12,
        license: "physician", title: "intermediate", wants: { depts: ["internal"] },
      },
    ],
  };
}

/** A city general hospital with no relation to anybody: allowed only through `openTiers`. */
export function cityHospital(): Draft<Unit> {
  return {
    id: CITY, name: "连云港市第一人民医院", tier: "city", kind: "general", region: "lyg",
    receive: [{ dept: "internal", capacity: 2 }],
    mentors: [{ id: "m-21", dept: "internal", title: "senior", capacity: 2 }],
  };
}

/** A county TCM hospital (中医院); add an alliance relation to thc-01 where needed. */
export function tcmHospital(): Draft<Unit> {
  return {
    id: COUNTY_TCM, name: "东海县中医院", tier: "county", kind: "tcm", region: "donghai",
    receive: [{ dept: "internal", capacity: 1 }],
    mentors: [{ id: "m-31", dept: "internal", title: "senior" }],
  };
}

/** Placement shorthand: `place("t-001", COUNTY, "internal", "2024-07-01", "2024-09-01", "m-01")`. */
export function place(
  trainee: string, unit: string, dept: string, start: string, end: string, mentor?: string,
  rotations?: Draft<Rotation>[],
): Draft<Placement> {
  return {
    trainee, unit, dept, start, end,
    ...(mentor !== undefined ? { mentor } : {}),
    ...(rotations !== undefined ? { rotations } : {}),
  };
}

export interface PlanOptions {
  readonly support?: readonly SupportRow[];
  readonly objective?: number;
  readonly shortfalls?: readonly Shortfall[];
  /** Unplaced rows; default: every trainee of the instance that is not placed, reason CAPACITY-COMPETITION. */
  readonly unplaced?: readonly Unplaced[];
}

/**
 * A plan holding `placements` (and `support`); every other trainee of `instance` is unplaced.
 * The objective defaults to the verifier's own value, so `objectiveMatches` is not what a rule
 * test is about; pass `objective` to pin a hand-computed value.
 */
export function planFor(instance: Instance, placements: readonly Placement[], options: PlanOptions = {}): Plan {
  const placed = new Set(placements.map((p) => p.trainee));
  const unplaced =
    options.unplaced ??
    instance.trainees
      .filter((t) => !placed.has(t.id))
      .map((t) => ({ trainee: t.id, reasons: [{ code: "CAPACITY-COMPETITION", message: "left out by the optimum" }] }));
  const draft: Plan = {
    version: 1, status: "feasible", objective: 0,
    placements: [...placements], support: [...(options.support ?? [])], unplaced,
    shortfalls: [...(options.shortfalls ?? [])], conflicts: [],
  };
  if (options.objective !== undefined) return { ...draft, objective: options.objective };
  return { ...draft, objective: verifyPlan(instance, draft).objective, shortfalls: options.shortfalls ?? verifyPlan(instance, draft).shortfalls };
}

/** The tiny valid plan of the month instance (objective 220 by hand, see the file header). */
export function tinyPlan(): Plan {
  return {
    version: 1,
    status: "optimal",
    objective: 220,
    placements: [
      place("t-001", COUNTY, "internal", "2024-07-01", "2024-09-01", "m-01"),
      place("t-002", COUNTY, "internal", "2024-09-01", "2024-11-01", "m-01"),
    ],
    support: [],
    unplaced: [{ trainee: "t-003", reasons: [{ code: "CAPACITY-COMPETITION", message: "lost to capacity: county-hosp-01 internal" }] }],
    shortfalls: [],
    conflicts: [],
  };
}

export const WEEK_PROGRAMME = "sh-community";
export const CHC = "chc-01";
export const SH_HOSP = "sh-hosp-01";

/**
 * The tiny week instance for §9 rotations (上海 社区医生进修).
 *
 * Calendar: Mondays 2024-07-01 … 2024-09-30 (13 week slots).
 * - units[0] `chc-01`: community centre (township tier); `general-practice` staff 3, minOnDuty 2
 * - units[1] `sh-hosp-01`: city general hospital; receives internal (cap 2), cardiology (cap 1),
 *   emergency (cap 1), pediatrics (cap 1); mentors `m-int` internal associate-senior,
 *   `m-card` cardiology associate-senior, `m-em` emergency senior, `m-ped` pediatrics senior
 * - alliance `sh-hosp-01` → `chc-01`
 * - programme `sh-community`: 8–12 weeks, mentor ≥ associate-senior, rotations: 2–3 distinct
 *   departments, each 4–8 weeks, GPs need one emergency rotation of 2–4 weeks.
 * - trainees: `w-001` general-practice (wants internal, cardiology), `w-002` pediatrics (wants internal).
 */
export function tinyWeekInstance(): Instance {
  return {
    version: 1,
    calendar: { start: "2024-07-01", end: "2024-09-30", granularity: "week" },
    regions: [{ id: "sh", name: "上海市" }, { id: "pudong", name: "浦东新区", parent: "sh" }],
    units: [
      {
        id: CHC, name: "浦东某社区卫生服务中心", tier: "township", kind: "general", region: "pudong",
        departments: [{ dept: "general-practice", staff: 3, minOnDuty: 2 }],
      },
      {
        id: SH_HOSP, name: "浦东某三级医院", tier: "city", kind: "general", region: "pudong",
        receive: [
          { dept: "internal", capacity: 2 },
          { dept: "cardiology", capacity: 1 },
          { dept: "emergency", capacity: 1 },
          { dept: "pediatrics", capacity: 1 },
        ],
        mentors: [
          { id: "m-int", dept: "internal", title: "associate-senior" },
          { id: "m-card", dept: "cardiology", title: "associate-senior" },
          { id: "m-em", dept: "emergency", title: "senior" },
          { id: "m-ped", dept: "pediatrics", title: "senior" },
        ],
      },
    ],
    relations: [{ type: "alliance", from: SH_HOSP, to: CHC }],
    programmes: [
      {
        id: WEEK_PROGRAMME, name: "上海市社区医生进修",
        eligibility: { tiers: ["township"] },
        receiving: { tiers: ["city"], relations: ["alliance"] },
        duration: { min: { weeks: 8 }, max: { weeks: 12 } },
        mentor: { minTitle: "associate-senior" },
        rotations: {
          count: { min: 2, max: 3 },
          each: { min: { weeks: 4 }, max: { weeks: 8 } },
          required: [{ dept: "emergency", min: { weeks: 2 }, max: { weeks: 4 }, when: { homeDept: ["general-practice"] } }],
        },
      },
    ],
    trainees: [
      { id: "w-001", unit: CHC, dept: "general-practice", programme: WEEK_PROGRAMME, wants: { depts: ["internal", "cardiology"] } },
      { id: "w-002", unit: CHC, dept: "pediatrics", programme: WEEK_PROGRAMME, wants: { depts: ["internal"] } },
    ],
  };
}

/** w-001: internal 4 w → cardiology 4 w → emergency 2 w (07-01 … 09-09). */
export function w001Placement(): Draft<Placement> {
  return place("w-001", SH_HOSP, "internal", "2024-07-01", "2024-09-09", undefined, [
    { dept: "internal", start: "2024-07-01", end: "2024-07-29", mentor: "m-int" },
    { dept: "cardiology", start: "2024-07-29", end: "2024-08-26", mentor: "m-card" },
    { dept: "emergency", start: "2024-08-26", end: "2024-09-09", mentor: "m-em" },
  ]);
}

/** w-002: cardiology 4 w → internal 4 w (07-01 … 08-26); no emergency needed (not a GP). */
export function w002Placement(): Draft<Placement> {
  return place("w-002", SH_HOSP, "internal", "2024-07-01", "2024-08-26", undefined, [
    { dept: "cardiology", start: "2024-07-01", end: "2024-07-29", mentor: "m-card" },
    { dept: "internal", start: "2024-07-29", end: "2024-08-26", mentor: "m-int" },
  ]);
}

/** Both week placements; objective (default weights) = (100 + 5) + (100 + 5) = 210. */
export function tinyWeekPlan(): Plan {
  return {
    version: 1, status: "optimal", objective: 210,
    placements: [w001Placement(), w002Placement()],
    support: [], unplaced: [], shortfalls: [], conflicts: [],
  };
}

/** The distinct violation codes `verifyPlan` reports, sorted. */
export function codesOf(instance: Instance, plan: Plan): string[] {
  return [...new Set(verifyPlan(instance, plan).violations.map((v) => v.code))].sort();
}
