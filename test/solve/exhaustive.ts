/**
 * An INDEPENDENT brute-force optimiser for tiny instances (≤ 4 trainees, ≤ 3 units,
 * ≤ 4 slots; fewer with §9 rotations), the oracle of `exhaustive.property.test.ts`.
 *
 * It shares nothing with src/solve: it never builds a model. Every judgement of a plan is
 * `verifyPlan`'s (SPEC §5), and every objective is `verifyPlan`'s §7 value. The search only
 * enumerates and keeps the best valid plan:
 *
 * - Per trainee the options are "unplaced" or every (unit, received dept, start, end, mentor)
 *   combination on slot boundaries — every unit (the home unit too), every department the unit
 *   lists in `receive`, every `[start, end)` of slot boundaries, and "no mentor" or any mentor of
 *   that unit. For a programme with §9 `rotations`, every split of `[start, end)` into
 *   consecutive segments in distinct received departments, each with "no mentor" or any mentor
 *   of the unit. Nothing is pruned by a hand-written rule: an option is dropped only when
 *   `verifyPlan` rejects the plan "pinned placements + this option" under a rule that is
 *   *monotone* in the set of placements (a plan that breaks it also breaks it with more
 *   placements added): R-ELIGIBLE, R-RECEIVER, R-DEPT, R-DURATION, R-WINDOW, R-CAPACITY,
 *   R-MENTOR, R-TEAM, R-BUDGET, R-PINNED, R-ROTATION, R-ONCE.
 * - A depth-first search over the trainees combines placement shapes (unit, dept, start, end),
 *   dropping a partial plan that `verifyPlan` rejects under the monotone, mentor-blind rules
 *   R-CAPACITY, R-TEAM, R-BUDGET.
 * - At a leaf, R-QUOTA and R-COVERAGE first (they see neither mentors nor support); then mentors: the first assignment of each placement's surviving mentor choices that
 *   R-MENTOR accepts (depth-first; R-MENTOR is monotone). Only R-MENTOR (and R-PINNED, settled
 *   per option) looks at mentors, so any accepted assignment is as good as another.
 * - At a leaf, support rows: for every home department that is short in a slot
 *   (`staff − away < minOnDuty`), every split of the shortfall over every unit that has a
 *   `support` row for that department (per slot; the first split `verifyPlan` accepts under
 *   R-SUPPORT). Only the exact shortfall is ever sent: every support slot costs the same
 *   `supportCost`, and sending more never helps any rule, so the exact shortfall is optimal.
 * - The leaf's plan (placements + support) is then judged by the full `verifyPlan`.
 *
 * Branch and bound, sound for non-negative weights: `value(p)` is `verifyPlan`'s objective of
 * the plan holding `p` alone under the same weights with `supportCost = shortfall = 0`, and a
 * plan's objective never exceeds the sum of its placements' values. A branch whose bound
 * cannot beat the best valid plan found is cut. With a negative weight the bound is off.
 */
import { addMonths, addWeeks, format, parseISO } from "date-fns";
import type { Instance, Placement, Plan, SupportRow } from "../../src/model/types.js";
import { verifyPlan } from "../../src/verify.js";

/** Rules whose violations can only grow when placements are added (support held fixed). */
const PER_OPTION_RULES = [
  "R-ONCE", "R-ELIGIBLE", "R-RECEIVER", "R-DEPT", "R-DURATION", "R-WINDOW", "R-CAPACITY",
  "R-MENTOR", "R-TEAM", "R-BUDGET", "R-PINNED", "R-ROTATION",
];
/** The same without R-MENTOR and R-PINNED (which look at mentors): a first, cheaper sieve of shapes. */
const MENTOR_BLIND_RULES = PER_OPTION_RULES.filter((r) => r !== "R-MENTOR" && r !== "R-PINNED");
/** Per-option rules that look at neither rotations nor mentors: a sieve before rotation splits. */
const ROTATION_BLIND_RULES = ["R-ONCE", "R-ELIGIBLE", "R-RECEIVER", "R-DEPT", "R-DURATION", "R-WINDOW", "R-TEAM", "R-BUDGET"];
/** Monotone rules that do not depend on mentors, for partial plans of placement shapes. */
const PARTIAL_RULES = ["R-CAPACITY", "R-TEAM", "R-BUDGET"];

/** Rules that depend on neither mentors nor support, settled at a leaf before both. */
const LEAF_RULES = ["R-QUOTA", "R-COVERAGE"];

