/**
 * Rotation splits of a placement (SPEC §9, 上海): consecutive rotations through
 * distinct departments of the receiving unit, the main department among them,
 * required rotations (e.g. a 2–4 week emergency block for GPs) and length
 * bounds, each on slot boundaries.
 *
 * `rotationSplits` enumerates every split of one placement span. Where that is
 * too many for a trainee, the trainee gets a schedule family (`schedule.ts`):
 * `tightSplits` (departments the trainee wants plus required ones, every
 * rotation but the main one at its minimum length, or one of them taking the
 * rest) seed it, and column generation prices every other split by dynamic
 * programming.
 */
import type { Duration, Programme, Trainee, Unit } from "../model/types.js";
import type { Context } from "../rules/context.js";
import { addDuration } from "../calendar/index.js";

export interface Segment {
  readonly dept: string;
  readonly k0: number;
  readonly k1: number;
}

interface Rules {
  readonly depts: readonly string[];
  readonly min: number;
  readonly max: number;
  readonly main: string;
  readonly required: ReadonlyMap<string, { min?: Duration; max?: Duration }>;
}

/** `lengthWithin` on slot indices, with `start + duration` computed once per start and duration. */
const checkers = new WeakMap<Context, (a: number, e: number, min?: Duration, max?: Duration) => boolean>();
function lengthChecker(ctx: Context): (a: number, e: number, min?: Duration, max?: Duration) => boolean {
  let c = checkers.get(ctx);
  if (!c) checkers.set(ctx, (c = makeLengthChecker(ctx)));
  return c;
}
function makeLengthChecker(ctx: Context): (a: number, e: number, min?: Duration, max?: Duration) => boolean {
  const b = ctx.slots.boundaries;
  const memo = new Map<string, string>();
  const end = (a: number, d: Duration) => {
    const key = `${a}|${d.months ?? 0}|${d.weeks ?? 0}|${d.days ?? 0}`;
    let v = memo.get(key);
    if (v === undefined) memo.set(key, (v = addDuration(b[a], d)));
    return v;
  };
  return (a, e, min, max) => (!min || b[e] >= end(a, min)) && (!max || b[e] <= end(a, max));
}

/** The required rows whose `when` matches a trainee: department → the row's length bounds. */
export function requiredFor(ctx: Context, t: Trainee, prog: Programme): Map<string, { min?: Duration; max?: Duration }> {
  const required = new Map<string, { min?: Duration; max?: Duration }>();
  for (const r of prog.rotations!.required ?? []) if (ctx.matches(r.when, t)) required.set(r.dept, { min: r.min, max: r.max });
  return required;
}

function rulesFor(ctx: Context, t: Trainee, prog: Programme, unit: Unit, main: string): Rules | undefined {
  const rot = prog.rotations!;
  const required = requiredFor(ctx, t, prog);
  const depts = [...new Set((unit.receive ?? []).map((r) => r.dept))].sort();
  if (!depts.includes(main)) return undefined;
  for (const d of required.keys()) if (!depts.includes(d)) return undefined;
  return { depts, min: rot.count.min, max: rot.count.max, main, required };
}

/**
 * Every split of `[k0, k1)` into rotations, stopping (and returning undefined)
 * once more than `limit` are found. `usable(dept, a, b)` says whether a
 * department can host the trainee over slots `[a, b)` (capacity, mentors).
 */
