import type { Placement, Programme, Trainee, Unit } from "../model/types.js";
import type { Context } from "./context.js";
import { isResident } from "./residents.js";
import type { Judgement } from "./rule.js";

/** A placement whose trainee is known, with its trainee, programme and (maybe unknown) receiving unit. */
export interface Resolved {
  readonly p: Placement;
  readonly index: number;
  readonly t: Trainee;
  readonly prog: Programme;
  readonly unit: Unit | undefined;
}

/** The placements of a plan whose trainee exists in the instance and is a 进修 trainee (a resident there is R-ONCE's alone, SPEC §10 reading 15). */
export function resolved(ctx: Context, plan: Pick<Judgement["plan"], "placements">): Resolved[] {
  const out: Resolved[] = [];
  plan.placements.forEach((p, index) => {
    const t = ctx.trainees.get(p.trainee);
    if (t && !isResident(ctx, t)) out.push({ p, index, t, prog: ctx.programmeOf(t), unit: ctx.units.get(p.unit) });
  });
  return out;
}

/** Segments of a placement that occupy receiving capacity and mentors: its rotations, or itself. */
export function segments(p: Placement): { dept: string; start: string; end: string; mentor?: string; path: string }[] {
  if (p.rotations && p.rotations.length > 0)
    return p.rotations.map((r, i) => ({ dept: r.dept, start: r.start, end: r.end, mentor: r.mentor, path: `rotations[${i}]` }));
  return [{ dept: p.dept, start: p.start, end: p.end, mentor: p.mentor, path: "" }];
}
