/**
 * §9 rotations in the solver (SPEC §9, R-ROTATION): `solve` plans rotation splits jointly with
 * placements. Checked here against `verifyPlan`, against an independent exhaustive search over
 * rotation splits (`rotation-exhaustive.ts`), against a hand reading of required rows, and on
 * one instance where the emergency department's weekly capacity forces two GPs to stagger.
 *
 * Generators: `arbTinyRotating` (below: week calendars of 4–8 slots, one township centre
 * sending ≤ 3 trainees, 1–2 hospitals with 2–4 received departments, one programme with
 * `rotations` count 2..2 or 2..3, `each.min` 1–2 weeks, optionally a `required` emergency row
 * with `when.homeDept`, durations in weeks; no quotas, budget, teams or binding staffing) and
 * `arbInstance({ rotations: true })` lightly loosened (`arbRotatingInstance`).
 *
 * Runtime ≈ 6–10 s for the file (the oracle dominates: ≈ 40 ms an instance, rarely > 1 s;
 * `solve` takes a few ms on these). JINXIU_PROPERTY_SCALE=10 multiplies every numRuns.
 */
import { addWeeks, differenceInCalendarDays, format, parseISO } from "date-fns";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseInstance } from "../../src/model/parse.js";
import type { Instance, Plan, Region, Trainee, Where } from "../../src/model/types.js";
import { rotationLimits } from "../../src/solve/candidates.js";
import { solve } from "../../src/solve/index.js";
import { verifyPlan } from "../../src/verify.js";
import { type Draft, mutate, tinyWeekInstance } from "../helpers/tiny.js";
import { DEPTS, arbInstance } from "../property/arbitraries.js";
import { rotationExhaustive } from "./rotation-exhaustive.js";

const runs = (n: number) => Math.max(1, Math.round(n * Number(process.env.JINXIU_PROPERTY_SCALE ?? 1)));
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
const weeksOf = (start: string, end: string) => differenceInCalendarDays(end, start) / 7;

// ---- generators ---------------------------------------------------------------------------

const HOSPITAL_DEPTS = ["internal", "cardiology", "emergency", "pediatrics", "surgery"] as const;
const TITLES_DRAWN = ["junior", "associate-senior", "senior", "senior"] as const;

const tinyDraw = fc.record({
  slots: fc.integer({ min: 4, max: 8 }),
  start: fc.constantFrom("2024-07-01", "2025-01-06"),
  hospitals: fc.array(
    fc.record({
      tier: fc.constantFrom("city", "county"),
      alliance: fc.boolean(),
      depts: fc.uniqueArray(fc.constantFrom(...HOSPITAL_DEPTS), { minLength: 2, maxLength: 4 }),
      /** Put emergency first when it is missing (the required row's department). */
      emergency: fc.constantFrom(true, true, false),
      caps: fc.array(fc.constantFrom(1, 1, 1, 2), { minLength: 4, maxLength: 4 }),
      /** One department's capacity changes at a week boundary: `cap2` from week `at` on. */
      cut: fc.option(fc.record({ dept: fc.nat(3), at: fc.integer({ min: 1, max: 7 }), cap2: fc.nat(2) }), { nil: undefined, freq: 3 }),
      mentors: fc.array(
        fc.array(fc.record({ title: fc.constantFrom(...TITLES_DRAWN), capacity: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }) }), { minLength: 1, maxLength: 2 }),
        { minLength: 4, maxLength: 4 },
      ),
    }),
    { minLength: 1, maxLength: 2 },
  ),
  durMin: fc.integer({ min: 2, max: 5 }),
  durExtra: fc.nat(2),
  countMax: fc.constantFrom(2, 3),
  eachMin: fc.integer({ min: 1, max: 2 }),
  eachMaxExtra: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  required: fc.option(
    fc.record({ min: fc.integer({ min: 1, max: 2 }), maxExtra: fc.option(fc.nat(2), { nil: undefined }), gpOnly: fc.boolean() }),
    { nil: undefined, freq: 3 },
  ),
  mentorRule: fc.boolean(),
  relationRule: fc.constantFrom(false, false, true),
  trainees: fc.array(
    fc.record({
      dept: fc.constantFrom("general-practice", "general-practice", "pediatrics", "internal"),
      /** Indices into the received departments (usually), or any department. */
      wants: fc.uniqueArray(fc.nat(4), { minLength: 1, maxLength: 3 }),
      wantsAny: fc.constantFrom(false, false, false, false, false, true),
      wantsUnit: fc.option(fc.nat(1), { nil: undefined }),
      priority: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
      available: fc.option(fc.record({ a: fc.nat(2), len: fc.integer({ min: 3, max: 8 }) }), { nil: undefined, freq: 5 }),
    }),
    { minLength: 1, maxLength: 3, size: "max" },
  ),
  weights: fc.option(
    fc.record({ base: fc.integer({ min: 50, max: 150 }), preferredUnit: fc.nat(20), relation: fc.nat(10), studyRank: fc.nat(5) }),
    { nil: undefined },
  ),
});

