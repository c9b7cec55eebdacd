/**
 * §9 schedules by dynamic programming (src/solve/schedule.ts) against brute force: on tiny
 * rotating instances, at random per-department slot costs (the duals the formulation hands
 * the oracle), the forward table's cheapest split of every span and main department equals
 * the minimum over every split `rotationSplits` enumerates; `splitsInOrder` yields exactly
 * those splits, cheapest first; `expandSchedules` hands out exactly them; `validSchedule`
 * accepts each of them and nothing else it is shown.
 */
import { addWeeks, format, parseISO } from "date-fns";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseInstance } from "../../src/model/parse.js";
import type { Instance } from "../../src/model/types.js";
import { contextOf } from "../../src/rules/context.js";
import { roomRun, spansOf } from "../../src/solve/candidates.js";
import { PinnedUsage } from "../../src/solve/formulate.js";
import { requiredFor, rotationSplits } from "../../src/solve/rotations.js";
import { ForwardTable, ScheduleSpace, expandSchedules, rotationGrid, scheduleKey, splitsInOrder, validSchedule } from "../../src/solve/schedule.js";

const runs = (n: number) => Math.max(1, Math.round(n * Number(process.env.JINXIU_PROPERTY_SCALE ?? 1)));
const DEPTS = ["cardiology", "emergency", "internal", "pediatrics", "surgery"] as const;

const draw = fc.record({
  slots: fc.integer({ min: 4, max: 10 }),
  depts: fc.integer({ min: 2, max: 5 }),
  caps: fc.array(fc.constantFrom(0, 1, 1, 1, 2), { minLength: 5, maxLength: 5 }),
  cut: fc.option(fc.record({ dept: fc.nat(4), at: fc.integer({ min: 1, max: 9 }) }), { nil: undefined }),
  countMin: fc.integer({ min: 1, max: 2 }),
  countExtra: fc.nat(2),
  eachMin: fc.integer({ min: 1, max: 3 }),
  eachMax: fc.option(fc.nat(3), { nil: undefined }),
  required: fc.option(fc.record({ min: fc.integer({ min: 1, max: 2 }), extra: fc.option(fc.nat(2), { nil: undefined }) }), { nil: undefined }),
  gp: fc.boolean(),
  durMin: fc.integer({ min: 1, max: 6 }),
  durExtra: fc.nat(4),
  /** Costs per department and slot; a few negative ones too (the oracle must not rely on signs). */
  costs: fc.array(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 30 }), fc.double({ min: -3, max: 20, noNaN: true })), { minLength: 10, maxLength: 10 }), { minLength: 5, maxLength: 5 }),
});

type Draw = typeof draw extends fc.Arbitrary<infer D> ? D : never;

function build(d: Draw): Instance {
  const B = Array.from({ length: d.slots + 1 }, (_, k) => format(addWeeks(parseISO("2025-03-03"), k), "yyyy-MM-dd"));
  const depts = DEPTS.slice(0, d.depts);
  const receive = depts.flatMap((dept, i): { dept: string; capacity: number; from?: string; to?: string }[] =>
    d.cut && d.cut.dept % depts.length === i && d.cut.at < d.slots
      ? [{ dept, capacity: d.caps[i], to: B[d.cut.at] }, { dept, capacity: 1 - Math.min(1, d.caps[i]), from: B[d.cut.at] }]
      : [{ dept, capacity: d.caps[i] }],
  );
  return parseInstance({
    version: 1,
    calendar: { start: B[0], end: B[d.slots], granularity: "week" },
    regions: [{ id: "sh", name: "上海市" }],
    units: [
      { id: "chc", tier: "township", kind: "general", region: "sh" },
      { id: "h", tier: "city", kind: "general", region: "sh", receive },
    ],
    programmes: [{
      id: "p", eligibility: { tiers: ["township"] }, receiving: { tiers: ["city"] },
      duration: { min: { weeks: d.durMin }, max: { weeks: d.durMin + d.durExtra } },
      rotations: {
        count: { min: d.countMin, max: d.countMin + d.countExtra },
        each: { min: { weeks: d.eachMin }, ...(d.eachMax !== undefined ? { max: { weeks: d.eachMin + d.eachMax } } : {}) },
        ...(d.required && depts.includes("emergency")
          ? { required: [{ dept: "emergency", min: { weeks: d.required.min }, ...(d.required.extra !== undefined ? { max: { weeks: d.required.min + d.required.extra } } : {}), when: { homeDept: ["general-practice"] } }] }
          : {}),
      },
    }],
    trainees: [{ id: "t", unit: "chc", dept: d.gp ? "general-practice" : "internal", programme: "p", wants: { depts: [depts[0]] } }],
  });
}

