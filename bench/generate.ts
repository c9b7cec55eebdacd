/**
 * Seeded instance generators for benchmarks. Same options and seed, same
 * instance, byte for byte (one mulberry32 stream per instance, no clock, no
 * Math.random).
 *
 * `generate`: one township programme. A city (or a province of cities) of
 * counties, each with a county hospital leading an alliance (医共体) of
 * township centres, city and provincial hospitals above, trainees at the
 * township centres, staffing rules and support pools (上修下沉), per-county
 * soft quotas, a 30 % cap on city general hospitals, coverage and a budget.
 * Geography follows the trainee count (1.3 trainees per township, 9 townships
 * per county, 9 counties per city) unless `cities` / `counties` /
 * `townshipsPerCounty` fix it; then the trainees are spread over the given
 * townships.
 *
 * `zhejiang`: the 浙江 万医进修 action plan (seeds/000, SPEC §8) at province
 * scale — three tracks, ~1,700 units, ~100 regions; see its doc comment.
 *
 * `shape`: the counts a benchmark reports about an instance (units, regions,
 * trainees per programme, receive seat-months against trainee-months demanded).
 */
import type { Instance, Mentor, Programme, Quota, ReceiveRow, Region, Relation, StaffedDepartment, SupportPool, Trainee, Unit } from "../src/index.js";

export interface GenerateOptions {
  readonly seed: number;
  /** Number of candidate trainees (approximate). */
  readonly trainees: number;
  /** Calendar months (4: one 连云港-style season; 12: a year; 36: three years). */
  readonly months: number;
  /** Placement length in months: `[min, max]`. */
  readonly duration: readonly [number, number];
  /** Number of cities. Default: counties / 9. */
  readonly cities?: number;
  /** Number of counties in all (spread evenly over the cities). Default: townships / `townshipsPerCounty`. */
  readonly counties?: number;
  /** Township centres per county. Default 9. */
  readonly townshipsPerCounty?: number;
}

