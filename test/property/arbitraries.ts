/**
 * fast-check generators of small, structurally valid instances (SPEC §3–§4, §9).
 *
 * Valid by construction: every arbitrary draws raw numbers and choices, and `buildInstance`
 * turns them into an instance that `parseInstance` accepts — ids unique (mentor ids across the
 * whole instance), references resolved modulo the list they point into, calendars aligned,
 * receive rows of a department never overlapping, `minOnDuty ≤ staff`/`size`, `min ≤ max`,
 * every list that must not be empty non-empty, priority rows and rotation `when` with
 * trainee-side keys only, pinned placements on received departments and naming a mentor where
 * the programme has a mentor rule. Shrinking works on the raw draws, so counterexamples stay
 * small and valid.
 *
 * The instances are *not* guaranteed to have a valid non-empty plan: rules can exclude
 * everybody, hard min quotas or coverage can make them infeasible. That is the point for the
 * solver's property tests.
 *
 * @example
 * fc.assert(fc.property(arbInstance({ maxTrainees: 4 }), (inst) => { … }), { numRuns: 50 });
 */
import { addDays, addMonths, addWeeks, format, parseISO } from "date-fns";
import fc from "fast-check";
import {
  CATEGORIES, EDUCATIONS, KINDS, LICENSES, PRACTICES, RELATION_TYPES, SEXES, TIERS, TITLES,
  type Calendar, type Duration, type Granularity, type Instance, type Tier,
} from "../../src/model/types.js";

/** Department names the generators use. */
export const DEPTS = ["internal", "surgery", "general-practice", "emergency", "pediatrics"] as const;
/** Trainee roles the generators use. */
export const ROLES = ["backbone", "family-doctor", "scarce-specialty"] as const;
/** The one region flag the generators set. */
export const FLAG = "mountain-island";

export interface ArbInstanceOptions {
  /** Regions: 1 … maxRegions (default 3). */
  readonly maxRegions?: number;
  /** Units: minUnits … maxUnits (defaults 2 and 6; minUnits is at least 2). */
  readonly minUnits?: number;
  readonly maxUnits?: number;
  /** Programmes: 1 … maxProgrammes (default 2). */
  readonly maxProgrammes?: number;
  /** Trainees: minTrainees … maxTrainees (defaults 1 and 8). */
  readonly minTrainees?: number;
  readonly maxTrainees?: number;
  /** Slots in the calendar: 2 … maxSlots (default 6). */
  readonly maxSlots?: number;
  /** Calendar granularity; default either. */
  readonly granularity?: Granularity;
  /** Programmes may carry §9 `rotations` (default false). */
  readonly rotations?: boolean;
  /** The instance may pin up to two placements (default false). */
  readonly pinned?: boolean;
  /** Family-doctor teams may appear (default true). */
  readonly teams?: boolean;
  /** Quota, coverage and budget rows may appear (default true). */
  readonly limits?: boolean;
}

const MONTH_STARTS = ["2024-01-01", "2024-07-01", "2025-03-01"];
const WEEK_STARTS = ["2024-07-01", "2024-09-02", "2025-01-06"]; // Mondays

/** The slot boundaries of a calendar: `[start, …, end]`. */
export function boundariesOf(calendar: Calendar): string[] {
  const out: string[] = [];
  const start = parseISO(calendar.start);
  for (let k = 0; ; k++) {
    const d = format(calendar.granularity === "month" ? addMonths(start, k) : addWeeks(start, k), "yyyy-MM-dd");
    out.push(d);
    if (d >= calendar.end || k > 10_000) return out;
  }
}

/** `arb` or undefined; undefined with probability 1/freq. */
const opt = <T>(arb: fc.Arbitrary<T>, freq = 2) => fc.option(arb, { nil: undefined, freq });
const someOf = <T>(values: readonly T[], maxLength = 2) => fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength });
const ids = fc.uniqueArray(fc.nat(31), { minLength: 1, maxLength: 2 });

// ---- raw draws ------------------------------------------------------------------------------

