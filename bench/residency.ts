/**
 * Seeded residency (住培, SPEC §10) instances for benchmarks and the 山东 example.
 * Same options, same instance, byte for byte (one mulberry32 stream, no clock).
 *
 * A training base (培训基地) trains three cohorts — 2023, 2024 and 2025 级 — of
 * six specialties (内科, 外科, 儿科, 全科, 急诊, 妇产科) by curricula that
 * approximate the national standard (住院医师规范化培训内容与标准: 33 months
 * of department requirements in a 36-month period, 急诊 after the first year,
 * ICU after the wards it builds on, 全科's 基层实践 at township practice bases
 * reached by `training` relations, 精神科 and 妇幼 at collaborating units where
 * the base has no such department). The calendar is 60 months, 2023-09 to
 * 2028-09; the plan is drawn up on 2025-09-01 ("now"): every rotation of the
 * older cohorts that started before now is `fixed` (done or running), some
 * residents carry `completed` credit, and the plan schedules the rest.
 *
 * How it stays feasible and tight: every resident's whole training is first
 * laid out by a load-balancing list scheduler (the *witness*); receive
 * capacities are the demand-derived targets, raised where the witness needs
 * more; qualified mentor seats cover the witness's occupancy; hard service rows
 * ask no more than the witness gives; soft ones ask about what a balanced plan
 * gives (some months fall short). So the witness (residents beyond a base's
 * `managers` limit dropped, newest cohort first) is a valid plan, and the
 * fixed history never breaks a capacity or mentor row.
 *
 * `residency({ bases: 8 })`: eight bases in eight cities; bases 0–1 and 2–3
 * share a collaborating 精神卫生中心 and a 基层实践基地 (so they are coupled),
 * bases 4–7 are independent problems. `jinxiu: n` adds n 进修 trainees of
 * township centres placed for 3 months at base 0, sharing its receive
 * capacity with the residents.
 */
import type {
  Curriculum, Instance, Mentor, Programme, Region, Relation, Requirement, ResidencyEntry, ResidencyRotation, ServiceRow, Title, Trainee, Unit,
} from "../src/index.js";
import { mulberry32 } from "./generate.js";

export interface ResidencyOptions {
  readonly seed: number;
  /** Training bases (default 1). */
  readonly bases?: number;
  /** Residents per base over the three cohorts (default 306). */
  readonly residentsPerBase?: number;
  /** 进修 trainees (3 months at base 0, sharing its capacity); default 0. */
  readonly jinxiu?: number;
  /** Receive seats offered per seat demanded in the steady state (default 1.1). */
  readonly supply?: number;
}

/** An instance and a valid plan of it (the generator's own witness schedule). */
export interface ResidencyCase {
  readonly instance: Instance;
  /** Every resident the witness schedules (within the managers limits), rotations by start, mentors named. */
  readonly witness: readonly ResidencyEntry[];
}

export const CALENDAR_START = "2023-09-01";
export const CALENDAR_MONTHS = 60;
/** The planning date: rotations starting before it are history (`fixed`). */
export const NOW_MONTH = 24;
const PERIOD = 36;
const COHORTS = [2023, 2024, 2025] as const;

/** The ISO date of calendar month k (k = 0: 2023-09-01). */
export function monthIso(k: number): string {
  const y = 2023 + Math.floor((8 + k) / 12);
  const m = ((8 + k) % 12) + 1;
  return `${y}-${String(m).padStart(2, "0")}-01`;
}

type Req = Requirement;
const req = (id: string, depts: string[], min: number, max: number, more: Partial<Req> = {}): Req => ({ id, depts, min, max, ...more });
const AT_COLLAB = { kinds: ["general", "specialty"], relations: ["training"] } as const;
const COLLAB_ONLY = { kinds: ["specialty"], relations: ["training"] } as const;
const COMMUNITY = { tiers: ["township"], relations: ["training"] } as const;

