/**
 * Tiny residency instances (SPEC §10) for properties and the exhaustive oracle: a month
 * calendar of 3–5 months, one base (provincial) with 2–3 received departments and maybe
 * `managers`, one township practice base along a `training` relation, 0–2 service rows (soft or
 * hard), one curriculum of 1–3 requirements (min 0–2, max up to min + 1, 1–2 blocks, maybe a
 * phase, `after` towards earlier ones, maybe township-only `sites`), minBlock 1–2, and 1–3
 * residents (training period from the calendar start or a month later, maybe a completed
 * requirement, maybe one fixed rotation, priority 1–2). No mentor rule (the oracle names no
 * mentors). Drafts that `parseInstance` rejects are dropped by the caller.
 */
import fc from "fast-check";

const CAL = ["2025-09-01", "2025-10-01", "2025-11-01", "2025-12-01", "2026-01-01", "2026-02-01", "2026-03-01"];
const DEPTS = ["cardiology", "emergency", "icu"] as const;

export interface ResidencyDraft {
  readonly months: number;
  readonly caps: readonly number[];
  readonly managers?: number;
  readonly thcCap: number;
  readonly service: readonly { dept: number; min: number; hard: boolean; from: number }[];
  readonly reqs: readonly { depts: readonly number[]; min: number; extra: number; blocks: number; phase?: number; after: boolean; community: boolean }[];
  readonly minBlock: number;
  readonly residents: readonly { late: boolean; completed: boolean; fixed: boolean; priority: number }[];
  readonly weights: { readonly base: number; readonly transition: number; readonly shortfall: number };
  /** A mentor rule (intermediate and above) with one or two mentors per department (not for the oracle). */
  readonly mentors?: boolean;
  /** 进修 trainees from a township centre sharing the base's seats (not for the oracle). */
  readonly jinxiu?: number;
}

const draftFields = (months: number, residents: number) => ({
  months: fc.integer({ min: 3, max: months }),
  caps: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 3, maxLength: 3 }),
  managers: fc.option(fc.constantFrom(2, 3), { nil: undefined }),
  thcCap: fc.integer({ min: 1, max: 2 }),
  service: fc.array(fc.record({ dept: fc.integer({ min: 0, max: 2 }), min: fc.integer({ min: 0, max: 2 }), hard: fc.integer({ min: 0, max: 3 }).map((x) => x === 0), from: fc.integer({ min: 0, max: 2 }) }), { maxLength: 2 }),
  reqs: fc.array(
    fc.record({
      depts: fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 2 }),
      min: fc.integer({ min: 0, max: 2 }),
      extra: fc.integer({ min: 0, max: 1 }),
      blocks: fc.integer({ min: 1, max: 2 }),
      phase: fc.option(fc.integer({ min: 2, max: 4 }), { nil: undefined }),
      after: fc.boolean(),
      community: fc.boolean(),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  minBlock: fc.integer({ min: 1, max: 2 }),
  residents: fc.array(fc.record({ late: fc.boolean(), completed: fc.boolean(), fixed: fc.boolean(), priority: fc.integer({ min: 1, max: 2 }) }), { minLength: 1, maxLength: residents }),
  weights: fc.record({ base: fc.constantFrom(10, 100), transition: fc.integer({ min: 0, max: 3 }), shortfall: fc.constantFrom(5, 50) }),
});

/** Drafts for the exhaustive oracle: ≤ 5 months, ≤ 3 residents, no mentors, no 进修 trainees. */
export const arbResidencyDraft: fc.Arbitrary<ResidencyDraft> = fc.record(draftFields(5, 3));

/** Larger drafts for properties: ≤ 6 months, ≤ 6 residents, maybe a mentor rule and 进修 trainees sharing seats. */
export const arbResidencyDraftLarge: fc.Arbitrary<ResidencyDraft> = fc.record({ ...draftFields(6, 6), mentors: fc.boolean(), jinxiu: fc.integer({ min: 0, max: 2 }) });