const WHERE_DRAW_KEYS = [
  "homeUnit", "homeRegion", "homeRegionFlag", "homeTier", "homeDept", "role", "category",
  "studyDept", "receivingUnit", "receivingTier", "receivingKind",
] as const;
/** A `where` of at most two keys; unit and region references are raw numbers resolved by `buildInstance`. */
const whereDraw = fc
  .record({
    keys: fc.uniqueArray(fc.constantFrom(...WHERE_DRAW_KEYS), { maxLength: 2 }),
    values: fc.record({
      homeUnit: ids, homeRegion: ids, homeRegionFlag: fc.constant([FLAG]), homeTier: someOf(TIERS),
      homeDept: someOf(DEPTS), role: someOf(ROLES), category: someOf(CATEGORIES),
      studyDept: someOf(DEPTS), receivingUnit: ids, receivingTier: someOf(TIERS), receivingKind: someOf(KINDS),
    }),
  })
  .map(({ keys, values }): Record<string, unknown> => Object.fromEntries(keys.map((k) => [k, values[k]])));
const TRAINEE_SIDE = new Set(["homeUnit", "homeRegion", "homeRegionFlag", "homeTier", "homeDept", "role", "category"]);
/** A `where` with trainee-side keys only (priority rows, rotation `when`). */
const traineeWhereDraw = whereDraw.map((w) => Object.fromEntries(Object.entries(w).filter(([k]) => TRAINEE_SIDE.has(k))));

const spanDraw = fc.record({ a: fc.nat(), b: fc.nat(), offset: fc.constantFrom(0, 0, 0, 3) });

const unitDraw = fc.record({
  tier: fc.constantFrom(...TIERS),
  kind: fc.constantFrom(...KINDS),
  region: opt(fc.nat(), 6),
  departments: fc.uniqueArray(
    fc.record({ dept: fc.constantFrom(...DEPTS), staff: fc.integer({ min: 1, max: 6 }), minOnDuty: fc.nat(6) }),
    { selector: (d) => d.dept, maxLength: 3 },
  ),
  receive: fc.uniqueArray(
    fc.record({
      dept: fc.constantFrom(...DEPTS),
      capacity: fc.integer({ min: 0, max: 3 }),
      capacity2: fc.integer({ min: 0, max: 3 }),
      shape: fc.constantFrom("all", "all", "from", "to", "range", "split"),
      span: spanDraw,
    }),
    { selector: (r) => r.dept, maxLength: 3 },
  ),
  mentors: fc.array(
    fc.record({ dept: fc.nat(), title: fc.constantFrom(...TITLES), capacity: opt(fc.integer({ min: 1, max: 2 })) }),
    { maxLength: 3 },
  ),
  support: fc.uniqueArray(fc.record({ dept: fc.constantFrom(...DEPTS), perSlot: fc.nat(2) }), { selector: (s) => s.dept, maxLength: 2 }),
});

const rotationsDraw = fc.record({
  countMin: fc.integer({ min: 1, max: 2 }),
  countExtra: fc.nat(1),
  eachMin: opt(fc.integer({ min: 1, max: 2 })),
  eachMaxExtra: opt(fc.nat(2)),
  required: opt(fc.record({
    dept: fc.constantFrom(...DEPTS), min: opt(fc.constant(1)), maxExtra: opt(fc.nat(1)), when: opt(traineeWhereDraw),
  })),
});

