/**
 * Rotation splits of one placement span for `recommend` (SPEC §9): consecutive
 * rotations through distinct departments the unit receives, the main one and
 * the trainee's required ones among them, each within its length bounds and
 * with room (`usable`). A generator, so a caller stops at the first split the
 * rules accept. (The solver's own enumeration, `src/solve/rotations.ts`, is
 * tuned to building columns; this one only has to be complete.)
 */
import type { Programme, Trainee, Unit } from "../model/types.js";
import type { Context } from "../rules/context.js";
import { lengthWithin } from "../rules/rotation.js";

export interface Split {
  readonly dept: string;
  readonly k0: number;
  readonly k1: number;
}

/**
 * Every split of `[k0, k1)` at `unit` with main department `main`, in order (departments ascending, shorter
 * first rotations first). `usable(dept, a, b)` says whether the department has room over `[a, b)`; it must
 * only get harder as `b` grows.
 */
export function* splitsOf(
  ctx: Context, t: Trainee, prog: Programme, unit: Unit, main: string, k0: number, k1: number, usable: (dept: string, a: number, b: number) => boolean,
): Generator<Split[]> {
  const rot = prog.rotations;
  if (!rot) return;
  const b = ctx.slots.boundaries;
  const depts = [...new Set((unit.receive ?? []).map((r) => r.dept))].sort();
  const required = new Map((rot.required ?? []).filter((r) => ctx.matches(r.when, t)).map((r) => [r.dept, r] as const));
  if (!depts.includes(main) || [...required.keys()].some((d) => !depts.includes(d))) return;
  const must = [main, ...[...required.keys()].filter((d) => d !== main)];
  const path: Split[] = [];
  const used = new Set<string>();
  const missing = () => must.filter((d) => !used.has(d)).length;
  const bounds = (d: string) => (required.has(d) ? { min: required.get(d)!.min, max: required.get(d)!.max } : { min: rot.each?.min, max: rot.each?.max });
  function* walk(p: number): Generator<Split[]> {
    if (p === k1) {
      if (path.length >= rot!.count.min && missing() === 0) yield [...path];
      return;
    }
    if (path.length >= rot!.count.max) return;
    for (const d of depts) {
      if (used.has(d)) continue;
      used.add(d);
      const fits = path.length + 1 + missing() <= rot!.count.max;
      if (fits) {
        const { min, max } = bounds(d);
        for (let e = p + 1; e <= k1; e++) {
          if (max && !lengthWithin(b[p], b[e], undefined, max)) break;
          if (!lengthWithin(b[p], b[e], min, undefined)) continue;
          if (!usable(d, p, e)) break;
          path.push({ dept: d, k0: p, k1: e });
          yield* walk(e);
          path.pop();
        }
      }
      used.delete(d);
    }
  }
  yield* walk(k0);
}