/** The instance of a draft (plain JSON; parse it). */
export function residencyFromDraft(d: ResidencyDraft): any {
  const reqs = d.reqs.map((r, i) => ({
    id: `q${i}`,
    depts: r.community ? ["general-practice"] : r.depts.map((x) => DEPTS[x]),
    min: r.min,
    max: Math.max(1, r.min + r.extra),
    ...(r.blocks > 1 ? { blocks: r.blocks } : {}),
    ...(r.phase !== undefined ? { phase: { to: r.phase } } : {}),
    ...(r.after && i > 0 ? { after: [`q${i - 1}`] } : {}),
    ...(r.community ? { sites: { tiers: ["township"], relations: ["training"] } } : {}),
  }));
  const trainees = d.residents.map((r, i) => {
    const from = CAL[r.late ? 1 : 0];
    const first = reqs[0];
    const fixed = r.fixed && first.min >= 1 && !r.completed
      ? [{ requirement: first.id, unit: first.sites ? "thc" : "base", dept: first.depts[0], start: from, end: CAL[(r.late ? 1 : 0) + Math.max(d.minBlock, 1)], ...(d.mentors ? { mentor: `m-${first.sites ? "thc" : "base"}-${first.depts[0]}-0` } : {}) }]
      : [];
    return {
      id: `r${i}`, name: `住院医师${i}`, unit: "base", dept: "general-practice", programme: "sd", curriculum: "c",
      available: { from, to: CAL[d.months] }, priority: r.priority,
      ...(r.completed && reqs.length > 1 ? { completed: [reqs[reqs.length - 1].id] } : {}),
      ...(fixed.length ? { fixed } : {}),
    };
  });
  const mentorsOf = (unit: string, depts: readonly string[]) =>
    d.mentors ? depts.flatMap((dept, i) => [{ id: `m-${unit}-${dept}-0`, name: `带教${unit}${i}`, dept, title: "senior", capacity: 1 }, ...(i % 2 === 0 ? [{ id: `m-${unit}-${dept}-1`, dept, title: "junior" }] : [{ id: `m-${unit}-${dept}-1`, dept, title: "intermediate" }])]) : [];
  for (let i = 0; i < (d.jinxiu ?? 0); i++)
    trainees.push({ id: `j${i}`, name: `进修${i}`, unit: "thc", dept: "internal", programme: "jx", wants: { depts: [DEPTS[i % 3]] } } as never);
  return {
    version: 1,
    calendar: { start: CAL[0], end: CAL[d.months], granularity: "month" },
    units: [
      {
        id: "base", name: "省立医院", tier: "provincial", kind: "general", ...(d.managers !== undefined ? { managers: d.managers } : {}),
        receive: DEPTS.map((dept, i) => ({ dept, capacity: d.caps[i] })),
        mentors: mentorsOf("base", DEPTS),
        service: d.service.map((s) => ({ dept: DEPTS[s.dept], min: s.min, ...(s.from > 0 ? { from: CAL[s.from] } : {}), ...(s.hard ? { hard: true } : {}) })),
      },
      { id: "thc", name: "城关镇卫生院", tier: "township", kind: "general", receive: [{ dept: "general-practice", capacity: d.thcCap }], mentors: mentorsOf("thc", ["general-practice"]) },
    ],
    relations: [{ type: "training", from: "base", to: "thc" }],
    programmes: [
      ...(d.jinxiu ? [{ id: "jx", name: "进修", duration: { min: { months: 1 }, max: { months: 2 } }, receiving: { tiers: ["provincial"] }, ...(d.mentors ? { mentor: { minTitle: "intermediate" } } : {}) }] : []),
      { id: "sd", name: "山东住培", ...(d.mentors ? { mentor: { minTitle: "intermediate" } } : {}), residency: { curricula: [{ id: "c", requirements: reqs, ...(d.minBlock > 1 ? { minBlock: d.minBlock } : {}) }] } },
    ],
    trainees,
    objective: d.weights,
  };
}