/** Tiny rotating week instances within the oracle's scope (see the file header). */
function buildTiny(d: typeof tinyDraw extends fc.Arbitrary<infer D> ? D : never): Instance {
  const B = Array.from({ length: d.slots + 1 }, (_, k) => format(addWeeks(parseISO(d.start), k), "yyyy-MM-dd"));
  const calendar = { start: B[0], end: B[d.slots], granularity: "week" as const };
  const units: Draft<Instance["units"]> = [
    {
      id: "chc", name: "社区卫生服务中心", tier: "township", kind: "general", region: "sh",
      // Listed but never binding: 10 staff, at most 3 away.
      departments: [{ dept: "general-practice", staff: 10, minOnDuty: 2 }],
    },
  ];
  const relations: Draft<NonNullable<Instance["relations"]>> = [];
  d.hospitals.forEach((h, i) => {
    const id = `h${i}`;
    const depts: string[] = h.emergency && !h.depts.includes("emergency") ? ["emergency", ...h.depts.slice(0, 3)] : [...h.depts];
    const receive = depts.flatMap((dept, k): { dept: string; capacity: number; from?: string; to?: string }[] => {
      if (h.cut && h.cut.dept % depts.length === k) {
        const at = B[Math.min(d.slots - 1, h.cut.at)];
        return [{ dept, capacity: h.caps[k], to: at }, { dept, capacity: h.cut.cap2, from: at }];
      }
      return [{ dept, capacity: h.caps[k] }];
    });
    const mentors = depts.flatMap((dept, k) =>
      h.mentors[k].map((m, j) => ({ id: `m-${id}-${dept}-${j}`, dept, title: m.title, ...(m.capacity ? { capacity: m.capacity } : {}) })),
    );
    units.push({ id, name: `Hospital ${i}`, tier: h.tier, kind: "general", region: "sh", receive, mentors });
    if (h.alliance) relations.push({ type: "alliance", from: id, to: "chc" });
  });
  const durMin = Math.min(d.durMin, d.slots - 1);
  // Usually long enough for two rotations of each.min.
  const durMax = Math.min(Math.max(durMin + d.durExtra, 2 * d.eachMin), d.slots);
  const received = [...new Set(units.flatMap((u) => (u.receive ?? []).map((r) => r.dept)))];
  const instance = {
    version: 1,
    calendar,
    regions: [{ id: "sh", name: "上海市" }],
    units,
    relations,
    programmes: [
      {
        id: "sh", name: "上海市社区医生进修",
        eligibility: { tiers: ["township"] },
        receiving: { tiers: ["city", "county"], ...(d.relationRule ? { relations: ["alliance"], openTiers: ["city"] } : {}) },
        duration: { min: { weeks: durMin }, max: { weeks: durMax } },
        ...(d.mentorRule ? { mentor: { minTitle: "associate-senior" } } : {}),
        rotations: {
          count: { min: 2, max: d.countMax },
          each: { min: { weeks: d.eachMin }, ...(d.eachMaxExtra !== undefined ? { max: { weeks: d.eachMin + d.eachMaxExtra } } : {}) },
          ...(d.required
            ? {
                required: [{
                  dept: "emergency", min: { weeks: d.required.min },
                  ...(d.required.maxExtra !== undefined ? { max: { weeks: d.required.min + d.required.maxExtra } } : {}),
                  ...(d.required.gpOnly ? { when: { homeDept: ["general-practice"] } } : {}),
                }],
              }
            : {}),
        },
      },
    ],
    trainees: d.trainees.map((t, i) => {
      const a = Math.min(t.available?.a ?? 0, d.slots - 1);
      const b = Math.min(d.slots, a + (t.available?.len ?? d.slots));
      return {
        id: `w${i}`, unit: "chc", dept: t.dept, programme: "sh",
        ...(t.priority ? { priority: t.priority } : {}),
        wants: {
          depts: [...new Set(t.wants.map((k) => (t.wantsAny ? HOSPITAL_DEPTS[k] : received[k % received.length])))],
          ...(t.wantsUnit !== undefined && t.wantsUnit < d.hospitals.length ? { units: [`h${t.wantsUnit}`] } : {}),
        },
        ...(t.available ? { available: { from: B[a], to: B[b] } } : {}),
      };
    }),
    ...(d.weights ? { objective: d.weights } : {}),
  };
  return parseInstance(JSON.parse(JSON.stringify(instance)));
}

