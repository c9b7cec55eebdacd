/**
 * Candidate placements of a trainee, pruned before any variable exists:
 * eligibility, receiver rules, study departments, window ∩ availability ∩
 * calendar, duration, and departments with capacity (and qualified mentors)
 * left in every slot. A trainee with no candidate gets the reason of the
 * stage that removed its last option.
 */
import type { Duration, Placement, Programme, Reason, Trainee, Unit } from "../model/types.js";
import { key } from "../rules/keys.js";
import { type Context, durationBounds, windowOf } from "../rules/context.js";
import { type Lang, wordsOf } from "../rules/words.js";
import { type Segment, requiredFor, rotationSplits, tightSplits } from "./rotations.js";
import { ForwardTable, type RotationGrid, type SchedulePair, ScheduleSpace, rotationGrid, scheduleKey, validSchedule } from "./schedule.js";

/** One way to place a trainee: unit × dept × slots `[k0, k1)`. */
export interface Candidate {
  readonly unit: string;
  readonly dept: string;
  readonly k0: number;
  readonly k1: number;
  /** §7 value of the placement. */
  readonly value: number;
  /** Rotations (SPEC §9), for a programme that asks for them. */
  readonly rotations?: readonly Segment[];
  /**
   * Mentors chosen in the model, per segment (the placement, or each rotation),
   * in departments where counting seats per slot would not be exact.
   */
  readonly mentors?: readonly (string | undefined)[];
}

/** Rotation splits enumerated per trainee before it gets a schedule family (priced by dynamic programming) instead. */
const ROTATION_LIMIT = 4000;

/** What is already taken by pinned placements, per slot. */
export interface Reserved {
  capacity(unit: string, dept: string, k: number): number;
  /** Free capacity, over mentors of the department with title rank ≥ `rank`. */
  mentorSeats(unit: string, dept: string, rank: number, k: number): number;
}

/** A receiving unit and department a trainee may study in, with its §7 value and room runs. */
export interface Pair {
  readonly unit: string;
  readonly dept: string;
  readonly value: number;
  /** `run` of `roomRun` for this trainee's programme (capacity and, with a mentor rule, qualified mentors). */
  readonly run: Int32Array;
}

/**
 * A trainee's candidates, kept implicit: every pair × every span `[k0, k1)`
 * with `k1 ≤ pair.run[k0]`. Candidate `ci = pairIndex × spans + spanIndex`.
 * Province-size instances have tens of millions of candidates; this holds them
 * in a few hundred numbers per trainee, and pricing walks them without objects.
 * Rotating programmes (and departments whose mentors the model must choose one
 * by one) keep an explicit list instead (`explicit`).
 */
export interface Family {
  readonly pairs: readonly Pair[];
  /** Flattened `[k0, k1]` of the spans, shortest per start, earliest first. */
  readonly spans: Int32Array;
  readonly explicit?: readonly Candidate[];
  /**
   * Rotating trainees whose splits are too many to list (SPEC §9): every pair × span × split,
   * priced by dynamic programming (`schedule.ts`); `explicit` holds the schedules found so far.
   */
  readonly schedules?: ScheduleSpace;
  /** Number of candidates (of a schedule family: its seeds). */
  readonly size: number;
  /** The candidate that keeps the trainee's baseline entry (SPEC §11.1), worth `value` more: a change avoided. */
  readonly bonus?: { readonly ci: number; readonly value: number };
}

/** What a re-plan keeps: the trainee's baseline placement, and what keeping it is worth (`objective.change`). */
export interface Keep {
  readonly placement: Placement;
  readonly value: number;
}

/** Whether a candidate is the placement `p` for SPEC §11.1 (unit, dept, start, end and rotations; mentors apart). */
function keeps(ctx: Context, c: Candidate, p: Placement): boolean {
  const b = ctx.slots.boundaries;
  if (c.unit !== p.unit || c.dept !== p.dept || b[c.k0] !== p.start || b[c.k1] !== p.end) return false;
  const mine = (c.rotations ?? []).map((r) => [r.dept, b[r.k0], b[r.k1]]);
  const theirs = (p.rotations ?? []).map((r) => [r.dept, r.start, r.end]);
  return JSON.stringify(mine) === JSON.stringify(theirs);
}

