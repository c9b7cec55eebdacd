/**
 * The instance and plan formats of SPEC §3, §4, §6 and §9, as TypeScript types.
 *
 * Every type is the plain JSON shape: an `Instance` is exactly the parsed JSON
 * (nothing is filled in), so `JSON.stringify(parseInstance(json))` gives the
 * input back. Defaults are resolved by the helpers that read the fields.
 */

/** ISO date `YYYY-MM-DD`. */
export type IsoDate = string;

/** A length of time, e.g. `{ months: 3 }`. At least one key. */
export interface Duration {
  readonly months?: number;
  readonly weeks?: number;
  readonly days?: number;
}

export type Granularity = "month" | "week";

/** The planning calendar; `end` is exclusive. */
export interface Calendar {
  /** First day of the first slot, e.g. `"2024-07-01"` (a 1st for months, a Monday for weeks). */
  readonly start: IsoDate;
  /** Exclusive end, e.g. `"2024-11-01"`. */
  readonly end: IsoDate;
  readonly granularity: Granularity;
}

export interface Region {
  readonly id: string;
  readonly name?: string;
  /** Id of the enclosing region. */
  readonly parent?: string;
  /** e.g. `["mountain-island"]` (浙江 32 个山区海岛县). */
  readonly flags?: readonly string[];
}

export const TIERS = ["provincial", "city", "county", "township", "village"] as const;
export type Tier = (typeof TIERS)[number];
export const KINDS = ["general", "tcm", "specialty"] as const;
export type Kind = (typeof KINDS)[number];
/** Titles in rank order: `none < junior < intermediate < associate-senior < senior`. */
export const TITLES = ["none", "junior", "intermediate", "associate-senior", "senior"] as const;
export type Title = (typeof TITLES)[number];
export const LICENSES = ["physician", "assistant", "village-doctor", "nurse", "technician", "none"] as const;
export type License = (typeof LICENSES)[number];
export const CATEGORIES = ["clinical", "nursing", "imaging", "lab", "pharmacy", "public-health"] as const;
export type Category = (typeof CATEGORIES)[number];
export const PRACTICES = ["western", "tcm"] as const;
export type Practice = (typeof PRACTICES)[number];
export const SEXES = ["female", "male"] as const;
export type Sex = (typeof SEXES)[number];
export const EDUCATIONS = ["secondary", "junior-college", "bachelor", "master", "doctorate"] as const;
export type Education = (typeof EDUCATIONS)[number];
export const RELATION_TYPES = ["alliance", "pairing", "parent", "training"] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

/** Sending-side staffing of one department. */
export interface StaffedDepartment {
  readonly dept: string;
  /** Headcount including the trainees who belong to it. */
  readonly staff: number;
  /** Minimum on duty in every slot. */
  readonly minOnDuty: number;
}

/** Receiving capacity of one department over `[from, to)`. */
export interface ReceiveRow {
  readonly dept: string;
  /** Concurrent trainees per slot. */
  readonly capacity: number;
  readonly from?: IsoDate;
  readonly to?: IsoDate;
}

export interface Mentor {
  /** Unique across the whole instance. */
  readonly id: string;
  /** Shown in forms and reports. */
  readonly name?: string;
  readonly dept: string;
  /** Absent: ranks `none` (SPEC §5). */
  readonly title?: Title;
  /** Concurrent trainees (default 1). */
  readonly capacity?: number;
}

/** Specialists a unit can send down (下沉) per slot, in total over all units it supports. */
export interface SupportPool {
  readonly dept: string;
  readonly perSlot: number;
}

/** SPEC §10: residents of any residency programme on duty at a unit's department, per slot in `[from, to)`. */
export interface ServiceRow {
  readonly dept: string;
  /** Whole number ≥ 0. */
  readonly min: number;
  readonly from?: IsoDate;
  readonly to?: IsoDate;
  /** Default false: a target, priced as a shortfall (the opposite default of quotas). */
  readonly hard?: boolean;
}

export interface Unit {
  readonly id: string;
  readonly name?: string;
  readonly tier: Tier;
  readonly kind: Kind;
  readonly region?: string;
  readonly departments?: readonly StaffedDepartment[];
  readonly receive?: readonly ReceiveRow[];
  readonly mentors?: readonly Mentor[];
  readonly support?: readonly SupportPool[];
  /** SPEC §10 专职管理人员 of a training base: at most 100 × managers residents, none below 3; absent = no limit. */
  readonly managers?: number;
  /** SPEC §10 service levels (residents on duty). */
  readonly service?: readonly ServiceRow[];
}

/** A directed tie from an upper unit to a lower one (医共体 alliance, 帮扶 pairing, township → village parent). */
export interface Relation {
  readonly type: RelationType;
  readonly from: string;
  readonly to: string;
}

/** A family-doctor team (家庭医生签约团队); support does not count for it. */
export interface Team {
  readonly id: string;
  readonly unit: string;
  readonly size: number;
  readonly minOnDuty: number;
  /** Trainee ids. */
  readonly members: readonly string[];
}