const arbTinyRotating = (): fc.Arbitrary<Instance> => tinyDraw.map(buildTiny);

/**
 * `arbInstance({ rotations: true })` (week calendars), loosened so that rotating placements
 * happen: eligibility, receiving rules, windows and budgets dropped at random, quota and
 * coverage rows made soft, capacities ≥ 1, wants pointed at received departments, and every receiving unit given up to two more departments
 * (with a senior mentor) so that splits exist.
 */
function arbRotatingInstance(): fc.Arbitrary<Instance> {
  return fc
    .tuple(
      arbInstance({ rotations: true, granularity: "week", maxSlots: 8, maxTrainees: 5, maxUnits: 4, maxProgrammes: 2, pinned: true }),
      fc.record({ drop: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), seed: fc.nat(1000) }),
    )
    .map(([inst, k]) => {
      const d = structuredClone(inst) as Draft<Instance>;
      for (const p of d.programmes) {
        if (k.drop[0] || k.drop[1]) delete p.eligibility;
        if (k.drop[1] || k.drop[2]) delete p.receiving;
        if (k.drop[2]) delete p.window;
        if (k.drop[0]) delete p.budget;
        // Hard minimums make most of these instances infeasible; keep them, but soft.
        for (const q of p.quotas ?? []) q.hard = false;
        for (const c of p.coverage ?? []) c.hard = false;
      }
      const received = new Set<string>();
      for (const u of d.units) {
        if (!(u.receive ?? []).length) continue;
        for (const r of u.receive!) r.capacity = Math.max(1, r.capacity);
        const extra = DEPTS.filter((x) => !u.receive!.some((r) => r.dept === x)).slice(0, 2);
        for (const dept of extra) {
          u.receive!.push({ dept, capacity: 1 });
          (u.mentors ??= []).push({ id: `m-x-${u.id}-${dept}`, dept, title: "senior" });
        }
        for (const r of u.receive!) received.add(r.dept);
      }
      if (k.drop[3])
        for (const t of d.trainees) {
          const ds = [...received].filter((_, i) => (k.seed >> i) & 1);
          if (ds.length) t.wants = { ...(t.wants ?? {}), depts: ds };
        }
      return parseInstance(JSON.parse(JSON.stringify(d)));
    })
    .filter((inst) => inst.programmes.some((p) => p.rotations));
}

// ---- an independent reading of `when` (trainee-side keys, SPEC §4) --------------------------

function regionChain(inst: Instance, id: string | undefined): Region[] {
  const out: Region[] = [];
  const byId = new Map((inst.regions ?? []).map((r) => [r.id, r]));
  for (let r = id ? byId.get(id) : undefined; r && out.length < 50; r = r.parent ? byId.get(r.parent) : undefined) out.push(r);
  return out;
}

function whenMatches(inst: Instance, when: Where | undefined, t: Trainee): boolean {
  if (!when) return true;
  const home = inst.units.find((u) => u.id === t.unit)!;
  const chain = regionChain(inst, home.region);
  const checks: [readonly string[] | undefined, (v: string) => boolean][] = [
    [when.homeUnit, (v) => v === home.id],
    [when.homeRegion, (v) => chain.some((r) => r.id === v)],
    [when.homeRegionFlag, (v) => chain.some((r) => (r.flags ?? []).includes(v))],
    [when.homeTier, (v) => v === home.tier],
    [when.homeDept, (v) => v === t.dept],
    [when.role, (v) => (t.roles ?? []).includes(v)],
    [when.category, (v) => v === t.category],
  ];
  return checks.every(([list, ok]) => list === undefined || list.some(ok));
}

