/**
 * An INDEPENDENT exhaustive optimiser for tiny §9 rotating instances, the oracle of
 * `rotation.property.test.ts`. It shares no code with src/solve (neither `rotations.ts` nor
 * `candidates.ts`) nor with `exhaustive.ts`: rotation splits, lengths, capacities and mentor
 * seats are read from SPEC §3–§9 here, and every plan it returns is judged by `verifyPlan`.
 *
 * Scope (asserted): week calendars, durations in whole weeks, one rotating programme, no
 * quotas, coverage, budget, teams, pinned placements or binding staffing rules, rotation
 * `when` rows with `homeDept` only. Within that scope the search is exact:
 *
 * 1. Per trainee, every option: "unplaced", or a unit (every unit with `receive` rows, the
 *    home unit too), `[start, end)` on slot boundaries, a split of it into consecutive
 *    rotations through distinct received departments on week boundaries, and a main
 *    department among the rotation departments. Splits are generated exhaustively and kept
 *    when they satisfy this file's reading of R-DURATION and R-ROTATION (placement length in
 *    `duration`, distinct departments within `count`, each rotation within `each` — or within
 *    its required row's bounds when that row's `when` matches —, every matching required row
 *    present). A kept option is then checked alone by `verifyPlan` under every per-placement
 *    rule except R-MENTOR; one that fails is dropped, and if it fails R-ROTATION or
 *    R-DURATION the oracle *throws* (its reading and the verifier's disagree). With
 *    `audit: true` every split the reading rejects is also verified and must be rejected
 *    by R-ROTATION or R-DURATION.
 * 2. Dominance (sound here because no quota, coverage or budget row looks at the main
 *    department): options with the same unit and rotations differ only in the main
 *    department, which changes only the §7 value; the best one is kept.
 * 3. Depth-first branch and bound over trainees (fewest options first; options by value, best
 *    first). The bound adds, for every trainee still to choose, the best value of its options
 *    that still fit the seats left (sound: values are ≥ 0, asserted, and seats only fill up).
 *    A partial plan is cut when some (unit, dept, week) is over its seat count: the `receive`
 *    capacity of that week and, under a mentor rule, no more than the summed `capacity` of the
 *    unit's mentors of that department with title ≥ `minTitle` (intervals in one department
 *    can always be given to mentors when the weekly overlap fits the seats: interval graphs
 *    are perfect, so the count is exact, not just a bound).
 * 4. At a leaf, mentors: one per rotation, trying every mentor of that unit and department
 *    (eligible titles first), depth-first, until `verifyPlan` accepts R-MENTOR; then the full
 *    plan goes through `verifyPlan` and the best valid one is kept (§7 objective from
 *    `verifyPlan`).
 *
 * `plans` counts search nodes (partial and complete plans); the search gives up
 * (`aborted`) past `maxPlans`.
 */
import { addWeeks, format, parseISO } from "date-fns";
import type { Duration, Instance, Placement, Plan, Rotation } from "../../src/model/types.js";
import { verifyPlan } from "../../src/verify.js";

const TITLE_RANK: Record<string, number> = { none: 0, junior: 1, intermediate: 2, "associate-senior": 3, senior: 4 };

/** Per-placement rules a single option must pass (R-MENTOR waits for the leaf). */
const SINGLE_RULES = ["R-ONCE", "R-ELIGIBLE", "R-RECEIVER", "R-DEPT", "R-DURATION", "R-WINDOW", "R-CAPACITY", "R-ROTATION", "R-STAFFING", "R-TEAM"];

export interface RotOption {
  /** null: unplaced. */
  readonly p: Placement | null;
  readonly value: number;
  /** (unit|dept) → weeks used, one entry per rotation week. */
  readonly uses: readonly { readonly key: string; readonly slot: number }[];
}

export interface RotationExhaustiveResult {
  readonly best?: Plan;
  readonly objective?: number;
  /** Search nodes (partial and complete plans) visited. */
  readonly plans: number;
  /** Options per trainee after the single-option check and dominance ("unplaced" included). */
  readonly optionCounts: readonly number[];
  /** Splits generated before the reading of §9 filtered them, over all trainees. */
  readonly splitsGenerated: number;
  readonly aborted: boolean;
}

