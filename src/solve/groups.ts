/**
 * Trainees into groups of interchangeable ones (one integer count per
 * candidate, exact), and the candidate families that need explicit lists:
 * departments whose mentors the model chooses, relaxed rotation families.
 */
import type { Reason, Trainee } from "../model/types.js";
import type { Context } from "../rules/context.js";
import { RULES } from "../rules/index.js";
import { isResident } from "../rules/residents.js";
import { key } from "../rules/keys.js";
import type { Lang } from "../rules/words.js";
import { type Candidate, type Family, candidatesIn, explicitFamily, familyOf } from "./candidates.js";
import type { Group } from "./formulate.js";
import type { Clock } from "./clock.js";
import type { PinnedUsage } from "./pinned.js";

/** The trainees to plan (all but the pinned), as groups of interchangeable ones with their candidate families. */
export interface Grouping {
  readonly groups: Group[];
  /** Trainees with no candidate, and why. */
  readonly excluded: Map<string, Reason[]>;
  /** Candidate placements in all (the whole model's placement columns). */
  readonly nCands: number;
  /** An estimate of the whole model's matrix entries. */
  readonly nnz: number;
  /** Some trainee's rotation splits were a restricted family: the bound then comes from a relaxation. */
  readonly restricted: boolean;
  /** The clock stopped the phase (time limit or abort) before every trainee had its family. */
  readonly stopped: boolean;
}

/** Candidate families for every unpinned trainee (in id order), grouped by `groupKey`; a clock may stop it. */
export async function groupTrainees(ctx: Context, usage: PinnedUsage, lang: Lang, clock?: Pick<Clock, "tick" | "expired">): Promise<Grouping> {
  const pinnedIds = new Set((ctx.instance.pinned ?? []).map((p) => p.trainee));
  // SPEC §11.1: keeping a baseline placement avoids a change.
  const baseline = new Map((ctx.instance.baseline?.placements ?? []).map((p) => [p.trainee, p]));
  const excluded = new Map<string, Reason[]>();
  const byKey = new Map<string, { trainees: Trainee[]; family: Family }>();
  const explicitDepts = modelMentorDepts(ctx, usage);
  let nCands = 0;
  let nnz = 0;
  let restricted = false;
  for (const t of [...ctx.instance.trainees].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    if (pinnedIds.has(t.id)) continue;
    // SPEC §10: residents get schedule columns (src/solve/residency/), never placement candidates.
    if (isResident(ctx, t)) continue;
    if (clock) {
      await clock.tick();
      if (clock.expired()) return { groups: [], excluded, nCands, nnz, restricted, stopped: true };
    }
    const kept = baseline.get(t.id);
    const found = familyOf(ctx, t, usage, lang, kept && { placement: kept, value: ctx.weights.change });
    const { reasons } = found;
    let family = found.family;
    if (family && needsModelMentors(ctx, t, family, explicitDepts)) {
      const cands = withModelMentors(ctx, t, [...candidatesIn(family)].map(([, c]) => c), explicitDepts, usage);
      if (cands.length === 0)
        reasons.push({ code: "R-MENTOR", message: lang === "en" ? "no single qualified mentor is free for a whole placement in an allowed department" : "意向科室中没有一位符合职称要求的带教老师能带教整个进修期" });
      family = cands.length ? explicitFamily(cands) : undefined;
    }
    // A schedule family whose mentors the model must choose one by one keeps its seeds only: restricted.
    if (found.restricted || (found.family?.schedules && family !== found.family)) restricted = true;
    if (!family) {
      excluded.set(t.id, reasons);
      continue;
    }
    nCands += family.size;
    nnz += family.size * (3 + 3 * meanSpan(family));
    const k = groupKey(ctx, t, family);
    const g = byKey.get(k);
    if (g) g.trainees.push(t);
    else byKey.set(k, { trainees: [t], family });
  }
  const groups: Group[] = [...byKey.values()].map((g) => ({ trainees: g.trainees, prog: ctx.programmeOf(g.trainees[0]), family: g.family }));
  return { groups, excluded, nCands, nnz, restricted, stopped: false };
}

/**
 * Unit departments whose mentors the model must choose one by one: per-slot seat
 * counts are exact for interval assignment only when every seat is the same in
 * every slot. They are not where a pinned placement holds a named mentor, nor
 * where mentors qualify for some programmes' title thresholds but not others'.
 */
export function modelMentorDepts(ctx: Context, usage: PinnedUsage): Set<string> {
  const out = usage.pinnedMentorDepts();
  const thresholds = [...new Set(ctx.instance.programmes.filter((p) => p.mentor).map((p) => ctx.titleRank(p.mentor!.minTitle)))];
  if (thresholds.length > 1) {
    const top = Math.max(...thresholds), low = Math.min(...thresholds);
    for (const m of ctx.mentors.values()) {
      const r = ctx.titleRank(m.title);
      if (r >= low && r < top) out.add(key(m.unit, m.dept));
    }
  }
  return out;
}

