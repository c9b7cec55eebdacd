/**
 * Deterministic generator of the example instances in `examples/`.
 *
 *   npx tsx examples/data/generate.ts
 *
 * Writes (pretty JSON, 2-space indent, trailing newline):
 *   examples/lianyungang-2024.json          连云港 2024 基层骨干务实进修 (seeds/002)
 *   examples/zhejiang-county-track.json     浙江 万医进修 县级 track (seeds/000)
 *   examples/zhejiang-township-track.json   浙江 万医进修 乡镇(社区) track
 *   examples/zhejiang-village-track.json    浙江 万医进修 村级 track
 *   examples/shanghai-community.json        上海 社区医生进修 (seeds/001), weekly, with rotations
 *   examples/zhejiang-three-year.json       浙江 万医进修 2024—2026: the three tracks over 36 months, a
 *                                           small synthetic province (the bench's zhejiang(), scaled)
 *
 * Every random choice comes from a seeded mulberry32 PRNG (one stream per
 * instance), so running the script twice gives byte-identical files. The
 * people, and most of the hospital capacities, are fictitious; the places and
 * the programme rules follow the policy texts.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type {
  Category, Education, Instance, License, Mentor, Practice, Programme, ReceiveRow, Region,
  Relation, Sex, StaffedDepartment, SupportPool, Team, Tier, Kind, Title, Trainee, Unit,
} from "../../src/model/types";
import { mulberry32, zhejiang as zhejiangProvince } from "../../bench/generate";

// ---------------------------------------------------------------------------
// PRNG and small helpers
// ---------------------------------------------------------------------------

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** Integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from empty list");
    return items[Math.floor(this.next() * items.length)];
  }
  /** Weighted pick: `[[value, weight], …]`. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of items) {
      r -= w;
      if (r < 0) return v;
    }
    return items[items.length - 1][0];
  }
  shuffle<T>(items: readonly T[]): T[] {
    const a = items.slice();
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
}

const pad = (n: number, w = 2): string => String(n).padStart(w, "0");

// ---- dates (UTC, ISO strings) ----

function parseIso(d: string): Date {
  const [y, m, day] = d.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, day));
}
function iso(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}
function addDays(d: string, n: number): string {
  const x = parseIso(d);
  x.setUTCDate(x.getUTCDate() + n);
  return iso(x);
}
/** Same calendar day `n` years earlier/later (29 Feb → 28 Feb, as date-fns does). */
function addYears(d: string, n: number): string {
  const [y, m, day] = d.split("-").map(Number);
  const last = new Date(Date.UTC(y + n, m, 0)).getUTCDate();
  return `${y + n}-${pad(m)}-${pad(Math.min(day, last))}`;
}
/** A birth date such that the whole-year age on `at` is exactly `age`. */
function birthForAge(rng: Rng, at: string, age: number): string {
  // Ages in whole years equal `age` for births in (at − (age+1)y, at − age y].
  const latest = addYears(at, -age);
  const earliest = addDays(addYears(at, -(age + 1)), 1);
  const span = Math.round((parseIso(latest).getTime() - parseIso(earliest).getTime()) / 86400000);
  return addDays(earliest, rng.int(0, span));
}

// ---- names ----

const SURNAMES = [
  "王", "张", "李", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "朱", "马", "胡", "郭", "林", "何", "高",
  "梁", "郑", "罗", "宋", "谢", "唐", "韩", "曹", "许", "邓", "冯", "程", "蔡", "彭", "潘", "袁", "于", "董", "苏",
  "叶", "吕", "魏", "蒋", "田", "杜", "丁", "沈", "姜", "范", "江", "傅", "钟", "卢", "汪", "戴", "崔", "陆", "姚",
  "方", "金", "邱", "夏", "谭", "贾", "邹", "石", "孟", "秦", "薛", "侯", "顾", "施", "严", "钱", "倪", "葛",
];
const GIVEN_MALE = [
  "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华", "飞", "鑫", "波", "宁",
  "浩", "凯", "健", "俊", "帆", "峰", "亮", "林", "建", "国", "志", "海", "东", "文", "晨", "宇", "阳", "庆", "兵",
];
const GIVEN_FEMALE = [
  "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "玲", "燕", "红", "梅", "琳", "婷", "雪", "慧", "颖", "倩", "丹",
  "萍", "洁", "璐", "薇", "月", "晓", "云", "佳", "欣", "蕾", "莉", "琴", "雯", "秀", "英", "晶", "露", "瑶", "楠",
];

class NamePool {
  private readonly used = new Set<string>();
  constructor(private readonly rng: Rng) {}
  name(sex: Sex): string {
    const chars = sex === "male" ? GIVEN_MALE : GIVEN_FEMALE;
    for (;;) {
      const given = this.rng.chance(0.7)
        ? this.rng.pick(chars) + this.rng.pick(chars)
        : this.rng.pick(chars);
      const n = this.rng.pick(SURNAMES) + given;
      if (given.length === 2 && given[0] === given[1] && !this.rng.chance(0.2)) continue;
      if (!this.used.has(n)) {
        this.used.add(n);
        return n;
      }
    }
  }
}

/**
 * A mentor's name, drawn from its id (FNV-1a), not from the seeded stream: naming
 * mentors leaves every other draw, and so every example plan, as it was.
 */
function mentorName(id: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  const given = h % 2 ? GIVEN_MALE : GIVEN_FEMALE;
  return SURNAMES[h % SURNAMES.length] + given[(h >>> 8) % given.length] + given[(h >>> 16) % given.length];
}

// ---- units ----

function mentorsFor(
  rng: Rng, unitKey: string, receive: readonly ReceiveRow[],
  opts: { titles?: readonly (readonly [Title, number])[]; extra?: number; fewer?: readonly string[] } = {},
): Mentor[] {
  const titles = opts.titles ?? [["associate-senior", 3], ["senior", 2]];
  const maxCap = new Map<string, number>();
  for (const r of receive) maxCap.set(r.dept, Math.max(maxCap.get(r.dept) ?? 0, r.capacity));
  const out: Mentor[] = [];
  for (const [dept, cap] of maxCap) {
    let n = cap + (rng.chance(opts.extra ?? 0.4) ? 1 : 0);
    if (opts.fewer?.includes(dept)) n = Math.max(1, cap - 1);
    for (let i = 1; i <= n; i++) {
      const id = `m-${unitKey}-${dept}-${i}`;
      out.push({ id, name: mentorName(id), dept, title: rng.weighted(titles), capacity: 1 });
    }
  }
  return out;
}

function rows(caps: Record<string, number>): ReceiveRow[] {
  return Object.entries(caps).map(([dept, capacity]) => ({ dept, capacity }));
}

function support(pools: Record<string, number>): SupportPool[] {
  return Object.entries(pools).map(([dept, perSlot]) => ({ dept, perSlot }));
}

// Typical sending-side headcount ranges of a township centre's departments.
const TOWN_STAFF: Record<string, readonly [number, number]> = {
  internal: [4, 7], "general-practice": [4, 8], surgery: [2, 4], "obstetrics-gynecology": [2, 3],
  pediatrics: [2, 3], emergency: [3, 5], imaging: [2, 3], lab: [2, 3], nursing: [8, 16], tcm: [2, 3],
  stomatology: [1, 2], ent: [1, 2], ophthalmology: [1, 2], pharmacy: [2, 3], orthopedics: [2, 3],
  rehabilitation: [2, 3], ultrasound: [2, 3], "public-health": [2, 4],
};

/**
 * Staffing rows of a sending unit: each listed department gets a headcount and
 * a minimum on duty. A department with `k` trainees keeps `staff ≥ k + 1`, and
 * its slack (staff − minOnDuty) is usually 1, so one trainee may leave but two
 * need support; where the unit's alliance lead can send that specialty, the
 * slack is sometimes 0 (every trainee then needs a specialist sent down).
 */
function staffing(
  rng: Rng, depts: readonly string[], traineeCount: Map<string, number>,
  supportable: ReadonlySet<string>, tightProb = 0.2, staffRange = TOWN_STAFF,
): StaffedDepartment[] {
  const out: StaffedDepartment[] = [];
  for (const dept of depts) {
    const [lo, hi] = staffRange[dept] ?? [2, 4];
    const k = traineeCount.get(dept) ?? 0;
    let staff = Math.max(rng.int(lo, hi), k + 1);
    let slack: number;
    if (k > 0) slack = supportable.has(dept) && rng.chance(tightProb) ? 0 : 1;
    else slack = rng.int(1, 2);
    if (staff - slack < 1) staff = slack + 1;
    out.push({ dept, staff, minOnDuty: staff - slack });
  }
  return out;
}

