/**
 * Generators for the solver's property tests: `arbInstance` (test/property/arbitraries.ts),
 * without rotations unless asked, then reshaped at random (`knobs`) so that the optimiser has
 * real choices to make.
 *
 * Raw `arbInstance` draws are so restrictive (eligibility, receiving rules, windows, hard
 * minimums, trainees at the only receiving unit) that most instances place nobody or are
 * infeasible, which tests little of the optimiser. Each knob, when drawn, does one of:
 * drop `eligibility` / `receiving` (or its `relations`) / `window` / `mentor` / `budget` /
 * trainees' `available`; make quota and coverage rows soft; raise quota `max`; point
 * `wants.depts` at received departments; move unpinned trainees to units that receive nobody
 * (leaving their teams); give every receive row capacity ≥ 1; make one unit receive and one
 * send; add departments (with a senior mentor) for §9 rotations; and, for 上修下沉, make every
 * absence need cover (`minOnDuty = staff`) while tying a supporting unit with a pool to the
 * home unit by alliance or pairing. The result always passes `parseInstance`.
 */
import fc from "fast-check";
import { parseInstance } from "../../src/model/parse.js";
import type { Instance, Tier } from "../../src/model/types.js";
import { type ArbInstanceOptions, DEPTS, arbInstance } from "../property/arbitraries.js";
import type { Draft } from "../helpers/tiny.js";

const TIER_RANK: Record<Tier, number> = { provincial: 4, city: 3, county: 2, township: 1, village: 0 };

const knobs = fc.record({
  eligibility: fc.constantFrom("drop", "drop", "drop", "keep"),
  receiving: fc.constantFrom("drop", "drop", "no-relations", "keep"),
  quotaMax: fc.constantFrom("raise", "keep"),
  receivers: fc.constantFrom("split", "split", "keep"),
  window: fc.constantFrom("drop", "keep"),
  mentor: fc.constantFrom("drop", "keep"),
  budget: fc.constantFrom("drop", "keep"),
  soft: fc.constantFrom("all", "all", "some", "none"),
  available: fc.constantFrom("drop", "keep"),
  wants: fc.constantFrom("received", "received", "keep"),
  homes: fc.constantFrom("senders", "senders", "keep"),
  capacity: fc.constantFrom("at-least-1", "keep"),
  support: fc.constantFrom("needed", "keep", "keep"),
  moreDepts: fc.constantFrom("add", "add", "keep"),
  seed: fc.nat(1000),
});