export function familyOf(ctx: Context, t: Trainee, reserved: Reserved, lang: Lang = "zh", keep?: Keep): { family?: Family; reasons: Reason[]; restricted?: boolean } {
  const prog = ctx.programmeOf(t);
  const pre = prepare(ctx, t, lang);
  if ("reasons" in pre) return { reasons: pre.reasons };
  const { pairs, minRank } = pre;
  let spans = pre.spans;
  if (prog.rotations) {
    const found = rotatingCandidates(ctx, t, prog, pairs, spans, reserved, minRank, lang);
    if (found.restricted && !rotationLimits.schedules) return { family: explicitFamily(found.candidates), reasons: [], restricted: true };
    if (found.restricted) {
      const family = scheduleFamily(ctx, t, prog, pairs, spans, reserved, minRank, found.candidates, keep);
      return family ? { family, reasons: [] } : { reasons: [noRotation(lang)] };
    }
    // The candidate that keeps the baseline entry, where the splits hold it, is worth the change avoided.
    const cands = keep ? found.candidates.map((c) => (keeps(ctx, c, keep.placement) ? { ...c, value: c.value + keep.value } : c)) : found.candidates;
    return { family: cands.length ? explicitFamily(cands) : undefined, reasons: found.reasons };
  }
  // A baseline span longer than the shortest of its start is dominated no more (keeping it avoids a change): it joins the spans.
  const kept = keep && ctx.slots.boundaryIndex(keep.placement.start) !== undefined && ctx.slots.boundaryIndex(keep.placement.end) !== undefined
    ? ctx.span(keep.placement.start, keep.placement.end) : undefined;
  if (kept && !spans.some(([a, b]) => a === kept[0] && b === kept[1]) && spansOf(ctx, t, prog, true).some(([a, b]) => a === kept[0] && b === kept[1]))
    spans = [...spans, kept].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const flat = Int32Array.from(spans.flat());
  const out: Pair[] = [];
  let size = 0;
  let capacityLeft = false;
  for (const { u, d } of pairs) {
    const capRun = roomRun(ctx, reserved, u.id, d, -1);
    const run = prog.mentor ? roomRun(ctx, reserved, u.id, d, minRank) : capRun;
    let n = 0;
    for (const [k0, k1] of spans) {
      if (k1 > capRun[k0]) continue;
      capacityLeft = true;
      if (k1 <= run[k0]) n++;
    }
    // Pairs keep their place (candidate indices are pair × span), even with no valid span.
    out.push({ unit: u.id, dept: d, value: ctx.value(t, { unit: u.id, dept: d }), run });
    size += n;
  }
  if (size === 0) return { reasons: [noRoom(ctx, prog, capacityLeft, lang)] };
  const family: Family = { pairs: out, spans: flat, size };
  if (kept) {
    const p = out.findIndex((x) => x.unit === keep!.placement.unit && x.dept === keep!.placement.dept);
    const s = spans.findIndex(([a, b]) => a === kept[0] && b === kept[1]);
    if (p >= 0 && s >= 0 && spanFits(family, out[p], s)) return { family: { ...family, bonus: { ci: p * spans.length + s, value: keep!.value } }, reasons: [] };
  }
  return { family, reasons: [] };
}

/**
 * Rotation splits enumerated per trainee before it gets a schedule family instead (tests
 * lower it). `schedules: false` restores the restricted split family without pricing (the
 * solver before issue #11, bounded by a relaxation): for benchmarks against it only.
 */
export const rotationLimits = { enumerate: ROTATION_LIMIT, schedules: true };

/**
 * A schedule family (SPEC §9): every receiving pair × span × split of a trainee, the
 * restricted family `seeds` listed, the rest priced when column generation asks
 * (`priceSchedules`). The baseline entry, where it is a valid schedule, is one of them,
 * worth the change avoided.
 */
