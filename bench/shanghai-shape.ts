/**
 * The 上海 rotation shape (SPEC §9, issue #11) as a seeded generator: a
 * district's community doctors (default 120) on a 44-week calendar, each
 * placement split into 2–3 rotations through departments of one receiving
 * hospital, GPs with a required continuous 2–4 week emergency block, one
 * emergency place a week in every hospital, a mentor of associate-senior
 * title or above per rotation, family-doctor teams and staffing rules at the
 * community centres, TCM practitioners to the TCM hospital. The hospitals and
 * their departments are those of examples/shanghai-community.json, with
 * seats scaled to the number of doctors (emergency stays at one a week).
 *
 * Same options, same instance, byte for byte (mulberry32, no clock).
 */
import type { Instance, Mentor, ReceiveRow, Relation, StaffedDepartment, Team, Trainee, Unit } from "../src/index.js";
import { mulberry32 } from "./generate.js";

export interface ShanghaiShapeOptions {
  readonly seed: number;
  /** Community doctors (default 120). */
  readonly trainees?: number;
  /** Calendar weeks (default 44). */
  readonly weeks?: number;
}

/** Hospitals and their departments as in the shipped 上海 example; `seats` per department at 120 doctors. */
const HOSPITALS: readonly { id: string; name: string; kind: "general" | "tcm"; depts: readonly (readonly [string, number])[] }[] = [
  { id: "yp-central", name: "上海市杨浦区中心医院", kind: "general", depts: [["general-practice", 5], ["emergency", 1], ["cardiology", 2], ["endocrinology", 2], ["respiratory", 2], ["pediatrics", 2], ["ent", 1], ["stomatology", 1], ["rehabilitation", 1]] },
  { id: "yp-shidong", name: "上海市杨浦区市东医院", kind: "general", depts: [["general-practice", 4], ["emergency", 1], ["cardiology", 2], ["geriatrics", 2], ["pediatrics", 1], ["ent", 1], ["stomatology", 1], ["rehabilitation", 1]] },
  { id: "yp-tcm", name: "上海市杨浦区中医医院", kind: "tcm", depts: [["tcm", 2], ["general-practice", 1], ["emergency", 1], ["rehabilitation", 1], ["acupuncture", 1]] },
];

/** Home departments of community doctors, with their share and the departments they may ask for. */
const HOME: readonly { dept: string; share: number; wants: readonly string[]; tcmShare: number }[] = [
  { dept: "general-practice", share: 0.5, wants: ["cardiology", "endocrinology", "geriatrics", "respiratory"], tcmShare: 0.1 },
  { dept: "pediatrics", share: 0.14, wants: [], tcmShare: 0 },
  { dept: "stomatology", share: 0.09, wants: [], tcmShare: 0 },
  { dept: "ent", share: 0.09, wants: [], tcmShare: 0 },
  { dept: "tcm", share: 0.09, wants: ["rehabilitation", "acupuncture"], tcmShare: 1 },
  { dept: "rehabilitation", share: 0.09, wants: ["tcm"], tcmShare: 0.5 },
];

const CENTRES = ["殷行", "五角场", "控江", "四平", "长白", "大桥", "定海", "延吉", "平凉", "江浦", "新江湾城", "长海路"];

