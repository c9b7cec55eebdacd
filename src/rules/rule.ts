/**
 * The shape of a rule module. Each rule family of SPEC §5 and §9 lives in one
 * file that holds, side by side: how a plan is checked (`check`), its soft
 * rows' shortfalls, its rows in a formulation (`rows`), the words of its
 * violations and rows (both written with `Words`), whether adding placements
 * can ever repair a violation, and the trainee facts its rows read (from
 * which the solver groups interchangeable trainees).
 */
import type { Plan, Programme, Shortfall, Trainee, Violation } from "../model/types.js";
import type { Context, Target } from "./context.js";
import type { Ledger, Resource, ResourceKind } from "./ledger.js";
import type { Lang, Words } from "./words.js";

/** Every rule code of SPEC §5, §9 and §10. */
export type RuleCode =
  | "R-ONCE" | "R-ELIGIBLE" | "R-RECEIVER" | "R-DEPT" | "R-DURATION" | "R-WINDOW" | "R-CAPACITY" | "R-MENTOR"
  | "R-STAFFING" | "R-SUPPORT" | "R-TEAM" | "R-QUOTA" | "R-COVERAGE" | "R-BUDGET" | "R-PINNED" | "R-ROTATION"
  | "R-CURRICULUM" | "R-SITE" | "R-SERVICE" | "R-MANAGERS";

/** What a checker is given: the instance's facts, the plan, its ledger of uses, and the words to write in. */
export interface Judgement {
  readonly ctx: Context;
  readonly plan: Plan;
  readonly ledger: Ledger;
  readonly w: Words;
}

/** What a row means, for conflicts and the reasons of left-out trainees. */
export interface RowMeta {
  /** The row family: capacity, mentor, staffing, pool, team, quota, share, coverage, budget, once. */
  readonly kind: string;
  readonly code: RuleCode;
  readonly ids: readonly string[];
  /** The row in words, e.g. `市第一人民医院 心血管内科 2024-07 的接收容量（2）`. */
  describe(lang: Lang): string;
  /** A soft row: its shortfall is priced, never a conflict. */
  readonly soft?: boolean;
}

export interface RowSpec {
  readonly lb: number;
  readonly ub: number;
  readonly meta: RowMeta;
}

/** A per-slot family of rows: `make(k)` gives slot k's row, or undefined where none is needed. */
export interface SlotFamily {
  readonly key: string;
  make(k: number): RowSpec | undefined;
  /** The coefficient of one unit of use (default 1). */
  readonly coef?: number;
}

/** What pinned placements already use, for the right-hand sides of rows. */
export interface FixedUse {
  readonly ledger: Ledger;
  quota(prog: string, i: number): number;
  total(prog: string): number;
  byHome(prog: string, unit: string): number;
  cost(prog: string): number;
  /** Free seats, summed over the mentors of a department with title rank ≥ `rank`, in slot k. */
  mentorSeats(unit: string, dept: string, rank: number, k: number): number;
}

/** A group of interchangeable trainees as rows see it. */
export interface RowGroup {
  readonly trainees: readonly Trainee[];
  readonly prog: Programme;
}

/** The formulation as rule modules see it: where their rows go. */
export interface RowHost {
  readonly ctx: Context;
  readonly fixed: FixedUse;
  readonly groups: readonly RowGroup[];
  /** Title ranks of the programmes' mentor rules, ascending. */
  readonly thresholds: readonly number[];
  /** The row `key`, made with `make()` the first time. */
  row(key: string, make: () => RowSpec): number;
  hasRow(key: string): boolean;
  /** Slots some candidate of group `gi` occupies (1) or not (0). */
  slotsTouched(gi: number): Uint8Array;
  /** Makes (or, with no spec, rules out) slot k's row of a family now. */
  slotRow(family: SlotFamily, k: number, spec: RowSpec | undefined): number;
  /** A row that support columns (下沉) may relieve: specialists to `home`'s `dept` in slot k. */
  relievable(row: number, home: string, dept: string, k: number): void;
}

/** Coefficients of a column in rows: `add(row, value)`. */
export type AddEntry = (row: number, value: number) => void;

/** A rule's rows in a formulation. Stages run in the order listed, each over every rule. */
export interface Rows {
  /** A programme's rows that bind whatever the columns (minimums, maximums pinned placements already break); called per programme, rule after rule. */
  bounds?(h: RowHost, prog: Programme): void;
  /** Rows of the whole instance that bind whatever the columns (SPEC §10 service rows); called once, after every programme's `bounds`. */
  instanceBounds?(h: RowHost): void;
  /** One row per trainee group, which every column of the group enters first (returns it). */
  head?(h: RowHost, gi: number): number;
  /** Rows support columns relieve (made before any column, with their support columns). */
  relieved?(h: RowHost): void;
  /** Per-slot row families a use of a resource enters, by resource kind. */
  readonly slot?: { readonly [K in ResourceKind]?: (h: RowHost, r: Extract<Resource, { kind: K }>) => readonly SlotFamily[] };
  /** Entries every column of a group shares (filters on the trainee side). */
  groupEntries?(h: RowHost, gi: number, add: AddEntry): void;
  /** Entries shared by a group's columns at one receiving unit and department. */
  pairEntries?(h: RowHost, gi: number, target: Target, add: AddEntry): void;
}

export interface Rule {
  readonly code: RuleCode;
  /** Whether adding placements (or support) can ever repair a violation (false: pinned placements alone decide). */
  readonly repairable: boolean;
  check(j: Judgement): Violation[];
  /** Soft rows that are short (§6). */
  shortfalls?(j: Judgement): Shortfall[];
  readonly rows?: Rows;
  /** What the rule's rows read about a trainee: trainees equal in every rule's `reads` (and candidates) are interchangeable. */
  reads?(ctx: Context, t: Trainee): string;
  /** What the rule's rows read about a trainee at one receiving unit and department. */
  readsAt?(ctx: Context, t: Trainee, target: Target): string;
}