interface Option {
  /** The placement without its mentor, or null for "unplaced". */
  readonly p: Placement | null;
  /**
   * Mentor choices that pass the single-option check: one entry per mentor slot of the
   * placement (the placement itself, or each of its §9 rotations); undefined: no mentor.
   */
  readonly mentors: readonly (readonly (string | undefined)[])[];
  readonly value: number;
}

/** `p` with mentors named: on the placement, or on each rotation when it has rotations. */
function withMentor(p: Placement, mentors: readonly (string | undefined)[]): Placement {
  if (p.rotations) return { ...p, rotations: p.rotations.map((r, k) => (mentors[k] === undefined ? r : { ...r, mentor: mentors[k] })) };
  return mentors[0] === undefined ? p : { ...p, mentor: mentors[0] };
}

/** Every split of slots `[i, j)` into consecutive segments, each in a different department. */
function rotationSplits(i: number, j: number, depts: readonly string[]): { dept: string; a: number; b: number }[][] {
  const out: { dept: string; a: number; b: number }[][] = [];
  const go = (a: number, used: { dept: string; a: number; b: number }[]) => {
    if (a === j && used.length) out.push([...used]);
    for (let b = a + 1; b <= j; b++)
      for (const dept of depts) {
        if (used.some((u) => u.dept === dept)) continue;
        used.push({ dept, a, b });
        go(b, used);
        used.pop();
      }
  };
  go(i, []);
  return out;
}

/** §3 default weights, written down here independently of src/. */
const DEFAULTS = { base: 100, preferredUnit: 10, relation: 5, studyRank: 3, supportCost: 1, shortfall: 50 };

export interface ExhaustiveResult {
  /** The best valid plan, or undefined when no plan is valid. */
  readonly best?: Plan;
  /** Its §7 objective per verifyPlan. */
  readonly objective?: number;
  /** Leaves reached (full verifications). */
  readonly leaves: number;
  /** Placement shapes per trainee that survived the single-option check ("unplaced" included). */
  readonly optionCounts: readonly number[];
  /** The search gave up (`maxNodes`, `maxMs`); the answer is then meaningless. */
  readonly aborted: boolean;
}

export interface ExhaustiveOptions {
  /** Give up after this many search nodes (default 2,000,000) … */
  readonly maxNodes?: number;
  /** … or after this many milliseconds (default 20,000). */
  readonly maxMs?: number;
}

/** Slot boundaries `[start, …, end]` of the calendar. */
export function boundaries(instance: Instance): string[] {
  const { start, end, granularity } = instance.calendar;
  const s = parseISO(start);
  const out: string[] = [];
  for (let k = 0; k < 10_000; k++) {
    const d = format(granularity === "month" ? addMonths(s, k) : addWeeks(s, k), "yyyy-MM-dd");
    out.push(d);
    if (d >= end) break;
  }
  return out;
}

function planOf(instance: Instance, placements: readonly Placement[], support: readonly SupportRow[] = []): Plan {
  const placed = new Set(placements.map((p) => p.trainee));
  return {
    version: 1,
    status: "feasible",
    objective: 0,
    placements: [...placements],
    support: [...support],
    unplaced: instance.trainees
      .filter((t) => !placed.has(t.id))
      .map((t) => ({ trainee: t.id, reasons: [{ code: "CAPACITY-COMPETITION", message: "left out by exhaustive search" }] })),
    shortfalls: [],
    conflicts: [],
  };
}

/** All ways to write `n` as an ordered sum of `parts` non-negative integers. */
function compositions(n: number, parts: number): number[][] {
  if (parts === 0) return n === 0 ? [[]] : [];
  if (parts === 1) return [[n]];
  const out: number[][] = [];
  for (let a = 0; a <= n; a++) for (const rest of compositions(n - a, parts - 1)) out.push([a, ...rest]);
  return out;
}

function cartesian<T>(lists: readonly T[][]): T[][] {
  let acc: T[][] = [[]];
  for (const l of lists) acc = acc.flatMap((prefix) => l.map((x) => [...prefix, x]));
  return acc;
}