function countBy<T>(items: readonly T[], key: (t: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const it of items) m.set(key(it), (m.get(key(it)) ?? 0) + 1);
  return m;
}

// ---- trainees ----

function doctorTitle(rng: Rng, years: number): Title {
  if (years < 4) return "junior";
  if (years < 10) return rng.chance(0.85) ? "intermediate" : "junior";
  if (years < 16) return rng.chance(0.7) ? "intermediate" : "associate-senior";
  return rng.chance(0.5) ? "associate-senior" : "intermediate";
}

function education(rng: Rng, category: Category, license: License): Education {
  if (license === "village-doctor") return rng.weighted([["secondary", 5], ["junior-college", 4], ["bachelor", 1]]);
  if (category === "nursing") return rng.weighted([["junior-college", 5], ["bachelor", 5]]);
  if (category === "lab" || category === "imaging" || category === "pharmacy")
    return rng.weighted([["junior-college", 4], ["bachelor", 6]]);
  return rng.weighted([["junior-college", 2], ["bachelor", 7], ["master", 1]]);
}

/** Age and practice years consistent with each other (practice starts at 22–25). */
function ageAndYears(rng: Rng, ageLo: number, ageHi: number, minYears = 0): { age: number; years: number } {
  const age = rng.int(ageLo, ageHi);
  const maxYears = Math.max(minYears, age - rng.int(22, 25));
  return { age, years: rng.int(Math.min(minYears, maxYears), maxYears) };
}

// ---------------------------------------------------------------------------
// 1. 连云港 2024 基层骨干务实进修
// ---------------------------------------------------------------------------

interface LygCounty {
  id: string;
  name: string;
  /** Prefix of its township centres' names. */
  prefix: string;
  quota: number;
  /** Eligible / ineligible candidates proposed by the county. */
  eligible: number;
  ineligible: number;
  /** [town, type]: c 社区卫生服务中心, w 卫生院, z 中心卫生院. */
  towns: readonly (readonly [string, "c" | "w" | "z"])[];
  hospital?: { id: string; name: string; caps: Record<string, number> };
}

const LYG_COUNTIES: readonly LygCounty[] = [
  {
    id: "donghai", name: "东海县", prefix: "东海县", quota: 10, eligible: 13, ineligible: 1,
    towns: [["牛山街道", "c"], ["石榴街道", "c"], ["白塔埠镇", "z"], ["黄川镇", "w"], ["石梁河镇", "w"], ["青湖镇", "w"],
      ["温泉镇", "w"], ["双店镇", "w"], ["桃林镇", "z"], ["洪庄镇", "w"], ["安峰镇", "w"], ["房山镇", "w"]],
    hospital: {
      id: "donghai-hosp", name: "东海县人民医院",
      caps: { internal: 2, surgery: 1, orthopedics: 1, "general-practice": 1, emergency: 1, "obstetrics-gynecology": 1,
        pediatrics: 1, imaging: 1, lab: 1, nursing: 1, tcm: 1 },
    },
  },
  {
    id: "guanyun", name: "灌云县", prefix: "灌云县", quota: 9, eligible: 11, ineligible: 1,
    towns: [["伊山镇", "w"], ["杨集镇", "z"], ["燕尾港镇", "w"], ["同兴镇", "w"], ["四队镇", "w"], ["圩丰镇", "w"],
      ["龙苴镇", "w"], ["下车镇", "w"], ["图河镇", "w"], ["东王集镇", "w"], ["南岗乡", "w"]],
    hospital: {
      id: "guanyun-hosp", name: "灌云县人民医院",
      caps: { internal: 2, surgery: 1, "general-practice": 1, emergency: 1, "obstetrics-gynecology": 1,
        imaging: 1, lab: 1, nursing: 1, stomatology: 1 },
    },
  },
  {
    id: "guannan", name: "灌南县", prefix: "灌南县", quota: 7, eligible: 9, ineligible: 1,
    towns: [["新安镇", "w"], ["堆沟港镇", "w"], ["田楼镇", "w"], ["北陈集镇", "w"], ["张店镇", "w"], ["三口镇", "w"],
      ["孟兴庄镇", "w"], ["汤沟镇", "z"], ["百禄镇", "w"]],
    hospital: {
      id: "guannan-hosp", name: "灌南县人民医院",
      caps: { internal: 1, surgery: 1, "general-practice": 1, "obstetrics-gynecology": 1,
        imaging: 1, lab: 1, nursing: 1, ent: 1, tcm: 1 },
    },
  },
  {
    id: "ganyu", name: "赣榆区", prefix: "连云港市赣榆区", quota: 11, eligible: 14, ineligible: 2,
    towns: [["青口镇", "w"], ["柘汪镇", "w"], ["石桥镇", "w"], ["金山镇", "w"], ["黑林镇", "z"], ["厉庄镇", "w"],
      ["海头镇", "w"], ["塔山镇", "w"], ["赣马镇", "w"], ["班庄镇", "w"], ["城头镇", "w"], ["城西镇", "w"], ["宋庄镇", "w"]],
    hospital: {
      id: "ganyu-hosp", name: "连云港市赣榆区人民医院",
      caps: { internal: 2, surgery: 1, orthopedics: 1, "general-practice": 1, emergency: 1, "obstetrics-gynecology": 1,
        pediatrics: 1, imaging: 1, lab: 1, nursing: 1, stomatology: 1 },
    },
  },
  {
    id: "haizhou", name: "海州区", prefix: "连云港市海州区", quota: 7, eligible: 9, ineligible: 2,
    towns: [["海州街道", "c"], ["幸福路街道", "c"], ["朐阳街道", "c"], ["洪门街道", "c"], ["浦西街道", "c"], ["新东街道", "c"],
      ["浦南镇", "w"], ["锦屏镇", "w"]],
  },
  {
    id: "lianyun", name: "连云区", prefix: "连云港市连云区", quota: 3, eligible: 5, ineligible: 1,
    towns: [["墟沟街道", "c"], ["连云街道", "c"], ["板桥街道", "c"], ["海州湾街道", "c"]],
  },
  {
    id: "kaifaqu", name: "市开发区", prefix: "连云港经济技术开发区", quota: 1, eligible: 2, ineligible: 0,
    towns: [["猴嘴街道", "c"]],
  },
  {
    id: "xuwei", name: "徐圩新区", prefix: "连云港徐圩新区", quota: 1, eligible: 2, ineligible: 0,
    towns: [["徐圩街道", "c"]],
  },
  {
    id: "yuntaishan", name: "云台山景区", prefix: "连云港市云台山景区", quota: 1, eligible: 2, ineligible: 0,
    towns: [["宿城街道", "c"]],
  },
];

interface Profile {
  dept: string;
  category: Category;
  practice: Practice;
  licenses: readonly (readonly [License, number])[];
  wants: readonly (readonly string[])[];
}

const DOCTOR: readonly (readonly [License, number])[] = [["physician", 7], ["assistant", 3]];