function scheduleFamily(
  ctx: Context, t: Trainee, prog: Programme, pairs: { u: Unit; d: string }[], spans: [number, number][], reserved: Reserved, minRank: number,
  seeds: readonly Candidate[], keep?: Keep,
): Family | undefined {
  const required = requiredFor(ctx, t, prog);
  const rank = prog.mentor ? minRank : -1;
  const out: SchedulePair[] = [];
  for (const { u, d } of pairs) {
    const grid = gridOf(ctx, reserved, prog, u, required, rank);
    const m = grid ? grid.depts.indexOf(d) : -1;
    if (grid && m >= 0) out.push({ unit: u.id, main: d, value: ctx.value(t, { unit: u.id, dept: d }), grid, m });
  }
  const b = ctx.slots.boundaries;
  let kept: { key: string; value: number; pair: SchedulePair; k0: number; k1: number; segments: Segment[] } | undefined;
  const kp = keep?.placement;
  if (kp?.rotations?.length) {
    const pair = out.find((p) => p.unit === kp.unit && p.main === kp.dept);
    const at = (date: string) => ctx.slots.boundaryIndex(date);
    const segments = kp.rotations.map((r) => ({ dept: r.dept, k0: at(r.start) ?? -1, k1: at(r.end) ?? -1 }));
    const k0 = at(kp.start), k1 = at(kp.end);
    if (pair && k0 !== undefined && k1 !== undefined && spans.some(([a, e]) => a === k0 && e === k1) && validSchedule(pair.grid, k0, k1, pair.m, segments))
      kept = { key: scheduleKey(pair.unit, pair.main, segments), value: keep!.value, pair, k0, k1, segments };
  }
  let salt = 0x811c9dc5;
  for (let i = 0; i < t.id.length; i++) salt = Math.imul(salt ^ t.id.charCodeAt(i), 16777619) >>> 0;
  const space = new ScheduleSpace(out, Int32Array.from(spans.flat()), kept && { key: kept.key, value: kept.value }, salt);
  for (const c of seeds) {
    const pair = out.find((p) => p.unit === c.unit && p.main === c.dept);
    if (pair && b[c.k0] !== undefined) space.indexOf(pair, c.k0, c.k1, c.rotations!);
  }
  if (kept) space.indexOf(kept.pair, kept.k0, kept.k1, kept.segments);
  // No restricted split fits: each pair's first schedule, so that the group starts with a column.
  if (space.list.length === 0)
    for (const pair of out) {
      const zero = new ForwardTable(pair.grid, pair.grid.depts.map(() => new Float64Array(ctx.slots.count + 1)));
      const s = spans.findIndex(([k0, k1]) => zero.best(k0, k1, pair.m) === 0);
      if (s >= 0) space.indexOf(pair, spans[s][0], spans[s][1], zero.split(spans[s][0], spans[s][1], pair.m)!);
    }
  if (space.list.length === 0) return undefined;
  return { pairs: [], spans: new Int32Array(0), explicit: space.list, schedules: space, size: space.list.length };
}

const grids = new WeakMap<Reserved, Map<string, RotationGrid | undefined>>();
/** One grid per programme, unit, required rows and mentor rank: shared by every trainee that may go there, and so are its tables when pricing. */
function gridOf(ctx: Context, reserved: Reserved, prog: Programme, u: Unit, required: ReadonlyMap<string, { min?: Duration; max?: Duration }>, rank: number): RotationGrid | undefined {
  let cache = grids.get(reserved);
  if (!cache) grids.set(reserved, (cache = new Map()));
  const id = JSON.stringify([prog.id, u.id, rank, [...required].sort((a, b) => (a[0] < b[0] ? -1 : 1))]);
  if (!cache.has(id)) cache.set(id, rotationGrid(ctx, prog, u, required, (dept) => roomRun(ctx, reserved, u.id, dept, rank)));
  return cache.get(id);
}

export function explicitFamily(candidates: readonly Candidate[]): Family {
  return { pairs: [], spans: new Int32Array(0), explicit: candidates, size: candidates.length };
}

/** Whether span `s` of an implicit family has room throughout in `pair` (so candidate `pair × s` exists). */
export function spanFits(f: Family, pair: Pair, s: number): boolean {
  return f.spans[2 * s + 1] <= pair.run[f.spans[2 * s]];
}

/** Candidate `ci` of a family (undefined where its span has no room in its pair). */
export function candidateAt(f: Family, ci: number): Candidate | undefined {
  if (f.explicit) return f.explicit[ci];
  const ns = f.spans.length / 2;
  const p = f.pairs[Math.floor(ci / ns)];
  const s = ci % ns;
  return p && spanFits(f, p, s) ? { unit: p.unit, dept: p.dept, k0: f.spans[2 * s], k1: f.spans[2 * s + 1], value: p.value + (f.bonus?.ci === ci ? f.bonus.value : 0) } : undefined;
}

