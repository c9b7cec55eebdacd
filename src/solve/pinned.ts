/**
 * What pinned placements already use (SPEC §3 `pinned`): their ledger of
 * seats, mentors, absences and teams, their quota, home-unit and budget
 * counts, and their objective value. Rows subtract it from their right-hand
 * sides; candidates subtract it from the room they see.
 */
import type { Placement } from "../model/types.js";
import { costOf } from "../rules/budget.js";
import type { Context } from "../rules/context.js";
import { key } from "../rules/keys.js";
import { type Ledger, ledgerOf } from "../rules/ledger.js";
import { placementValue } from "../rules/objective.js";
import { quotaCounts } from "../rules/quota.js";
import type { FixedUse } from "../rules/rule.js";
import type { Reserved } from "./candidates.js";

export class PinnedUsage implements FixedUse, Reserved {
  readonly ledger: Ledger;
  /** The pinned placements' §7 value (the model's objective offset). */
  readonly value: number;
  private readonly quotas: Map<string, { total: number; rows: number[] }>;
  private readonly home = new Map<string, number>();
  private readonly costs = new Map<string, number>();
  private readonly seatCache = new Map<string, Float64Array>();

  constructor(private readonly ctx: Context, private readonly pinned: readonly Placement[]) {
    this.ledger = ledgerOf(ctx, { placements: pinned });
    this.quotas = quotaCounts(ctx, { placements: pinned });
    let value = 0;
    for (const p of pinned) {
      const t = ctx.trainees.get(p.trainee)!;
      const prog = ctx.programmeOf(t);
      const h = key(prog.id, t.unit);
      this.home.set(h, (this.home.get(h) ?? 0) + 1);
      this.costs.set(prog.id, (this.costs.get(prog.id) ?? 0) + costOf(ctx, prog, t, p));
      value += placementValue(ctx, t, p);
    }
    this.value = value;
  }

  quota(prog: string, i: number): number {
    return this.quotas.get(prog)?.rows[i] ?? 0;
  }
  total(prog: string): number {
    return this.quotas.get(prog)?.total ?? 0;
  }
  byHome(prog: string, unit: string): number {
    return this.home.get(key(prog, unit)) ?? 0;
  }
  cost(prog: string): number {
    return this.costs.get(prog) ?? 0;
  }
  /** Seats pinned placements hold in a receiving department in slot k. */
  capacity(unit: string, dept: string, k: number): number {
    return this.pinned.length === 0 ? 0 : this.ledger.at({ kind: "seat", unit, dept }, k);
  }
  /** Trainees a pinned placement gives this mentor in slot k. */
  mentorUse(mentor: string, k: number): number {
    return this.ledger.at({ kind: "mentor", mentor }, k);
  }
  /** Unit departments (as `key(unit, dept)`) where a pinned placement holds a named mentor. */
  pinnedMentorDepts(): Set<string> {
    const out = new Set<string>();
    for (const r of this.ledger.resources("mentor")) {
      const m = this.ctx.mentors.get(r.mentor);
      if (m) out.add(key(m.unit, m.dept));
    }
    return out;
  }
  mentorSeats(unit: string, dept: string, rank: number, k: number): number {
    const id = key(unit, dept, rank);
    let seats = this.seatCache.get(id);
    if (!seats) {
      seats = new Float64Array(this.ctx.slots.count);
      for (const m of this.ctx.units.get(unit)?.mentors ?? [])
        if (m.dept === dept && this.ctx.titleRank(m.title) >= rank)
          for (let s = 0; s < seats.length; s++) seats[s] += (m.capacity ?? 1) - this.mentorUse(m.id, s);
      this.seatCache.set(id, seats);
    }
    return seats[k] ?? 0;
  }
}