const LYG_PROFILES: Record<string, Profile> = {
  internal: { dept: "internal", category: "clinical", practice: "western", licenses: DOCTOR,
    wants: [["internal"], ["internal"], ["internal", "emergency"], ["internal", "general-practice"]] },
  "general-practice": { dept: "general-practice", category: "clinical", practice: "western", licenses: DOCTOR,
    wants: [["general-practice", "internal"], ["general-practice"], ["emergency", "general-practice"]] },
  surgery: { dept: "surgery", category: "clinical", practice: "western", licenses: DOCTOR,
    wants: [["surgery"], ["orthopedics", "surgery"], ["surgery", "orthopedics"]] },
  "obstetrics-gynecology": { dept: "obstetrics-gynecology", category: "clinical", practice: "western",
    licenses: DOCTOR, wants: [["obstetrics-gynecology"]] },
  pediatrics: { dept: "pediatrics", category: "clinical", practice: "western", licenses: DOCTOR,
    wants: [["pediatrics"]] },
  emergency: { dept: "emergency", category: "clinical", practice: "western", licenses: DOCTOR,
    wants: [["emergency", "internal"], ["emergency"]] },
  tcm: { dept: "tcm", category: "clinical", practice: "tcm", licenses: DOCTOR, wants: [["tcm"]] },
  stomatology: { dept: "stomatology", category: "clinical", practice: "western", licenses: DOCTOR,
    wants: [["stomatology"]] },
  ent: { dept: "ent", category: "clinical", practice: "western", licenses: DOCTOR,
    wants: [["ent"], ["ent", "ophthalmology"]] },
  ophthalmology: { dept: "ophthalmology", category: "clinical", practice: "western", licenses: DOCTOR,
    wants: [["ophthalmology"]] },
  imaging: { dept: "imaging", category: "imaging", practice: "western",
    licenses: [["physician", 4], ["technician", 6]], wants: [["imaging"]] },
  lab: { dept: "lab", category: "lab", practice: "western", licenses: [["technician", 1]], wants: [["lab"]] },
  nursing: { dept: "nursing", category: "nursing", practice: "western", licenses: [["nurse", 1]],
    wants: [["nursing"]] },
  pharmacy: { dept: "pharmacy", category: "pharmacy", practice: "western", licenses: [["technician", 1]],
    wants: [["pharmacy"]] },
};

/** How many of the 67 eligible candidates come from each home department. */
const LYG_ELIGIBLE_MIX: Record<string, number> = {
  internal: 14, "general-practice": 10, surgery: 9, "obstetrics-gynecology": 5, pediatrics: 4, emergency: 3,
  tcm: 3, stomatology: 2, ent: 2, ophthalmology: 1, imaging: 5, lab: 4, nursing: 5,
};

type Ineligible = "age" | "age-boundary" | "years" | "license" | "pharmacy";
const LYG_INELIGIBLE: readonly (readonly [Ineligible, string])[] = [
  ["age", "internal"], ["age-boundary", "surgery"], ["years", "general-practice"], ["years", "nursing"],
  ["license", "internal"], ["license", "pediatrics"], ["pharmacy", "pharmacy"], ["pharmacy", "pharmacy"],
];

function lianyungang(): Instance {
  const rng = new Rng(20240701);
  const names = new NamePool(rng);
  const AGE_AT = "2024-07-01";
  const CAL = { start: "2024-07-01", end: "2024-11-01", granularity: "month" as const };

  const regions: Region[] = [
    { id: "lianyungang", name: "连云港市" },
    ...LYG_COUNTIES.map((c) => ({ id: c.id, name: c.name, parent: "lianyungang" })),
  ];

  // ---- township centres ----
  const towns: { unit: string; county: LygCounty; name: string }[] = [];
  for (const c of LYG_COUNTIES) {
    c.towns.forEach(([town, type], i) => {
      const suffix = type === "c" ? "社区卫生服务中心" : type === "z" ? "中心卫生院" : "卫生院";
      towns.push({ unit: `thc-${c.id}-${pad(i + 1)}`, county: c, name: `${c.prefix}${town}${suffix}` });
    });
  }

  // ---- candidates ----
  const eligibleProfiles = rng.shuffle(
    Object.entries(LYG_ELIGIBLE_MIX).flatMap(([dept, n]) => Array.from({ length: n }, () => dept)),
  );
  const ineligible = LYG_INELIGIBLE.slice();
  interface Draft { county: LygCounty; unit: string; dept: string; bad?: Ineligible }
  const drafts: Draft[] = [];
  for (const c of LYG_COUNTIES) {
    const myTowns = towns.filter((t) => t.county === c);
    for (let i = 0; i < c.eligible; i++) {
      drafts.push({ county: c, unit: rng.pick(myTowns).unit, dept: eligibleProfiles.pop()! });
    }
    for (let i = 0; i < c.ineligible; i++) {
      const [bad, dept] = ineligible.shift()!;
      drafts.push({ county: c, unit: rng.pick(myTowns).unit, dept, bad });
    }
  }
  if (eligibleProfiles.length || ineligible.length) throw new Error("lyg: candidate mix does not add up");
  drafts.sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
  drafts.sort((a, b) => LYG_COUNTIES.indexOf(a.county) - LYG_COUNTIES.indexOf(b.county));

  const CITY1 = "lyg-city-1", CITY2 = "lyg-city-2", CITY_TCM = "lyg-city-tcm", CITY_MCH = "lyg-city-mch";
  // A few candidates with a narrower availability (must start in August, or must start in July).
  const lateStart = new Set([7, 29, 51]);
  const earlyEnd = new Set([18, 62]);
  let eligibleBoundaryAge = false, eligibleBoundaryYears = false, tcmWantsTcmHospital = false;

  const trainees: Trainee[] = drafts.map((d, i) => {
    const p = LYG_PROFILES[d.dept];
    const sex: Sex = d.dept === "obstetrics-gynecology" || d.dept === "nursing"
      ? (rng.chance(0.9) ? "female" : "male")
      : rng.chance(0.5) ? "female" : "male";
    let { age, years } = ageAndYears(rng, 27, 49, 3);
    let birthDate = birthForAge(rng, AGE_AT, age);
    let license = rng.weighted(p.licenses);
    if (d.bad === "age") {
      age = rng.int(52, 55);
      years = age - rng.int(22, 24);
      birthDate = birthForAge(rng, AGE_AT, age);
    } else if (d.bad === "age-boundary") {
      birthDate = "1973-07-01"; // exactly 51 on 2024-07-01
      years = 27;
    } else if (d.bad === "years") {
      age = rng.int(24, 27);
      years = rng.int(1, 2);
      birthDate = birthForAge(rng, AGE_AT, age);
    } else if (d.bad === "license") {
      age = rng.int(25, 30);
      years = 3 + rng.int(0, 2);
      birthDate = birthForAge(rng, AGE_AT, age);
      license = "none";
    } else if (!eligibleBoundaryAge && d.dept === "internal") {
      eligibleBoundaryAge = true;
      birthDate = "1973-07-02"; // exactly 50 on 2024-07-01: still eligible
      years = 26;
    } else if (!eligibleBoundaryYears && d.dept === "general-practice") {
      eligibleBoundaryYears = true;
      years = 3; // exactly the minimum
    }
    const title: Title = p.category === "clinical" ? doctorTitle(rng, years)
      : years < 5 ? "junior" : years < 14 ? "intermediate" : rng.chance(0.5) ? "associate-senior" : "intermediate";
    const roles: string[] = [];
    if (!d.bad && years >= 5 && rng.chance(0.55)) roles.push("backbone");
    if (d.dept === "general-practice" && rng.chance(0.6)) roles.push("family-doctor");
    const depts = rng.pick(p.wants);
    let units: string[] | undefined;
    if (d.dept === "tcm" && !tcmWantsTcmHospital && !d.bad) {
      tcmWantsTcmHospital = true;
      units = [CITY_TCM]; // a wish the programme cannot grant (市中医院 is not a listed receiving kind)
    } else if (rng.chance(0.28)) {
      if (d.dept === "obstetrics-gynecology" || d.dept === "pediatrics") units = [CITY_MCH];
      else if (d.county.hospital && rng.chance(0.6)) units = [d.county.hospital.id];
      else units = [rng.pick([CITY1, CITY2])];
    }
    const t: Trainee = {
      id: `t-${pad(i + 1, 3)}`,
      name: names.name(sex),
      unit: d.unit,
      dept: d.dept,
      programme: "lyg-2024",
      category: p.category,
      practice: p.practice,
      birthDate,
      practiceYears: years,
      license,
      title,
      sex,
      education: education(rng, p.category, license),
      ...(roles.length ? { roles } : {}),
      wants: units ? { depts: [...depts], units } : { depts: [...depts] },
      ...(lateStart.has(i) ? { available: { from: "2024-08-01" } } : {}),
      ...(earlyEnd.has(i) ? { available: { to: "2024-10-01" } } : {}),
    };
    return t;
  });

  // ---- receiving hospitals ----
  const units: Unit[] = [];
  const cityRecv = (caps: Record<string, number>) => rows(caps);
  const city1Receive: ReceiveRow[] = [
    ...cityRecv({ internal: 3, surgery: 2, orthopedics: 1, "general-practice": 1 }),
    // 急诊科 takes one trainee in summer, two from September.
    { dept: "emergency", capacity: 1, from: "2024-07-01", to: "2024-09-01" },
    { dept: "emergency", capacity: 2, from: "2024-09-01", to: "2024-11-01" },
    ...cityRecv({ imaging: 1, lab: 1, ophthalmology: 1, pharmacy: 1 }),
  ];
  units.push({
    id: CITY1, name: "连云港市第一人民医院", tier: "city", kind: "general", region: "haizhou",
    receive: city1Receive,
    mentors: mentorsFor(rng, "c1", city1Receive, { fewer: ["internal"] }),
    support: support({ internal: 1, surgery: 1, "general-practice": 1 }),
  });
  const city2Receive = cityRecv({ internal: 2, surgery: 1, "general-practice": 1, ent: 1, stomatology: 1, nursing: 1 });
  units.push({
    id: CITY2, name: "连云港市第二人民医院", tier: "city", kind: "general", region: "lianyun",
    receive: city2Receive, mentors: mentorsFor(rng, "c2", city2Receive),
    support: support({ internal: 1, "general-practice": 1, pediatrics: 1 }),
  });
  const tcmReceive = cityRecv({ tcm: 2, internal: 1, orthopedics: 1 });
  units.push({
    id: CITY_TCM, name: "连云港市中医院", tier: "city", kind: "tcm", region: "haizhou",
    receive: tcmReceive, mentors: mentorsFor(rng, "ctcm", tcmReceive),
  });
  const mchReceive = cityRecv({ "obstetrics-gynecology": 2, pediatrics: 2 });
  units.push({
    id: CITY_MCH, name: "连云港市妇幼保健院", tier: "city", kind: "specialty", region: "haizhou",
    receive: mchReceive, mentors: mentorsFor(rng, "cmch", mchReceive),
  });
  const COUNTY_SUPPORT = { internal: 1, "general-practice": 1, surgery: 1, pediatrics: 1, "obstetrics-gynecology": 1 };
  for (const c of LYG_COUNTIES) {
    if (!c.hospital) continue;
    const receive: ReceiveRow[] = Object.entries(c.hospital.caps).map(([dept, capacity]) =>
      // 县医院护理部 starts taking trainees in August.
      dept === "nursing" ? { dept, capacity, from: "2024-08-01" } : { dept, capacity });
    units.push({
      id: c.hospital.id, name: c.hospital.name, tier: "county", kind: "general", region: c.id,
      receive, mentors: mentorsFor(rng, c.id, receive), support: support(COUNTY_SUPPORT),
    });
  }

  // ---- alliances (医共体 / 城市医联体) ----
  const relations: Relation[] = [];
  const leadOf = (c: LygCounty): string =>
    c.hospital ? c.hospital.id : c.id === "haizhou" || c.id === "lianyun" ? CITY1 : CITY2;
  for (const t of towns) relations.push({ type: "alliance", from: leadOf(t.county), to: t.unit });

  // ---- township centres with staffing ----
  const supportableBy = (lead: string): Set<string> =>
    new Set((units.find((u) => u.id === lead)?.support ?? []).map((s) => s.dept));
  const OPTIONAL = ["surgery", "obstetrics-gynecology", "pediatrics", "imaging", "lab", "tcm", "emergency", "stomatology"];
  for (const t of towns) {
    const mine = trainees.filter((x) => x.unit === t.unit);
    const counts = countBy(mine, (x) => x.dept);
    const depts = new Set(["internal", "general-practice", "nursing"]);
    for (const d of OPTIONAL) if (rng.chance(0.5)) depts.add(d);
    for (const d of counts.keys()) depts.add(d);
    const ordered = [...depts].sort((a, b) => Object.keys(TOWN_STAFF).indexOf(a) - Object.keys(TOWN_STAFF).indexOf(b));
    units.push({
      id: t.unit, name: t.name, tier: "township", kind: "general", region: t.county.id,
      departments: staffing(rng, ordered, counts, supportableBy(leadOf(t.county))),
    });
  }

  const programme: Programme = {
    id: "lyg-2024",
    name: "连云港市 2024 年基层医疗卫生机构骨干人员务实进修",
    ageAt: AGE_AT,
    eligibility: {
      tiers: ["township"], maxAge: 50, minPracticeYears: 3,
      licenses: ["physician", "assistant", "nurse", "technician"],
      categories: ["clinical", "imaging", "lab", "nursing"],
    },
    // 以市级、县级综合医院为主, 也可安排部分人员到专科医院: 市中医院 (kind tcm) is not a listed kind.
    receiving: { tiers: ["city", "county"], kinds: ["general", "specialty"] },
    duration: { min: { months: 3 }, max: { months: 3 } },
    window: { from: "2024-07-01", to: "2024-11-01" },
    mentor: { minTitle: "associate-senior" },
    priority: [
      { where: { homeDept: ["general-practice", "surgery"] }, add: 1 },
      { where: { role: ["backbone"] }, add: 1 },
    ],
    quotas: [
      ...LYG_COUNTIES.map((c) => ({ where: { homeRegion: [c.id] }, min: c.quota, max: c.quota, hard: false })),
      { where: {}, max: 50 },
      { where: { receivingTier: ["city"] as Tier[], receivingKind: ["general"] as Kind[] }, maxShare: 0.3 },
    ],
    coverage: [{ tier: "township", min: 1, hard: false }],
    budget: { cap: 150000, costs: [{ where: { receivingTier: ["city"] }, amount: 10000 }] },
  };

  return {
    version: 1,
    calendar: CAL,
    regions,
    units,
    relations,
    programmes: [programme],
    trainees,
  };
}