/** Every candidate of a family, in index order. */
export function* candidatesIn(f: Family): Generator<[number, Candidate]> {
  if (f.explicit) {
    for (let ci = 0; ci < f.explicit.length; ci++) yield [ci, f.explicit[ci]];
    return;
  }
  const ns = f.spans.length / 2;
  for (let p = 0; p < f.pairs.length; p++)
    for (let s = 0; s < ns; s++) if (spanFits(f, f.pairs[p], s)) yield [p * ns + s, candidateAt(f, p * ns + s)!];
}

function noRoom(ctx: Context, prog: Programme, capacityLeft: boolean, lang: Lang): Reason {
  const w = wordsOf(ctx, lang);
  return capacityLeft
    ? { code: "R-MENTOR", message: w.say(`可去的科室中没有${w.title(prog.mentor!.minTitle)}及以上职称的带教老师能带教整个进修期`, `no mentor of title ≥ ${prog.mentor!.minTitle} is free in an allowed department for a whole placement`) }
    : { code: "R-CAPACITY", message: w.say("可去的接收科室在可进修时间内都没有剩余容量接收整个进修期", "no allowed receiving department has capacity left for a whole placement in the window") };
}

/** Eligibility, receivers, departments and spans: what every candidate of a trainee shares. */
function prepare(ctx: Context, t: Trainee, lang: Lang): { reasons: Reason[] } | { pairs: { u: Unit; d: string }[]; spans: [number, number][]; minRank: number } {
  const prog = ctx.programmeOf(t);
  const w = wordsOf(ctx, lang);
  const eligibility = ctx.eligibility(t, lang);
  if (eligibility.length) return { reasons: eligibility };

  const receivers: Unit[] = [];
  const refusals: string[] = [];
  for (const u of ctx.instance.units) {
    if (!u.receive?.length) continue;
    if (ctx.mayReceive(t, u)) receivers.push(u);
    else if (refusals.length < 3) refusals.push(ctx.receiverReasons(t, u, lang)[0].message);
  }
  if (receivers.length === 0)
    return { reasons: [{ code: "R-RECEIVER", message: w.say(`没有可接收的单位${refusals.length ? `：${refusals.join("；")}` : ""}`, `no receiving unit is allowed${refusals.length ? `: ${refusals.join("; ")}` : ""}`) }] };

  const depts = ctx.studyDepts(t);
  const pairs = receivers.flatMap((u) => depts.filter((d) => u.receive!.some((r) => r.dept === d)).map((d) => ({ u, d })));
  if (pairs.length === 0) return { reasons: [{ code: "R-DEPT", message: w.say(`可接收的单位都不接收${w.depts(depts)}进修`, `no allowed receiving unit receives in ${depts.join(", ")}`) }] };

  const spans = spansOf(ctx, t, prog, !!prog.rotations);
  if (spans.length === 0) {
    const win = windowOf(ctx, t);
    return { reasons: [{ code: "R-WINDOW", message: w.say(`在 [${win.from}, ${win.to}) 内排不下项目要求时长的进修`, `no placement of the programme's duration fits inside [${win.from}, ${win.to}) on slot boundaries`) }] };
  }
  return { pairs, spans, minRank: prog.mentor ? ctx.titleRank(prog.mentor.minTitle) : -1 };
}

function rotatingCandidates(
  ctx: Context, t: Trainee, prog: Programme, pairs: { u: Unit; d: string }[], spans: [number, number][], reserved: Reserved, minRank: number, lang: Lang,
): { candidates: Candidate[]; reasons: Reason[]; restricted?: boolean } {
  const usableFor = (u: Unit) => {
    // Asked for every rotation of every split: each department's run looked up once.
    const byDept = new Map<string, Int32Array>();
    return (dept: string, a: number, b: number) => {
      let run = byDept.get(dept);
      if (!run) byDept.set(dept, (run = roomRun(ctx, reserved, u.id, dept, prog.mentor ? minRank : -1)));
      return b <= run[a];
    };
  };
  // As seeds of a schedule family, the first three department sets (wanted ones first) suffice: pricing finds the rest.
  const build = (exact: boolean): Candidate[] | undefined => {
    const out: Candidate[] = [];
    const useSpans = exact ? spans : shortestPerStart(spans);
    for (const { u, d } of pairs) {
      const value = ctx.value(t, { unit: u.id, dept: d });
      const usable = usableFor(u);
      for (const [k0, k1] of useSpans) {
        const splits = exact
          ? rotationSplits(ctx, t, prog, u, d, k0, k1, usable, rotationLimits.enumerate - out.length)
          : tightSplits(ctx, t, prog, u, d, k0, k1, usable, rotationLimits.schedules ? 3 : 6);
        if (!splits) return undefined;
        for (const rotations of splits) out.push({ unit: u.id, dept: d, k0, k1, value, rotations });
      }
    }
    return out;
  };
  const exact = build(true);
  // Too many to list: the restricted family seeds a schedule family, which prices the rest.
  if (exact === undefined) return { candidates: build(false)!, reasons: [], restricted: true };
  const candidates = exact;
  if (candidates.length === 0)
    return { candidates, reasons: [noRotation(lang)] };
  return { candidates, reasons: [] };
}