/** The six curricula (approximating 住院医师规范化培训内容与标准): 33 months of minimums each. */
export const CURRICULA: readonly (Curriculum & { readonly dept: string; readonly name: string; readonly share: number })[] = [
  {
    id: "internal-medicine", name: "内科", dept: "internal", share: 0.25,
    requirements: [
      req("cardio", ["cardiology"], 4, 5), req("resp", ["respiratory"], 4, 5), req("gastro", ["gastro"], 3, 4),
      req("nephro", ["nephrology"], 2, 3), req("endo", ["endocrinology"], 2, 3), req("hema", ["hematology"], 2, 3),
      req("rheum", ["rheumatology"], 1, 2), req("infect", ["infectious-disease"], 1, 2), req("neuro", ["neurology"], 2, 2),
      req("emerg", ["emergency"], 3, 3, { phase: { from: 12 } }), req("icu", ["icu"], 2, 2, { after: ["cardio", "resp"] }),
      req("psych", ["psychiatry"], 1, 1, { sites: COLLAB_ONLY }),
      req("elective", ["cardiology", "respiratory", "gastro", "nephrology", "endocrinology", "hematology"], 6, 8, { blocks: 2, phase: { from: 24 } }),
    ],
  },
  {
    id: "surgery", name: "外科", dept: "surgery", share: 0.2,
    requirements: [
      req("gensurg", ["general-surgery"], 9, 10, { blocks: 2 }), req("ortho", ["orthopedics"], 3, 4), req("uro", ["urology"], 3, 3),
      req("thor", ["thoracic-surgery"], 2, 3), req("neurosurg", ["neurosurgery"], 2, 3), req("anes", ["anesthesiology"], 2, 2),
      req("icu", ["icu"], 2, 2, { after: ["gensurg"] }), req("emerg", ["emergency"], 3, 3, { phase: { from: 12 } }),
      req("imaging", ["radiology"], 1, 1),
      req("elective", ["general-surgery", "orthopedics", "urology", "thoracic-surgery", "neurosurgery"], 6, 8, { blocks: 2, phase: { from: 24 } }),
    ],
  },
  {
    id: "pediatrics", name: "儿科", dept: "pediatrics", share: 0.1, minBlock: 2,
    requirements: [
      req("ped", ["pediatrics"], 17, 19, { blocks: 3 }), req("neo", ["neonatology"], 6, 6, { blocks: 2, sites: AT_COLLAB }),
      req("picu", ["icu"], 3, 3, { after: ["neo"] }), req("pemerg", ["emergency"], 3, 3, { phase: { from: 6 } }),
      req("childhealth", ["child-health"], 2, 2, { sites: COLLAB_ONLY }), req("elective", ["pediatrics", "neonatology"], 2, 4, { phase: { from: 24 }, sites: AT_COLLAB }),
    ],
  },
  {
    id: "general-practice", name: "全科", dept: "general-practice", share: 0.25,
    requirements: [
      req("gp-ward", ["general-practice"], 3, 3, { phase: { to: 12 } }),
      req("gp-internal", ["cardiology", "respiratory", "gastro", "endocrinology", "nephrology", "neurology"], 10, 12, { blocks: 4 }),
      req("emerg", ["emergency"], 3, 3), req("ped", ["pediatrics"], 2, 2), req("obgyn", ["obstetrics", "gynecology"], 2, 2, { sites: AT_COLLAB }),
      req("surg", ["general-surgery", "orthopedics"], 3, 3, { blocks: 2 }), req("senses", ["dermatology", "ent", "ophthalmology"], 2, 3, { blocks: 3 }),
      req("psych", ["psychiatry"], 1, 1, { sites: COLLAB_ONLY }), req("infect", ["infectious-disease"], 1, 1),
      req("community", ["general-practice"], 6, 7, { sites: COMMUNITY, after: ["gp-internal"], phase: { from: 18 } }),
    ],
  },
  {
    id: "emergency-medicine", name: "急诊", dept: "emergency", share: 0.08,
    requirements: [
      req("em", ["emergency"], 12, 14, { blocks: 3 }), req("internal", ["cardiology", "respiratory", "gastro", "neurology"], 6, 8, { blocks: 3 }),
      req("icu", ["icu"], 4, 5, { blocks: 2, after: ["internal"] }), req("surg", ["general-surgery", "orthopedics", "neurosurgery"], 4, 5, { blocks: 2 }),
      req("anes", ["anesthesiology"], 2, 2), req("ped", ["pediatrics"], 1, 1), req("obs", ["obstetrics"], 1, 1), req("imaging", ["radiology"], 1, 1),
      req("elective", ["emergency", "icu"], 2, 3, { phase: { from: 24 } }),
    ],
  },
  {
    id: "obstetrics-gynecology", name: "妇产科", dept: "obstetrics-gynecology", share: 0.12,
    requirements: [
      req("obs", ["obstetrics"], 9, 10, { blocks: 2, sites: AT_COLLAB }), req("gyn", ["gynecology"], 9, 10, { blocks: 2 }),
      req("womens", ["womens-health"], 2, 2, { sites: COLLAB_ONLY }), req("anes", ["anesthesiology"], 1, 1), req("surg", ["general-surgery"], 2, 2),
      req("internal", ["cardiology", "endocrinology"], 2, 2), req("neo", ["neonatology"], 1, 1, { sites: AT_COLLAB }),
      req("icu", ["icu"], 1, 1, { after: ["obs"] }), req("emerg", ["emergency"], 1, 1), req("ultrasound", ["ultrasound"], 1, 1),
      req("elective", ["obstetrics", "gynecology"], 4, 6, { phase: { from: 24 } }),
    ],
  },
];