// ---------------------------------------------------------------------------
// 2. 浙江 万医进修 (three tracks, one instance each)
// ---------------------------------------------------------------------------

const ZJ_CAL = { start: "2024-01-01", end: "2025-01-01", granularity: "month" as const };
const ZJ_AGE_AT = "2024-01-01";

interface ZjCounty {
  id: string;
  name: string;
  mountain: boolean;
  hosp: string;
  hospName: string;
  second: { id: string; name: string; kind: Kind };
  towns: readonly (readonly [string, "c" | "w" | "z"])[];
}

const ZJ_COUNTIES: readonly ZjCounty[] = [
  {
    id: "leqing", name: "乐清市", mountain: false, hosp: "leqing-hosp", hospName: "乐清市人民医院",
    second: { id: "leqing-tcm", name: "乐清市中医院", kind: "tcm" },
    towns: [["柳市镇", "z"], ["虹桥镇", "z"], ["大荆镇", "w"], ["城东街道", "c"]],
  },
  {
    id: "ruian", name: "瑞安市", mountain: false, hosp: "ruian-hosp", hospName: "瑞安市人民医院",
    second: { id: "ruian-mch", name: "瑞安市妇幼保健院", kind: "specialty" },
    towns: [["塘下镇", "z"], ["飞云街道", "c"], ["马屿镇", "w"], ["湖岭镇", "w"]],
  },
  {
    id: "wencheng", name: "文成县", mountain: true, hosp: "wencheng-hosp", hospName: "文成县人民医院",
    second: { id: "wencheng-tcm", name: "文成县中医院", kind: "tcm" },
    towns: [["大峃镇", "w"], ["珊溪镇", "z"], ["玉壶镇", "w"], ["黄坦镇", "w"]],
  },
];

const PROV1 = "zj-prov-1", PROV2 = "zj-prov-2", PROV_TCM = "zj-prov-tcm", WZ1 = "wz-city-1", WZ_TCM = "wz-city-tcm";

const COUNTY_STAFF: Record<string, readonly [number, number]> = {
  cardiology: [8, 12], neurosurgery: [5, 8], ultrasound: [5, 8], pathology: [2, 4], "infectious-disease": [4, 6],
  pediatrics: [5, 9], "obstetrics-gynecology": [6, 10], geriatrics: [4, 6], rehabilitation: [3, 5], icu: [6, 10],
  emergency: [8, 12], tcm: [8, 14], internal: [10, 16], surgery: [10, 16], nursing: [40, 80],
};

interface ZjBase {
  regions: Region[];
  units: Unit[];
  relations: Relation[];
  towns: { unit: string; county: ZjCounty; name: string; town: string }[];
}