/** mulberry32: a tiny, well-distributed 32-bit PRNG (also the examples generator's). */
export function mulberry32(seed: number): () => number {
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

  // Without geography options: the historical derivation, kept exactly (the bench
  // instances must not change). With any of them: the trainees spread over the
  // given townships, `floor(q)` or `floor(q) + 1` each (q = trainees per township).
  const fixed = o.cities !== undefined || o.counties !== undefined || o.townshipsPerCounty !== undefined;
  const townships = Math.max(4, Math.round(o.trainees / 1.3));
  const perCounty = Math.max(1, Math.round(o.townshipsPerCounty ?? 9));
  const counties = Math.max(1, Math.round(o.counties ?? townships / perCounty));
  const cities = Math.max(1, Math.min(counties, Math.round(o.cities ?? counties / 9)));
  const traineesPerTownship = fixed ? o.trainees / (counties * perCounty) : 1.3;
  const countiesOf = (c: number) =>
    fixed
      ? Math.floor(counties / cities) + (c < counties % cities ? 1 : 0)
      : c === cities - 1 ? counties - (cities - 1) * Math.round(counties / cities) : Math.round(counties / cities);
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
    const nCounties = countiesOf(c);
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
        const whole = Math.floor(traineesPerTownship);
        const n = whole + (rnd() < traineesPerTownship - whole ? 1 : 0);
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

// ---------------------------------------------------------------------------
// 浙江 万医进修 (seeds/000): the province at full scale
// ---------------------------------------------------------------------------

export interface ZhejiangOptions {
  readonly seed: number;
  /** 1: the 2024 plan, 12 months, ~3,700 trainees. 3: the whole 2024–2026 action plan, 36 months, ~10,000. Default 1. */
  readonly years?: 1 | 3;
  /**
   * Shrinks every count (provincial hospitals, cities, counties, trainees) proportionally,
   * for tests; at least one of each. Default 1. Small instances stray more from the
   * sizing, as capacities are rounded at random.
   */
  readonly scale?: number;
  /** Receive seat-months offered per trainee-month demanded at minimum durations. Default 1.05. */
  readonly supply?: number;
}

/** The 11 cities with their number of county-level divisions (90 in all). */
const ZJ_CITIES: readonly (readonly [string, string, number])[] = [
  ["hangzhou", "杭州市", 13], ["ningbo", "宁波市", 10], ["wenzhou", "温州市", 12], ["jiaxing", "嘉兴市", 7],
  ["huzhou", "湖州市", 5], ["shaoxing", "绍兴市", 6], ["jinhua", "金华市", 9], ["quzhou", "衢州市", 6],
  ["zhoushan", "舟山市", 4], ["taizhou", "台州市", 9], ["lishui", "丽水市", 9],
];
/** County track: the specialties the action plan names (外转病种, 一老一小, new techniques, 中医). */
const COUNTY_DEPTS = ["cardiology", "neurosurgery", "ultrasound", "pathology", "infectious-disease", "pediatrics", "obstetrics-gynecology", "geriatrics", "rehabilitation", "icu", "emergency", "tcm"];
/** Township track: 全科、外科、骨科、眼科、康复、急诊急救, plus common clinical departments. */
const TOWNSHIP_DEPTS = ["general-practice", "internal", "surgery", "orthopedics", "ophthalmology", "rehabilitation", "emergency", "pediatrics", "imaging", "tcm"];
const UPPER_DEPTS = [...new Set([...COUNTY_DEPTS, ...TOWNSHIP_DEPTS])];
const SCARCE = ["pediatrics", "pathology", "ultrasound", "icu", "infectious-disease"];
const TOWNSHIP_PRIORITY = ["general-practice", "surgery", "orthopedics", "ophthalmology", "rehabilitation", "emergency"];
/** 3-year targets of the action plan: county ≥ 5,000 (≥ 900 mountain-island), township ≥ 3,000 (≥ 500), village ≥ 3,000. */
const TARGETS = { county: 5000, countyMI: 900, township: 3000, townshipMI: 500, village: 3000 } as const;

interface Draft {
  readonly unit: Pick<Unit, "id" | "name" | "tier" | "kind" | "region">;
  /** Departments it can host (receiving side), before sizing. */
  readonly hosts: readonly string[];
  /** Relative share of its class's demand. */
  readonly weight: number;
  /** Seat-months per department to offer over the horizon, filled in from the demand. */
  readonly seatMonths: Map<string, number>;
  support?: SupportPool[];
  /** Trainees per home department (sending side). */
  readonly sending: Map<string, number>;
}

/**
 * 浙江省万名基层医生进修三年行动 (2024–2026) at province scale, for benchmarks.
 *
 * Shape at `scale: 1`:
 * - regions: the province, 11 cities, 90 counties (by each city's real number of
 *   county-level divisions); 32 of them, chosen at random, flagged `mountain-island`.
 * - units (~1,680): 12 provincial hospitals (general, TCM, specialty); per city two
 *   general hospitals, a TCM and a maternal-child (specialty) hospital; per county a
 *   people's (general) and a TCM hospital; 6–10 township centres per county, each
 *   with 0–2 village clinics.
 * - relations: city general → county general and city TCM → county TCM (alliance,
 *   城市医联体); a provincial hospital → each mountain-island county hospital (pairing,
 *   山海提升); county general hospital → its townships (alliance, 医共体; in ~30 % of
 *   counties the TCM hospital leads a second alliance of a third of them); township →
 *   its village clinics (parent).
 * - trainees: ~3,700 (years 1, 2024-01-01..2025-01-01) or ~10,000 (years 3,
 *   2024-01-01..2027-01-01): 45 % county track (from county hospitals), 30 % township
 *   track (from township centres), 25 % village track (from village clinics); ages
 *   25–55 in the first two (about a sixth over 50, so ineligible), a few unlicensed
 *   village workers.
 * - programmes (SPEC §8): `zj-county` county staff ≤ 50 at provincial/city units,
 *   6–12 months, mentor ≥ associate-senior; `zj-township` township staff ≤ 50 at the
 *   alliance lead or city+, 3–6 months, mentor, ≤ 30 % at city general hospitals,
 *   ¥10,000 per city+ placement within a budget for 30 % of the track; `zj-village`
 *   village doctors at the parent township centre, 1–3 months. Each has soft `min`
 *   quotas — the policy's targets × 0.65 × trainees / 11,000 (so about 60–70 % of
 *   each track's trainees; at years 1, 37 % of the years-3 rows) — and a
 *   soft coverage row (every county hospital / township centre / village clinic).
 * - receiving: each department's capacity is sized from the trainee-months its
 *   trainees demand at minimum durations (first-choice department; 30 % of the
 *   township track's demand at city+, the rest at the alliance lead, or all at city+
 *   where the lead does not host that department) times `supply`,
 *   split with noise over the units hosting it and rounded stochastically; at years 3
 *   one row per year. Township centres host village doctors in `general-practice`,
 *   capacity 1 for a window of a few months each year. A mentor per seat (title
 *   associate-senior or senior), sometimes an extra intermediate one who cannot mentor.
 * - staffing: every sending department with trainees has a rule that lets about half
 *   of them be away at once (none, at a quarter of township and a tenth of county
 *   departments); county leads, city and provincial hospitals have support pools.
 */
export function zhejiang(o: ZhejiangOptions): Instance {
  const years = o.years ?? 1;
  const scale = o.scale ?? 1;
  const supply = o.supply ?? 1.05;
  const rnd = mulberry32(o.seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const int = (a: number, b: number) => a + Math.floor(rnd() * (b - a + 1));
  const chance = (p: number) => rnd() < p;
  /** Rounds x up with probability frac(x): right on average. */
  const roundRandom = (x: number) => Math.floor(x) + (chance(x - Math.floor(x)) ? 1 : 0);
  const subset = <T>(xs: readonly T[], p: number, keep: readonly T[] = []) => xs.filter((x) => keep.includes(x) || chance(p));
  const pad = (n: number, w = 5) => String(n).padStart(w, "0");
  const months = 12 * years;
  const start = "2024-01-01";
  const end = `${2024 + years}-01-01`;

  // ---- geography ----
  const nCities = Math.max(1, Math.round(ZJ_CITIES.length * scale));
  const nCounties = Math.max(nCities, Math.round(90 * scale));
  const nProvincial = Math.max(1, Math.round(12 * scale));
  // Counties per city in proportion to the real ones (largest remainder).
  const cityInfo = Array.from({ length: nCities }, (_, c) => ZJ_CITIES[c % ZJ_CITIES.length]);
  const realTotal = cityInfo.reduce((s, c) => s + c[2], 0);
  const exact = cityInfo.map((c) => (c[2] * nCounties) / realTotal);
  const countiesPerCity = exact.map((x) => Math.max(1, Math.floor(x)));
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; countiesPerCity.reduce((s, n) => s + n, 0) < nCounties; k++) countiesPerCity[byRemainder[k % nCities][1]]++;
  const nMountain = Math.round((nCounties * 32) / 90);

  const regions: Region[] = [{ id: "zj", name: "浙江省" }];
  const relations: Relation[] = [];
  const drafts: Draft[] = [];
  const draft = (unit: Draft["unit"], hosts: readonly string[], weight = 1): Draft => {
    const d: Draft = { unit, hosts, weight: weight * (0.7 + 0.6 * rnd()), seatMonths: new Map(), sending: new Map() };
    drafts.push(d);
    return d;
  };
  const provKinds = ["general", "general", "tcm", "specialty"] as const;
  const provincial = Array.from({ length: nProvincial }, (_, p) => {
    const kind = p === 0 ? "general" : provKinds[p % provKinds.length];
    const hosts = p === 0 ? UPPER_DEPTS : kind === "general" ? subset(UPPER_DEPTS.filter((x) => x !== "tcm"), 0.9) : kind === "tcm" ? ["tcm", "rehabilitation", "geriatrics", "orthopedics", "internal", "general-practice"] : ["pediatrics", "obstetrics-gynecology", "ultrasound"];
    const d = draft({ id: `prov-h${p}`, name: `省级医院${p}`, tier: "provincial", kind, region: "zj" }, hosts, 2.5);
    d.support = subset(COUNTY_DEPTS, 0.35).map((dept) => ({ dept, perSlot: int(1, 2) }));
    return d;
  });
  // A shuffled list of county indices; the first nMountain are mountain-island.
  const order = Array.from({ length: nCounties }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const mountain = new Set(order.slice(0, nMountain));
  const countyHospitals: Draft[] = [];
  const townships: Draft[] = [];
  const villages: Draft[] = [];
  /** Alliance lead of each township centre. */
  const leadOf = new Map<string, Draft>();
  /** Parent township centre of each village clinic. */
  const parentOf = new Map<string, Draft>();
  let countyIndex = 0;
  for (let c = 0; c < nCities; c++) {
    const [slug, name] = cityInfo[c];
    const city = c < ZJ_CITIES.length ? slug : `${slug}${c}`;
    regions.push({ id: city, name, parent: "zj" });
    const cityGeneral = [0, 1].map((k) => draft({ id: `${city}-h${k}`, name: `${name}第${k + 1}人民医院`, tier: "city", kind: "general", region: city }, subset(UPPER_DEPTS.filter((x) => x !== "tcm"), 0.75), 1.5));
    const cityTcm = draft({ id: `${city}-tcm`, name: `${name}中医院`, tier: "city", kind: "tcm", region: city }, ["tcm", "rehabilitation", "geriatrics", "orthopedics", "internal"]);
    draft({ id: `${city}-mch`, name: `${name}妇幼保健院`, tier: "city", kind: "specialty", region: city }, ["pediatrics", "obstetrics-gynecology", "ultrasound"]);
    for (const h of [...cityGeneral, cityTcm]) h.support = subset(COUNTY_DEPTS, 0.3).map((dept) => ({ dept, perSlot: 1 }));
    for (let k = 0; k < countiesPerCity[c]; k++, countyIndex++) {
      const county = `${city}-x${k}`;
      const isMountain = mountain.has(countyIndex);
      regions.push({ id: county, name: `${name}县${k + 1}`, parent: city, flags: isMountain ? ["mountain-island"] : [] });
      const people = draft({ id: `${county}-rmyy`, name: `${county}人民医院`, tier: "county", kind: "general", region: county }, subset(TOWNSHIP_DEPTS.filter((x) => x !== "tcm"), 0.85, ["general-practice", "internal", "surgery"]));
      people.support = [{ dept: "internal", perSlot: int(1, 2) }, { dept: "general-practice", perSlot: int(1, 2) }, { dept: "surgery", perSlot: 1 }, { dept: "emergency", perSlot: 1 }];
      const tcm = draft({ id: `${county}-zyy`, name: `${county}中医院`, tier: "county", kind: "tcm", region: county }, ["tcm", "rehabilitation", "general-practice", "internal", "orthopedics"]);
      countyHospitals.push(people, tcm);
      relations.push({ type: "alliance", from: pick(cityGeneral).unit.id, to: people.unit.id }, { type: "alliance", from: cityTcm.unit.id, to: tcm.unit.id });
      if (isMountain) {
        relations.push({ type: "pairing", from: pick(provincial.filter((p) => p.unit.kind === "general")).unit.id, to: people.unit.id });
        const provTcm = provincial.filter((p) => p.unit.kind === "tcm");
        if (provTcm.length) relations.push({ type: "pairing", from: pick(provTcm).unit.id, to: tcm.unit.id });
      }
      const nTownships = int(6, 10);
      const tcmLeads = chance(0.3) ? Math.round(nTownships / 3) : 0;
      if (tcmLeads) tcm.support = [{ dept: "tcm", perSlot: 1 }, { dept: "general-practice", perSlot: 1 }];
      for (let t = 0; t < nTownships; t++) {
        const lead = t < tcmLeads ? tcm : people;
        const thc = draft({ id: `${county}-t${t}`, name: `${county}乡镇卫生院${t + 1}`, tier: "township", kind: "general", region: county }, ["general-practice"]);
        townships.push(thc);
        leadOf.set(thc.unit.id, lead);
        relations.push({ type: "alliance", from: lead.unit.id, to: thc.unit.id });
        const nVillages = int(0, 2);
        for (let v = 0; v < nVillages; v++) {
          const vc = draft({ id: `${thc.unit.id}-v${v}`, name: `${thc.unit.id}村卫生室${v + 1}`, tier: "village", kind: "general", region: county }, []);
          villages.push(vc);
          parentOf.set(vc.unit.id, thc);
          relations.push({ type: "parent", from: thc.unit.id, to: vc.unit.id });
        }
      }
    }
  }
  const upper = drafts.filter((d) => d.unit.tier === "provincial" || d.unit.tier === "city");

  // ---- trainees ----
  const total = Math.max(3, Math.round((years === 1 ? 3700 : 10000) * scale));
  const nCounty = Math.round(total * 0.45);
  const nTownship = Math.round(total * 0.3);
  const nVillage = total - nCounty - nTownship;
  /** Picks a home unit, weighted (cumulative weights, binary search). */
  const chooser = (units: readonly Draft[]) => {
    const cum: number[] = [];
    let s = 0;
    for (const u of units) cum.push((s += u.weight));
    return () => {
      const r = rnd() * s;
      let lo = 0;
      let hi = cum.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cum[mid] > r) hi = mid;
        else lo = mid + 1;
      }
      return units[lo];
    };
  };
  const birth = (age: number) => `${2024 - age}-${String(int(1, 12)).padStart(2, "0")}-15`;
  const wantsOf = (dept: string, others: readonly string[], p: number) => (chance(p) ? [dept, pick(others)].filter((d, j, a) => a.indexOf(d) === j) : [dept]);
  const trainees: Trainee[] = [];
  const homeCounty = chooser(countyHospitals.map((d) => ({ ...d, weight: d.unit.kind === "general" ? 3 * d.weight : d.weight })));
  for (let i = 0; i < nCounty; i++) {
    const home = homeCounty();
    const tcmHome = home.unit.kind === "tcm";
    const dept = tcmHome && chance(0.6) ? "tcm" : pick(COUNTY_DEPTS);
    const age = int(27, 55);
    const prefer = chance(0.2) ? [pick(upper).unit.id] : undefined;
    trainees.push({
      id: `zc${pad(i)}`, unit: home.unit.id, dept, programme: "zj-county",
      category: dept === "ultrasound" ? "imaging" : dept === "pathology" ? "lab" : "clinical", practice: dept === "tcm" ? "tcm" : "western",
      birthDate: birth(age), practiceYears: Math.max(1, age - 25 - int(0, 3)), license: chance(0.92) ? "physician" : "assistant",
      title: pick(["junior", "intermediate", "intermediate", "associate-senior"] as const), sex: pick(["female", "male"] as const),
      education: pick(["bachelor", "bachelor", "master", "junior-college"] as const),
      roles: chance(0.3) ? ["backbone"] : [],
      wants: { depts: wantsOf(dept, COUNTY_DEPTS, 0.4), ...(prefer ? { units: prefer } : {}) },
    });
  }
  const homeTownship = chooser(townships);
  const townshipDept = () => (chance(0.3) ? "general-practice" : pick(TOWNSHIP_DEPTS));
  for (let i = 0; i < nTownship; i++) {
    const home = homeTownship();
    const dept = townshipDept();
    const age = int(25, 55);
    trainees.push({
      id: `zt${pad(i)}`, unit: home.unit.id, dept, programme: "zj-township",
      category: dept === "imaging" ? "imaging" : "clinical", practice: dept === "tcm" ? "tcm" : "western",
      birthDate: birth(age), practiceYears: Math.max(1, age - 24 - int(0, 3)), license: chance(0.75) ? "physician" : "assistant",
      title: pick(["junior", "intermediate", "intermediate"] as const), sex: pick(["female", "male"] as const),
      education: pick(["junior-college", "bachelor", "bachelor"] as const),
      roles: chance(0.4) ? ["family-doctor"] : [],
      wants: { depts: wantsOf(dept, TOWNSHIP_DEPTS, 0.4) },
    });
  }
  const homeVillage = chooser(villages);
  for (let i = 0; i < nVillage && villages.length; i++) {
    const home = homeVillage();
    const age = int(22, 62);
    trainees.push({
      id: `zv${pad(i)}`, unit: home.unit.id, dept: "general-practice", programme: "zj-village", category: "clinical", practice: "western",
      birthDate: birth(age), practiceYears: Math.max(1, age - 21 - int(0, 4)),
      license: chance(0.05) ? "none" : chance(0.7) ? "village-doctor" : chance(0.65) ? "assistant" : "physician",
      sex: pick(["female", "male"] as const), education: pick(["secondary", "junior-college", "junior-college"] as const),
      roles: age < 35 ? ["young"] : [],
    });
  }

  // ---- demand → receiving capacity ----
  const unitOf = new Map(drafts.map((d) => [d.unit.id, d]));
  const upShare = 0.3;
  const upperDemand = new Map<string, number>();
  const addTo = (m: Map<string, number>, k: string, x: number) => m.set(k, (m.get(k) ?? 0) + x);
  for (const t of trainees) {
    const home = unitOf.get(t.unit)!;
    addTo(home.sending, t.dept, 1);
    const dept = t.wants?.depts?.[0] ?? t.dept;
    if (t.programme === "zj-county") addTo(upperDemand, dept, 6);
    else if (t.programme === "zj-township") {
      const lead = leadOf.get(t.unit)!;
      if (lead.hosts.includes(dept)) {
        addTo(lead.seatMonths, dept, (1 - upShare) * 3 * supply);
        addTo(upperDemand, dept, upShare * 3);
      } else addTo(upperDemand, dept, 3);
    } else addTo(parentOf.get(t.unit)!.seatMonths, dept, supply);
  }
  for (const [dept, demand] of upperDemand) {
    const hosts = upper.filter((u) => u.hosts.includes(dept));
    const w = hosts.reduce((s, u) => s + u.weight, 0);
    for (const u of hosts) addTo(u.seatMonths, dept, (demand * supply * u.weight) / w);
  }
  const yearStart = (y: number, m = 0) => `${2024 + y + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}-01`;
  /** Concurrent capacity per year, rounded at random: right on average. */
  const receiveRows = (dept: string, seatMonths: number): ReceiveRow[] =>
    Array.from({ length: years }, (_, y) => ({ dept, capacity: roundRandom((seatMonths / months) * (0.85 + 0.3 * rnd())), ...(years > 1 ? { from: yearStart(y), to: yearStart(y + 1) } : {}) }))
      .filter((r) => r.capacity > 0);
  /** Village doctors: capacity 1 (more if needed) for a window of a few months a year. */
  const windowRows = (dept: string, seatMonths: number): ReceiveRow[] =>
    Array.from({ length: years }, (_, y) => {
      const want = Math.max(1, Math.round((seatMonths / years) * (0.7 + 0.6 * rnd())));
      const capacity = Math.ceil(want / 12);
      const span = Math.ceil(want / capacity);
      const first = int(0, 12 - span);
      return { dept, capacity, from: yearStart(y, first), to: yearStart(y, first + span) };
    });

  const units: Unit[] = drafts.map((d) => {
    const receive = [...d.seatMonths].flatMap(([dept, s]) => (d.unit.tier === "township" ? windowRows(dept, s) : receiveRows(dept, s)));
    const mentors: Mentor[] = [];
    if (d.unit.tier !== "township")
      for (const dept of new Set(receive.map((r) => r.dept))) {
        const seats = Math.max(...receive.filter((r) => r.dept === dept).map((r) => r.capacity));
        const n = seats + (chance(0.15) ? 1 : 0);
        for (let i = 0; i < n; i++) mentors.push({ id: `${d.unit.id}-${dept}-m${i}`, dept, title: i < seats ? pick(["associate-senior", "senior"] as const) : "intermediate" });
      }
    const departments: StaffedDepartment[] = [...d.sending].map(([dept, n]) => {
      const staff = n + (d.unit.tier === "county" ? int(6, 20) : int(1, 4));
      const none = chance(d.unit.tier === "township" ? 0.25 : d.unit.tier === "county" ? 0.1 : 0);
      return { dept, staff, minOnDuty: staff - (none ? 0 : Math.max(1, Math.ceil(n / 2))) };
    });
    return {
      ...d.unit,
      ...(departments.length ? { departments } : {}),
      ...(receive.length ? { receive } : {}),
      ...(mentors.length ? { mentors } : {}),
      ...(d.support?.length ? { support: d.support } : {}),
    };
  });

  // ---- programmes ----
  const f = (0.65 * trainees.length) / 11000;
  const target = (n: number) => Math.max(1, Math.round(n * f));
  const mi = { homeRegionFlag: ["mountain-island"] };
  const common = { ageAt: start, window: { from: start, to: end } } as const;
  const programmes: Programme[] = [
    {
      id: "zj-county", name: "县级医务人员进修提升行动", ...common,
      eligibility: { tiers: ["county"], maxAge: 50 },
      receiving: { tiers: ["provincial", "city"] },
      duration: { min: { months: 6 }, max: { months: 12 } },
      mentor: { minTitle: "associate-senior" },
      priority: [{ where: { role: ["backbone"] }, add: 1 }, { where: { homeDept: SCARCE }, add: 1 }],
      quotas: [{ where: {}, min: target(TARGETS.county), hard: false }, { where: mi, min: target(TARGETS.countyMI), hard: false }],
      coverage: [{ tier: "county", min: 1, hard: false }],
    },
    {
      id: "zj-township", name: "乡镇(社区)医务人员进修提升行动", ...common,
      eligibility: { tiers: ["township"], maxAge: 50 },
      receiving: { tiers: ["provincial", "city", "county"], relations: ["alliance"], openTiers: ["city", "provincial"] },
      duration: { min: { months: 3 }, max: { months: 6 } },
      mentor: { minTitle: "associate-senior" },
      priority: [{ where: { homeDept: TOWNSHIP_PRIORITY }, add: 1 }],
      quotas: [
        { where: {}, min: target(TARGETS.township), hard: false },
        { where: mi, min: target(TARGETS.townshipMI), hard: false },
        { where: { receivingTier: ["city"], receivingKind: ["general"] }, maxShare: 0.3 },
      ],
      coverage: [{ tier: "township", min: 1, hard: false }],
      budget: { cap: Math.max(1, Math.round(nTownship * upShare)) * 10000, costs: [{ where: { receivingTier: ["city", "provincial"] }, amount: 10000 }] },
    },
    {
      id: "zj-village", name: "村级医务人员进修提升行动", ...common,
      eligibility: { tiers: ["village"], licenses: ["physician", "assistant", "village-doctor"] },
      receiving: { tiers: ["township"], relations: ["parent"] },
      duration: { min: { months: 1 }, max: { months: 3 } },
      priority: [{ where: { role: ["young"] }, add: 1 }],
      quotas: [{ where: {}, min: target(TARGETS.village), hard: false }],
      coverage: [{ tier: "village", min: 1, hard: false }],
    },
  ];
  return { version: 1, calendar: { start, end, granularity: "month" }, regions, units, relations, programmes, trainees };
}

