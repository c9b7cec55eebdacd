/**
 * Schedule pricing by dynamic programming (src/solve/residency/schedule.ts) against brute
 * force: on tiny curricula (≤ 3 requirements, ≤ 7 months, ≤ 3 options, fixed rotations,
 * phases, `after`, several blocks, minBlock) at random prices, every assignment of a month to
 * "idle" or a (requirement, option) is enumerated and judged by an independent reading of
 * SPEC §10 R-CURRICULUM (readings 2–8), written here from the spec and sharing nothing with
 * the DP. The DP's cheapest cost equals the brute force's, the schedule it returns is valid
 * and costs what it says, and `upTo` lists exactly the valid schedules within a limit.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type FixedSpec, type ReqSpec, type Schedule, type ScheduleProblem, SchedulePricer } from "../../src/solve/residency/schedule.js";

const runs = (n: number) => Math.max(1, Math.round(n * Number(process.env.JINXIU_PROPERTY_SCALE ?? 1)));

type Month = { req: number; option: number } | null;

/** Rotations of a month assignment: maximal runs of one (requirement, option). */
function rotationsOf(a: readonly Month[]): { req: number; option: number; m0: number; m1: number }[] {
  const out: { req: number; option: number; m0: number; m1: number }[] = [];
  for (let m = 0; m < a.length; m++) {
    const x = a[m];
    if (!x) continue;
    const last = out[out.length - 1];
    if (last && last.m1 === m && last.req === x.req && last.option === x.option) last.m1 = m + 1;
    else out.push({ req: x.req, option: x.option, m0: m, m1: m + 1 });
  }
  return out;
}

/** Adjacent entries of one regular option joined (the minimal listing of the same months). */
function merged(rots: readonly { req: number; option: number; m0: number; m1: number }[]): { req: number; option: number; m0: number; m1: number }[] {
  const out: { req: number; option: number; m0: number; m1: number }[] = [];
  for (const r of rots) {
    const last = out[out.length - 1];
    if (last && last.m1 === r.m0 && last.req === r.req && last.option === r.option && r.option >= 0) last.m1 = r.m1;
    else out.push({ req: r.req, option: r.option, m0: r.m0, m1: r.m1 });
  }
  return out;
}

/** SPEC §10 R-CURRICULUM on one schedule, read from the spec (independent of the DP). */
function valid(p: ScheduleProblem, rotations: readonly { req: number; option: number; m0: number; m1: number }[]): boolean {
  const monthsOf = p.reqs.map(() => new Set<number>());
  for (const r of rotations) {
    if (r.m1 <= r.m0) return false;
    if (r.option >= 0 && !p.reqs[r.req].options.includes(r.option)) return false;
    for (let m = r.m0; m < r.m1; m++) {
      // No overlap.
      if (monthsOf.some((s) => s.has(m))) return false;
      monthsOf[r.req].add(m);
    }
  }
  // Fixed rotations kept, each exactly once; a fixed option nowhere else.
  rotations = [...rotations].sort((a, b) => a.m0 - b.m0);
  for (let i = 0; i < p.fixed.length; i++) {
    const f = p.fixed[i];
    const same = rotations.filter((r) => r.option === -1 - i);
    if (same.length !== 1 || same[0].req !== f.req || same[0].m0 !== f.m0 || same[0].m1 !== f.m1) return false;
  }
  for (let i = 0; i < p.reqs.length; i++) {
    const req = p.reqs[i];
    const ms = [...monthsOf[i]].sort((a, b) => a - b);
    if (ms.length < req.min || ms.length > req.max) return false;
    // Blocks: maximal runs of consecutive months, whatever the option.
    const blocks: number[] = [];
    for (let k = 0; k < ms.length; k++) {
      if (k > 0 && ms[k] === ms[k - 1] + 1) blocks[blocks.length - 1]++;
      else blocks.push(1);
    }
    if (blocks.length > req.blocks) return false;
    if (blocks.some((b) => b < p.minBlock)) return false;
    if (ms.some((m) => m < req.lo || m >= req.hi)) return false;
    // After: the first month later than the last month of every listed requirement with months.
    if (ms.length)
      for (const a of req.after) {
        const other = [...monthsOf[a]];
        if (other.length && ms[0] <= Math.max(...other)) return false;
      }
  }
  return true;
}

function costOf(p: ScheduleProblem, rotations: readonly { option: number; m0: number; m1: number }[]): number {
  let c = 0;
  for (const r of rotations) {
    c += p.transition;
    if (r.option >= 0) for (let m = r.m0; m < r.m1; m++) c += p.price[r.option * p.months + m];
  }
  return c;
}

