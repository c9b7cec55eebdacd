/**
 * fast-check generator of small valid residency (SPEC §10) instances for the workbook tests:
 * one or two training bases (managers, service rows with and without dates, hard or not),
 * township practice bases along `training` relations, residency programmes of zero to two
 * curricula (requirements with every optional key, empty `phase`/`sites`/`after` included,
 * `after` only to earlier requirements so it is acyclic), residents with `completed` and
 * `fixed` rotations, a baseline with residencies (one with no rotation), and a 进修
 * programme with a trainee beside them. Valid by construction: the round-trip test asserts
 * `checkInstance` finds nothing in each, so a generator slip fails rather than hides.
 */
import fc from "fast-check";
import type { Instance } from "../../src/model/types.js";

const DEPTS = ["internal", "cardiology", "emergency", "icu", "general-practice", "pediatrics"] as const;
const TITLES = ["junior", "intermediate", "associate-senior", "senior"] as const;
const TIERS = ["provincial", "city", "county", "township"] as const;
const KINDS = ["general", "tcm", "specialty"] as const;
const REQ_IDS = ["内科", "急诊", "重症", "社区", "儿科"];

const month = (start: string, k: number) => {
  const [y, m] = start.split("-").map(Number);
  const t = y * 12 + (m - 1) + k;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, "0")}-01`;
};

const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);

const rawRequirement = fc.record({
  depts: fc.subarray([...DEPTS], { minLength: 1, maxLength: 3 }),
  min: fc.integer({ min: 0, max: 3 }),
  extra: fc.integer({ min: 0, max: 2 }),
  blocks: maybe(fc.integer({ min: 1, max: 3 })),
  phase: maybe(fc.record({ from: maybe(fc.integer({ min: 0, max: 6 })), span: maybe(fc.integer({ min: 1, max: 12 })) })),
  after: maybe(fc.array(fc.nat(), { maxLength: 2 })),
  sites: maybe(fc.record({
    tiers: maybe(fc.subarray([...TIERS], { minLength: 1 })),
    kinds: maybe(fc.subarray([...KINDS], { minLength: 1 })),
    relations: maybe(fc.subarray(["training", "alliance"], { minLength: 1 })),
  })),
});

const raw = fc.record({
  start: pick(["2025-09-01", "2026-03-01"]),
  months: fc.integer({ min: 6, max: 24 }),
  bases: fc.array(fc.record({
    tier: pick(["provincial", "city"] as const),
    kind: pick(KINDS),
    managers: maybe(fc.integer({ min: 0, max: 5 })),
    depts: fc.subarray([...DEPTS], { minLength: 1 }),
    mentors: fc.array(fc.record({ dept: fc.nat(), title: maybe(pick(TITLES)), capacity: maybe(fc.integer({ min: 1, max: 3 })) }), { maxLength: 3 }),
    service: maybe(fc.array(fc.record({
      dept: fc.nat(), min: fc.integer({ min: 0, max: 2 }), from: maybe(fc.integer({ min: 0, max: 4 })), span: maybe(fc.integer({ min: 1, max: 6 })), hard: maybe(fc.boolean()),
    }), { maxLength: 2 })),
  }), { minLength: 1, maxLength: 2 }),
  townships: fc.integer({ min: 0, max: 2 }),
  minTitle: maybe(pick(TITLES)),
  curricula: fc.array(fc.record({ minBlock: maybe(fc.integer({ min: 1, max: 2 })), requirements: fc.array(rawRequirement, { minLength: 1, maxLength: 4 }) }), { maxLength: 2 }),
  residents: fc.array(fc.record({
    base: fc.nat(), curriculum: fc.nat(), name: pick(["张一", "李二", "王三", "张一"]),
    completed: maybe(fc.array(fc.nat(), { maxLength: 2 })),
    fixed: maybe(fc.array(fc.record({ req: fc.nat(), dept: fc.nat(), len: fc.integer({ min: 1, max: 2 }) }), { maxLength: 2 })),
    baseline: maybe(fc.array(fc.record({ req: fc.nat(), dept: fc.nat(), len: fc.integer({ min: 1, max: 3 }) }), { maxLength: 3 })),
  }), { maxLength: 4 }),
  jinxiu: fc.boolean(),
});

type Raw = typeof raw extends fc.Arbitrary<infer T> ? T : never;

/** The instance of one raw draw (valid by construction). */
export function buildResidency(r: Raw): Instance {
  const end = month(r.start, r.months);
  const units: Record<string, unknown>[] = [];
  const mentorsAt = new Map<string, { id: string; dept: string }[]>();
  let mentorNo = 0;
  const mentorRule = r.minTitle !== undefined;
  r.bases.forEach((b, i) => {
    const id = `base-${i + 1}`;
    const ms = b.mentors.map((m) => ({ id: `m-${++mentorNo}`, dept: b.depts[m.dept % b.depts.length], ...(m.title ? { title: m.title } : {}), ...(m.capacity ? { capacity: m.capacity } : {}) }));
    // Under a mentor rule every received department gets a senior mentor, so fixed rotations can name one.
    if (mentorRule) for (const d of b.depts) ms.push({ id: `m-${++mentorNo}`, dept: d, title: "senior" });
    mentorsAt.set(id, ms);
    units.push({
      id, name: `第${i + 1}人民医院`, tier: b.tier, kind: b.kind,
      receive: b.depts.map((d) => ({ dept: d, capacity: 2 })),
      ...(ms.length ? { mentors: ms } : {}),
      ...(b.managers !== undefined ? { managers: b.managers } : {}),
      ...(b.service !== undefined ? {
        service: b.service.map((s) => ({
          dept: b.depts[s.dept % b.depts.length], min: s.min,
          ...(s.from !== undefined ? { from: month(r.start, s.from) } : {}),
          ...(s.span !== undefined ? { to: month(r.start, (s.from ?? 0) + s.span) } : {}),
          ...(s.hard !== undefined ? { hard: s.hard } : {}),
        })),
      } : {}),
    });
  });
  const relations: Record<string, unknown>[] = [];
  for (let k = 0; k < r.townships; k++) {
    const id = `thc-${k + 1}`;
    mentorsAt.set(id, [{ id: `m-${++mentorNo}`, dept: "general-practice" }]);
    units.push({ id, name: `第${k + 1}卫生院`, tier: "township", kind: "general", receive: [{ dept: "general-practice", capacity: 1 }], mentors: [{ id: `m-${mentorNo}`, dept: "general-practice", title: "senior" }] });
    relations.push({ type: "training", from: "base-1", to: id });
  }
  const curricula = r.curricula.map((c, ci) => {
    const ids = REQ_IDS.slice(0, c.requirements.length);
    return {
      id: ci === 0 ? "全科" : "内科大纲",
      requirements: c.requirements.map((q, k) => {
        const phase = q.phase && {
          ...(q.phase.from !== undefined ? { from: q.phase.from } : {}),
          ...(q.phase.span !== undefined ? { to: (q.phase.from ?? 0) + q.phase.span } : {}),
        };
        const after = q.after && [...new Set(k === 0 ? [] : q.after.map((a) => ids[a % k]))];
        const sites = q.sites && Object.fromEntries(Object.entries(q.sites).filter(([, v]) => v !== undefined));
        return {
          id: ids[k], depts: q.depts, min: q.min, max: Math.max(1, q.min + q.extra),
          ...(q.blocks !== undefined ? { blocks: q.blocks } : {}),
          ...(phase ? { phase } : {}),
          ...(after ? { after } : {}),
          ...(sites ? { sites } : {}),
        };
      }),
      ...(c.minBlock !== undefined ? { minBlock: c.minBlock } : {}),
    };
  });
  const programmes: Record<string, unknown>[] = [
    { id: "sd-zp", name: "住院医师规范化培训", ...(mentorRule ? { mentor: { minTitle: r.minTitle } } : {}), residency: { curricula } },
  ];
  const trainees: Record<string, unknown>[] = [];
  const baseline: Record<string, unknown>[] = [];
  if (curricula.length)
    r.residents.forEach((t, i) => {
      const base = `base-${(t.base % r.bases.length) + 1}`;
      const cur = curricula[t.curriculum % curricula.length];
      const received = (units.find((u) => u.id === base)!.receive as { dept: string }[]).map((x) => x.dept);
      const usable = cur.requirements.filter((q) => q.depts.some((d) => received.includes(d)));
      const completed = t.completed && [...new Set(t.completed.map((c) => cur.requirements[c % cur.requirements.length].id))];
      // Fixed rotations: consecutive months from the start, at the base, on requirements not completed.
      let at = 0;
      const fixed = t.fixed?.flatMap((f) => {
        const open = usable.filter((q) => !(completed ?? []).includes(q.id));
        if (!open.length || at + f.len > r.months) return [];
        const q = open[f.req % open.length];
        const depts = q.depts.filter((d) => received.includes(d));
        const dept = depts[f.dept % depts.length];
        const mentor = mentorRule ? mentorsAt.get(base)!.find((m) => m.dept === dept)?.id : undefined;
        const rot = { requirement: q.id, unit: base, dept, start: month(r.start, at), end: month(r.start, at + f.len), ...(mentor ? { mentor } : {}) };
        at += f.len;
        return [rot];
      });
      const id = `r-${i + 1}`;
      trainees.push({
        id, name: t.name, unit: base, dept: "general-practice", programme: "sd-zp",
        available: { from: r.start, to: end }, curriculum: cur.id,
        ...(completed ? { completed } : {}), ...(fixed ? { fixed } : {}),
      });
      if (t.baseline) {
        let m = 0;
        baseline.push({
          trainee: id,
          rotations: t.baseline.flatMap((b) => {
            if (!usable.length) return [];
            const q = usable[b.req % usable.length];
            const depts = q.depts.filter((d) => received.includes(d));
            const rot = { requirement: q.id, unit: base, dept: depts[b.dept % depts.length], start: month(r.start, m), end: month(r.start, m + b.len) };
            m += b.len;
            return [rot];
          }),
        });
      }
    });
  if (r.jinxiu) {
    units.push({ id: "wsy", name: "某镇卫生院", tier: "township", kind: "general", departments: [{ dept: "internal", staff: 4, minOnDuty: 2 }] });
    programmes.push({ id: "jx", name: "基层进修", duration: { min: { months: 3 } } });
    trainees.push({ id: "t-1", name: "赵六", unit: "wsy", dept: "internal", programme: "jx", wants: { depts: ["internal"] } });
  }
  return {
    version: 1,
    calendar: { start: r.start, end, granularity: "month" },
    units, ...(relations.length ? { relations } : {}), programmes, trainees,
    ...(baseline.length ? { baseline: { residencies: baseline } } : {}),
  } as unknown as Instance;
}

/** Residency instances (see the file's comment); the tests assert each is valid rather than filter. */
export const arbResidencyInstance: fc.Arbitrary<Instance> = raw.map(buildResidency);