const BASE_DEPTS = [
  "cardiology", "respiratory", "gastro", "nephrology", "endocrinology", "hematology", "rheumatology", "infectious-disease", "neurology",
  "emergency", "icu", "general-surgery", "orthopedics", "urology", "thoracic-surgery", "neurosurgery", "anesthesiology", "radiology",
  "pediatrics", "neonatology", "obstetrics", "gynecology", "general-practice", "dermatology", "ent", "ophthalmology", "ultrasound",
];
const MCH_DEPTS = ["obstetrics", "gynecology", "neonatology", "pediatrics", "child-health", "womens-health"];
/** Soft service levels on these base departments, hard floors on the first two. */
const SERVICE_DEPTS = ["emergency", "icu", "cardiology", "respiratory", "general-surgery", "pediatrics", "obstetrics", "neonatology", "gastro", "orthopedics"];

const CITIES: readonly (readonly [string, string])[] = [
  ["luzhong", "鲁中市"], ["ludong", "鲁东市"], ["luxi", "鲁西市"], ["lunan", "鲁南市"],
  ["lubei", "鲁北市"], ["quancheng", "泉城市"], ["haibin", "海滨市"], ["yimeng", "沂蒙市"],
];
const TOWNS = ["石马镇", "青龙镇", "柳河镇", "东岭镇", "南湖街道", "北关街道", "王村镇", "白塔镇"];
const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严";
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红玲芬燕彬鹏辉晨宇浩然欣怡子涵梓轩思远佳琪嘉文一鸣雨婷俊杰博文晓东海燕志强建国";

/** A base's unit id: its city and 中心医院 / 人民医院. */
const baseId = (b: number) => `${CITIES[b][0]}-${b === 0 ? "zxyy" : "rmyy"}`;

interface Site { readonly unit: string; readonly dept: string }
interface Draft { requirement: string; unit: string; dept: string; start: number; end: number; mentor?: string }

