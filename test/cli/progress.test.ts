/** The progress bar's arithmetic: finite numbers only, the best incumbent and tightest bound so far, one measure that never moves back. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { progressTracker } from "../../src/cli/progress.js";
import type { SolvePhase } from "../../src/solve/index.js";

describe("progressTracker", () => {
  it("never shows Infinity or NaN: an unchecked engine bound is ignored", () => {
    const track = progressTracker();
    expect(track({ phase: "solve", incumbent: 100, bound: Infinity, elapsedMs: 10 })).toMatchObject({ incumbent: 100, bound: undefined, gap: undefined, percent: 0 });
    expect(track({ phase: "solve", incumbent: NaN, bound: NaN, elapsedMs: NaN })).toMatchObject({ incumbent: 100, bound: undefined, gap: undefined, elapsedMs: 0 });
    const v = track({ phase: "solve", bound: 200, elapsedMs: 20 });
    expect(v).toMatchObject({ incumbent: 100, bound: 200, gap: 0.5, percent: 50 });
  });

  it("a looser bound or a worse incumbent reported by a later phase does not move the bar back", () => {
    const track = progressTracker();
    track({ phase: "greedy", incumbent: 90, elapsedMs: 1 });
    expect(track({ phase: "pricing 1", bound: 100, elapsedMs: 2 }).percent).toBeCloseTo(90);
    const later = track({ phase: "restricted MILP 1", incumbent: 50, bound: 180, elapsedMs: 3 });
    expect(later).toMatchObject({ incumbent: 90, bound: 100 });
    expect(later.percent).toBeCloseTo(90);
  });

  it("with a time limit the bar is time used (capped at 100)", () => {
    const track = progressTracker(10);
    expect(track({ phase: "solve", elapsedMs: 2500 }).percent).toBe(25);
    expect(track({ phase: "extract", elapsedMs: 12_000 }).percent).toBe(100);
  });

  it("for any sequence of reports, percent is monotone and every number shown is finite", () => {
    const num = fc.oneof(fc.double(), fc.constant(undefined));
    const phase = fc.constantFrom<SolvePhase>("candidates", "formulate", "greedy", "solve", "pricing 1", "restricted MILP 2", "relaxation bound", "conflicts", "extract");
    const report = fc.record({ phase, incumbent: num, bound: num, elapsedMs: fc.double() });
    fc.assert(
      fc.property(fc.array(report, { maxLength: 30 }), fc.option(fc.double({ min: 0.1, max: 1e6, noNaN: true }), { nil: undefined }), (reports, limit) => {
        const track = progressTracker(limit);
        let prev = 0;
        for (const r of reports) {
          const v = track(r);
          expect(v.percent).toBeGreaterThanOrEqual(prev);
          expect(v.percent).toBeLessThanOrEqual(100);
          for (const x of [v.incumbent, v.bound, v.gap, v.percent, v.elapsedMs]) if (x !== undefined) expect(Number.isFinite(x)).toBe(true);
          prev = v.percent;
        }
      }),
      { numRuns: 50 },
    );
  });
});