/** Every valid schedule's cost, by brute force over month assignments. */
function bruteForce(p: ScheduleProblem): { costs: number[]; keys: Set<string> } {
  const forced = new Array<number>(p.months).fill(-1);
  p.fixed.forEach((f, i) => {
    for (let m = f.m0; m < f.m1; m++) forced[m] = i;
  });
  const choices: Month[] = [null];
  p.reqs.forEach((r, req) => r.options.forEach((option) => choices.push({ req, option })));
  const costs: number[] = [];
  const keys = new Set<string>();
  const a: Month[] = [];
  const go = (m: number) => {
    if (m === p.months) {
      const rots = rotationsOf(a);
      if (valid(p, rots)) {
        costs.push(costOf(p, rots));
        keys.add(JSON.stringify(rots));
      }
      return;
    }
    const opts: Month[] = forced[m] >= 0 ? [{ req: p.fixed[forced[m]].req, option: -1 - forced[m] }] : choices;
    for (const c of opts) {
      a[m] = c;
      go(m + 1);
    }
  };
  go(0);
  return { costs, keys };
}

const arbProblem: fc.Arbitrary<ScheduleProblem> = fc
  .record({
    months: fc.integer({ min: 1, max: 7 }),
    options: fc.integer({ min: 1, max: 3 }),
    minBlock: fc.integer({ min: 1, max: 2 }),
    transition: fc.integer({ min: 0, max: 3 }),
    reqs: fc.array(
      fc.record({
        min: fc.integer({ min: 0, max: 3 }),
        extra: fc.integer({ min: 0, max: 2 }),
        blocks: fc.integer({ min: 1, max: 3 }),
        lo: fc.integer({ min: 0, max: 3 }),
        span: fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }),
        after: fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 2 }),
        options: fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 2 }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    fixed: fc.option(fc.record({ req: fc.integer({ min: 0, max: 2 }), m0: fc.integer({ min: 0, max: 6 }), len: fc.integer({ min: 1, max: 3 }) }), { nil: undefined }),
    prices: fc.array(fc.integer({ min: -5, max: 9 }), { minLength: 21, maxLength: 21 }),
  })
  .map((d) => {
    const reqs: ReqSpec[] = d.reqs.map((r, i) => ({
      min: r.min,
      max: Math.max(1, r.min + r.extra),
      blocks: r.blocks,
      lo: Math.min(r.lo, d.months),
      hi: r.span === undefined ? d.months : Math.min(d.months, r.lo + r.span),
      // `after` only towards earlier requirements: no cycles (an instance error).
      after: [...new Set(r.after.filter((a) => a < i))],
      options: r.options.filter((o) => o < d.options).length ? r.options.filter((o) => o < d.options) : [0],
    }));
    const fixed: FixedSpec[] = [];
    if (d.fixed && d.fixed.req < reqs.length && d.fixed.m0 < d.months) fixed.push({ req: d.fixed.req, m0: d.fixed.m0, m1: Math.min(d.months, d.fixed.m0 + d.fixed.len) });
    const price = new Float64Array(d.options * d.months);
    for (let i = 0; i < price.length; i++) price[i] = d.prices[i % d.prices.length] / 2;
    return { months: d.months, options: d.options, minBlock: d.minBlock, transition: d.transition, reqs, fixed, price };
  });

describe("schedule pricing by dynamic programming (SPEC §10 R-CURRICULUM)", () => {
  it("the cheapest schedule costs what brute force over every month assignment finds, and is valid", () => {
    fc.assert(
      fc.property(arbProblem, (p) => {
        const { costs } = bruteForce(p);
        const best = new SchedulePricer(p).best();
        if (costs.length === 0) {
          expect(best).toBeUndefined();
          return;
        }
        expect(best).toBeDefined();
        const min = Math.min(...costs);
        expect(best!.cost).toBeCloseTo(min, 9);
        expect(valid(p, best!.rotations)).toBe(true);
        expect(costOf(p, best!.rotations)).toBeCloseTo(best!.cost, 9);
      }),
      { numRuns: runs(400) },
    );
  });

  it("upTo(limit) lists exactly the valid schedules that cost at most the limit", () => {
    fc.assert(
      fc.property(arbProblem, fc.integer({ min: 0, max: 12 }), (p, slack) => {
        const { costs, keys } = bruteForce(p);
        if (costs.length === 0) return;
        const limit = Math.min(...costs) + slack / 2;
        const { schedules, complete } = new SchedulePricer(p).upTo(limit + 1e-9, 100_000);
        expect(complete).toBe(true);
        const want = [...keys].filter((k) => costOf(p, JSON.parse(k)) <= limit + 1e-9).sort();
        // Every listed schedule is valid and costs what it says; merged where two entries of one option
        // meet (the DP may list such a split too: valid, and dearer), they are exactly the brute force's.
        for (const s of schedules) {
          expect(valid(p, s.rotations)).toBe(true);
          expect(costOf(p, s.rotations)).toBeCloseTo(s.cost, 9);
        }
        const got = [...new Set(schedules.map((s: Schedule) => JSON.stringify(merged(s.rotations))))].sort();
        if (JSON.stringify(got) !== JSON.stringify(want)) console.log(JSON.stringify({ got, want, limit, p: { ...p, price: [...p.price] } }));
        expect(got).toEqual(want);
      }),
      { numRuns: runs(200) },
    );
  });
});