// ---------------------------------------------------------------------------
// Shape of an instance, for benchmark reports
// ---------------------------------------------------------------------------

export interface Shape {
  readonly units: number;
  readonly unitsByTier: Readonly<Record<string, number>>;
  readonly regions: number;
  readonly flagged: Readonly<Record<string, number>>;
  readonly months: number;
  readonly trainees: number;
  readonly traineesByProgramme: Readonly<Record<string, number>>;
  /** Σ capacity × months over every receive row (month calendars). */
  readonly seatMonths: number;
  readonly seatMonthsByTier: Readonly<Record<string, number>>;
  /** Σ over trainees of their programme's minimum duration in months. */
  readonly demandMonths: number;
}

/** Counts of an instance with a month calendar: the numbers a benchmark prints beside its times. */
export function shape(inst: Instance): Shape {
  const ym = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1;
  const from = ym(inst.calendar.start);
  const to = ym(inst.calendar.end);
  const count = <T>(xs: readonly T[], key: (x: T) => string) => {
    const out: Record<string, number> = {};
    for (const x of xs) out[key(x)] = (out[key(x)] ?? 0) + 1;
    return out;
  };
  const flagged: Record<string, number> = {};
  for (const r of inst.regions ?? []) for (const f of r.flags ?? []) flagged[f] = (flagged[f] ?? 0) + 1;
  const seatMonthsByTier: Record<string, number> = {};
  for (const u of inst.units)
    for (const r of u.receive ?? []) {
      const m = Math.max(0, Math.min(to, r.to ? ym(r.to) : to) - Math.max(from, r.from ? ym(r.from) : from));
      seatMonthsByTier[u.tier] = (seatMonthsByTier[u.tier] ?? 0) + r.capacity * m;
    }
  const minMonths = new Map(inst.programmes.map((p) => [p.id, p.duration?.min?.months ?? 1]));
  return {
    units: inst.units.length,
    unitsByTier: count(inst.units, (u) => u.tier),
    regions: inst.regions?.length ?? 0,
    flagged,
    months: to - from,
    trainees: inst.trainees.length,
    traineesByProgramme: count(inst.trainees, (t) => t.programme),
    seatMonths: Object.values(seatMonthsByTier).reduce((s, x) => s + x, 0),
    seatMonthsByTier,
    demandMonths: inst.trainees.reduce((s, t) => s + (minMonths.get(t.programme) ?? 1), 0),
  };
}