/** Violations of the required-row property in `plan`, as messages (empty: none). */
function requiredRowProblems(inst: Instance, plan: Plan): string[] {
  const out: string[] = [];
  for (const p of plan.placements) {
    const t = inst.trainees.find((x) => x.id === p.trainee)!;
    const prog = inst.programmes.find((x) => x.id === t.programme)!;
    for (const req of prog.rotations?.required ?? []) {
      if (!whenMatches(inst, req.when, t)) continue;
      const rs = (p.rotations ?? []).filter((r) => r.dept === req.dept);
      if (rs.length !== 1) {
        out.push(`${t.id}: ${rs.length} rotations in required ${req.dept}`);
        continue;
      }
      // Only week bounds are read here (both generators draw week durations on week calendars).
      if ([req.min, req.max].some((b) => b && Object.keys(b).some((k) => k !== "weeks"))) continue;
      const len = weeksOf(rs[0].start, rs[0].end);
      const lo = req.min?.weeks ?? 0;
      const hi = req.max?.weeks ?? Infinity;
      if (!(len >= lo && len <= hi)) out.push(`${t.id}: ${req.dept} rotation of ${len} weeks, allowed ${lo}–${hi}`);
    }
  }
  return out;
}

const show = (inst: Instance, plan?: Plan) => `instance ${JSON.stringify(inst)}${plan ? `\nplan ${JSON.stringify(plan)}` : ""}`;

// ---- properties ---------------------------------------------------------------------------

describe("the rotation oracle itself", () => {
  it("finds the hand-computed optimum of the tiny week instance (210), and 105 when emergency receives nobody", () => {
    // tinyWeekPlan: w-001 and w-002 both placed with main department internal, each 100 + 5 (alliance).
    expect(rotationExhaustive(tinyWeekInstance()).objective).toBe(210);
    // The GP needs an emergency rotation; with emergency capacity 0 only the pediatrician goes.
    const noEr = mutate(tinyWeekInstance(), (i) => {
      i.units[1].receive = i.units[1].receive!.map((r) => (r.dept === "emergency" ? { ...r, capacity: 0 } : r));
    });
    const ex = rotationExhaustive(noEr);
    expect(ex.objective).toBe(105);
    expect(ex.best!.placements.map((p) => p.trainee)).toEqual(["w-002"]);
  });

  it("stays within its plan budget and agrees with verifyPlan's reading of §9 on every split (audit mode)", () => {
    fc.assert(
      fc.property(arbTinyRotating(), (inst) => {
        const ex = rotationExhaustive(inst, { audit: true });
        expect(ex.aborted, show(inst)).toBe(false);
        if (ex.best) expect(verifyPlan(inst, ex.best).valid).toBe(true);
      }),
      { numRuns: runs(15) },
    );
  });
});

/**
 * The same properties with every rotating trainee on a schedule family (splits priced by
 * dynamic programming, `schedule.ts`), as trainees with too many splits to list are: the
 * enumeration limit is 0 here.
 */