/** The best valid plan of a tiny instance, by exhaustive search judged by `verifyPlan`. */
export function exhaustive(instance: Instance, options: ExhaustiveOptions = {}): ExhaustiveResult {
  const maxNodes = options.maxNodes ?? 2_000_000;
  const maxMs = options.maxMs ?? 20_000;
  const B = boundaries(instance);
  const n = B.length - 1;
  const weights = { ...DEFAULTS, ...(instance.objective ?? {}) };
  const boundOk = Object.values(weights).every((w) => w >= 0);
  // An option's value: its §7 value, and with a baseline (SPEC §11.1) the change it avoids when it keeps the trainee's
  // baseline entry (every baseline trainee costs `change`, once, in the leaf's objective).
  const { baseline: _baseline, ...withoutBaseline } = instance;
  const valueInstance: Instance = { ...withoutBaseline, objective: { ...weights, supportCost: 0, shortfall: 0 } };
  const baselineOf = new Map((instance.baseline?.placements ?? []).map((p) => [p.trainee, p]));
  const rotKey = (p: Placement) => JSON.stringify((p.rotations ?? []).map((r) => [r.dept, r.start, r.end]));
  const keepsBaseline = (p: Placement) => {
    const b = baselineOf.get(p.trainee);
    return !!b && b.unit === p.unit && b.dept === p.dept && b.start === p.start && b.end === p.end && rotKey(b) === rotKey(p);
  };
  const changeWeight = instance.objective?.change ?? 200;
  const pinned = instance.pinned ?? [];
  const pinnedOf = new Map(pinned.map((p) => [p.trainee, p]));

  // ---- options per trainee (pinned trainees first, so partial plans carry them early).
  // An option is a placement shape (unit, dept, start, end) with the mentor choices (none or a
  // mentor of that unit) that pass the single-option check; mentors matter only to R-MENTOR
  // (and R-PINNED, settled here), so they are assigned at the leaves.
  const order = [...instance.trainees].sort((a, b) => Number(pinnedOf.has(b.id)) - Number(pinnedOf.has(a.id)));
  const programmeOf = new Map(instance.programmes.map((p) => [p.id, p]));
  const opts: Option[][] = order.map((t) => {
    const others = pinned.filter((p) => p.trainee !== t.id);
    const rotating = programmeOf.get(t.programme)?.rotations !== undefined;
    const kept: Option[] = [];
    if (verifyPlan(instance, planOf(instance, others), { rules: PER_OPTION_RULES }).valid) kept.push({ p: null, mentors: [], value: 0 });
    for (const u of instance.units) {
      const depts = [...new Set((u.receive ?? []).map((r) => r.dept))];
      const mentorIds = [undefined, ...(u.mentors ?? []).map((m) => m.id)];
      for (const dept of depts)
        for (let i = 0; i < n; i++)
          for (let j = i + 1; j <= n; j++) {
            // Rules that do not look at rotations settle the placement before its splits are tried.
            const base: Placement = { trainee: t.id, unit: u.id, dept, start: B[i], end: B[j] };
            if (rotating && !verifyPlan(instance, planOf(instance, [...others, base]), { rules: ROTATION_BLIND_RULES }).valid) continue;
            for (const split of rotating ? rotationSplits(i, j, depts) : [undefined]) {
              const shape: Placement = {
                trainee: t.id, unit: u.id, dept, start: B[i], end: B[j],
                ...(split ? { rotations: split.map((r) => ({ dept: r.dept, start: B[r.a], end: B[r.b] })) } : {}),
              };
              if (!verifyPlan(instance, planOf(instance, [...others, shape]), { rules: MENTOR_BLIND_RULES }).valid) continue;
              const tuples = cartesian(Array.from({ length: split ? split.length : 1 }, () => mentorIds)).filter((m) =>
                verifyPlan(instance, planOf(instance, [...others, withMentor(shape, m)]), { rules: PER_OPTION_RULES }).valid,
              );
              if (tuples.length)
                kept.push({ p: shape, mentors: tuples, value: verifyPlan(valueInstance, planOf(valueInstance, [shape])).objective + (keepsBaseline(shape) ? changeWeight : 0) });
            }
          }
    }
    kept.sort((a, b) => b.value - a.value);
    return kept;
  });
  const optionCounts = opts.map((o) => o.length);
  const maxValueFrom: number[] = new Array(order.length + 1).fill(0);
  for (let k = order.length - 1; k >= 0; k--) maxValueFrom[k] = maxValueFrom[k + 1] + Math.max(0, ...opts[k].map((o) => o.value));

  // ---- mentors at a leaf: the first assignment R-MENTOR accepts (it is monotone, so partial
  // assignments that break it are cut).
  function withMentors(chosen: readonly Option[]): Placement[] | null {
    const placed = chosen.filter((o) => o.p !== null);
    const out: Placement[] = [];
    const go = (k: number): boolean => {
      if (k === placed.length) return true;
      for (const m of placed[k].mentors) {
        out.push(withMentor(placed[k].p!, m));
        if (verifyPlan(instance, planOf(instance, out), { rules: ["R-MENTOR"] }).valid && go(k + 1)) return true;
        out.pop();
      }
      return false;
    };
    return go(0) ? out : null;
  }

  // ---- support at a leaf
  const staffRows = instance.units.flatMap((u) => (u.departments ?? []).map((d) => ({ unit: u.id, ...d })));
  const homeOf = new Map(instance.trainees.map((t) => [t.id, t]));
  const slotMemo = new Map<string, SupportRow[] | null>();
  function supportFor(placements: readonly Placement[]): SupportRow[] | null {
    const rows: SupportRow[] = [];
    for (let k = 0; k < n; k++) {
      const cells: { unit: string; dept: string; short: number }[] = [];
      for (const s of staffRows) {
        const away = placements.filter((p) => {
          const t = homeOf.get(p.trainee)!;
          return t.unit === s.unit && t.dept === s.dept && p.start <= B[k] && B[k] < p.end;
        }).length;
        const short = s.minOnDuty - (s.staff - away);
        if (short > 0) cells.push({ unit: s.unit, dept: s.dept, short });
      }
      if (cells.length === 0) continue;
      const key = JSON.stringify([k, cells]);
      let found = slotMemo.get(key);
      if (found === undefined) {
        found = null;
        const perCell = cells.map((c) => {
          const pools = instance.units.filter((u) => (u.support ?? []).some((s) => s.dept === c.dept)).map((u) => u.id);
          return compositions(c.short, pools.length).map((split) =>
            split.flatMap((count, i) => (count > 0 ? [{ from: pools[i], to: c.unit, dept: c.dept, start: B[k], end: B[k + 1], count }] : [])),
          );
        });
        for (const combo of cartesian(perCell)) {
          const slotRows = combo.flat();
          if (verifyPlan(instance, planOf(instance, placements, slotRows), { rules: ["R-SUPPORT"] }).valid) {
            found = slotRows;
            break;
          }
        }
        slotMemo.set(key, found);
      }
      if (found === null) return null;
      rows.push(...found);
    }
    return rows;
  }

  // ---- depth-first search
  let best: Plan | undefined;
  let bestObj = -Infinity;
  let leaves = 0;
  let nodes = 0;
  let aborted = false;
  const deadline = Date.now() + maxMs;
  const chosen: Option[] = [];
  const shapes = () => chosen.flatMap((o) => (o.p ? [o.p] : []));
  function dfs(k: number, valueSoFar: number): void {
    if (aborted) return;
    if (++nodes > maxNodes || (nodes % 256 === 0 && Date.now() > deadline)) {
      aborted = true;
      return;
    }
    if (best && boundOk && valueSoFar + maxValueFrom[k] <= bestObj + 1e-9) return;
    if (k === order.length) {
      leaves++;
      // Quotas and coverage look at neither mentors nor support: settle them first, cheaply.
      if (!verifyPlan(instance, planOf(instance, shapes()), { rules: LEAF_RULES }).valid) return;
      const placements = withMentors(chosen);
      if (placements === null) return;
      const support = supportFor(placements);
      if (support === null) return;
      const base = planOf(instance, placements, support);
      // With a baseline the plan states its changes (SPEC §11.1): baseline trainees it does not keep.
      const kept = new Set(placements.filter(keepsBaseline).map((p) => p.trainee));
      const plan = instance.baseline ? { ...base, changes: [...baselineOf.keys()].filter((id) => !kept.has(id)).length } : base;
      const v = verifyPlan(instance, plan);
      if (v.valid && v.objective > bestObj + 1e-9) {
        bestObj = v.objective;
        best = { ...plan, objective: v.objective, shortfalls: [...v.shortfalls] };
      }
      return;
    }
    for (const o of opts[k]) {
      chosen.push(o);
      if (!o.p) dfs(k + 1, valueSoFar);
      else if (verifyPlan(instance, planOf(instance, shapes()), { rules: PARTIAL_RULES }).valid) dfs(k + 1, valueSoFar + o.value);
      chosen.pop();
    }
  }
  dfs(0, 0);
  return { best, objective: best ? bestObj : undefined, leaves, optionCounts, aborted };
}