/** Geography, hospitals and ties shared by the three 浙江 tracks (identical in each file). */
function zhejiangBase(countyTraineeDepts: Map<string, Map<string, number>>, townTraineeDepts: Map<string, Map<string, number>>): ZjBase {
  const rng = new Rng(20240314);
  const regions: Region[] = [
    { id: "zhejiang", name: "浙江省" },
    { id: "hangzhou", name: "杭州市", parent: "zhejiang" },
    { id: "wenzhou", name: "温州市", parent: "zhejiang" },
    ...ZJ_COUNTIES.map((c) => ({
      id: c.id, name: c.name, parent: "wenzhou", flags: c.mountain ? ["mountain-island"] : [],
    })),
  ];
  const units: Unit[] = [];
  const upper = (
    id: string, key: string, name: string, tier: Tier, kind: Kind, region: string,
    caps: Record<string, number>, pools: Record<string, number>,
  ) => {
    const receive = rows(caps);
    units.push({
      id, name, tier, kind, region, receive, mentors: mentorsFor(rng, key, receive),
      ...(Object.keys(pools).length ? { support: support(pools) } : {}),
    });
  };
  upper(PROV1, "zy1", "浙江大学医学院附属第一医院", "provincial", "general", "hangzhou",
    { cardiology: 2, neurosurgery: 1, ultrasound: 1, pathology: 1, "infectious-disease": 1, icu: 1 },
    { pathology: 1, cardiology: 1, ultrasound: 1 });
  upper(PROV2, "zsr", "浙江省人民医院", "provincial", "general", "hangzhou",
    { cardiology: 1, geriatrics: 1, rehabilitation: 1, emergency: 1, "obstetrics-gynecology": 1, pediatrics: 1 },
    {});
  upper(PROV_TCM, "zstcm", "浙江省中医院", "provincial", "tcm", "hangzhou",
    { tcm: 2, rehabilitation: 1 }, { tcm: 1 });
  upper(WZ1, "wzr", "温州市人民医院", "city", "general", "wenzhou",
    { cardiology: 1, ultrasound: 1, pediatrics: 1, icu: 1, emergency: 1, neurosurgery: 1,
      "general-practice": 1, internal: 1, surgery: 1, orthopedics: 1, ophthalmology: 1 },
    { icu: 1, pediatrics: 1, emergency: 1 });
  upper(WZ_TCM, "wztcm", "温州市中医院", "city", "tcm", "wenzhou", { tcm: 1, rehabilitation: 1 }, {});

  const relations: Relation[] = [];
  const towns: ZjBase["towns"] = [];
  for (const c of ZJ_COUNTIES) {
    // County hospital: receives township / village trainees, leads the 县域医共体, sends staff down.
    const caps: Record<string, number> = c.mountain
      ? { "general-practice": 1, internal: 1, surgery: 1, orthopedics: 1, emergency: 1, pediatrics: 1, ultrasound: 1, nursing: 1 }
      : { "general-practice": 2, internal: 1, surgery: 1, orthopedics: 1, ophthalmology: 1, emergency: 1,
          pediatrics: 1, rehabilitation: 1, ultrasound: 1, nursing: 1 };
    const receive = rows(caps);
    const pools: Record<string, number> = c.mountain
      ? { "general-practice": 1, surgery: 1, internal: 1 }
      : { "general-practice": 2, surgery: 1, internal: 1, emergency: 1, pediatrics: 1 };
    const hospDepts = ["cardiology", "neurosurgery", "ultrasound", "pathology", "infectious-disease", "pediatrics",
      "obstetrics-gynecology", "geriatrics", "icu", "emergency", "internal", "surgery"];
    const hospCounts = countyTraineeDepts.get(c.hosp) ?? new Map<string, number>();
    for (const d of hospCounts.keys()) if (!hospDepts.includes(d)) hospDepts.push(d);
    // Departments an upper helper can cover (pools of the units holding an alliance/pairing to it).
    const helped = c.id === "wencheng" ? ["pathology", "cardiology", "ultrasound", "icu", "pediatrics", "emergency"]
      : c.id === "ruian" ? ["icu", "pediatrics", "emergency"] : [];
    units.push({
      id: c.hosp, name: c.hospName, tier: "county", kind: "general", region: c.id,
      departments: staffing(rng, hospDepts, hospCounts, new Set(helped), 0.35, COUNTY_STAFF),
      receive, mentors: mentorsFor(rng, c.id, receive, { titles: [["intermediate", 1], ["associate-senior", 3], ["senior", 1]] }),
      support: support(pools),
    });
    const secondCounts = countyTraineeDepts.get(c.second.id) ?? new Map<string, number>();
    const secondDepts = c.second.kind === "tcm"
      ? ["tcm", "rehabilitation", "internal"] : ["pediatrics", "obstetrics-gynecology", "ultrasound"];
    for (const d of secondCounts.keys()) if (!secondDepts.includes(d)) secondDepts.push(d);
    units.push({
      id: c.second.id, name: c.second.name, tier: "county", kind: c.second.kind, region: c.id,
      departments: staffing(rng, secondDepts, secondCounts, new Set(c.mountain ? ["tcm"] : []), 0.35, COUNTY_STAFF),
    });
    c.towns.forEach(([town, type], i) => {
      const id = `thc-${c.id}-${pad(i + 1)}`;
      const suffix = type === "c" ? "社区卫生服务中心" : type === "z" ? "中心卫生院" : "卫生院";
      towns.push({ unit: id, county: c, name: `${c.name}${town}${suffix}`, town });
      relations.push({ type: "alliance", from: c.hosp, to: id });
    });
  }
  // 城市医联体: 温州市人民医院 leads 瑞安市人民医院.
  relations.push({ type: "alliance", from: WZ1, to: "ruian-hosp" });
  // 山海提升: provincial and city helpers of the mountain county's hospitals.
  relations.push({ type: "pairing", from: PROV1, to: "wencheng-hosp" });
  relations.push({ type: "pairing", from: WZ1, to: "wencheng-hosp" });
  relations.push({ type: "pairing", from: PROV_TCM, to: "wencheng-tcm" });

  // Township centres: staffing (sending side) and small receive rows for village doctors.
  for (const t of towns) {
    const counts = townTraineeDepts.get(t.unit) ?? new Map<string, number>();
    const depts = new Set(["general-practice", "internal", "nursing", "public-health"]);
    for (const d of ["surgery", "pediatrics", "rehabilitation", "emergency", "ultrasound", "tcm"]) if (rng.chance(0.5)) depts.add(d);
    for (const d of counts.keys()) depts.add(d);
    const ordered = [...depts].sort((a, b) => Object.keys(TOWN_STAFF).indexOf(a) - Object.keys(TOWN_STAFF).indexOf(b));
    const pools = new Set(t.county.mountain ? ["general-practice", "surgery", "internal"]
      : ["general-practice", "surgery", "internal", "emergency", "pediatrics"]);
    const receive: ReceiveRow[] = [{ dept: "general-practice", capacity: 1 }];
    if (rng.chance(0.6)) receive.push({ dept: "tcm", capacity: 1 });
    if (rng.chance(0.5)) receive.push({ dept: "public-health", capacity: 1 });
    units.push({
      id: t.unit, name: t.name, tier: "township", kind: "general", region: t.county.id,
      departments: staffing(rng, ordered, counts, pools, 0.25),
      receive,
      mentors: mentorsFor(rng, t.unit.replace(/^thc-/, ""), receive,
        { titles: [["intermediate", 3], ["associate-senior", 1]], extra: 0 }),
    });
  }
  return { regions, units, relations, towns };
}

function zjFile(base: ZjBase, programme: Programme, trainees: Trainee[], extra?: { units?: Unit[]; relations?: Relation[] }): Instance {
  return {
    version: 1,
    calendar: ZJ_CAL,
    regions: base.regions,
    units: [...base.units, ...(extra?.units ?? [])],
    relations: [...base.relations, ...(extra?.relations ?? [])],
    programmes: [programme],
    trainees,
  };
}

// The three tracks' trainees are drawn first (their home departments shape the
// staffing rows of the shared base), then the base is built once per file.

interface ZjDraft { unit: string; parent?: string; dept: string; category: Category; practice: Practice; wants: string[]; bad?: "age" | "license" }