export function shanghaiShape(o: ShanghaiShapeOptions): Instance {
  const rnd = mulberry32(o.seed);
  const n = o.trainees ?? 120;
  const weeks = o.weeks ?? 44;
  const int = (a: number, b: number) => a + Math.floor(rnd() * (b - a + 1));
  const start = new Date(Date.UTC(2025, 2, 3));
  const monday = (k: number) => new Date(start.getTime() + k * 7 * 86_400_000).toISOString().slice(0, 10);
  const scale = n / 120;

  const units: Unit[] = [];
  for (const h of HOSPITALS) {
    const receive: ReceiveRow[] = [];
    const mentors: Mentor[] = [];
    for (const [dept, seats] of h.depts) {
      // One emergency place a week; other departments scale with the number of doctors.
      const capacity = dept === "emergency" ? 1 : Math.max(1, Math.round(seats * scale));
      receive.push({ dept, capacity });
      for (let m = 0; m < capacity; m++)
        mentors.push({ id: `m-${h.id}-${dept}-${m + 1}`, name: `${dept}带教${m + 1}`, dept, title: m % 2 ? "associate-senior" : "senior", capacity: 1 });
      // An intermediate-title doctor who may not mentor under the programme's rule.
      mentors.push({ id: `m-${h.id}-${dept}-x`, name: `${dept}主治`, dept, title: "intermediate", capacity: 1 });
    }
    units.push({
      id: h.id, name: h.name, tier: "city", kind: h.kind, region: "yangpu", receive, mentors,
      support: h.kind === "tcm" ? [{ dept: "tcm", perSlot: 1 }, { dept: "rehabilitation", perSlot: 1 }] : [{ dept: "general-practice", perSlot: 1 }, { dept: "pediatrics", perSlot: 1 }, { dept: "ent", perSlot: 1 }],
    });
  }

  const centres = Math.max(1, Math.round(CENTRES.length * Math.min(1, n / 120)));
  const relations: Relation[] = [];
  for (let c = 0; c < centres; c++) {
    const id = `chc-${c + 1}`;
    const departments: StaffedDepartment[] = [
      { dept: "general-practice", staff: int(15, 24), minOnDuty: 0 },
      { dept: "pediatrics", staff: int(2, 3), minOnDuty: 0 },
      { dept: "stomatology", staff: 2, minOnDuty: 1 },
      { dept: "tcm", staff: int(3, 5), minOnDuty: 0 },
      { dept: "rehabilitation", staff: int(2, 3), minOnDuty: 0 },
      { dept: "ent", staff: int(1, 2), minOnDuty: 0 },
    ].map((d) => ({ ...d, minOnDuty: d.minOnDuty || Math.max(1, d.staff - (d.dept === "general-practice" ? 3 : 1)) }));
    units.push({ id, name: `上海市杨浦区${CENTRES[c % CENTRES.length]}社区卫生服务中心`, tier: "township", kind: "general", region: "yangpu", departments });
    relations.push({ type: "alliance", from: c % 2 ? "yp-shidong" : "yp-central", to: id }, { type: "pairing", from: "yp-tcm", to: id });
  }

  const trainees: Trainee[] = [];
  const teams: Team[] = [];
  let open: Team | undefined;
  for (let i = 0; i < n; i++) {
    let r = rnd();
    const home = HOME.find((h) => (r -= h.share) < 0) ?? HOME[0];
    const unit = `chc-${1 + (i % centres)}`;
    const tcm = rnd() < home.tcmShare;
    const id = `t-${String(i + 1).padStart(3, "0")}`;
    const extra = home.wants.length && rnd() < 0.8 ? [home.wants[int(0, home.wants.length - 1)]] : [];
    const wantsUnit = rnd() < 0.6 ? [tcm ? "yp-tcm" : rnd() < 0.5 ? "yp-central" : "yp-shidong"] : undefined;
    const av = rnd();
    const available = av < 0.15 ? { from: monday(int(2, 12)) } : av < 0.3 ? { to: monday(weeks - int(2, 12)) } : undefined;
    const gp = home.dept === "general-practice";
    trainees.push({
      id, name: `社区医生${i + 1}`, unit, dept: home.dept, programme: "sh-community", category: "clinical", practice: tcm ? "tcm" : "western",
      birthDate: `${int(1972, 1994)}-0${int(1, 9)}-1${int(0, 9)}`, practiceYears: int(3, 25), license: "physician", title: rnd() < 0.6 ? "intermediate" : "junior",
      ...(gp ? { roles: ["family-doctor"] } : {}),
      wants: { depts: [home.dept, ...extra], ...(wantsUnit ? { units: wantsUnit } : {}) },
      ...(available ? { available } : {}),
      ...(rnd() < 0.1 ? { lastPlacementEnd: `20${int(18, 22)}-06-30` } : {}),
    });
    // Family-doctor teams of two GPs each: size 4, at least 3 on duty, so the two are never away together.
    if (gp) {
      if (open && open.unit === unit && open.members!.length < 2) (open.members as string[]).push(id);
      else teams.push((open = { id: `fd-${unit}-${teams.length + 1}`, unit, size: 4, minOnDuty: 3, members: [id] }));
    }
  }

  return {
    version: 1,
    calendar: { start: monday(0), end: monday(weeks), granularity: "week" },
    regions: [{ id: "shanghai", name: "上海市" }, { id: "yangpu", name: "杨浦区", parent: "shanghai" }],
    units,
    relations,
    teams,
    programmes: [{
      id: "sh-community", name: "上海市社区医生至上级医院进修（轮转规模测试）",
      eligibility: { tiers: ["township"], licenses: ["physician", "assistant"], categories: ["clinical"], minYearsSinceLast: 5 },
      receiving: { tiers: ["city"], tcmToTcm: true },
      duration: { min: { weeks: 12 }, max: { weeks: 24 } },
      window: { from: monday(0), to: monday(weeks) },
      mentor: { minTitle: "associate-senior" },
      rotations: {
        count: { min: 2, max: 3 },
        each: { min: { weeks: 4 } },
        required: [{ dept: "emergency", min: { weeks: 2 }, max: { weeks: 4 }, when: { homeDept: ["general-practice"] } }],
      },
    }],
    trainees,
  } as Instance;
}