export function rotationSplits(
  ctx: Context, t: Trainee, prog: Programme, unit: Unit, main: string, k0: number, k1: number,
  usable: (dept: string, a: number, b: number) => boolean, limit: number,
): Segment[][] | undefined {
  const rules = rulesFor(ctx, t, prog, unit, main);
  if (!rules) return [];
  const within = lengthChecker(ctx);
  const each = prog.rotations!.each;
  const out: Segment[][] = [];
  const path: Segment[] = [];
  const used = new Set<string>();
  let overflow = false;
  const lengthOk = (d: string, a: number, e: number) => {
    const req = rules.required.get(d);
    return req ? within(a, e, req.min, req.max) : within(a, e, each?.min, each?.max);
  };
  const mustStill = () => {
    let n = used.has(rules.main) ? 0 : 1;
    for (const d of rules.required.keys()) if (!used.has(d) && d !== rules.main) n++;
    return n;
  };
  const walk = (p: number) => {
    if (overflow) return;
    if (p === k1) {
      if (path.length >= rules.min && mustStill() === 0) {
        out.push([...path]);
        if (out.length > limit) overflow = true;
      }
      return;
    }
    if (path.length >= rules.max) return;
    if (path.length + mustStill() > rules.max) return;
    const last = path.length + 1 === rules.max;
    for (const d of rules.depts) {
      if (used.has(d)) continue;
      // After choosing d, the mandatory departments still missing must fit in the rotations left.
      used.add(d);
      const tooMany = path.length + 1 + mustStill() > rules.max;
      used.delete(d);
      if (tooMany) continue;
      for (let e = last ? k1 : p + 1; e <= k1; e++) {
        if (!lengthOk(d, p, e)) {
          // Lengths only grow with e: once past the maximum, stop.
          const req = rules.required.get(d);
          const max = req ? req.max : each?.max;
          if (max && !within(p, e, undefined, max)) break;
          continue;
        }
        if (!usable(d, p, e)) break;
        used.add(d);
        path.push({ dept: d, k0: p, k1: e });
        walk(e);
        path.pop();
        used.delete(d);
        if (overflow) return;
      }
    }
  };
  walk(k0);
  return overflow ? undefined : out;
}

/**
 * A restricted family of splits: departments from the main one, the required
 * ones and the trainee's other wanted ones (then any the unit receives, to
 * reach the minimum count); every rotation but the main one at its minimum
 * length; every order; the first `maxSets` department sets.
 */
export function tightSplits(
  ctx: Context, t: Trainee, prog: Programme, unit: Unit, main: string, k0: number, k1: number,
  usable: (dept: string, a: number, b: number) => boolean, maxSets = 6,
): Segment[][] {
  const rules = rulesFor(ctx, t, prog, unit, main);
  if (!rules) return [];
  const within = lengthChecker(ctx);
  const each = prog.rotations!.each;
  const core = [main, ...[...rules.required.keys()].filter((d) => d !== main)];
  const extras = [...ctx.studyDepts(t), ...rules.depts].filter((d, i, a) => rules.depts.includes(d) && !core.includes(d) && a.indexOf(d) === i);
  const sets: string[][] = [];
  if (core.length >= rules.min && core.length <= rules.max) sets.push(core);
  for (const x of extras) if (core.length + 1 >= rules.min && core.length + 1 <= rules.max) sets.push([...core, x]);
  const shortest = (d: string, a: number): number | undefined => {
    const req = rules.required.get(d);
    for (let e = a + 1; e <= k1; e++) if (within(a, e, req ? req.min : each?.min, undefined)) return e;
    return undefined;
  };
  const out: Segment[][] = [];
  const permute = (xs: string[]): string[][] => (xs.length <= 1 ? [xs] : xs.flatMap((x, i) => permute([...xs.slice(0, i), ...xs.slice(i + 1)]).map((r) => [x, ...r])));
  for (const set of sets.slice(0, maxSets))
    for (const order of permute(set)) {
      // Rotations at their minimum length, placed in order; the main one takes the rest.
      const lengths = new Map<string, number>();
      let ok = true;
      let total = 0;
      for (const d of order) {
        const e = shortest(d, k0);
        if (e === undefined) {
          ok = false;
          break;
        }
        lengths.set(d, e - k0);
        total += e - k0;
      }
      if (!ok || total > k1 - k0) continue;
      const segs: Segment[] = [];
      let p = k0;
      for (const d of order) {
        const len = d === main ? k1 - k0 - total + lengths.get(d)! : lengths.get(d)!;
        segs.push({ dept: d, k0: p, k1: p + len });
        p += len;
      }
      const valid = segs.every((s) => {
        const req = rules.required.get(s.dept);
        return (req ? within(s.k0, s.k1, req.min, req.max) : within(s.k0, s.k1, each?.min, each?.max)) && usable(s.dept, s.k0, s.k1);
      });
      if (valid) out.push(segs);
    }
  return out;
}