/** Candidates in such departments, one per choice of qualified mentor free over each segment. */
export function withModelMentors(ctx: Context, t: Trainee, cands: Candidate[], depts: ReadonlySet<string>, usage: PinnedUsage): Candidate[] {
  const prog = ctx.programmeOf(t);
  if (!prog.mentor || depts.size === 0) return cands;
  const rank = ctx.titleRank(prog.mentor.minTitle);
  const out: Candidate[] = [];
  for (const c of cands) {
    const segs = c.rotations ?? [{ dept: c.dept, k0: c.k0, k1: c.k1 }];
    if (!segs.some((g) => depts.has(key(c.unit, g.dept)))) {
      out.push(c);
      continue;
    }
    let combos: (string | undefined)[][] = [[]];
    for (const g of segs) {
      let options: (string | undefined)[] = [undefined];
      if (depts.has(key(c.unit, g.dept))) {
        options = (ctx.units.get(c.unit)?.mentors ?? [])
          .filter((m) => m.dept === g.dept && ctx.titleRank(m.title) >= rank)
          .filter((m) => {
            for (let k = g.k0; k < g.k1; k++) if ((m.capacity ?? 1) - usage.mentorUse(m.id, k) <= 0) return false;
            return true;
          })
          .map((m) => m.id);
      }
      combos = combos.flatMap((cm) => options.map((o) => [...cm, o]));
    }
    for (const mentors of combos) out.push({ ...c, mentors });
  }
  return out;
}

/** Placement-level candidates without rotations: a relaxation of every rotation split of the same span. */
export function uniqueSpans(cands: readonly Candidate[]): Candidate[] {
  const seen = new Map<string, number>();
  const out: Candidate[] = [];
  for (const c of cands) {
    if (!c.rotations) {
      out.push(c);
      continue;
    }
    const id = key(c.unit, c.dept, c.k0, c.k1);
    const at = seen.get(id);
    // The relaxation keeps the best value of the span's splits (one may keep a baseline entry, SPEC §11.1).
    if (at !== undefined) {
      if (c.value > out[at].value) out[at] = { ...out[at], value: c.value };
      continue;
    }
    seen.set(id, out.length);
    out.push({ unit: c.unit, dept: c.dept, k0: c.k0, k1: c.k1, value: c.value, rotations: [] });
  }
  return out;
}

/** Whether some of a trainee's candidates lie in departments whose mentors the model chooses one by one. */
export function needsModelMentors(ctx: Context, t: Trainee, family: Family, depts: ReadonlySet<string>): boolean {
  if (!ctx.programmeOf(t).mentor || depts.size === 0) return false;
  if (family.schedules) return family.schedules.pairs.some((p) => p.grid.depts.some((d) => depts.has(key(p.unit, d))));
  if (family.explicit) return family.explicit.some((c) => (c.rotations ?? [c]).some((g) => depts.has(key(c.unit, g.dept))));
  return family.pairs.some((p) => depts.has(key(p.unit, p.dept)));
}

/** Mean span length of a family's candidates (for the model-size estimate). */
export function meanSpan(f: Family): number {
  if (f.explicit) return f.explicit.reduce((s, c) => s + c.k1 - c.k0, 0) / Math.max(1, f.explicit.length);
  let sum = 0;
  for (let s = 0; s < f.spans.length; s += 2) sum += f.spans[s + 1] - f.spans[s];
  return sum / Math.max(1, f.spans.length / 2);
}

/**
 * Trainees with equal keys have identical columns: same programme, what every
 * rule's rows read about them (`reads`: home department, teams, trainee-side
 * quota and cost filters, home unit …), and the same candidates with their
 * values and what the rules read at each receiving pair (`readsAt`). An
 * implicit family is keyed by its pairs and spans (its room runs depend on the
 * unit, department and programme only).
 */
export function groupKey(ctx: Context, t: Trainee, family: Family): string {
  const prog = ctx.programmeOf(t);
  const own = RULES.map((r) => r.reads?.(ctx, t) ?? "");
  const at = (c: Candidate) => key(...RULES.map((r) => r.readsAt?.(ctx, t, c) ?? ""));
  if (!family.explicit) {
    const pairs = family.pairs.map((p) => key(p.unit, p.dept, p.value, at({ unit: p.unit, dept: p.dept, k0: 0, k1: 0, value: p.value })));
    return JSON.stringify([prog.id, own, family.spans.join(","), pairs, family.bonus ? [family.bonus.ci, family.bonus.value] : null]);
  }
  const pairs = new Map<string, string>();
  const parts: string[] = [];
  for (const c of family.explicit) {
    const pair = key(c.unit, c.dept);
    if (!pairs.has(pair)) pairs.set(pair, at(c));
    parts.push(key(pair, c.k0, c.k1, c.value, c.rotations ? JSON.stringify(c.rotations) : "", c.mentors ? key(...c.mentors.map((m) => m ?? "")) : ""));
  }
  // A schedule family (§9) is also its pairs, spans and kept schedule, beyond the seeds listed.
  return JSON.stringify([prog.id, own, [...pairs], parts, family.schedules?.key ?? null]);
}
