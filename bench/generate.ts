/**
 * Seeded instance generator for benchmarks: a city (or a province of cities)
 * of counties, each with a county hospital leading an alliance (医共体) of
 * township centres, city and provincial hospitals above, trainees at the
 * township centres, staffing rules and support pools (上修下沉), per-county
 * soft quotas, a 30 % cap on city general hospitals, coverage and a budget.
 */
import type { Instance, Programme, Quota, Region, Relation, Trainee, Unit } from "../src/index.js";

export interface GenerateOptions {
  readonly seed: number;
  /** Number of candidate trainees (approximate). */
  readonly trainees: number;
  /** Calendar months (4: one 连云港-style season; 12: a year; 36: three years). */
  readonly months: number;
  /** Placement length in months: `[min, max]`. */
  readonly duration: readonly [number, number];
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DEPTS = ["internal", "surgery", "general-practice", "pediatrics", "obstetrics-gynecology", "emergency", "orthopedics", "imaging", "lab", "tcm"];

export function generate(o: GenerateOptions): Instance {
  const rnd = mulberry32(o.seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const int = (a: number, b: number) => a + Math.floor(rnd() * (b - a + 1));
  const pad = (n: number, w = 4) => String(n).padStart(w, "0");

  const traineesPerTownship = 1.3;
  const townships = Math.max(4, Math.round(o.trainees / traineesPerTownship));
  const perCounty = 9;
  const counties = Math.max(1, Math.round(townships / perCounty));
  const cities = Math.max(1, Math.round(counties / 9));
  const start = "2024-01-01";
  const endYear = 2024 + Math.floor(o.months / 12);
  const endMonth = (o.months % 12) + 1;
  const end = `${endYear}-${String(endMonth).padStart(2, "0")}-01`;

  const regions: Region[] = [{ id: "prov", name: "省" }];
  const units: Unit[] = [];
  const relations: Relation[] = [];
  const receive = (scale: number) =>
    DEPTS.filter(() => rnd() < 0.8).map((dept) => ({ dept, capacity: Math.max(1, Math.round(scale * (0.5 + rnd()))) }));
  const mentors = (prefix: string, rows: { dept: string; capacity: number }[]) =>
    rows.flatMap((r) => Array.from({ length: r.capacity }, (_, i) => ({ id: `${prefix}-${r.dept}-m${i}`, dept: r.dept, title: pick(["associate-senior", "senior"] as const) })));

  const provincial = Math.max(1, Math.round(cities / 3));
  for (let p = 0; p < provincial; p++) {
    const rows = receive(2 + o.trainees / 400);
    units.push({ id: `prov-h${p}`, name: `省级医院${p}`, tier: "provincial", kind: "general", region: "prov", receive: rows, mentors: mentors(`prov-h${p}`, rows) });
  }
  let tid = 0;
  const trainees: Trainee[] = [];
  const countyIds: string[] = [];
  for (let c = 0; c < cities; c++) {
    const city = `city${c}`;
    regions.push({ id: city, name: `市${c}`, parent: "prov" });
    for (const kind of ["general", "general", "specialty"] as const) {
      const id = `${city}-h${units.length}`;
      const rows = receive(kind === "specialty" ? 1 : 2);
      units.push({ id, name: `市医院${id}`, tier: "city", kind, region: city, receive: rows, mentors: mentors(id, rows), support: [{ dept: "internal", perSlot: 1 }] });
    }
    const cityHospitals = units.filter((u) => u.region === city && u.tier === "city").map((u) => u.id);
    const nCounties = c === cities - 1 ? counties - (cities - 1) * Math.round(counties / cities) : Math.round(counties / cities);
    for (let k = 0; k < Math.max(1, nCounties); k++) {
      const county = `${city}-county${k}`;
      countyIds.push(county);
      regions.push({ id: county, name: `县${k}`, parent: city, flags: rnd() < 0.3 ? ["mountain-island"] : [] });
      const hosp = `${county}-hosp`;
      const rows = receive(1.2);
      units.push({
        id: hosp, name: `县人民医院${county}`, tier: "county", kind: "general", region: county, receive: rows, mentors: mentors(hosp, rows),
        support: [{ dept: "internal", perSlot: 1 }, { dept: "general-practice", perSlot: 1 }],
      });
      relations.push({ type: "alliance", from: pick(cityHospitals), to: hosp });
      for (let t = 0; t < perCounty; t++) {
        const id = `${county}-thc${t}`;
        units.push({
          id, name: `乡镇卫生院${id}`, tier: "township", kind: "general", region: county,
          departments: [{ dept: "internal", staff: int(2, 5), minOnDuty: 2 }, { dept: "general-practice", staff: int(2, 4), minOnDuty: 1 }],
        });
        relations.push({ type: "alliance", from: hosp, to: id });
        const n = rnd() < traineesPerTownship - 1 ? 2 : 1;
        for (let i = 0; i < n; i++) {
          const dept = pick(["internal", "internal", "general-practice", "general-practice", "surgery", "pediatrics"]);
          const age = int(26, 54);
          trainees.push({
            id: `t${pad(tid++, 5)}`, unit: id, dept, programme: "township", category: "clinical", practice: rnd() < 0.1 ? "tcm" : "western",
            birthDate: `${2024 - age}-${String(int(1, 12)).padStart(2, "0")}-15`, practiceYears: int(1, 20), license: pick(["physician", "physician", "assistant"] as const),
            roles: rnd() < 0.3 ? ["backbone"] : [], wants: { depts: rnd() < 0.5 ? [dept, pick(DEPTS)].filter((d, j, a) => a.indexOf(d) === j) : [dept] },
          });
        }
      }
    }
  }
  const quotas: Quota[] = countyIds.map((county) => {
    const n = trainees.filter((t) => t.unit.startsWith(`${county}-`)).length;
    return { where: { homeRegion: [county] }, min: Math.max(1, Math.floor(n * 0.6)), hard: false };
  });
  quotas.push({ where: { receivingTier: ["city"], receivingKind: ["general"] }, maxShare: 0.3 });
  const programme: Programme = {
    id: "township", name: "基层骨干进修",
    eligibility: { tiers: ["township"], maxAge: 50, minPracticeYears: 3, licenses: ["physician", "assistant"], categories: ["clinical"] },
    receiving: { tiers: ["provincial", "city", "county"], kinds: ["general", "specialty"], relations: ["alliance"], openTiers: ["city", "provincial"], tcmToTcm: false },
    duration: { min: { months: o.duration[0] }, max: { months: o.duration[1] } },
    mentor: { minTitle: "associate-senior" },
    priority: [{ where: { homeDept: ["general-practice", "surgery"] }, add: 1 }, { where: { role: ["backbone"] }, add: 1 }],
    quotas,
    coverage: [{ tier: "township", min: 1, hard: false }],
    budget: { cap: Math.round(trainees.length * 0.3) * 10000, costs: [{ where: { receivingTier: ["city", "provincial"] }, amount: 10000 }] },
  };
  return { version: 1, calendar: { start, end, granularity: "month" }, regions, units, relations, programmes: [programme], trainees };
}