const programmeDraw = (o: Required<ArbInstanceOptions>) =>
  fc.record({
    ageAt: opt(fc.nat()),
    eligibility: opt(fc.record(
      {
        tiers: someOf(TIERS, 3), maxAge: fc.integer({ min: 30, max: 60 }), minPracticeYears: fc.nat(10),
        licenses: someOf(LICENSES, 4), categories: someOf(CATEGORIES, 4), minYearsSinceLast: fc.integer({ min: 1, max: 5 }),
      },
      { requiredKeys: [] },
    )),
    receiving: opt(fc.record(
      {
        tiers: someOf(TIERS, 3), kinds: someOf(KINDS, 3),
        relations: fc.uniqueArray(fc.constantFrom(...RELATION_TYPES), { maxLength: 2 }),
        openTiers: someOf(TIERS, 2), tcmToTcm: fc.boolean(),
      },
      { requiredKeys: [] },
    )),
    duration: opt(fc.record({ min: opt(fc.integer({ min: 1, max: 3 })), max: opt(fc.integer({ min: 1, max: 4 })) })),
    window: opt(spanDraw),
    mentor: opt(fc.constantFrom(...TITLES)),
    priority: fc.array(fc.record({ where: traineeWhereDraw, add: fc.integer({ min: 0, max: 3 }) }), { maxLength: 2 }),
    quotas: fc.array(
      fc.record({
        where: opt(whereDraw, 4), min: opt(fc.nat(3)), max: opt(fc.nat(5)),
        maxShare: opt(fc.constantFrom(0.3, 0.5, 1)), hard: opt(fc.boolean()),
      }),
      { maxLength: o.limits ? 2 : 0 },
    ),
    coverage: fc.array(fc.record({ tier: fc.constantFrom(...TIERS), min: fc.nat(2), hard: opt(fc.boolean()) }), { maxLength: o.limits ? 1 : 0 }),
    // opt(…, 1) is always undefined: that is how an option turns a part off.
    budget: opt(
      fc.record({
        cap: fc.integer({ min: 0, max: 50 }).map((k) => k * 1000),
        costs: opt(fc.array(fc.record({ where: opt(whereDraw, 4), amount: fc.integer({ min: 0, max: 20 }).map((k) => k * 1000) }), { maxLength: 2 })),
      }),
      o.limits ? 2 : 1,
    ),
    rotations: opt(rotationsDraw, o.rotations ? 3 : 1),
  });