/** Reshapes an instance as `k` says (see the file header). */
function loosen(inst: Instance, k: typeof knobs extends fc.Arbitrary<infer K> ? K : never): Instance {
  const d = structuredClone(inst) as Draft<Instance>;
  let s = k.seed;
  const coin = () => ((s = (s * 1103515245 + 12345) % 2147483648) & 1024) !== 0;
  for (const p of d.programmes) {
    if (k.eligibility === "drop") delete p.eligibility;
    if (k.receiving === "drop") delete p.receiving;
    else if (k.receiving === "no-relations" && p.receiving) delete p.receiving.relations;
    if (k.window === "drop") delete p.window;
    if (k.mentor === "drop") delete p.mentor;
    if (k.budget === "drop") delete p.budget;
    if (k.quotaMax === "raise") for (const q of p.quotas ?? []) if (q.max !== undefined) q.max += 2;
    for (const q of p.quotas ?? []) if (k.soft === "all" || (k.soft === "some" && coin())) q.hard = false;
    for (const c of p.coverage ?? []) if (k.soft === "all" || (k.soft === "some" && coin())) c.hard = false;
  }
  // Some unit receives, and (with ≥ 2 units) some unit receives nobody and can send.
  if (k.receivers === "split") {
    const hosting = new Set((d.pinned ?? []).map((p) => p.unit));
    if (!d.units.some((u) => (u.receive ?? []).length)) {
      const host = d.units[d.units.length - 1];
      host.receive = [{ dept: (host.mentors ?? [])[0]?.dept ?? "internal", capacity: 2 }];
    } else if (d.units.every((u) => (u.receive ?? []).length)) {
      const quiet = d.units.find((u) => !hosting.has(u.id));
      if (quiet) quiet.receive = [];
    }
  }
  // Trainees at a unit that receives nobody (when one exists), unless pinned; a moved trainee leaves its team.
  const senders = d.units.filter((u) => (u.receive ?? []).length === 0).map((u) => u.id);
  const pinnedIds = new Set((d.pinned ?? []).map((p) => p.trainee));
  if (k.homes === "senders" && senders.length)
    for (const t of d.trainees) {
      if (pinnedIds.has(t.id)) continue;
      const to = senders[(s = (s * 7 + 3) % 1009) % senders.length];
      if (to === t.unit) continue;
      t.unit = to;
      for (const team of d.teams ?? []) team.members = team.members.filter((m) => m !== t.id);
    }
  if (k.capacity === "at-least-1") for (const u of d.units) for (const r of u.receive ?? []) r.capacity = Math.max(1, r.capacity);
  const received = [...new Set(d.units.flatMap((u) => (u.receive ?? []).map((r) => r.dept)))];
  for (const t of d.trainees) {
    if (k.available === "drop") delete t.available;
    if (k.wants === "received" && received.length) {
      const depts = received.filter(() => coin());
      t.wants = { ...(t.wants ?? {}), depts: depts.length ? depts : [received[s % received.length]] };
    }
  }
  // §9 rotations need several departments at one unit: receiving units get up to two more,
  // each with a senior mentor.
  if (k.moreDepts === "add" && d.programmes.some((p) => p.rotations))
    for (const u of d.units) {
      if (!(u.receive ?? []).length) continue;
      const extra = DEPTS.filter((x) => !u.receive!.some((r) => r.dept === x)).slice(0, 2);
      for (const dept of extra) {
        u.receive!.push({ dept, capacity: 1 + (s % 2) });
        (u.mentors ??= []).push({ id: `m-x-${u.id}-${dept}`, dept, title: "senior" });
      }
    }
  // 上修下沉: every absence from a trainee's home department needs cover, and an upper unit
  // with a support pool for that department is tied to the home unit by alliance or pairing.
  if (k.support === "needed") {
    for (const t of d.trainees) {
      const home = d.units.find((u) => u.id === t.unit)!;
      const row = (home.departments ??= []).find((x) => x.dept === t.dept);
      if (row) row.minOnDuty = row.staff;
      else home.departments.push({ dept: t.dept, staff: 2, minOnDuty: 2 });
      const helpers = d.units.filter((u) => u.id !== home.id && TIER_RANK[u.tier] >= TIER_RANK[home.tier]);
      if (!helpers.length) continue;
      const helper = helpers[(s = (s * 7 + 5) % 1009) % helpers.length];
      const pool = (helper.support ??= []).find((x) => x.dept === t.dept);
      if (pool) pool.perSlot = Math.max(1, pool.perSlot);
      else helper.support.push({ dept: t.dept, perSlot: 1 + (s % 2) });
      const rels = (d.relations ??= []);
      if (!rels.some((r) => r.from === helper.id && r.to === home.id && r.type !== "parent"))
        rels.push({ type: s % 2 ? "alliance" : "pairing", from: helper.id, to: home.id });
    }
  }
  return parseInstance(JSON.parse(JSON.stringify(d)));
}

/** `arbInstance(options)`, without rotations unless `options.rotations`, reshaped at random (see the file header). */
export function arbSolvable(options: ArbInstanceOptions = {}): fc.Arbitrary<Instance> {
  return fc.tuple(arbInstance({ rotations: false, ...options }), knobs).map(([inst, k]) => loosen(inst, k));
}

/** Tiny instances the exhaustive search can handle: ≤ 4 trainees, ≤ 3 units (≤ 2 receiving), ≤ 4 slots, 1 programme (by default). */
export function arbTiny(options: ArbInstanceOptions = {}): fc.Arbitrary<Instance> {
  return arbSolvable({ maxRegions: 2, maxUnits: 3, maxProgrammes: 1, maxTrainees: 4, maxSlots: 4, ...options }).filter(
    (inst) => inst.units.filter((u) => (u.receive ?? []).length > 0).length <= 2,
  );
}
