/**
 * R-CURRICULUM against a second, deliberately different reading of SPEC §10:
 * months laid out on an array (one cell per month of the calendar, holding the
 * requirements present), blocks found by scanning the array, `after` by
 * comparing first and last cells. On random curricula and random rotation
 * lists the rule passes exactly when this reading does.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseInstance } from "../../src/index.js";
import type { Requirement, ResidencyRotation } from "../../src/index.js";
import { contextOf } from "../../src/rules/context.js";
import { curriculumProblems } from "../../src/rules/curriculum.js";
import { residentOf } from "../../src/rules/residents.js";
import { wordsOf } from "../../src/rules/words.js";

const MONTHS = 8;
const date = (m: number) => `2025-${String(m + 1).padStart(2, "0")}-01`;
const DEPTS = ["a", "b", "c"];

const requirementArb = (id: string, others: string[]) =>
  fc.record({
    id: fc.constant(id),
    depts: fc.subarray(DEPTS, { minLength: 1 }),
    min: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 3 })),
    span: fc.integer({ min: 0, max: 2 }),
    blocks: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }),
    phase: fc.option(fc.record({ from: fc.integer({ min: 0, max: 3 }), len: fc.integer({ min: 1, max: 6 }) }), { nil: undefined }),
    after: others.length ? fc.subarray(others, { maxLength: 1 }) : fc.constant([] as string[]),
  }).map(({ id, depts, min, span, blocks, phase, after }): Requirement => ({
    id, depts, min, max: Math.max(1, min + span),
    ...(blocks !== undefined ? { blocks } : {}),
    ...(phase ? { phase: { from: phase.from, to: phase.from + phase.len } } : {}),
    ...(after.length ? { after } : {}),
  }));

const caseArb = fc.record({
  r0: requirementArb("r0", []),
  r1: requirementArb("r1", ["r0"]),
  r2: requirementArb("r2", ["r0", "r1"]),
  minBlock: fc.integer({ min: 1, max: 2 }),
  periodStart: fc.integer({ min: 0, max: 2 }),
  completed: fc.subarray(["r0", "r1", "r2"], { maxLength: 1 }),
  // Blocks laid one after another in a random order (mostly near-valid schedules), then a few stray rotations.
  order: fc.shuffledSubarray(["r0", "r1", "r2"], { minLength: 0, maxLength: 3 }),
  blocks: fc.array(fc.record({ gap: fc.integer({ min: 0, max: 1 }), len: fc.integer({ min: 1, max: 3 }), split: fc.boolean(), deptPick: fc.integer({ min: 0, max: 5 }) }), { minLength: 3, maxLength: 3 }),
  stray: fc.array(
    fc.record({ req: fc.constantFrom("r0", "r1", "r2", "zz"), dept: fc.constantFrom(...DEPTS), start: fc.integer({ min: 0, max: MONTHS - 1 }), len: fc.integer({ min: 0, max: 3 }) }),
    { maxLength: 1 },
  ),
});

/** The second reading: true when every R-CURRICULUM condition holds. */
function secondReading(reqs: Requirement[], minBlock: number, periodStart: number, completed: string[], rots: ResidencyRotation[], monthOf: (d: string) => number): boolean {
  // Non-empty and pairwise disjoint.
  for (const r of rots) if (r.end <= r.start) return false;
  for (let i = 0; i < rots.length; i++) for (let j = i + 1; j < rots.length; j++) if (rots[i].start < rots[j].end && rots[j].start < rots[i].end) return false;
  const byId = new Map(reqs.map((r) => [r.id, r]));
  for (const r of rots) {
    const q = byId.get(r.requirement);
    if (!q || completed.includes(r.requirement) || !q.depts.includes(r.dept)) return false;
  }
  const cells: Set<string>[] = Array.from({ length: 40 }, () => new Set());
  for (const r of rots) for (let m = monthOf(r.start); m < monthOf(r.end); m++) cells[m].add(r.requirement);
  const has = (id: string) => cells.map((c) => c.has(id));
  for (const q of reqs) {
    if (completed.includes(q.id)) continue;
    const on = has(q.id);
    const count = on.filter(Boolean).length;
    if (count < q.min || count > q.max) return false;
    if (count === 0) continue;
    let blocks = 0, run = 0;
    for (let m = 0; m <= on.length; m++) {
      if (m < on.length && on[m]) run++;
      else if (run > 0) {
        blocks++;
        if (run < minBlock) return false;
        run = 0;
      }
    }
    if (blocks > (q.blocks ?? 1)) return false;
    const first = on.indexOf(true), last = on.lastIndexOf(true);
    if (q.phase && (first - periodStart < (q.phase.from ?? 0) || last - periodStart >= (q.phase.to ?? Infinity))) return false;
    for (const a of q.after ?? []) {
      if (completed.includes(a)) continue;
      const other = has(a);
      const lastA = other.lastIndexOf(true);
      if (lastA >= 0 && first <= lastA) return false;
    }
  }
  return true;
}