export interface RotationExhaustiveOptions {
  /** Give up past this many search nodes (default 200,000). */
  readonly maxPlans?: number;
  /** Also verify every split the reading rejects (slow; see the file header). */
  readonly audit?: boolean;
}

/** Whole weeks of a duration; throws on anything else (outside the oracle's scope). */
function weeks(d: Duration | undefined): number | undefined {
  if (d === undefined) return undefined;
  const extra = Object.keys(d).filter((k) => k !== "weeks");
  if (extra.length) throw new Error(`rotation oracle: duration ${JSON.stringify(d)} is not whole weeks`);
  return d.weeks ?? 0;
}

/** Week boundaries `[start, …, end]`. */
export function weekBoundaries(instance: Instance): string[] {
  if (instance.calendar.granularity !== "week") throw new Error("rotation oracle: week calendars only");
  const s = parseISO(instance.calendar.start);
  const out: string[] = [];
  for (let k = 0; k < 1000; k++) {
    const d = format(addWeeks(s, k), "yyyy-MM-dd");
    out.push(d);
    if (d >= instance.calendar.end) return out;
  }
  throw new Error("rotation oracle: calendar too long");
}

function planOf(instance: Instance, placements: readonly Placement[]): Plan {
  const placed = new Set(placements.map((p) => p.trainee));
  return {
    version: 1, status: "feasible", objective: 0,
    placements: [...placements], support: [],
    unplaced: instance.trainees
      .filter((t) => !placed.has(t.id))
      .map((t) => ({ trainee: t.id, reasons: [{ code: "CAPACITY-COMPETITION", message: "left out by the rotation oracle" }] })),
    shortfalls: [], conflicts: [],
  };
}

interface Seg { readonly dept: string; readonly a: number; readonly b: number }

/** Every split of weeks `[i, j)` into consecutive segments in distinct departments of `depts`. */
function allSplits(i: number, j: number, depts: readonly string[]): Seg[][] {
  const out: Seg[][] = [];
  const used: Seg[] = [];
  const go = (a: number) => {
    if (a === j) {
      out.push([...used]);
      return;
    }
    for (let b = a + 1; b <= j; b++)
      for (const dept of depts) {
        if (used.some((u) => u.dept === dept)) continue;
        used.push({ dept, a, b });
        go(b);
        used.pop();
      }
  };
  go(i);
  return out;
}

/** Checks the oracle's scope; throws with the reason when the instance is outside it. */
function checkScope(instance: Instance): void {
  if (instance.pinned?.length) throw new Error("rotation oracle: no pinned placements");
  if (instance.teams?.length) throw new Error("rotation oracle: no teams");
  for (const p of instance.programmes) {
    if (!p.rotations) throw new Error(`rotation oracle: programme ${p.id} has no rotations`);
    if (p.quotas?.length || p.coverage?.length || p.budget) throw new Error("rotation oracle: no quotas, coverage or budget");
    for (const r of p.rotations.required ?? [])
      if (r.when && Object.keys(r.when).some((k) => k !== "homeDept")) throw new Error("rotation oracle: required.when with homeDept only");
  }
  // Staffing may be listed but must never bind: even with every trainee of a department away.
  for (const u of instance.units)
    for (const d of u.departments ?? []) {
      const home = instance.trainees.filter((t) => t.unit === u.id && t.dept === d.dept).length;
      if (d.staff - home < d.minOnDuty) throw new Error(`rotation oracle: staffing of ${u.id}/${d.dept} could bind`);
    }
}