/** The generator: one instance and its witness plan. */
export function residency(o: ResidencyOptions): ResidencyCase {
  const rnd = mulberry32(o.seed);
  const int = (a: number, b: number) => a + Math.floor(rnd() * (b - a + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const nBases = Math.max(1, Math.min(CITIES.length, o.bases ?? 1));
  const perBase = Math.max(12, o.residentsPerBase ?? 306);
  const supply = o.supply ?? 1.1;
  const personName = () => pick([...SURNAMES]) + (rnd() < 0.4 ? pick([...GIVEN]) : pick([...GIVEN]) + pick([...GIVEN]));

  const regions: Region[] = [{ id: "sd", name: "山东省" }];
  const relations: Relation[] = [];
  interface UnitDraft { id: string; name: string; tier: Unit["tier"]; kind: Unit["kind"]; region: string; depts: string[]; base?: number }
  const unitDrafts: UnitDraft[] = [];
  /** Per base: the units its `training` relations reach. */
  const reach: string[][] = [];
  for (let b = 0; b < nBases; b++) {
    const [cid, cname] = CITIES[b];
    regions.push({ id: cid, name: cname, parent: "sd" });
    const base = baseId(b);
    unitDrafts.push({ id: base, name: `${cname}${b === 0 ? "中心医院" : "人民医院"}`, tier: "city", kind: "general", region: cid, depts: BASE_DEPTS, base: b });
    unitDrafts.push({ id: `${CITIES[b][0]}-mch`, name: `${cname}妇幼保健院`, tier: "city", kind: "specialty", region: cid, depts: MCH_DEPTS });
    const mine = [`${CITIES[b][0]}-mch`];
    // 0–1 and 2–3 share the odd base's 精神卫生中心 and first 基层实践基地: coupled problems.
    const sharesWith = b < 4 && b % 2 === 1 ? b - 1 : undefined;
    if (sharesWith === undefined) {
      unitDrafts.push({ id: `${CITIES[b][0]}-psy`, name: `${cname}精神卫生中心`, tier: "city", kind: "specialty", region: cid, depts: ["psychiatry"] });
      mine.push(`${CITIES[b][0]}-psy`);
    } else mine.push(`${CITIES[sharesWith][0]}-psy`, `${CITIES[sharesWith][0]}-thc0`);
    const towns = Math.max(2, Math.round(perBase / 75));
    for (let i = 0; i < towns; i++) {
      const id = `${CITIES[b][0]}-thc${i}`;
      unitDrafts.push({ id, name: `${cname}${TOWNS[i % TOWNS.length]}${i % 3 === 2 ? "社区卫生服务中心" : "卫生院"}`, tier: "township", kind: "general", region: cid, depts: ["general-practice"] });
      mine.push(id);
    }
    reach.push(mine);
    for (const to of mine) relations.push({ type: "training", from: base, to });
  }
  const unitOf = new Map(unitDrafts.map((u) => [u.id, u]));

  /** Sites of a requirement for a resident of base b (R-SITE, reading 1). */
  const sitesOf = (b: number, r: Req): Site[] => {
    const base = baseId(b);
    const units = r.sites ? [base, ...reach[b]] : [base];
    const out: Site[] = [];
    for (const id of units) {
      const u = unitOf.get(id)!;
      const s = r.sites;
      if (s) {
        if (s.tiers && !s.tiers.includes(u.tier)) continue;
        if (s.kinds && !s.kinds.includes(u.kind)) continue;
        if (s.relations && id !== base && !(s.relations.includes("training") && reach[b].includes(id))) continue;
      }
      for (const d of r.depts) if (u.depts.includes(d)) out.push({ unit: id, dept: d });
    }
    return out;
  };

  // Residents: per base and cohort, split over the specialties by share.
  interface ResidentDraft { id: string; name: string; base: number; cohort: number; cur: (typeof CURRICULA)[number]; completed: string[]; priority?: number }
  const residents: ResidentDraft[] = [];
  for (let b = 0; b < nBases; b++) {
    for (let c = 0; c < COHORTS.length; c++) {
      let serial = 0;
      const n = Math.floor(perBase / 3) + (c < perBase % 3 ? 1 : 0);
      const counts = CURRICULA.map((cu) => Math.max(1, Math.floor(n * cu.share)));
      counts[0] += n - counts.reduce((s, x) => s + x, 0);
      CURRICULA.forEach((cu, i) => {
        for (let k = 0; k < counts[i]; k++) {
          // Credit (completed) for some older residents: a short requirement done elsewhere (e.g. 助理全科 training).
          const short = cu.requirements.filter((r) => r.min <= 2 && !r.after && !r.phase);
          const completed = c < 2 && rnd() < 0.15 && short.length ? [pick(short).id] : [];
          residents.push({
            id: `${CITIES[b][0]}-${COHORTS[c]}-${String(++serial).padStart(3, "0")}`, name: personName(), base: b, cohort: c, cur: cu, completed,
            // 紧缺专业 (全科、儿科) first, as the seed asks.
            priority: cu.id === "general-practice" || cu.id === "pediatrics" ? 2 : undefined,
          });
        }
      });
    }
  }

  // Demand-derived capacity targets: steady-state concurrent residents per (unit, dept).
  const key = (u: string, d: string) => `${u}\u0000${d}`;
  const target = new Map<string, number>();
  for (const r of residents)
    for (const q of r.cur.requirements) {
      const sites = sitesOf(r.base, q);
      for (const s of sites) target.set(key(s.unit, s.dept), (target.get(key(s.unit, s.dept)) ?? 0) + (q.min / PERIOD) / sites.length);
    }
  // Only cohorts overlapping (3 of them at most) in any month: a resident's demand was summed over all three cohorts.
  for (const [k, v] of target) target.set(k, Math.max(1, Math.ceil(supply * v)));

  // The witness: each resident's whole training by a load-balancing list scheduler.
  const load = new Map<string, Int32Array>();
  const loadOf = (u: string, d: string) => {
    let a = load.get(key(u, d));
    if (!a) load.set(key(u, d), (a = new Int32Array(CALENDAR_MONTHS)));
    return a;
  };
  const schedules = new Map<string, Draft[]>();
  const order = residents.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  for (const i of order) {
    const r = residents[i];
    const from = 12 * r.cohort;
    let best: Draft[] | undefined;
    for (let attempt = 0; attempt < 40 && !best; attempt++) best = layout(r, from, attempt);
    if (!best) throw new Error(`bench/residency: no witness schedule for ${r.id} (${r.cur.id})`);
    for (const d of best) {
      const a = loadOf(d.unit, d.dept);
      for (let k = d.start; k < d.end; k++) a[k]++;
    }
    schedules.set(r.id, best);
  }

  /** One attempt at a resident's schedule: months from `from`, requirement by requirement, least-loaded first. */
  function layout(r: ResidentDraft, from: number, attempt: number): Draft[] | undefined {
    const reqs = r.cur.requirements.filter((q) => !r.completed.includes(q.id));
    const remaining = new Set(reqs.map((q) => q.id));
    const minBlock = r.cur.minBlock ?? 1;
    const out: Draft[] = [];
    let t = 0;
    const need = () => reqs.filter((q) => remaining.has(q.id)).reduce((s, q) => s + q.min, 0);
    while (remaining.size > 0) {
      if (t + need() > PERIOD) return undefined;
      let choice: { q: Req; site: Site; len: number; score: number } | undefined;
      for (const q of reqs) {
        if (!remaining.has(q.id)) continue;
        if ((q.after ?? []).some((p) => remaining.has(p))) continue;
        const len = Math.max(q.min, minBlock);
        if ((q.phase?.from ?? 0) > t || t + len > (q.phase?.to ?? PERIOD)) continue;
        // Every other requirement with a deadline must still fit after this one.
        const blocksDeadline = reqs.some((p) => p !== q && remaining.has(p.id) && p.phase?.to !== undefined && t + len + Math.max(p.min, minBlock) > p.phase.to);
        if (blocksDeadline) continue;
        const slack = PERIOD - t - need();
        const urgency = q.phase?.to !== undefined ? q.phase.to - t - len : slack + 12;
        for (const site of sitesOf(r.base, q)) {
          const a = loadOf(site.unit, site.dept);
          const cap = target.get(key(site.unit, site.dept)) ?? 1;
          let over = 0;
          for (let k = from + t; k < from + t + len; k++) over += Math.max(0, a[k] + 1 - cap) * 10 + a[k] / cap;
          // Late attempts randomise more, to get out of dead ends.
          const score = Math.min(urgency, 6) * 3 + over + rnd() * (1 + attempt);
          if (!choice || score < choice.score) choice = { q, site, len, score };
        }
      }
      if (!choice) {
        t++;
        continue;
      }
      out.push({ requirement: choice.q.id, unit: choice.site.unit, dept: choice.site.dept, start: from + t, end: from + t + choice.len });
      remaining.delete(choice.q.id);
      t += choice.len;
    }
    return t <= PERIOD ? out : undefined;
  }

  // Managers (每百名学员 1 名专职管理人员, at least 3): base 0 has 3 (so at most 300 residents), the others ⌈n/100⌉ + 1.
  const managers = new Map<number, number>();
  for (let b = 0; b < nBases; b++) managers.set(b, b === 0 || b === 3 ? 3 : Math.max(3, Math.ceil(perBase / 100) + 1));
  const dropped = new Set<string>();
  for (let b = 0; b < nBases; b++) {
    const mine = residents.filter((r) => r.base === b);
    const limit = 100 * managers.get(b)!;
    // The newest cohort, lowest priority first, leaves the witness (they have no fixed rotations).
    const newest = mine.filter((r) => r.cohort === 2).sort((x, y) => (x.priority ?? 1) - (y.priority ?? 1));
    for (let i = 0; i < mine.length - limit && i < newest.length; i++) dropped.add(newest[i].id);
  }
  const usage = new Map<string, Int32Array>();
  for (const r of residents) {
    if (dropped.has(r.id)) continue;
    for (const d of schedules.get(r.id)!) {
      let a = usage.get(key(d.unit, d.dept));
      if (!a) usage.set(key(d.unit, d.dept), (a = new Int32Array(CALENDAR_MONTHS)));
      for (let k = d.start; k < d.end; k++) a[k]++;
    }
  }
  const maxOf = (a: Int32Array | undefined, from = 0, to = CALENDAR_MONTHS) => {
    let m = 0;
    if (a) for (let k = from; k < to; k++) m = Math.max(m, a[k]);
    return m;
  };

  // Units: receive capacities, qualified mentors covering the witness, service rows.
  const units: Unit[] = [];
  const mentorRows = new Map<string, Mentor[]>();
  const titles: Title[] = ["intermediate", "associate-senior", "senior"];
  for (const u of unitDrafts) {
    const receive = u.depts.map((dept) => {
      const k = key(u.id, dept);
      const cap = Math.max(target.get(k) ?? (u.tier === "township" ? 2 : 1), maxOf(usage.get(k)));
      return { dept, capacity: cap };
    });
    const mentors: Mentor[] = [];
    for (const row of receive) {
      const need = Math.max(1, maxOf(usage.get(key(u.id, row.dept))));
      // Qualified seats: the capacity, one short of it in some departments (the mentor row binds there), never below the witness.
      const seats = Math.max(need, rnd() < 0.25 ? row.capacity - 1 : row.capacity);
      const list: Mentor[] = [];
      let left = seats;
      for (let i = 0; left > 0; i++) {
        const capacity = Math.min(left, u.tier === "township" ? 2 : int(2, 3));
        list.push({ id: `${u.id}-m-${row.dept}-${i + 1}`, name: personName(), dept: row.dept, title: u.tier === "township" ? "intermediate" : pick(titles), capacity });
        left -= capacity;
      }
      // A junior doctor who may not teach residents (below the programme's minTitle).
      if (u.tier !== "township" && rnd() < 0.2) list.push({ id: `${u.id}-m-${row.dept}-j`, name: personName(), dept: row.dept, title: "junior", capacity: 1 });
      mentorRows.set(key(u.id, row.dept), list);
      mentors.push(...list);
    }
    const service: ServiceRow[] = [];
    if (u.base !== undefined) {
      // 2025-09 to 2027-09, the two planning years in which all three or two cohorts are on the wards.
      const from = NOW_MONTH;
      const to = NOW_MONTH + 24;
      for (const dept of SERVICE_DEPTS) {
        const a = usage.get(key(u.id, dept));
        if (!a) continue;
        let sum = 0;
        let low = Number.POSITIVE_INFINITY;
        for (let k = from; k < to; k++) {
          sum += a[k];
          low = Math.min(low, a[k]);
        }
        const soft = Math.max(1, Math.round((0.95 * sum) / (to - from)));
        service.push({ dept, min: soft, from: monthIso(from), to: monthIso(to) });
        if ((dept === "emergency" || dept === "icu") && low > 0) service.push({ dept, min: Math.min(low, Math.max(1, Math.floor(soft / 2))), from: monthIso(from), to: monthIso(to), hard: true });
      }
    }
    units.push({
      id: u.id, name: u.name, tier: u.tier, kind: u.kind, region: u.region, receive, mentors,
      ...(u.base !== undefined ? { managers: managers.get(u.base)!, service } : {}),
    });
  }

  // Mentors for the witness: rotations by start, the first qualified mentor with room all through (interval colouring: never fails when seats cover occupancy).
  const seatsUsed = new Map<string, Int32Array>();
  const all = [...schedules.entries()].filter(([id]) => !dropped.has(id)).flatMap(([, ds]) => ds).sort((x, y) => x.start - y.start);
  for (const d of all) {
    const list = (mentorRows.get(key(d.unit, d.dept)) ?? []).filter((m) => m.title !== "junior");
    const m = list.find((m) => {
      const used = seatsUsed.get(m.id);
      for (let k = d.start; k < d.end; k++) if ((used?.[k] ?? 0) >= (m.capacity ?? 1)) return false;
      return true;
    });
    if (!m) throw new Error(`bench/residency: no mentor for ${d.unit} ${d.dept} at month ${d.start}`);
    let used = seatsUsed.get(m.id);
    if (!used) seatsUsed.set(m.id, (used = new Int32Array(CALENDAR_MONTHS)));
    for (let k = d.start; k < d.end; k++) used[k]++;
    d.mentor = m.id;
  }

  const rot = (d: Draft): ResidencyRotation => ({ requirement: d.requirement, unit: d.unit, dept: d.dept, start: monthIso(d.start), end: monthIso(d.end), mentor: d.mentor });
  const trainees: Trainee[] = residents.map((r) => {
    const fixed = schedules.get(r.id)!.filter((d) => d.start < NOW_MONTH).map(rot);
    const year = COHORTS[r.cohort];
    return {
      id: r.id, name: r.name, unit: baseId(r.base), dept: r.cur.dept, programme: "sd-zhupei", curriculum: r.cur.id,
      category: "clinical", license: "physician", education: rnd() < 0.3 ? "master" : "bachelor", sex: rnd() < 0.55 ? "female" : "male",
      birthDate: `${year - int(23, 27)}-${String(int(1, 12)).padStart(2, "0")}-${String(int(1, 28)).padStart(2, "0")}`,
      ...(r.priority !== undefined ? { priority: r.priority } : {}),
      available: { from: `${year}-09-01`, to: `${year + 3}-09-01` },
      ...(r.completed.length ? { completed: r.completed } : {}),
      ...(fixed.length ? { fixed } : {}),
    };
  });
  const programmes: Programme[] = [
    {
      id: "sd-zhupei", name: "山东省住院医师规范化培训（2023–2025 级）",
      mentor: { minTitle: "intermediate" },
      residency: { curricula: CURRICULA.map(({ id, requirements, minBlock }) => ({ id, requirements, ...(minBlock !== undefined ? { minBlock } : {}) })) },
    },
  ];

  const nJinxiu = Math.max(0, o.jinxiu ?? 0);
  if (nJinxiu > 0) {
    programmes.push({
      id: "sd-jinxiu", name: `${CITIES[0][1]}基层医务人员进修（2025–2026）`,
      eligibility: { tiers: ["township"] },
      receiving: { tiers: ["city"], kinds: ["general"] },
      duration: { min: { months: 3 }, max: { months: 3 } },
      window: { from: monthIso(NOW_MONTH), to: monthIso(NOW_MONTH + 12) },
    });
    const towns = unitDrafts.filter((u) => u.tier === "township" && u.id.startsWith(`${CITIES[0][0]}-`));
    for (let i = 0; i < nJinxiu; i++) {
      const first = pick(["emergency", "cardiology", "pediatrics", "general-practice", "respiratory", "obstetrics"]);
      const second = pick(["emergency", "icu", "endocrinology", "general-practice", "ultrasound"]);
      trainees.push({
        id: `jx-${String(i + 1).padStart(3, "0")}`, name: personName(), unit: towns[i % towns.length].id, dept: "general-practice", programme: "sd-jinxiu",
        category: "clinical", license: "physician", practiceYears: int(3, 20),
        wants: { depts: first === second ? [first] : [first, second] },
        available: { from: monthIso(NOW_MONTH), to: monthIso(NOW_MONTH + 12) },
      });
    }
  }

  const instance: Instance = {
    version: 1,
    calendar: { start: CALENDAR_START, end: monthIso(CALENDAR_MONTHS), granularity: "month" },
    regions, units, relations, programmes, trainees,
    objective: { base: 100, transition: 1, shortfall: 20 },
  };
  const witness: ResidencyEntry[] = residents
    .filter((r) => !dropped.has(r.id))
    .map((r) => ({ trainee: r.id, rotations: schedules.get(r.id)!.map(rot) }));
  return { instance, witness };
}

/**
 * The 山东 example (examples/shandong-residency.json): one base, 鲁中市中心医院,
 * 90 residents of 2023–2025 级 in six specialties, its 妇幼保健院 and 精神卫生中心
 * as collaborating units and two township practice bases.
 */
export const shandongExample = (): Instance => residency({ seed: 2025, residentsPerBase: 90 }).instance;

/** JSON as the examples are written: two-space indent, short objects and arrays on one line. */
export function exampleJson(value: unknown): string {
  const out = (v: unknown, indent: string): string => {
    const flat = JSON.stringify(v);
    if (v === null || typeof v !== "object" || flat.length + indent.length <= 120) return flat;
    const inner = `${indent}  `;
    if (Array.isArray(v)) return `[\n${v.map((x) => inner + out(x, inner)).join(",\n")}\n${indent}]`;
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${out(x, inner)}`).join(",\n")}\n${indent}}`;
  };
  return `${out(value, "")}\n`;
}

/** One base: ~300 residents, 3 cohorts, 60-month calendar with history. */
export const residencyBase = (seed = 42): Instance => residency({ seed }).instance;
/** Eight bases (~2,500 residents), two coupled pairs and four independent bases. */
export const residencyProvince = (seed = 42): Instance => residency({ seed, bases: 8, residentsPerBase: 312 }).instance;