describe("R-CURRICULUM agrees with a month-array reading of SPEC §10", () => {
  it("on random curricula and rotations", () => {
    let held = 0, broken = 0;
    fc.assert(
      fc.property(caseArb, (c) => {
        const reqs = [c.r0, c.r1, c.r2];
        const inst = parseInstance(JSON.stringify({
          version: 1,
          calendar: { start: "2025-01-01", end: "2026-01-01", granularity: "month" },
          units: [{ id: "base", tier: "provincial", kind: "general", receive: DEPTS.map((dept) => ({ dept, capacity: 9 })) }],
          programmes: [{ id: "p", residency: { curricula: [{ id: "c", requirements: reqs, minBlock: c.minBlock }] } }],
          trainees: [{ id: "r", unit: "base", dept: "a", programme: "p", curriculum: "c", completed: c.completed, available: { from: date(c.periodStart), to: "2026-01-01" } }],
        }));
        const ctx = contextOf(inst);
        const info = residentOf(ctx, ctx.trainees.get("r")!)!;
        const byId = new Map(reqs.map((r) => [r.id, r]));
        const raw: { req: string; dept: string; start: number; len: number }[] = [];
        let at = c.periodStart;
        c.order.forEach((id, i) => {
          const b = c.blocks[i];
          const depts = byId.get(id)!.depts;
          const dept = b.deptPick < 5 ? depts[b.deptPick % depts.length] : "c";
          at += b.gap;
          if (b.split && b.len >= 2) {
            // Two rotations of one requirement, back to back (one block) or apart (two).
            raw.push({ req: id, dept, start: at, len: 1 });
            raw.push({ req: id, dept: depts[(b.deptPick + 1) % depts.length], start: at + 1 + b.gap, len: b.len - 1 });
            at += b.len + b.gap;
          } else {
            raw.push({ req: id, dept, start: at, len: b.len });
            at += b.len;
          }
        });
        for (const r of c.stray) raw.push(r);
        const rots: ResidencyRotation[] = raw
          .map((r) => ({ requirement: r.req, unit: "base", dept: r.dept, start: date(Math.min(11, r.start)), end: date(Math.min(11, r.start + r.len)) }))
          .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
        const monthOf = (d: string) => Number(d.slice(5, 7)) - 1;
        const expected = secondReading(reqs, c.minBlock, c.periodStart, c.completed, rots, monthOf);
        const got = curriculumProblems(info, rots, wordsOf(ctx, "en"));
        if (expected) held++;
        else broken++;
        expect(got.length === 0, JSON.stringify(got)).toBe(expected);
      }),
      { numRuns: 4000, seed: 10 },
    );
    // Both verdicts are drawn, so the property is not vacuous.
    expect(held).toBeGreaterThan(40);
    expect(broken).toBeGreaterThan(40);
  });
});