/** The best valid plan of a tiny rotating instance, by exhaustive search judged by `verifyPlan`. */
export function rotationExhaustive(instance: Instance, options: RotationExhaustiveOptions = {}): RotationExhaustiveResult {
  checkScope(instance);
  const maxPlans = options.maxPlans ?? 200_000;
  const B = weekBoundaries(instance);
  const n = B.length - 1;
  const programmes = new Map(instance.programmes.map((p) => [p.id, p]));

  // ---- seats per (unit, dept, week): receive capacity, and mentor seats under a mentor rule.
  const minTitle = instance.programmes[0].mentor?.minTitle;
  const mentorRule = instance.programmes.every((p) => p.mentor !== undefined);
  if (instance.programmes.some((p) => p.mentor?.minTitle !== minTitle)) throw new Error("rotation oracle: one mentor rule for all programmes");
  const seats = new Map<string, number[]>();
  for (const u of instance.units)
    for (const row of u.receive ?? []) {
      const key = `${u.id}|${row.dept}`;
      const arr = seats.get(key) ?? new Array<number>(n).fill(0);
      for (let k = 0; k < n; k++) {
        // A week lies in [from, to) when its first day (the Monday) does.
        const inside = (row.from === undefined || row.from <= B[k]) && (row.to === undefined || B[k] < row.to);
        if (inside) arr[k] += row.capacity;
      }
      seats.set(key, arr);
    }
  if (mentorRule)
    for (const u of instance.units)
      for (const [key, arr] of seats) {
        const [unit, dept] = key.split("|");
        if (unit !== u.id) continue;
        const mentorSeats = (u.mentors ?? [])
          .filter((m) => m.dept === dept && TITLE_RANK[m.title ?? "none"] >= TITLE_RANK[minTitle!])
          .reduce((s, m) => s + (m.capacity ?? 1), 0);
        for (let k = 0; k < n; k++) arr[k] = Math.min(arr[k], mentorSeats);
      }

  // ---- options per trainee
  let splitsGenerated = 0;
  const opts: RotOption[][] = instance.trainees.map((t) => {
    const prog = programmes.get(t.programme)!;
    const rules = prog.rotations!;
    const durMin = weeks(prog.duration?.min) ?? 0;
    const durMax = weeks(prog.duration?.max) ?? Infinity;
    const eachMin = weeks(rules.each?.min) ?? 0;
    const eachMax = weeks(rules.each?.max) ?? Infinity;
    const required = (rules.required ?? []).filter((r) => !r.when?.homeDept || r.when.homeDept.includes(t.dept));
    const reading = (split: readonly Seg[]): boolean => {
      const len = split[split.length - 1].b - split[0].a;
      if (len < durMin || len > durMax) return false;
      if (split.length < rules.count.min || split.length > rules.count.max) return false;
      for (const s of split) {
        const req = required.find((r) => r.dept === s.dept);
        const [lo, hi] = req ? [weeks(req.min) ?? 0, weeks(req.max) ?? Infinity] : [eachMin, eachMax];
        if (s.b - s.a < lo || s.b - s.a > hi) return false;
      }
      return required.every((r) => split.some((s) => s.dept === r.dept));
    };
    const best = new Map<string, RotOption>();
    for (const u of instance.units) {
      const depts = [...new Set((u.receive ?? []).map((r) => r.dept))];
      if (!depts.length) continue;
      for (let i = 0; i < n; i++)
        for (let j = i + 1; j <= n; j++)
          for (const split of allSplits(i, j, depts)) {
            splitsGenerated++;
            const rotations: Rotation[] = split.map((s) => ({ dept: s.dept, start: B[s.a], end: B[s.b] }));
            const shape = (main: string): Placement => ({ trainee: t.id, unit: u.id, dept: main, start: B[i], end: B[j], rotations });
            if (!reading(split)) {
              if (options.audit) {
                const v = verifyPlan(instance, planOf(instance, [shape(split[0].dept)]), { rules: ["R-ROTATION", "R-DURATION"] });
                if (v.valid) throw new Error(`rotation oracle audit: verifyPlan accepts a split the reading rejects: ${JSON.stringify(shape(split[0].dept))}`);
              }
              continue;
            }
            const key = JSON.stringify([u.id, split]);
            for (const main of new Set(split.map((s) => s.dept))) {
              const p = shape(main);
              const v = verifyPlan(instance, planOf(instance, [p]), { rules: SINGLE_RULES });
              const bad = v.violations.find((x) => x.code === "R-ROTATION" || x.code === "R-DURATION");
              if (bad) throw new Error(`rotation oracle: verifyPlan rejects a split the reading accepts (${bad.code}: ${bad.message}): ${JSON.stringify(p)}`);
              if (!v.valid) continue;
              const value = verifyPlan(instance, planOf(instance, [p])).objective;
              const prev = best.get(key);
              if (!prev || value > prev.value)
                best.set(key, { p, value, uses: split.flatMap((s) => Array.from({ length: s.b - s.a }, (_, k) => ({ key: `${u.id}|${s.dept}`, slot: s.a + k }))) });
            }
          }
    }
    const list = [...best.values()].sort((a, b) => b.value - a.value);
    list.push({ p: null, value: 0, uses: [] });
    return list;
  });
  const optionCounts = opts.map((o) => o.length);
  if (opts.some((o) => o.some((x) => x.value < 0))) throw new Error("rotation oracle: negative placement value (the bound needs values ≥ 0)");

  // ---- depth-first branch and bound; trainees with fewer options first, so the largest
  // option lists sit at the bottom where the forward-checked bound settles them.
  const order = opts.map((_, i) => i).sort((a, b) => opts[a].length - opts[b].length);
  const load = new Map<string, number[]>();
  for (const key of seats.keys()) load.set(key, new Array<number>(n).fill(0));
  const fits = (o: RotOption) => o.uses.every((u) => load.get(u.key)![u.slot] < seats.get(u.key)![u.slot]);
  /** The best value trainee `i` can still add on top of the current load (0: unplaced). */
  const bestFit = (i: number) => opts[i].find(fits)!.value;
  let plans = 0;
  let aborted = false;
  let best: Plan | undefined;
  let bestObj = -Infinity;
  const chosen: RotOption[] = [];

  const mentorsFor = (placements: readonly Placement[]): Placement[] | null => {
    const rots = placements.flatMap((p, i) => p.rotations!.map((r, k) => ({ i, k, unit: p.unit, r })));
    if (!mentorRule) return [...placements];
    const choice: string[] = [];
    const unitOf = new Map(instance.units.map((u) => [u.id, u]));
    const build = () =>
      placements.map((p, i) => {
        let c = rots.findIndex((x) => x.i === i);
        return { ...p, rotations: p.rotations!.map((r) => ({ ...r, mentor: choice[c++] })) };
      });
    let tries = 0;
    const go = (q: number): Placement[] | null => {
      if (q === rots.length) {
        const out = build();
        return verifyPlan(instance, planOf(instance, out), { rules: ["R-MENTOR"] }).valid ? out : null;
      }
      const { unit, r } = rots[q];
      const ms = (unitOf.get(unit)!.mentors ?? [])
        .filter((m) => m.dept === r.dept)
        .sort((a, b) => Number(TITLE_RANK[b.title ?? "none"] >= TITLE_RANK[minTitle!]) - Number(TITLE_RANK[a.title ?? "none"] >= TITLE_RANK[minTitle!]));
      for (const m of ms) {
        if (++tries > 100_000) throw new Error("rotation oracle: mentor search too long");
        choice[q] = m.id;
        const got = go(q + 1);
        if (got) return got;
      }
      return null;
    };
    return go(0);
  };

  const dfs = (k: number, valueSoFar: number): void => {
    if (aborted) return;
    if (++plans > maxPlans) {
      aborted = true;
      return;
    }
    if (best) {
      // Forward-checked bound: every remaining trainee's best option that still fits alone.
      let bound = valueSoFar;
      for (let q = k; q < order.length; q++) bound += bestFit(order[q]);
      if (bound <= bestObj + 1e-9) return;
    }
    if (k === order.length) {
      const placements = chosen.flatMap((o) => (o.p ? [o.p] : []));
      const withMentors = mentorsFor(placements);
      if (!withMentors) return;
      const plan = planOf(instance, withMentors);
      const v = verifyPlan(instance, plan);
      if (v.valid && v.objective > bestObj + 1e-9) {
        bestObj = v.objective;
        best = { ...plan, status: "optimal", objective: v.objective, shortfalls: [...v.shortfalls] };
      }
      return;
    }
    // What the trainees after this one can add at most (their best fits under the current load,
    // which only grows): options come best first, so once one cannot beat the best plan, none can.
    let rest = 0;
    for (let q = k + 1; q < order.length; q++) rest += bestFit(order[q]);
    for (const o of opts[order[k]]) {
      if (best && valueSoFar + o.value + rest <= bestObj + 1e-9) break;
      if (!fits(o)) continue;
      for (const u of o.uses) load.get(u.key)![u.slot]++;
      chosen.push(o);
      dfs(k + 1, valueSoFar + o.value);
      chosen.pop();
      for (const u of o.uses) load.get(u.key)![u.slot]--;
      if (aborted) return;
    }
  };
  dfs(0, 0);
  return { best, objective: best ? bestObj : undefined, plans, optionCounts, splitsGenerated, aborted };
}