export interface Trainee {
  readonly id: string;
  readonly name?: string;
  readonly unit: string;
  readonly dept: string;
  readonly programme: string;
  readonly category?: Category;
  readonly practice?: Practice;
  readonly birthDate?: IsoDate;
  readonly practiceYears?: number;
  readonly license?: License;
  readonly title?: Title;
  readonly sex?: Sex;
  readonly education?: Education;
  readonly roles?: readonly string[];
  /** Default 1. */
  readonly priority?: number;
  readonly wants?: { readonly depts?: readonly string[]; readonly units?: readonly string[] };
  readonly available?: { readonly from?: IsoDate; readonly to?: IsoDate };
  readonly lastPlacementEnd?: IsoDate;
  /** SPEC §10, residents only: the curriculum id of the trainee's residency programme. */
  readonly curriculum?: string;
  /** SPEC §10, residents only: requirement ids already done (no rotation needed). */
  readonly completed?: readonly string[];
  /** SPEC §10, residents only: rotations done or agreed; kept unchanged (R-PINNED). */
  readonly fixed?: readonly ResidencyRotation[];
}

/** Filter over a placement (SPEC §4): every key given must match, each list is an OR. */
export interface Where {
  readonly homeUnit?: readonly string[];
  readonly homeRegion?: readonly string[];
  readonly homeRegionFlag?: readonly string[];
  readonly homeTier?: readonly Tier[];
  readonly homeDept?: readonly string[];
  readonly role?: readonly string[];
  readonly studyDept?: readonly string[];
  readonly receivingUnit?: readonly string[];
  readonly receivingTier?: readonly Tier[];
  readonly receivingKind?: readonly Kind[];
  readonly category?: readonly Category[];
}

export const WHERE_KEYS = [
  "homeUnit", "homeRegion", "homeRegionFlag", "homeTier", "homeDept", "role",
  "studyDept", "receivingUnit", "receivingTier", "receivingKind", "category",
] as const;
/** Keys that depend on the trainee only (allowed in priority rows and rotation `when`). */
export const TRAINEE_WHERE_KEYS = [
  "homeUnit", "homeRegion", "homeRegionFlag", "homeTier", "homeDept", "role", "category",
] as const;

export interface Eligibility {
  readonly tiers?: readonly Tier[];
  readonly maxAge?: number;
  readonly minPracticeYears?: number;
  readonly licenses?: readonly License[];
  readonly categories?: readonly Category[];
  readonly minYearsSinceLast?: number;
}

export interface Receiving {
  readonly tiers?: readonly Tier[];
  readonly kinds?: readonly Kind[];
  readonly relations?: readonly RelationType[];
  readonly openTiers?: readonly Tier[];
  readonly tcmToTcm?: boolean;
}

export interface Quota {
  readonly where?: Where;
  readonly min?: number;
  readonly max?: number;
  readonly maxShare?: number;
  /** Default true. Only `min` can be soft; `max` and `maxShare` are always hard. */
  readonly hard?: boolean;
}

export interface Coverage {
  readonly tier: Tier;
  readonly min: number;
  readonly hard?: boolean;
}

export interface Budget {
  readonly cap: number;
  readonly costs?: readonly { readonly where?: Where; readonly amount: number }[];
}

export interface RotationRules {
  readonly count: { readonly min: number; readonly max: number };
  readonly each?: { readonly min?: Duration; readonly max?: Duration };
  readonly required?: readonly {
    readonly dept: string;
    readonly min?: Duration;
    readonly max?: Duration;
    readonly when?: Where;
  }[];
}

/** SPEC §10: where a requirement may be done besides the base. */
export interface Sites {
  readonly tiers?: readonly Tier[];
  readonly kinds?: readonly Kind[];
  readonly relations?: readonly RelationType[];
}

/** SPEC §10: one requirement of a curriculum (months are whole calendar months). */
export interface Requirement {
  readonly id: string;
  /** Departments that satisfy it. */
  readonly depts: readonly string[];
  /** Total months over all its blocks. */
  readonly min: number;
  readonly max: number;
  /** The most separate blocks (default 1). */
  readonly blocks?: number;
  /** Its months lie in `[from, to)` months of the training period (`from` default 0, `to` default no limit). */
  readonly phase?: { readonly from?: number; readonly to?: number };
  /** It starts only after every block of these requirements ended (分层递进). */
  readonly after?: readonly string[];
  /** Absent: at the base only. */
  readonly sites?: Sites;
}

export interface Curriculum {
  readonly id: string;
  readonly requirements: readonly Requirement[];
  /** Months; default 1. */
  readonly minBlock?: number;
}

export interface Residency {
  readonly curricula: readonly Curriculum[];
}