describe("solve with §9 rotations priced by dynamic programming (schedule families)", () => {
  const limit = rotationLimits.enumerate;
  beforeAll(() => {
    rotationLimits.enumerate = 0;
  });
  afterAll(() => {
    rotationLimits.enumerate = limit;
  });

  it("on tiny instances the objective equals the exhaustive search over rotation splits, status optimal, bound equal", async () => {
    await fc.assert(
      fc.asyncProperty(arbTinyRotating(), async (inst) => {
        const ex = rotationExhaustive(inst);
        expect(ex.aborted, `oracle over budget: ${show(inst)}`).toBe(false);
        const plan = await solve(inst);
        expect(plan.status, show(inst, plan)).toBe("optimal");
        expect(verifyPlan(inst, plan).valid, show(inst, plan)).toBe(true);
        expect(plan.objective, `exhaustive optimum ${ex.objective} by ${JSON.stringify(ex.best?.placements)}\n${show(inst, plan)}`).toSatisfy((o: number) => close(o, ex.objective!));
        expect(plan.bound, show(inst, plan)).toSatisfy((b: number) => close(b, ex.objective!));
      }),
      { numRuns: runs(40) },
    );
  });

  it("every plan passes verifyPlan and meets every required row, the bound is at least the objective", async () => {
    const arb = fc.oneof(arbTinyRotating(), arbRotatingInstance());
    await fc.assert(
      fc.asyncProperty(arb, async (inst) => {
        const plan = await solve(inst);
        if (plan.status === "infeasible") {
          expect(plan.conflicts.length).toBeGreaterThanOrEqual(1);
          return;
        }
        const v = verifyPlan(inst, plan);
        expect(v.violations, show(inst, plan)).toEqual([]);
        expect(v.objectiveMatches, show(inst, plan)).toBe(true);
        expect(requiredRowProblems(inst, plan), show(inst, plan)).toEqual([]);
        if (plan.bound !== undefined) expect(plan.bound, show(inst, plan)).toBeGreaterThanOrEqual(plan.objective - 1e-6);
      }),
      { numRuns: runs(40) },
    );
  });

  it("places both GPs of the stagger instance (the emergency week binds)", async () => {
    const plan = await solve(staggerInstance());
    expect(plan.status).toBe("optimal");
    expect(plan.objective).toBe(210);
  });
});

describe("solve with §9 rotations", () => {
  it("every rotating plan the solver returns passes verifyPlan", async () => {
    const arb = fc.oneof(arbTinyRotating(), arbRotatingInstance());
    await fc.assert(
      fc.asyncProperty(arb, async (inst) => {
        const plan = await solve(inst);
        if (plan.status === "infeasible") {
          expect(plan.conflicts.length).toBeGreaterThanOrEqual(1);
          return;
        }
        const v = verifyPlan(inst, plan);
        expect(v.violations, show(inst, plan)).toEqual([]);
        expect(v.objectiveMatches, show(inst, plan)).toBe(true);
        for (const p of plan.placements) {
          const prog = inst.programmes.find((x) => x.id === inst.trainees.find((t) => t.id === p.trainee)!.programme)!;
          expect(p.rotations !== undefined, show(inst, plan)).toBe(prog.rotations !== undefined);
        }
      }),
      { numRuns: runs(40) },
    );
  });

  it("on tiny instances the solver's objective equals an exhaustive search over rotation splits", async () => {
    await fc.assert(
      fc.asyncProperty(arbTinyRotating(), async (inst) => {
        const ex = rotationExhaustive(inst);
        expect(ex.aborted, `oracle over budget: ${show(inst)}`).toBe(false);
        const plan = await solve(inst);
        // Placing nobody is always valid here (no hard minimums), so an optimum exists.
        expect(ex.objective).toBeDefined();
        expect(plan.status, show(inst, plan)).toBe("optimal");
        expect(verifyPlan(inst, plan).valid, show(inst, plan)).toBe(true);
        expect(
          plan.objective,
          `exhaustive optimum ${ex.objective} by ${JSON.stringify(ex.best?.placements)}\n${show(inst, plan)}`,
        ).toSatisfy((o: number) => close(o, ex.objective!));
      }),
      { numRuns: runs(40) },
    );
  });

  it("column generation (pricingThreshold 0) finds the same optimum as the exhaustive search over rotation splits", async () => {
    await fc.assert(
      fc.asyncProperty(arbTinyRotating(), async (inst) => {
        const ex = rotationExhaustive(inst);
        expect(ex.aborted, `oracle over budget: ${show(inst)}`).toBe(false);
        const plan = await solve(inst, { pricingThreshold: 0 });
        expect(plan.status, show(inst, plan)).toBe("optimal");
        expect(verifyPlan(inst, plan).valid, show(inst, plan)).toBe(true);
        expect(plan.objective, `exhaustive optimum ${ex.objective}\n${show(inst, plan)}`).toSatisfy((o: number) => close(o, ex.objective!));
      }),
      { numRuns: runs(20) },
    );
  });

  it("every placed trainee whose programme has a required row matching it has exactly one rotation in that department, of allowed length", async () => {
    const arb = fc.oneof(arbTinyRotating(), arbRotatingInstance());
    await fc.assert(
      fc.asyncProperty(arb, async (inst) => {
        const plan = await solve(inst);
        expect(requiredRowProblems(inst, plan), show(inst, plan)).toEqual([]);
      }),
      { numRuns: runs(30) },
    );
  });
});

