/**
 * Exact mentor assignment after the MILP (一对一带教).
 *
 * The model only counts, per slot, seats of mentors of sufficient title
 * (nested by title rank). Here each placement gets one mentor for its whole
 * interval: an interval assignment to mentors (a mentor of capacity c takes
 * any intervals that overlap at most c at a time: intervals of load ≤ c are
 * c-colourable, so per-slot load is exact and a capacity of 1,000,000 costs
 * one array, not a million seats), placements in order of start, each taking
 * a qualified mentor with room throughout (least qualified first), with
 * backtracking when a choice leads nowhere.
 * With one title threshold per department, per-slot counts always suffice
 * (interval graphs are perfect); with mixed thresholds the search decides.
 */
import { InternalError } from "../model/errors.js";
import type { Placement } from "../model/types.js";
import type { Context } from "../rules/context.js";
import { segments } from "../rules/types.js";

interface Seat {
  readonly mentor: string;
  readonly rank: number;
  readonly capacity: number;
  /** Trainees per slot. */
  readonly load: Float64Array;
}

interface Need {
  readonly index: number;
  /** Rotation index, or -1 for the placement itself. */
  readonly rotation: number;
  readonly k0: number;
  readonly k1: number;
  readonly minRank: number;
}

export function assignMentors(ctx: Context, fresh: readonly Placement[], pinned: readonly Placement[]): Placement[] {
  const out = [...fresh];
  const byDept = new Map<string, Need[]>();
  fresh.forEach((p, index) => {
    const prog = ctx.programmeOf(ctx.trainees.get(p.trainee)!);
    if (!prog.mentor) return;
    const minRank = ctx.titleRank(prog.mentor.minTitle);
    // A rotating placement needs a mentor per rotation, in that rotation's department (SPEC §9).
    const parts = p.rotations
      ? p.rotations.map((r, i) => ({ dept: r.dept, start: r.start, end: r.end, rotation: i, mentor: r.mentor }))
      : [{ dept: p.dept, start: p.start, end: p.end, rotation: -1, mentor: p.mentor }];
    for (const part of parts) {
      if (part.mentor !== undefined) continue; // chosen in the model already
      const [k0, k1] = ctx.span(part.start, part.end);
      const key = `${p.unit}\u0000${part.dept}`;
      if (!byDept.has(key)) byDept.set(key, []);
      byDept.get(key)!.push({ index, rotation: part.rotation, k0, k1, minRank });
    }
  });
  for (const [key, needs] of byDept) {
    const [unit, dept] = key.split("\u0000");
    const seats: Seat[] = [];
    for (const m of ctx.units.get(unit)?.mentors ?? []) {
      if (m.dept !== dept) continue;
      seats.push({ mentor: m.id, rank: ctx.titleRank(m.title), capacity: m.capacity ?? 1, load: new Float64Array(ctx.slots.count) });
    }
    const take = (s: Seat, a: number, b: number, d: number) => {
      for (let k = a; k < b; k++) s.load[k] += d;
    };
    // Pinned placements hold their named mentor.
    for (const p of pinned)
      for (const s of segments(p)) {
        if (!s.mentor || p.unit !== unit || s.dept !== dept) continue;
        const [a, b] = ctx.span(s.start, s.end);
        const seat = seats.find((x) => x.mentor === s.mentor);
        if (seat) take(seat, a, b, 1);
      }
    seats.sort((a, b) => a.rank - b.rank || (a.mentor < b.mentor ? -1 : a.mentor > b.mentor ? 1 : 0));
    needs.sort((a, b) => a.k0 - b.k0 || b.minRank - a.minRank || b.k1 - a.k1 || a.index - b.index);
    const choice = new Array<number>(needs.length).fill(-1);
    let budget = 200_000;
    const free = (s: Seat, n: Need) => {
      for (let k = n.k0; k < n.k1; k++) if (s.load[k] >= s.capacity) return false;
      return true;
    };
    const place = (i: number): boolean => {
      if (i === needs.length) return true;
      if (--budget < 0) return false;
      const n = needs[i];
      const tried = new Set<string>();
      for (let s = 0; s < seats.length; s++) {
        const seat = seats[s];
        if (seat.rank < n.minRank || !free(seat, n)) continue;
        // Mentors of equal rank and equal room from here on are interchangeable: try one.
        let sig = `${seat.rank}`;
        for (let k = n.k0; k < seat.load.length; k++) sig += `|${seat.capacity - seat.load[k]}`;
        if (tried.has(sig)) continue;
        tried.add(sig);
        take(seat, n.k0, n.k1, 1);
        choice[i] = s;
        if (place(i + 1)) return true;
        take(seat, n.k0, n.k1, -1);
      }
      return false;
    };
    if (!place(0)) throw new InternalError(`solve: could not assign mentors in "${unit}" ${dept} although per-slot seats suffice (please report this instance)`);
    needs.forEach((n, i) => {
      const mentor = seats[choice[i]].mentor;
      const p = out[n.index];
      out[n.index] =
        n.rotation < 0 ? { ...p, mentor } : { ...p, rotations: p.rotations!.map((r, j) => (j === n.rotation ? { ...r, mentor } : r)) };
    });
  }
  return out;
}