function zjCountyDrafts(rng: Rng): ZjDraft[] {
  const mk = (unit: string, dept: string, wants: string[], category: Category = "clinical", practice: Practice = "western"): ZjDraft =>
    ({ unit, dept, wants, category, practice });
  const general = (unit: string): ZjDraft[] => [
    mk(unit, "cardiology", rng.pick([["cardiology"], ["cardiology", "icu"]])),
    mk(unit, "neurosurgery", ["neurosurgery"]),
    mk(unit, "ultrasound", ["ultrasound"], "imaging"),
    mk(unit, "pathology", ["pathology"]),
    mk(unit, "icu", rng.pick([["icu"], ["icu", "emergency"]])),
    mk(unit, "emergency", ["emergency", "icu"]),
    mk(unit, rng.pick(["infectious-disease", "geriatrics"]), []),
  ];
  const drafts: ZjDraft[] = [];
  for (const c of ZJ_COUNTIES) {
    const g = general(c.hosp);
    for (const d of g) if (d.wants.length === 0) d.wants = [d.dept];
    if (c.mountain) g.push(mk(c.hosp, "cardiology", ["cardiology"]), mk(c.hosp, "pediatrics", ["pediatrics"]));
    drafts.push(...g);
    if (c.second.kind === "tcm") {
      drafts.push(mk(c.second.id, "tcm", ["tcm"], "clinical", "tcm"), mk(c.second.id, "tcm", ["tcm", "rehabilitation"], "clinical", "tcm"),
        mk(c.second.id, "rehabilitation", ["rehabilitation"], "clinical", "tcm"));
    } else {
      drafts.push(mk(c.second.id, "pediatrics", ["pediatrics"]), mk(c.second.id, "obstetrics-gynecology", ["obstetrics-gynecology"]),
        mk(c.second.id, "ultrasound", ["ultrasound"], "imaging"));
    }
  }
  // Four over-age candidates (ageAt 2024-01-01, maxAge 50).
  for (const i of [2, 9, 17, 24]) drafts[i].bad = "age";
  return drafts;
}

const ZJ_TOWN_WANTS: Record<string, readonly (readonly string[])[]> = {
  "general-practice": [["general-practice", "emergency"], ["general-practice", "internal"], ["general-practice"]],
  surgery: [["surgery"], ["surgery", "orthopedics"]],
  orthopedics: [["orthopedics"]],
  ophthalmology: [["ophthalmology"]],
  rehabilitation: [["rehabilitation"]],
  emergency: [["emergency"], ["emergency", "general-practice"]],
  internal: [["internal", "general-practice"], ["internal"]],
  pediatrics: [["pediatrics"]],
  nursing: [["nursing"]],
  ultrasound: [["ultrasound"]],
};
const ZJ_TOWN_MIX: Record<string, number> = {
  "general-practice": 8, surgery: 4, orthopedics: 2, ophthalmology: 2, rehabilitation: 2, emergency: 2,
  internal: 4, pediatrics: 2, nursing: 2, ultrasound: 2,
};

function zjTownDrafts(rng: Rng, towns: readonly { unit: string; county: ZjCounty }[]): ZjDraft[] {
  const depts = rng.shuffle(Object.entries(ZJ_TOWN_MIX).flatMap(([d, n]) => Array.from({ length: n }, () => d)));
  // Every centre proposes at least one candidate; the rest go to random centres.
  const homes = [...towns.map((t) => t.unit)];
  while (homes.length < depts.length) homes.push(rng.pick(towns).unit);
  const drafts = depts.map((dept, i): ZjDraft => ({
    unit: homes[i], dept, wants: [...rng.pick(ZJ_TOWN_WANTS[dept])],
    category: dept === "nursing" ? "nursing" : dept === "ultrasound" ? "imaging" : "clinical",
    practice: "western",
  }));
  drafts.sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
  for (const i of [4, 15, 26]) drafts[i].bad = "age";
  return drafts;
}

function zjTrainees(rng: Rng, names: NamePool, drafts: readonly ZjDraft[], programme: string, opts: {
  ageLo: number; ageHi: number; unitCounty: (unit: string) => ZjCounty; village?: boolean;
}): Trainee[] {
  return drafts.map((d, i) => {
    const sex: Sex = d.category === "nursing" || d.dept === "obstetrics-gynecology"
      ? "female" : rng.chance(0.5) ? "female" : "male";
    let { age, years } = ageAndYears(rng, opts.ageLo, opts.ageHi, 2);
    if (d.bad === "age") {
      age = rng.int(51, 56);
      years = age - rng.int(22, 25);
    }
    const birthDate = birthForAge(rng, ZJ_AGE_AT, age);
    let license: License;
    if (opts.village) {
      license = d.bad === "license" ? "none" : rng.weighted([["village-doctor", 7], ["assistant", 2], ["physician", 1]]);
    } else {
      license = d.category === "nursing" ? "nurse" : d.category === "imaging" && rng.chance(0.4) ? "technician"
        : rng.weighted([["physician", 8], ["assistant", 2]]);
    }
    const title: Title = opts.village ? (license === "village-doctor" ? "none" : rng.pick(["junior", "intermediate"] as const))
      : doctorTitle(rng, years);
    const roles: string[] = [];
    if (!opts.village && years >= 6 && rng.chance(0.45)) roles.push("backbone");
    if ((d.dept === "general-practice" || opts.village) && rng.chance(0.5)) roles.push("family-doctor");
    const c = opts.unitCounty(d.unit);
    let units: string[] | undefined;
    // 村医 go to their own township centre in principle (原则上由上一级乡镇卫生院承担).
    if (opts.village && d.parent && rng.chance(0.8)) units = [d.parent];
    if (!opts.village && rng.chance(0.25)) {
      units = [c.mountain ? rng.pick([PROV1, WZ1]) : rng.pick([PROV1, PROV2, WZ1])];
      if (d.practice === "tcm") units = [c.mountain ? PROV_TCM : WZ_TCM];
    }
    // Narrower availability for a few.
    let available: Trainee["available"];
    if (i % 9 === 4) available = { from: "2024-03-01" };
    else if (i % 11 === 7) available = { to: "2024-10-01" };
    const t: Trainee = {
      id: `t-${pad(i + 1, 3)}`,
      name: names.name(sex),
      unit: d.unit,
      dept: d.dept,
      programme,
      category: d.category,
      practice: d.practice,
      birthDate,
      practiceYears: years,
      license,
      title,
      sex,
      education: education(rng, d.category, license),
      ...(roles.length ? { roles } : {}),
      // 村级: 优先选派基础较弱或从业时间较短的青年医生.
      ...(opts.village && (years <= 5 || age < 35) ? { priority: 2 } : {}),
      wants: units ? { depts: d.wants, units } : { depts: d.wants },
      ...(available ? { available } : {}),
    };
    return t;
  });
}

const ZJ_VILLAGES = [
  "岭头", "溪口", "下庄", "上垟", "东岙", "西坑", "桥头", "塘岙", "前岸", "后垟", "山根", "南田", "黄坛", "石门", "双溪",
  "枫林", "竹坑", "梅园", "新屋", "上湾", "林岙", "外宅", "里阳", "垟头", "岩下", "沙岗", "洋湾", "茶园", "龙潭", "高岭",
  "泉坑", "樟树", "白岩", "西山", "东门", "陈岙",
];