// ---- the emergency department binds -------------------------------------------------------

/**
 * Two GPs, a 6-week window, each exactly 6 weeks: 4 weeks internal + a 2-week emergency
 * block (required, exactly 2 weeks), 2 departments per placement. Emergency takes one trainee
 * a week, so both fit only when one does emergency first and the other last.
 */
function staggerInstance(): Instance {
  return parseInstance({
    version: 1,
    calendar: { start: "2024-07-01", end: "2024-08-12", granularity: "week" },
    regions: [{ id: "sh", name: "上海市" }],
    units: [
      { id: "chc", tier: "township", kind: "general", region: "sh", departments: [{ dept: "general-practice", staff: 6, minOnDuty: 2 }] },
      {
        id: "hosp", tier: "city", kind: "general", region: "sh",
        receive: [{ dept: "internal", capacity: 2 }, { dept: "emergency", capacity: 1 }],
        mentors: [
          { id: "m-int", dept: "internal", title: "senior", capacity: 2 },
          { id: "m-em", dept: "emergency", title: "senior", capacity: 1 },
        ],
      },
    ],
    relations: [{ type: "alliance", from: "hosp", to: "chc" }],
    programmes: [
      {
        id: "sh", eligibility: { tiers: ["township"] }, receiving: { tiers: ["city"] },
        duration: { min: { weeks: 6 }, max: { weeks: 6 } },
        window: { from: "2024-07-01", to: "2024-08-12" },
        mentor: { minTitle: "associate-senior" },
        rotations: {
          count: { min: 2, max: 2 },
          each: { min: { weeks: 2 } },
          required: [{ dept: "emergency", min: { weeks: 2 }, max: { weeks: 2 }, when: { homeDept: ["general-practice"] } }],
        },
      },
    ],
    trainees: [
      { id: "gp-1", unit: "chc", dept: "general-practice", programme: "sh", wants: { depts: ["internal"] } },
      { id: "gp-2", unit: "chc", dept: "general-practice", programme: "sh", wants: { depts: ["internal"] } },
    ],
  });
}

describe("the emergency department's weekly capacity binds", () => {
  it("places both GPs by staggering their 2-week emergency blocks (capacity 1)", async () => {
    const inst = staggerInstance();
    const plan = await solve(inst);
    expect(plan.status).toBe("optimal");
    expect(plan.placements.map((p) => p.trainee).sort()).toEqual(["gp-1", "gp-2"]);
    expect(verifyPlan(inst, plan).valid).toBe(true);
    // (100 + 5 alliance) × 2, internal is the first choice.
    expect(plan.objective).toBe(210);
    const er = plan.placements.map((p) => {
      const rs = p.rotations!.filter((r) => r.dept === "emergency");
      expect(rs).toHaveLength(1);
      expect(weeksOf(rs[0].start, rs[0].end)).toBe(2);
      return rs[0];
    });
    const overlap = er[0].start < er[1].end && er[1].start < er[0].end;
    expect(overlap, JSON.stringify(er)).toBe(false);
    // The oracle agrees: 210, found by staggering.
    expect(rotationExhaustive(inst).objective).toBe(210);
  });

  it("places only two of three GPs: a third 2-week emergency block does not fit next to two in 6 weeks", async () => {
    // Each GP's emergency block is weeks 1–2 or 5–6 (4 weeks internal on the other side), so
    // a third GP would share emergency with one of the others.
    const inst = parseInstance({
      ...staggerInstance(),
      trainees: [...staggerInstance().trainees, { id: "gp-3", unit: "chc", dept: "general-practice", programme: "sh", wants: { depts: ["internal"] } }],
    });
    const plan = await solve(inst);
    expect(plan.status).toBe("optimal");
    expect(plan.placements).toHaveLength(2);
    expect(plan.objective).toBe(210);
    expect(verifyPlan(inst, plan).valid).toBe(true);
    expect(rotationExhaustive(inst).objective).toBe(210);
  });
});