const close = (a: number, b: number) => (a === Infinity ? b === Infinity : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)));

describe("§9 schedules by dynamic programming", () => {
  it("the cheapest split of every span equals brute force at random costs, and the ordered, listed and validated splits are exactly brute force's", () => {
    fc.assert(
      fc.property(draw, (d) => {
        const inst = build(d);
        const ctx = contextOf(inst);
        const t = inst.trainees[0];
        const prog = inst.programmes[0];
        const unit = inst.units[1];
        const reserved = new PinnedUsage(ctx, []);
        const required = requiredFor(ctx, t, prog);
        const grid = rotationGrid(ctx, prog, unit, required, (dept) => roomRun(ctx, reserved, unit.id, dept, -1));
        expect(grid).toBeDefined();
        const g = grid!;
        const n = ctx.slots.count;
        const cost = g.depts.map((_, i) => {
          const pre = new Float64Array(n + 1);
          for (let k = 0; k < n; k++) pre[k + 1] = pre[k] + d.costs[i][k];
          return pre;
        });
        const table = new ForwardTable(g, cost);
        const usable = (dept: string, a: number, b: number) => b <= roomRun(ctx, reserved, unit.id, dept, -1)[a];
        const price = (segs: readonly { dept: string; k0: number; k1: number }[]) =>
          segs.reduce((s, r) => s + cost[g.depts.indexOf(r.dept)][r.k1] - cost[g.depts.indexOf(r.dept)][r.k0], 0);
        const spans = spansOf(ctx, t, prog, true);
        let total = 0;
        g.depts.forEach((main, m) => {
          const space = new ScheduleSpace([{ unit: unit.id, main, value: 100, grid: g, m }], Int32Array.from(spans.flat()));
          expandSchedules(space);
          const listed = new Set(space.list.map((c) => scheduleKey(unit.id, main, c.rotations!)));
          const brute = new Set<string>();
          for (const [k0, k1] of spans) {
            const splits = rotationSplits(ctx, t, prog, unit, main, k0, k1, usable, Number.POSITIVE_INFINITY)!;
            total += splits.length;
            const best = splits.reduce((b, s) => Math.min(b, price(s)), Number.POSITIVE_INFINITY);
            expect(close(table.best(k0, k1, m), best), `span [${k0}, ${k1}) main ${main}: dp ${table.best(k0, k1, m)}, brute ${best}`).toBe(true);
            const split = table.split(k0, k1, m);
            if (best === Number.POSITIVE_INFINITY) expect(split).toBeUndefined();
            else {
              expect(validSchedule(g, k0, k1, m, split!)).toBe(true);
              expect(close(price(split!), best)).toBe(true);
            }
            const ordered = [...splitsInOrder(g, cost, k0, k1, m)];
            expect(ordered.length).toBe(splits.length);
            for (let i = 1; i < ordered.length; i++) expect(ordered[i].cost).toBeGreaterThanOrEqual(ordered[i - 1].cost - 1e-9);
            for (const o of ordered) expect(close(o.cost, price(o.segments))).toBe(true);
            const keys = new Set(splits.map((s) => scheduleKey(unit.id, main, s)));
            expect(new Set(ordered.map((o) => scheduleKey(unit.id, main, o.segments)))).toEqual(keys);
            for (const s of splits) {
              brute.add(scheduleKey(unit.id, main, s));
              expect(validSchedule(g, k0, k1, m, s)).toBe(true);
              // A split shifted by one slot at an inner boundary, or with its main department dropped, is another matter: valid only if brute force lists it.
              if (s.length > 1) {
                const moved = s.map((r, i) => (i === 0 ? { ...r, k1: r.k1 + 1 } : i === 1 ? { ...r, k0: r.k0 + 1 } : r));
                expect(validSchedule(g, k0, k1, m, moved)).toBe(keys.has(scheduleKey(unit.id, main, moved)));
              }
            }
          }
          expect(listed).toEqual(brute);
        });
        return total >= 0;
      }),
      { numRuns: runs(150) },
    );
  });
});