function zhejiang(): { county: Instance; township: Instance; village: Instance } {
  const townsOnly = ZJ_COUNTIES.flatMap((c) => c.towns.map((_, i) => ({ unit: `thc-${c.id}-${pad(i + 1)}`, county: c })));
  const countyOf = (unit: string): ZjCounty => {
    const c = ZJ_COUNTIES.find((x) => x.hosp === unit || x.second.id === unit || unit.startsWith(`thc-${x.id}-`)
      || unit.startsWith(`vc-${x.id}-`));
    if (!c) throw new Error(`no county for ${unit}`);
    return c;
  };
  const byUnitDept = (drafts: readonly ZjDraft[]) => {
    const m = new Map<string, Map<string, number>>();
    for (const d of drafts) {
      if (!m.has(d.unit)) m.set(d.unit, new Map());
      const mm = m.get(d.unit)!;
      mm.set(d.dept, (mm.get(d.dept) ?? 0) + 1);
    }
    return m;
  };

  const countyDrafts = zjCountyDrafts(new Rng(5000));
  const townDrafts = zjTownDrafts(new Rng(3000), townsOnly);
  // The base's staffing rows must admit both tracks' trainees; build it from their union.
  const base = zhejiangBase(byUnitDept(countyDrafts), byUnitDept(townDrafts));

  // ---- county track ----
  const rc = new Rng(5001);
  const countyTrainees = zjTrainees(rc, new NamePool(rc), countyDrafts, "zj-county", {
    ageLo: 30, ageHi: 50, unitCounty: countyOf,
  });
  const countyProgramme: Programme = {
    id: "zj-county",
    name: "浙江省万名基层医生进修三年行动 · 县级医务人员进修提升行动 (2024)",
    ageAt: ZJ_AGE_AT,
    eligibility: { tiers: ["county"], maxAge: 50 },
    receiving: { tiers: ["provincial", "city"] },
    duration: { min: { months: 6 }, max: { months: 12 } },
    window: { from: "2024-01-01", to: "2025-01-01" },
    mentor: { minTitle: "associate-senior" },
    priority: [
      { where: { role: ["backbone"] }, add: 1 },
      { where: { homeDept: ["pediatrics", "pathology", "ultrasound", "icu", "infectious-disease"] }, add: 1 },
    ],
    quotas: [
      // 三年 ≥ 5,000 人次, 其中 32 个山区海岛县 ≥ 900: scaled to this example's size.
      { where: {}, min: 22, hard: false },
      { where: { homeRegionFlag: ["mountain-island"] }, min: 8, hard: false },
    ],
    coverage: [{ tier: "county", min: 1, hard: false }],
  };

  // ---- township track ----
  const rt = new Rng(3001);
  const townTrainees = zjTrainees(rt, new NamePool(rt), townDrafts, "zj-township", {
    ageLo: 28, ageHi: 50, unitCounty: countyOf,
  });
  const townProgramme: Programme = {
    id: "zj-township",
    name: "浙江省万名基层医生进修三年行动 · 乡镇(社区)医务人员进修提升行动 (2024)",
    ageAt: ZJ_AGE_AT,
    eligibility: { tiers: ["township"], maxAge: 50 },
    receiving: { tiers: ["provincial", "city", "county"], relations: ["alliance"], openTiers: ["city", "provincial"] },
    duration: { min: { months: 3 }, max: { months: 6 } },
    window: { from: "2024-01-01", to: "2025-01-01" },
    priority: [
      { where: { homeDept: ["general-practice", "surgery", "orthopedics", "ophthalmology", "rehabilitation", "emergency"] }, add: 1 },
    ],
    quotas: [
      // 三年 ≥ 3,000 人次, 其中山区海岛县 ≥ 500: scaled.
      { where: { homeRegionFlag: ["mountain-island"] }, min: 5, hard: false },
    ],
    coverage: [{ tier: "township", min: 1, hard: false }],
  };

  // ---- village track ----
  const rv = new Rng(1001);
  const villageUnits: Unit[] = [];
  const villageRelations: Relation[] = [];
  const villageNames = rv.shuffle(ZJ_VILLAGES);
  const villageDrafts: ZjDraft[] = [];
  for (const t of base.towns) {
    const n = rv.int(2, 3);
    for (let i = 1; i <= n; i++) {
      const id = `vc-${t.unit.replace(/^thc-/, "")}-${i}`;
      const v = villageNames.pop()!;
      const staff = rv.weighted([[1, 4], [2, 4], [3, 2]] as const);
      const trainees = staff === 1 ? 1 : rv.chance(0.3) ? 2 : 1;
      villageUnits.push({
        id, name: `${t.county.name}${t.town}${v}村卫生室`, tier: "village", kind: "general", region: t.county.id,
        departments: [{ dept: "general-practice", staff, minOnDuty: 1 }],
      });
      villageRelations.push({ type: "parent", from: t.unit, to: id });
      // 乡村一体化: the 医共体 lead also covers the village clinics (and can send a doctor down).
      villageRelations.push({ type: "alliance", from: t.county.hosp, to: id });
      for (let k = 0; k < trainees; k++) {
        villageDrafts.push({
          unit: id, parent: t.unit, dept: "general-practice", category: "clinical", practice: rv.chance(0.2) ? "tcm" : "western",
          wants: [...rv.pick([["general-practice"], ["general-practice", "tcm"], ["tcm", "general-practice"],
            ["public-health", "general-practice"], ["general-practice", "pediatrics"], ["emergency", "general-practice"]])],
        });
      }
    }
  }
  for (const i of [3, 20]) villageDrafts[i].bad = "license";
  const villageTrainees = zjTrainees(rv, new NamePool(rv), villageDrafts, "zj-village", {
    ageLo: 24, ageHi: 62, unitCounty: countyOf, village: true,
  });
  const villageProgramme: Programme = {
    id: "zj-village",
    name: "浙江省万名基层医生进修三年行动 · 村级医务人员进修提升行动 (2024)",
    ageAt: ZJ_AGE_AT,
    eligibility: { tiers: ["village"], licenses: ["physician", "assistant", "village-doctor"] },
    receiving: { tiers: ["township", "county"], relations: ["parent", "alliance"] },
    duration: { min: { months: 1 }, max: { months: 3 } },
    window: { from: "2024-01-01", to: "2025-01-01" },
    coverage: [{ tier: "village", min: 1, hard: false }],
  };

  return {
    county: zjFile(base, countyProgramme, countyTrainees),
    township: zjFile(base, townProgramme, townTrainees),
    village: zjFile(base, villageProgramme, villageTrainees, { units: villageUnits, relations: villageRelations }),
  };
}

// ---------------------------------------------------------------------------
// 3. 上海 社区医生进修 (weekly calendar, rotations)
// ---------------------------------------------------------------------------