const dateDraw = fc.record({ year: fc.integer({ min: 1960, max: 2001 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) })
  .map(({ year, month, day }) => `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`);

const traineeDraw = fc.record({
  unit: fc.nat(), dept: fc.constantFrom(...DEPTS), programme: fc.nat(),
  category: opt(fc.constantFrom(...CATEGORIES), 6), practice: opt(fc.constantFrom(...PRACTICES), 6),
  birthDate: opt(dateDraw, 6), practiceYears: opt(fc.nat(30), 6), license: opt(fc.constantFrom(...LICENSES), 6),
  title: opt(fc.constantFrom(...TITLES)), sex: opt(fc.constantFrom(...SEXES)), education: opt(fc.constantFrom(...EDUCATIONS)),
  roles: opt(fc.uniqueArray(fc.constantFrom(...ROLES), { maxLength: 2 })), priority: opt(fc.integer({ min: 1, max: 3 })),
  wantsDepts: opt(fc.uniqueArray(fc.constantFrom(...DEPTS), { maxLength: 3 })), wantsUnits: opt(fc.uniqueArray(fc.nat(31), { maxLength: 2 })),
  available: opt(spanDraw), lastPlacementEnd: opt(fc.integer({ min: 2010, max: 2023 }).map((y) => `${y}-06-30`)),
});

const instanceDraw = (o: Required<ArbInstanceOptions>) =>
  fc.record({
    granularity: o.granularity === undefined ? fc.constantFrom<Granularity>("month", "week") : fc.constant(o.granularity),
    start: fc.nat(2),
    slots: fc.integer({ min: 2, max: Math.max(2, o.maxSlots) }),
    regions: fc.array(fc.record({ parent: opt(fc.nat(), 2), flag: fc.boolean(), named: fc.boolean() }), { minLength: 1, maxLength: Math.max(1, o.maxRegions) }),
    units: fc.array(unitDraw, { minLength: Math.max(2, o.minUnits), maxLength: Math.max(2, o.minUnits, o.maxUnits) }),
    relations: fc.array(fc.record({ type: fc.constantFrom(...RELATION_TYPES), from: fc.nat(), to: fc.nat() }), { maxLength: 6 }),
    programmes: fc.array(programmeDraw(o), { minLength: 1, maxLength: Math.max(1, o.maxProgrammes) }),
    trainees: fc.array(traineeDraw, { minLength: Math.max(1, o.minTrainees), maxLength: Math.max(1, o.minTrainees, o.maxTrainees) }),
    teams: fc.array(
      fc.record({ unit: fc.nat(), size: fc.integer({ min: 1, max: 4 }), minOnDuty: fc.nat(4), members: fc.nat() }),
      { maxLength: o.teams ? 2 : 0 },
    ),
    pinned: fc.array(
      fc.record({ trainee: fc.nat(), unit: fc.nat(), dept: fc.nat(), start: fc.nat(), long: fc.boolean() }),
      { maxLength: o.pinned ? 2 : 0 },
    ),
    objective: opt(fc.record({
      base: fc.integer({ min: 50, max: 150 }), preferredUnit: fc.nat(20), relation: fc.nat(10),
      studyRank: fc.nat(5), supportCost: fc.nat(3), shortfall: fc.integer({ min: 10, max: 100 }),
    }, { requiredKeys: ["base"] }), 2),
  });

type InstanceDraw = ReturnType<typeof instanceDraw> extends fc.Arbitrary<infer D> ? D : never;

// ---- building ------------------------------------------------------------------------------

const TIER_RANK: Record<Tier, number> = { provincial: 4, city: 3, county: 2, township: 1, village: 0 };

/** Turns raw draws into a structurally valid instance (see the file header). */
function buildInstance(d: InstanceDraw): Instance {
  const granularity = d.granularity;
  const first = (granularity === "month" ? MONTH_STARTS : WEEK_STARTS)[d.start % 3];
  const start = parseISO(first);
  const at = (k: number) => format(granularity === "month" ? addMonths(start, k) : addWeeks(start, k), "yyyy-MM-dd");
  const n = d.slots;
  const calendar: Calendar = { start: at(0), end: at(n), granularity };
  const B = Array.from({ length: n + 1 }, (_, k) => at(k));
  const shift = (iso: string, days: number) => (days ? format(addDays(parseISO(iso), days), "yyyy-MM-dd") : iso);
  /** A `[from, to)` of boundaries with `from < to`, `from` possibly moved a few days inside its slot. */
  const span = (s: { a: number; b: number; offset: number }) => {
    const i = s.a % n;
    const j = i + 1 + (s.b % (n - i));
    return { from: shift(B[i], s.offset), to: B[j] };
  };
  const dur = (k: number): Duration => (granularity === "month" ? { months: k } : { weeks: k });

  const regions = d.regions.map((r, i) => ({
    id: `r${i}`,
    ...(r.named ? { name: `Region ${i}` } : {}),
    ...(i > 0 && r.parent !== undefined ? { parent: `r${r.parent % i}` } : {}),
    flags: r.flag ? [FLAG] : [],
  }));
  const R = regions.length;
  const U = d.units.length;
  const unitId = (k: number) => `u${k % U}`;

  const units = d.units.map((u, i) => {
    const receive = u.receive.flatMap((r) => {
      const { from, to } = span(r.span);
      switch (r.shape) {
        case "from": return [{ dept: r.dept, capacity: r.capacity, from }];
        case "to": return [{ dept: r.dept, capacity: r.capacity, to }];
        case "range": return [{ dept: r.dept, capacity: r.capacity, from, to }];
        case "split": {
          if (n < 2) return [{ dept: r.dept, capacity: r.capacity }];
          const cut = shift(B[1 + (r.span.a % (n - 1))], r.span.offset);
          return [{ dept: r.dept, capacity: r.capacity, to: cut }, { dept: r.dept, capacity: r.capacity2, from: cut }];
        }
        default: return [{ dept: r.dept, capacity: r.capacity }];
      }
    });
    const receivedDepts = [...new Set(receive.map((r) => r.dept))];
    const mentorDepts = receivedDepts.length ? receivedDepts : [...DEPTS];
    return {
      id: `u${i}`,
      name: `Unit ${i}`,
      tier: u.tier,
      kind: u.kind,
      ...(u.region !== undefined ? { region: `r${u.region % R}` } : {}),
      departments: u.departments.map((x) => ({ dept: x.dept, staff: x.staff, minOnDuty: x.minOnDuty % (x.staff + 1) })),
      receive,
      mentors: u.mentors.map((m, j) => ({
        id: `m-u${i}-${j}`, dept: mentorDepts[m.dept % mentorDepts.length], title: m.title,
        ...(m.capacity !== undefined ? { capacity: m.capacity } : {}),
      })),
      support: u.support,
    };
  });

  const relations = d.relations.map((r) => {
    let from = r.from % U, to = r.to % U;
    if (from === to) to = (to + 1) % U;
    if (TIER_RANK[units[from].tier] < TIER_RANK[units[to].tier]) [from, to] = [to, from];
    return { type: r.type, from: `u${from}`, to: `u${to}` };
  });

  const where = (w: Record<string, unknown> | undefined) => {
    if (!w) return undefined;
    const out: Record<string, unknown> = { ...w };
    const dedupe = (xs: string[]) => [...new Set(xs)];
    if (w.homeUnit) out.homeUnit = dedupe((w.homeUnit as number[]).map(unitId));
    if (w.receivingUnit) out.receivingUnit = dedupe((w.receivingUnit as number[]).map(unitId));
    if (w.homeRegion) out.homeRegion = dedupe((w.homeRegion as number[]).map((k) => `r${k % R}`));
    return out;
  };

  const programmes = d.programmes.map((p, i) => {
    const [lo, hi] = [p.duration?.min, p.duration?.max];
    const duration = p.duration && {
      ...(lo !== undefined ? { min: dur(hi !== undefined ? Math.min(lo, hi) : lo) } : {}),
      ...(hi !== undefined ? { max: dur(lo !== undefined ? Math.max(lo, hi) : hi) } : {}),
    };
    const rot = p.rotations;
    return {
      id: `p${i}`,
      name: `Programme ${i}`,
      ...(p.ageAt !== undefined ? { ageAt: B[p.ageAt % (n + 1)] } : {}),
      ...(p.eligibility ? { eligibility: p.eligibility } : {}),
      ...(p.receiving ? { receiving: p.receiving } : {}),
      ...(duration ? { duration } : {}),
      ...(p.window ? { window: span(p.window) } : {}),
      ...(p.mentor ? { mentor: { minTitle: p.mentor } } : {}),
      priority: p.priority.map((r) => ({ where: where(r.where), add: r.add })),
      quotas: p.quotas.map((q) => {
        const min = q.min !== undefined && q.max !== undefined ? Math.min(q.min, q.max) : q.min;
        const max = q.min !== undefined && q.max !== undefined ? Math.max(q.min, q.max) : q.max;
        const maxShare = min === undefined && max === undefined && q.maxShare === undefined ? 0.5 : q.maxShare;
        return { where: where(q.where), min, max, maxShare, hard: q.hard };
      }),
      coverage: p.coverage,
      ...(p.budget ? { budget: { cap: p.budget.cap, costs: p.budget.costs?.map((c) => ({ where: where(c.where), amount: c.amount })) } } : {}),
      ...(rot
        ? {
            rotations: {
              count: { min: rot.countMin, max: rot.countMin + rot.countExtra },
              ...(rot.eachMin !== undefined || rot.eachMaxExtra !== undefined
                ? {
                    each: {
                      ...(rot.eachMin !== undefined ? { min: dur(rot.eachMin) } : {}),
                      ...(rot.eachMaxExtra !== undefined ? { max: dur((rot.eachMin ?? 1) + rot.eachMaxExtra) } : {}),
                    },
                  }
                : {}),
              ...(rot.required
                ? {
                    required: [{
                      dept: rot.required.dept,
                      ...(rot.required.min !== undefined ? { min: dur(rot.required.min) } : {}),
                      ...(rot.required.maxExtra !== undefined ? { max: dur(1 + rot.required.maxExtra) } : {}),
                      ...(rot.required.when ? { when: where(rot.required.when) } : {}),
                    }],
                  }
                : {}),
            },
          }
        : {}),
    };
  });
  const P = programmes.length;

  const trainees = d.trainees.map((t, i) => ({
    id: `t${i}`,
    name: `Trainee ${i}`,
    unit: unitId(t.unit),
    dept: t.dept,
    programme: `p${t.programme % P}`,
    category: t.category, practice: t.practice, birthDate: t.birthDate, practiceYears: t.practiceYears,
    license: t.license, title: t.title, sex: t.sex, education: t.education, roles: t.roles, priority: t.priority,
    ...(t.wantsDepts || t.wantsUnits
      ? { wants: { depts: t.wantsDepts, units: t.wantsUnits && [...new Set(t.wantsUnits.map(unitId))] } }
      : {}),
    ...(t.available ? { available: span(t.available) } : {}),
    lastPlacementEnd: t.lastPlacementEnd,
  }));

  const teams = d.teams.map((team, i) => {
    const unit = unitId(team.unit);
    const home = trainees.filter((t) => t.unit === unit).map((t) => t.id);
    const rotated = home.slice(team.members % Math.max(1, home.length)).concat(home.slice(0, team.members % Math.max(1, home.length)));
    const members = rotated.slice(0, Math.min(team.size, 1 + (team.members % 3)));
    return { id: `team${i}`, unit, size: team.size, minOnDuty: team.minOnDuty % (team.size + 1), members };
  });

  const allMentors = units.flatMap((u) => u.mentors.map((m) => ({ ...m, unit: u.id })));
  const pinned = d.pinned.flatMap((pin) => {
    const t = trainees[pin.trainee % trainees.length];
    const prog = programmes[Number(t.programme.slice(1))];
    if (prog.rotations) return [];
    const hosts = units.filter((u) => u.id !== t.unit && u.receive.length > 0);
    if (hosts.length === 0) return [];
    const u = hosts[pin.unit % hosts.length];
    const depts = [...new Set(u.receive.map((r) => r.dept))];
    const dept = depts[pin.dept % depts.length];
    const s = pin.start % n;
    const e = Math.min(n, s + (pin.long ? 2 : 1));
    const mentor =
      u.mentors.find((m) => m.dept === dept) ?? u.mentors[0] ?? allMentors[pin.dept % Math.max(1, allMentors.length)];
    if (prog.mentor && !mentor) return [];
    return [{ trainee: t.id, unit: u.id, dept, start: B[s], end: B[e], ...(mentor ? { mentor: mentor.id } : {}) }];
  });
  // One pin per trainee.
  const seen = new Set<string>();
  const uniquePinned = pinned.filter((p) => (seen.has(p.trainee) ? false : (seen.add(p.trainee), true)));

  const instance = {
    version: 1,
    calendar,
    regions,
    units,
    relations,
    ...(teams.length ? { teams } : {}),
    programmes,
    trainees,
    ...(uniquePinned.length ? { pinned: uniquePinned } : {}),
    ...(d.objective ? { objective: d.objective } : {}),
  };
  // Drop undefined-valued keys: the instance is exactly its JSON.
  return JSON.parse(JSON.stringify(instance)) as Instance;
}

const DEFAULTS: Required<ArbInstanceOptions> = {
  maxRegions: 3, minUnits: 2, maxUnits: 6, maxProgrammes: 2, minTrainees: 1, maxTrainees: 8, maxSlots: 6,
  granularity: undefined as unknown as Granularity, rotations: false, pinned: false, teams: true, limits: true,
};

/**
 * Small structurally valid instances: 1–3 regions, 2–6 units of any tier with staffing,
 * receive rows (some split by period), mentors and support pools, relations (upper → lower tier),
 * 1–2 programmes with optional eligibility, receiving rules, durations, windows, mentor rules,
 * priority rows, quotas, coverage and budget, and 1–8 trainees; optionally teams, pinned
 * placements and §9 rotations.
 */
export function arbInstance(options: ArbInstanceOptions = {}): fc.Arbitrary<Instance> {
  const o = { ...DEFAULTS, ...options } as Required<ArbInstanceOptions>;
  return instanceDraw(o).map(buildInstance);
}

/** Tiny instances for fast properties: ≤ 2 regions, 2–3 units, 1 programme, ≤ 3 trainees, ≤ 4 slots. */
export function arbSmallInstance(options: ArbInstanceOptions = {}): fc.Arbitrary<Instance> {
  return arbInstance({ maxRegions: 2, maxUnits: 3, maxProgrammes: 1, maxTrainees: 3, maxSlots: 4, ...options });
}

// ---------------------------------------------------------------------------------------
// Hostile instances: numbers at (and just past) the documented limits, ids from the full
// Unicode range. Not valid by construction: the schema decides.

/** Numbers at, just inside and just past the limits of src/model/schema.ts `LIMITS`. */
export const EDGE_COUNTS = [0, 1, 999_999, 1_000_000, 1_000_001, 2 ** 31, 2 ** 32, 1e15] as const;
export const EDGE_MAGNITUDES = [0, 1, 1e9 - 1, 1e9, 1e9 + 1, -1e9, 1e20] as const;

/** Every string of `inst` equal to one of its ids or department codes, renamed through `names`. */
function renamed(inst: Instance, names: readonly string[]): Instance {
  const tokens = new Set<string>();
  for (const list of [inst.units, inst.regions ?? [], inst.programmes, inst.trainees, inst.teams ?? []]) for (const x of list) tokens.add(x.id);
  for (const u of inst.units) for (const m of u.mentors ?? []) tokens.add(m.id);
  for (const d of DEPTS) tokens.add(d);
  for (const r of ROLES) tokens.add(r);
  tokens.add(FLAG);
  const map = new Map([...tokens].map((t, i) => [t, names[i % names.length] + (i >= names.length ? `#${i}` : "")]));
  const walk = (v: unknown): unknown =>
    typeof v === "string" ? (map.get(v) ?? v) : Array.isArray(v) ? v.map(walk) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === "name" ? x : walk(x)])) : v;
  return walk(inst) as Instance;
}