export interface Programme {
  readonly id: string;
  readonly name?: string;
  /** Date ages are taken at; default `calendar.start`. */
  readonly ageAt?: IsoDate;
  readonly eligibility?: Eligibility;
  readonly receiving?: Receiving;
  readonly duration?: { readonly min?: Duration; readonly max?: Duration };
  readonly window?: { readonly from?: IsoDate; readonly to?: IsoDate };
  readonly mentor?: { readonly minTitle: Title };
  /** Absent `where`: every trainee of the programme (`{}`). */
  readonly priority?: readonly { readonly where?: Where; readonly add: number }[];
  readonly quotas?: readonly Quota[];
  readonly coverage?: readonly Coverage[];
  readonly budget?: Budget;
  readonly rotations?: RotationRules;
  /** SPEC §10: present = a residency (住培) programme. */
  readonly residency?: Residency;
}

/**
 * The objective's weights (SPEC §3, §7, §10, §11) and their defaults: the one
 * list of them. The schema, the objective and the formulation read it.
 */
export const DEFAULT_WEIGHTS = {
  base: 100, preferredUnit: 10, relation: 5, studyRank: 3, supportCost: 1, shortfall: 50,
  /** Per §10 rotation listed (a hand-over). */
  transition: 1,
  /** Per trainee changed against the instance's `baseline` (§11.1). */
  change: 200,
} as const satisfies Record<string, number>;

export type WeightName = keyof typeof DEFAULT_WEIGHTS;

export type ObjectiveWeights = { readonly [K in WeightName]?: number };

export interface Instance {
  /** The JSON Schema the file names for editors (e.g. schema/instance.schema.json); ignored. */
  readonly $schema?: string;
  readonly version: 1;
  readonly calendar: Calendar;
  readonly regions?: readonly Region[];
  readonly units: readonly Unit[];
  readonly relations?: readonly Relation[];
  readonly teams?: readonly Team[];
  readonly programmes: readonly Programme[];
  readonly trainees: readonly Trainee[];
  readonly pinned?: readonly Placement[];
  /** The plan published before (SPEC §11.1): a re-plan changes as few of these trainees as `objective.change` says. */
  readonly baseline?: Baseline;
  readonly objective?: ObjectiveWeights;
}

/** One rotation of a placement (SPEC §9). */
export interface Rotation {
  readonly dept: string;
  readonly start: IsoDate;
  readonly end: IsoDate;
  readonly mentor?: string;
}

/** trainee × receiving unit × study department × [start, end) × mentor. */
export interface Placement {
  readonly trainee: string;
  readonly unit: string;
  readonly dept: string;
  readonly start: IsoDate;
  readonly end: IsoDate;
  readonly mentor?: string;
  readonly rotations?: readonly Rotation[];
}

/** Specialists sent down (下沉) from `from` to cover `to`'s department. */
export interface SupportRow {
  readonly from: string;
  readonly to: string;
  readonly dept: string;
  readonly start: IsoDate;
  readonly end: IsoDate;
  readonly count: number;
}

export interface Reason {
  readonly code: string;
  readonly message: string;
}

export interface Unplaced {
  readonly trainee: string;
  readonly reasons: readonly Reason[];
}

/** A soft quota or coverage row's total (SPEC §6). */
export interface ProgrammeShortfall {
  readonly programme: string;
  readonly rule: "quota" | "coverage";
  readonly index: number;
  readonly needed: number;
  readonly got: number;
}

/** A soft §10 service row's total: `index` is its position in the unit's `service` list; no programme. */
export interface ServiceShortfall {
  readonly rule: "service";
  readonly unit: string;
  readonly dept: string;
  readonly index: number;
  readonly needed: number;
  readonly got: number;
}

export type Shortfall = ProgrammeShortfall | ServiceShortfall;

/** A rule violation or a conflict: `{ code, ids, message }`. */
export interface Violation {
  readonly code: string;
  readonly ids: readonly string[];
  readonly message: string;
}

export type PlanStatus = "optimal" | "feasible" | "infeasible" | "timeout-feasible";

/** SPEC §10: one rotation of a resident, serving one requirement. */
export interface ResidencyRotation {
  readonly requirement: string;
  readonly unit: string;
  readonly dept: string;
  readonly start: IsoDate;
  readonly end: IsoDate;
  readonly mentor?: string;
}

/** SPEC §10: a scheduled resident, rotations listed by start. */
export interface ResidencyEntry {
  readonly trainee: string;
  readonly rotations: readonly ResidencyRotation[];
}

/** SPEC §11.1: the entries of a plan published before; they need not be valid any more. */
export interface Baseline {
  readonly placements?: readonly Placement[];
  /** §10 residency entries (a 进修 trainee listed here is always a change). */
  readonly residencies?: readonly ResidencyEntry[];
}

export interface Plan {
  readonly version: 1;
  readonly status: PlanStatus;
  readonly objective: number;
  readonly bound?: number;
  readonly placements: readonly Placement[];
  /** SPEC §10: scheduled residents (absent = none). */
  readonly residencies?: readonly ResidencyEntry[];
  readonly support: readonly SupportRow[];
  readonly unplaced: readonly Unplaced[];
  readonly shortfalls: readonly Shortfall[];
  readonly conflicts: readonly Violation[];
  /** Trainees changed against the instance's `baseline` (SPEC §11.1); required when the instance has one. */
  readonly changes?: number;
}