function shanghai(): Instance {
  const rng = new Rng(20250303);
  const names = new NamePool(rng);
  const START = "2025-03-03"; // a Monday
  const END = addDays(START, 26 * 7); // 2025-09-01, a Monday
  const week = (n: number) => addDays(START, 7 * n);

  const regions: Region[] = [
    { id: "shanghai", name: "上海市" },
    { id: "yangpu", name: "杨浦区", parent: "shanghai" },
  ];
  const CENTRAL = "yp-central", SHIDONG = "yp-shidong", TCM = "yp-tcm";
  const centres = [
    ["chc-yinhang", "殷行"], ["chc-wujiaochang", "五角场"], ["chc-kongjiang", "控江"], ["chc-siping", "四平"],
    ["chc-changbai", "长白"], ["chc-daqiao", "大桥"], ["chc-dinghai", "定海"],
  ] as const;

  const units: Unit[] = [];
  const centralReceive: ReceiveRow[] = [
    ...rows({ "general-practice": 2 }),
    // 急诊科: one community doctor at a time until the end of June, two over the summer.
    { dept: "emergency", capacity: 1, from: START, to: "2025-06-30" },
    { dept: "emergency", capacity: 2, from: "2025-06-30", to: END },
    ...rows({ cardiology: 1, endocrinology: 1, respiratory: 1, pediatrics: 1, ent: 1, stomatology: 1, rehabilitation: 1 }),
  ];
  const shidongReceive: ReceiveRow[] = [
    ...rows({ "general-practice": 2 }),
    // 市东医院急诊科 takes community doctors in spring only (8 weeks): with the central
    // hospital's single place until July, the emergency blocks of the GPs compete.
    { dept: "emergency", capacity: 1, from: START, to: "2025-04-28" },
    ...rows({ cardiology: 1, geriatrics: 1, pediatrics: 1, ent: 1, stomatology: 1, rehabilitation: 1 }),
  ];
  const tcmReceive = rows({ tcm: 2, "general-practice": 1, emergency: 1, rehabilitation: 1, acupuncture: 1 });
  // A few 主治医师 (intermediate) also teach, but do not meet the programme's 副高 rule.
  const withJunior = (ms: Mentor[], key: string, depts: readonly string[]): Mentor[] =>
    [...ms, ...depts.map((dept) => ({ id: `m-${key}-${dept}-attending`, name: mentorName(`m-${key}-${dept}-attending`), dept, title: "intermediate" as const, capacity: 1 }))];
  units.push({
    id: CENTRAL, name: "上海市杨浦区中心医院", tier: "city", kind: "general", region: "yangpu",
    receive: centralReceive,
    mentors: withJunior(mentorsFor(rng, "central", centralReceive, { extra: 0.3 }), "central", ["emergency"]),
    support: support({ "general-practice": 1, pediatrics: 1, ent: 1 }),
  });
  units.push({
    id: SHIDONG, name: "上海市杨浦区市东医院", tier: "city", kind: "general", region: "yangpu",
    receive: shidongReceive,
    mentors: withJunior(mentorsFor(rng, "shidong", shidongReceive, { extra: 0.3 }), "shidong", ["general-practice"]),
    support: support({ "general-practice": 1, pediatrics: 1, ent: 1, stomatology: 1 }),
  });
  units.push({
    id: TCM, name: "上海市杨浦区中医医院", tier: "city", kind: "tcm", region: "yangpu",
    receive: tcmReceive, mentors: mentorsFor(rng, "tcm", tcmReceive, { extra: 0.3 }),
    support: support({ tcm: 1, rehabilitation: 1 }),
  });

  // ---- trainees ----
  interface Draft { unit: string; dept: string; practice: Practice; wants: string[]; last?: string }
  const gpWants = [["general-practice", "cardiology"], ["general-practice"], ["general-practice", "endocrinology"],
    ["general-practice", "geriatrics"]];
  const drafts: Draft[] = [];
  const centreIds = centres.map(([id]) => id);
  // Two GPs per centre for four centres, one for three: 11 GPs; one of them a 中医全科 doctor.
  centreIds.forEach((c, i) => {
    drafts.push({ unit: c, dept: "general-practice", practice: "western", wants: [...rng.pick(gpWants)] });
    if (i < 4) drafts.push({ unit: c, dept: "general-practice", practice: "western", wants: [...rng.pick(gpWants)] });
  });
  drafts[5] = { ...drafts[5], practice: "tcm", wants: ["general-practice", "tcm"] };
  const others: [string, Practice, string[]][] = [
    ["pediatrics", "western", ["pediatrics"]], ["pediatrics", "western", ["pediatrics"]], ["pediatrics", "western", ["pediatrics"]],
    ["ent", "western", ["ent"]], ["ent", "western", ["ent"]],
    ["stomatology", "western", ["stomatology"]], ["stomatology", "western", ["stomatology"]],
    ["tcm", "tcm", ["tcm"]], ["tcm", "tcm", ["tcm", "rehabilitation"]],
    ["rehabilitation", "western", ["rehabilitation"]], ["rehabilitation", "tcm", ["rehabilitation", "tcm"]],
  ];
  const shuffledCentres = rng.shuffle(centreIds);
  others.forEach(([dept, practice, wants], i) =>
    drafts.push({ unit: shuffledCentres[i % shuffledCentres.length], dept, practice, wants }));
  drafts.sort((a, b) => centreIds.indexOf(a.unit as (typeof centreIds)[number]) - centreIds.indexOf(b.unit as (typeof centreIds)[number]));
  // 每五年进修一次: last placement ends (ageAt = calendar start 2025-03-03).
  const lastEnds: Record<number, string> = {
    1: "2021-08-31",   // 3 years: ineligible
    6: "2020-03-04",   // 4 years, one day short: ineligible
    9: "2020-03-03",   // exactly 5 years: eligible
    12: "2023-01-01",  // ineligible
    15: "2018-12-31",  // eligible
    19: "2016-06-30",  // eligible
  };
  const trainees: Trainee[] = drafts.map((d, i) => {
    const sex: Sex = rng.chance(0.6) ? "female" : "male";
    const { age, years } = ageAndYears(rng, 29, 52, 3);
    const license: License = rng.chance(0.9) ? "physician" : "assistant";
    const roles: string[] = [];
    if (d.dept === "general-practice") roles.push("family-doctor");
    if (years >= 8 && rng.chance(0.4)) roles.push("backbone");
    let available: Trainee["available"];
    if (i % 7 === 3) available = { from: week(4) };
    else if (i % 8 === 6) available = { to: week(22) };
    const prefUnit = d.practice === "tcm" ? TCM : rng.pick([CENTRAL, SHIDONG]);
    return {
      id: `t-${pad(i + 1)}`,
      name: names.name(sex),
      unit: d.unit,
      dept: d.dept,
      programme: "sh-community",
      category: "clinical" as const,
      practice: d.practice,
      birthDate: birthForAge(rng, START, age),
      practiceYears: years,
      license,
      title: doctorTitle(rng, years),
      sex,
      education: rng.weighted([["bachelor", 6], ["master", 3], ["doctorate", 1]] as const),
      ...(roles.length ? { roles } : {}),
      wants: rng.chance(0.35) ? { depts: d.wants, units: [prefUnit] } : { depts: d.wants },
      ...(available ? { available } : {}),
      ...(lastEnds[i] ? { lastPlacementEnd: lastEnds[i] } : {}),
    };
  });

  // ---- community health centres ----
  const relations: Relation[] = [];
  const teams: Team[] = [];
  const SH_STAFF: Record<string, readonly [number, number]> = {
    "general-practice": [14, 24], pediatrics: [2, 3], ent: [1, 2], stomatology: [2, 4], tcm: [3, 5], rehabilitation: [2, 3],
  };
  centres.forEach(([id, street], ci) => {
    const mine = trainees.filter((t) => t.unit === id);
    const counts = countBy(mine, (t) => t.dept);
    const depts = ["general-practice", "pediatrics", "stomatology", "tcm", "rehabilitation", "ent"];
    const departments = depts.map((dept): StaffedDepartment => {
      const [lo, hi] = SH_STAFF[dept];
      const k = counts.get(dept) ?? 0;
      const staff = Math.max(rng.int(lo, hi), k + 1);
      // 儿科/五官科 are thin: whoever leaves must be covered by a specialist sent down.
      const slack = dept === "general-practice" ? 3 : dept === "pediatrics" || dept === "ent" ? 0 : 1;
      return { dept, staff, minOnDuty: staff - slack };
    });
    units.push({
      id, name: `上海市杨浦区${street}社区卫生服务中心`, tier: "township", kind: "general", region: "yangpu", departments,
    });
    relations.push({ type: "alliance", from: ci < 4 ? CENTRAL : SHIDONG, to: id });
    relations.push({ type: "pairing", from: TCM, to: id });
    // Family-doctor teams: each GP trainee is in one; a second team where two GPs share.
    const gps = mine.filter((t) => t.dept === "general-practice").map((t) => t.id);
    if (gps.length === 0) return;
    if (gps.length >= 2 && ci % 2 === 0) {
      const size = rng.int(4, 5);
      teams.push({ id: `fd-${id.replace(/^chc-/, "")}-1`, unit: id, size, minOnDuty: size - 1, members: gps });
    } else {
      gps.forEach((g, k) => {
        const size = rng.int(3, 5);
        teams.push({ id: `fd-${id.replace(/^chc-/, "")}-${k + 1}`, unit: id, size, minOnDuty: size - 1, members: [g] });
      });
    }
  });

  const programme: Programme = {
    id: "sh-community",
    name: "上海市社区医生至上级医院进修 (杨浦区 2025 年)",
    eligibility: { tiers: ["township"], licenses: ["physician", "assistant"], categories: ["clinical"], minYearsSinceLast: 5 },
    receiving: { tiers: ["city"], tcmToTcm: true },
    duration: { min: { weeks: 12 }, max: { weeks: 24 } },
    window: { from: START, to: END },
    mentor: { minTitle: "associate-senior" },
    rotations: {
      count: { min: 2, max: 3 },
      each: { min: { weeks: 4 } },
      required: [{ dept: "emergency", min: { weeks: 2 }, max: { weeks: 4 }, when: { homeDept: ["general-practice"] } }],
    },
  };

  return {
    version: 1,
    calendar: { start: START, end: END, granularity: "week" },
    regions,
    units,
    relations,
    teams,
    programmes: [programme],
    trainees,
  };
}

// ---------------------------------------------------------------------------
// write
// ---------------------------------------------------------------------------

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, "..");

function write(file: string, instance: Instance): void {
  const path = join(outDir, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(instance, null, 2) + "\n");
  console.log(`wrote examples/${file}: ${instance.units.length} units, ${instance.trainees.length} trainees`);
}

const zj = zhejiang();
write("lianyungang-2024.json", lianyungang());
write("zhejiang-county-track.json", zj.county);
write("zhejiang-township-track.json", zj.township);
write("zhejiang-village-track.json", zj.village);
write("shanghai-community.json", shanghai());
write("zhejiang-three-year.json", zhejiangProvince({ seed: 2024, years: 3, scale: 0.05 }));