function noRotation(lang: Lang): Reason {
  return { code: "R-ROTATION", message: lang === "en" ? "no split into rotations fits an allowed unit's departments, capacity and mentors in the window" : "在可进修时间内，可去单位的科室、容量和带教老师都排不出符合要求的轮转" };
}

const runs = new WeakMap<Reserved, Map<string, Int32Array>>();
/**
 * `run[k]`: the first slot from k on without room in a unit's department (free
 * capacity, and with `rank ≥ 0` a free mentor of that title rank or above).
 * A span `[k0, k1)` has room throughout exactly when `k1 ≤ run[k0]`.
 */
export function roomRun(ctx: Context, reserved: Reserved, unit: string, dept: string, rank: number): Int32Array {
  let cache = runs.get(reserved);
  if (!cache) runs.set(reserved, (cache = new Map()));
  const key = `${unit}\u0000${dept}\u0000${rank}`;
  let run = cache.get(key);
  if (!run) {
    const n = ctx.slots.count;
    run = new Int32Array(n + 1);
    run[n] = n;
    for (let k = n - 1; k >= 0; k--) {
      const room = ctx.capacity(unit, dept, k) - reserved.capacity(unit, dept, k) > 0 && (rank < 0 || reserved.mentorSeats(unit, dept, rank, k) > 0);
      run[k] = room ? run[k + 1] : k;
    }
    cache.set(key, run);
  }
  return run;
}

function shortestPerStart(spans: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const s of spans) if (!out.length || out[out.length - 1][0] !== s[0]) out.push(s);
  return out;
}

/**
 * Slot spans `[k0, k1)` allowed by calendar, window, availability and duration,
 * keeping for each start only the shortest allowed end.
 *
 * That is exact: a longer placement with the same start, unit and department
 * has the same value, cost and quota matches, and occupies a superset of the
 * slots in every per-slot row (capacity, mentors, staffing, teams), so any
 * plan using it stays valid, at no lower objective, with the shorter one.
 * (The property test against exhaustive search enumerates every length.)
 * Rotating placements keep every length (`allLengths`): a longer span can
 * admit rotation splits a shorter one cannot.
 */
export function spansOf(ctx: Context, t: Trainee, prog: Programme, allLengths = false): [number, number][] {
  const { from, to } = windowOf(ctx, t);
  const b = ctx.slots.boundaries;
  const out: [number, number][] = [];
  for (let k0 = ctx.slots.firstFrom(from); k0 < ctx.slots.count; k0++) {
    const { minEnd, maxEnd } = durationBounds(prog, b[k0]);
    for (let k1 = k0 + 1; k1 <= ctx.slots.count; k1++) {
      const end = b[k1];
      if (end > to) break;
      if (maxEnd && end > maxEnd) break;
      if (minEnd && end < minEnd) continue;
      out.push([k0, k1]);
      if (!allLengths) break;
    }
  }
  return out;
}

/** Slots some candidate of the family occupies (1) or not (0). */
export function slotsTouched(f: Family, n: number): Uint8Array {
  const out = new Uint8Array(n);
  const mark = (k0: number, k1: number) => out.fill(1, k0, k1);
  if (f.schedules) for (let s = 0; s < f.schedules.spans.length; s += 2) mark(f.schedules.spans[s], f.schedules.spans[s + 1]);
  else if (f.explicit) for (const c of f.explicit) mark(c.k0, c.k1);
  else
    for (let s = 0; s < f.spans.length / 2; s++) if (f.pairs.some((p) => spanFits(f, p, s))) mark(f.spans[2 * s], f.spans[2 * s + 1]);
  return out;
}