/**
 * A generated instance with some numbers set to edge values (capacities, staff, pools,
 * quota counts, priorities, weights, amounts) and, sometimes, every id and department code
 * renamed to strings drawn from the whole Unicode range (control characters and lone
 * surrogates included).
 */
export function arbHostileInstance(options: ArbInstanceOptions = {}): fc.Arbitrary<Instance> {
  // Mostly values the schema accepts (so solving is exercised), sometimes values past a limit.
  const within = (limit: number) => (v: number) => Math.abs(v) <= limit;
  const edge = (values: readonly number[], limit: number) =>
    fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...values.filter(within(limit))) }, { weight: 1, arbitrary: fc.constantFrom(...values.filter((v) => !within(limit)(v))) });
  const count = edge(EDGE_COUNTS, 1e6);
  const magnitude = edge(EDGE_MAGNITUDES, 1e9);
  // Ids from the whole Unicode range: mostly without control characters or lone surrogates
  // (accepted), sometimes with them (refused).
  const anyId = fc.string({ unit: "binary", minLength: 1, maxLength: 4 });
  const cleanId = anyId.filter((x) => !/[\p{Cc}\p{Cs}]/u.test(x));
  const names = (id: fc.Arbitrary<string>) => fc.uniqueArray(id, { minLength: 24, maxLength: 24 });
  return fc
    .record({
      base: arbSmallInstance(options),
      names: fc.option(fc.oneof({ weight: 4, arbitrary: names(cleanId) }, { weight: 1, arbitrary: names(anyId) }), { freq: 2 }),
      capacity: fc.option(count, { freq: 2 }), mentorCapacity: fc.option(count, { freq: 2 }), staff: fc.option(count, { freq: 3 }),
      perSlot: fc.option(count, { freq: 3 }), quotaMax: fc.option(count, { freq: 3 }),
      priority: fc.option(magnitude, { freq: 2 }), base0: fc.option(magnitude, { freq: 3 }), amount: fc.option(magnitude, { freq: 3 }),
    })
    .map((d) => {
      const i = structuredClone(d.base) as any;
      const set = <T>(v: T | null, f: (v: T) => void) => v !== null && f(v);
      set(d.capacity, (v) => i.units.forEach((u: any) => u.receive?.forEach((r: any) => (r.capacity = v))));
      set(d.mentorCapacity, (v) => i.units.forEach((u: any) => u.mentors?.forEach((m: any) => (m.capacity = v))));
      set(d.staff, (v) => i.units.forEach((u: any) => u.departments?.forEach((x: any) => ((x.staff = v), (x.minOnDuty = Math.min(x.minOnDuty, v))))));
      set(d.perSlot, (v) => i.units.forEach((u: any) => u.support?.forEach((s: any) => (s.perSlot = v))));
      set(d.quotaMax, (v) => i.programmes.forEach((p: any) => (p.quotas = [...(p.quotas ?? []), { max: v }])));
      set(d.priority, (v) => i.trainees.forEach((t: any) => (t.priority = Math.abs(v))));
      set(d.base0, (v) => (i.objective = { ...i.objective, base: v }));
      set(d.amount, (v) => i.programmes.forEach((p: any) => (p.budget = { cap: 1e15, costs: [{ amount: Math.abs(v) }] })));
      return d.names ? renamed(i, d.names) : (i as Instance);
    });
}
