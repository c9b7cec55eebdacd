/**
 * The forms health commissions file (SPEC §8, seeds/002 附件1–3, seeds/000 一人一策一档),
 * as plain tables built from an instance and a plan:
 *
 * - **登记表** — one row per placed trainee (附件1, 务实进修人员情况登记表);
 * - **汇总表** — placements per county (县区) × study-department group, with a 合计 row (附件2);
 * - **分配表** — per county: 名额 (the quota), 实际安排, 差额, with a 合计 row (附件3);
 * - **一人一策一档** — one row per trainee, placed or not: the personal record of 浙江's
 *   "一人一策一档" (plan, mentor, rotations, and the rules that applied).
 *
 * Decisions (where the forms leave room):
 * - **县区** is the name of the home unit's own region (`units[].region` → `regions[].name`,
 *   else the region id). Instances put grassroots units in their county/district region,
 *   so this is the county; no walking up or down the region tree is done. A home unit
 *   without a region shows {@link NO_REGION}. Counties are ordered as `instance.regions`
 *   lists them (the published 分配表 order in the shipped examples), {@link NO_REGION} last.
 * - The county rows of 汇总表 and 分配表 are the regions holding the home unit of at least
 *   one trainee in scope, plus regions named by an exact `{ homeRegion: [r] }` quota row
 *   that hold some unit. Counties with no placement show 0.
 * - **名额** is, per county and summed over the programmes in scope, the quota row whose
 *   `where` is exactly `{ homeRegion: [county] }`: its `max` when present, else its `min`
 *   (several such rows in one programme: the smallest `max`, else the largest `min`).
 *   Blank when no programme has such a row. **差额** = 名额 − 实际安排 (positive: places
 *   still open; negative: over the quota); blank when 名额 is blank. The 合计 row sums
 *   名额 over the rows that have one, 实际安排 over all rows, and 差额 = 合计名额 − 合计实际安排.
 * - **进修专科** is a Chinese label from {@link DEFAULT_DEPT_NAMES} (extend or override with
 *   `options.deptNames`); an unknown code is shown as the code itself.
 * - 汇总表 groups study departments by {@link DEFAULT_DEPT_GROUPS} merged with
 *   `options.deptGroups`; an unmapped code counts under 其他. A rotating placement counts
 *   once, under its main department (`placement.dept`), as quotas do (SPEC §9).
 * - **进修起止月份**: month calendars `2024.07—2024.09` (the end month is the last month inside
 *   `[start, end)`); week calendars the first and last day, `2025-03-03—2025-05-25`.
 *   一人一策一档's 起止日期 always shows first and last day.
 * - **备注** joins, with "。": rotations (`轮转：全科 03-03—05-11；急诊科 05-12—05-25`),
 *   the mentor(s) (`带教：m-07（副高级）` — mentors have an id and a title, no name), and
 *   support sent down to the trainee's home unit and home department overlapping the
 *   placement (`下沉支援：东海县人民医院 全科 1人 2024.07—2024.09`).
 * - Missing optional trainee fields (sex, education, title, licence, birth date) give blank cells.
 * - Sorting: 登记表 and 一人一策一档 by county (as above), then home unit (in
 *   `instance.units` order), then trainee id (natural order: t-2 before t-10).
 * - `options.programme` restricts every form to one programme's trainees; default: all.
 * - **分年度** (`perYear`) exists only when the calendar's slots fall in two or more calendar
 *   years: rows = per programme the metrics of {@link yearlyViews} (新开始进修, 在修人数,
 *   进修人·月 or 人·周, per region flag, per soft `min` quota row its cumulative count),
 *   then 下沉支援 for all programmes; columns = 项目, 指标, one per year (`2024年`), 目标
 *   (the quota row's `min`, blank elsewhere). With `options.programme`, only that
 *   programme's rows, and no support row (support is not tied to a programme).
 *
 * Everything is pure and deterministic: the same instance and plan give the same tables.
 */
import { yearsBetween } from "../calendar/index.js";
import type {
  Category, Duration, Education, Instance, License, Placement, Plan, Programme, Reason, Sex, SupportRow, Tier, Title,
  Trainee,
} from "../model/types.js";
import { type Context, contextOf, windowOf } from "../rules/context.js";
import { yearlyRowLabel } from "./html.js";
import { spansSeveralYears, yearlyRows, yearlyViews } from "./yearly.js";

/** One sheet: a Chinese name, header row, body rows; optional column widths in characters. */
export interface Table {
  /** Sheet name: 登记表, 汇总表, 分配表, 一人一策一档. */
  readonly name: string;
  readonly headers: string[];
  readonly rows: (string | number)[][];
  readonly widths?: number[];
}

export interface Forms {
  readonly registration: Table;
  readonly summary: Table;
  readonly allocation: Table;
  readonly perTrainee: Table;
  /** 分年度: only when the calendar's slots fall in two or more calendar years. */
  readonly perYear?: Table;
}

/** The study-department groups of 汇总表 (附件2), in column order. */
export const DEPT_GROUPS = ["内科", "外科", "妇产科", "儿科", "中医科", "口腔科", "五官科", "护理", "影像", "检验", "其他"] as const;
export type DeptGroup = (typeof DEPT_GROUPS)[number];

/**
 * Default mapping of department codes to the 汇总表 groups. Codes not listed count under 其他
 * (so do general-practice, emergency, icu, rehabilitation, pathology, pharmacy,
 * public-health: 附件2 has no column for them). Override or extend with `options.deptGroups`.
 */
export const DEFAULT_DEPT_GROUPS: Readonly<Record<string, DeptGroup>> = Object.freeze({
  internal: "内科", cardiology: "内科", respiratory: "内科", endocrinology: "内科", geriatrics: "内科",
  gastroenterology: "内科", nephrology: "内科", neurology: "内科", hematology: "内科", rheumatology: "内科",
  "infectious-disease": "内科", oncology: "内科",
  surgery: "外科", "general-surgery": "外科", orthopedics: "外科", neurosurgery: "外科", urology: "外科",
  "thoracic-surgery": "外科", "cardiothoracic-surgery": "外科", "hepatobiliary-surgery": "外科", "burn-surgery": "外科",
  "obstetrics-gynecology": "妇产科", obstetrics: "妇产科", gynecology: "妇产科",
  pediatrics: "儿科", neonatology: "儿科",
  tcm: "中医科", acupuncture: "中医科", "tcm-orthopedics": "中医科",
  stomatology: "口腔科", dental: "口腔科",
  ent: "五官科", ophthalmology: "五官科",
  nursing: "护理",
  imaging: "影像", radiology: "影像", ultrasound: "影像", ecg: "影像",
  lab: "检验",
  "general-practice": "其他", emergency: "其他", icu: "其他", rehabilitation: "其他", pathology: "其他",
  pharmacy: "其他", "public-health": "其他", anesthesiology: "其他", dermatology: "其他", psychiatry: "其他",
});

/** Default Chinese names of department codes (进修专科, 科室). Override or extend with `options.deptNames`. */
export const DEFAULT_DEPT_NAMES: Readonly<Record<string, string>> = Object.freeze({
  internal: "内科", cardiology: "心血管内科", respiratory: "呼吸内科", endocrinology: "内分泌科", geriatrics: "老年医学科",
  gastroenterology: "消化内科", nephrology: "肾内科", neurology: "神经内科", hematology: "血液科", rheumatology: "风湿免疫科",
  "infectious-disease": "感染科", oncology: "肿瘤科",
  surgery: "外科", "general-surgery": "普外科", orthopedics: "骨科", neurosurgery: "神经外科", urology: "泌尿外科",
  "thoracic-surgery": "胸外科", "cardiothoracic-surgery": "心胸外科", "hepatobiliary-surgery": "肝胆外科", "burn-surgery": "烧伤科",
  "obstetrics-gynecology": "妇产科", obstetrics: "产科", gynecology: "妇科",
  pediatrics: "儿科", neonatology: "新生儿科",
  tcm: "中医科", acupuncture: "针灸科", "tcm-orthopedics": "中医骨伤科",
  stomatology: "口腔科", dental: "口腔科",
  ent: "耳鼻咽喉科", ophthalmology: "眼科",
  nursing: "护理", imaging: "医学影像科", radiology: "放射科", ultrasound: "超声科", ecg: "心电图室",
  lab: "检验科", pathology: "病理科",
  "general-practice": "全科", emergency: "急诊科", icu: "重症医学科", rehabilitation: "康复医学科",
  pharmacy: "药剂科", "public-health": "公共卫生科", anesthesiology: "麻醉科", dermatology: "皮肤科", psychiatry: "精神科",
});

export const SEX_LABELS: Readonly<Record<Sex, string>> = { male: "男", female: "女" };
export const EDUCATION_LABELS: Readonly<Record<Education, string>> = {
  secondary: "中专", "junior-college": "大专", bachelor: "本科", master: "硕士", doctorate: "博士",
};
export const TITLE_LABELS: Readonly<Record<Title, string>> = {
  none: "无", junior: "初级", intermediate: "中级", "associate-senior": "副高级", senior: "正高级",
};
export const TIER_LABELS: Readonly<Record<Tier, string>> = {
  provincial: "省级", city: "市级", county: "县级", township: "乡镇（社区）", village: "村级",
};
export const CATEGORY_LABELS: Readonly<Record<Category, string>> = {
  clinical: "临床", nursing: "护理", imaging: "影像", lab: "检验", pharmacy: "药学", "public-health": "公共卫生",
};
export const LICENSE_LABELS: Readonly<Record<License, string>> = {
  physician: "执业医师", assistant: "执业助理医师", "village-doctor": "乡村医生", nurse: "护士", technician: "技师", none: "无",
};

/** 县区 shown for a home unit without a region. */
export const NO_REGION = "未注明县区";

export const REGISTRATION_HEADERS = [
  "县区", "进修人员", "基层机构名称", "性别", "年龄", "职称", "学历", "执业资质", "进修专科", "进修医院名称", "进修起止月份", "备注",
];
export const SUMMARY_HEADERS = ["县区", "小计", ...DEPT_GROUPS];
export const ALLOCATION_HEADERS = ["县区", "名额", "实际安排", "差额"];
export const PER_TRAINEE_HEADERS = [
  "编号", "姓名", "单位", "科室", "项目", "状态", "进修医院", "进修专科", "起止日期", "带教老师", "轮转", "适用规则",
];

export interface FormsOptions {
  /** Department code → 汇总表 group, merged over {@link DEFAULT_DEPT_GROUPS} (these win). */
  readonly deptGroups?: Readonly<Record<string, DeptGroup>>;
  /** Department code → Chinese name, merged over {@link DEFAULT_DEPT_NAMES} (these win). */
  readonly deptNames?: Readonly<Record<string, string>>;
  /** Only this programme's trainees and placements (default: every programme). */
  readonly programme?: string;
}

/**
 * Builds the four commission forms from an instance and a plan of it.
 *
 * @example
 * ```ts
 * const instance = parseInstance(readFileSync("examples/lianyungang-2024.json", "utf8"));
 * const plan = await solve(instance);
 * const forms = buildForms(instance, plan, { deptGroups: { "general-practice": "内科" } });
 * forms.registration.rows.length;          // 50: one row per placed trainee
 * forms.allocation.rows.at(-1);            // ["合计", 50, 50, 0]
 * writeFileSync("forms.xlsx", await formsToXlsx(forms));
 * ```
 */
export function buildForms(instance: Instance, plan: Plan, options: FormsOptions = {}): Forms {
  const ctx = contextOf(instance);
  const groups: Record<string, DeptGroup> = { ...DEFAULT_DEPT_GROUPS, ...(options.deptGroups ?? {}) };
  const names: Record<string, string> = { ...DEFAULT_DEPT_NAMES, ...(options.deptNames ?? {}) };
  const deptName = (code: string) => names[code] ?? code;
  const inScope = (t: Trainee) => options.programme === undefined || t.programme === options.programme;
  const programmes = instance.programmes.filter((p) => options.programme === undefined || p.id === options.programme);

  // Counties: region id (or "" for none) → order and display name.
  const regionIndex = new Map((instance.regions ?? []).map((r, i) => [r.id, i]));
  const regionNames = new Map((instance.regions ?? []).map((r) => [r.id, r.name ?? r.id]));
  const regionName = (id: string) => (id === "" ? NO_REGION : (regionNames.get(id) ?? id));
  const countyOf = (unitId: string): string => ctx.units.get(unitId)?.region ?? "";
  const countyRank = (id: string) => (id === "" ? Number.MAX_SAFE_INTEGER : (regionIndex.get(id) ?? Number.MAX_SAFE_INTEGER - 1));
  const byCounty = (a: string, b: string) => countyRank(a) - countyRank(b) || naturalCompare(a, b);
  const unitIndex = new Map(instance.units.map((u, i) => [u.id, i]));
  const unitName = (id: string) => ctx.units.get(id)?.name ?? id;

  const trainees = instance.trainees.filter(inScope);
  const traineeOrder = (a: Trainee, b: Trainee) =>
    byCounty(countyOf(a.unit), countyOf(b.unit)) ||
    (unitIndex.get(a.unit) ?? -1) - (unitIndex.get(b.unit) ?? -1) ||
    naturalCompare(a.unit, b.unit) ||
    naturalCompare(a.id, b.id);

  const placementOf = new Map<string, Placement>();
  for (const p of plan.placements) {
    const t = ctx.trainees.get(p.trainee);
    if (t && inScope(t) && !placementOf.has(p.trainee)) placementOf.set(p.trainee, p);
  }
  const unplacedOf = new Map<string, readonly Reason[]>();
  for (const u of plan.unplaced ?? []) if (!unplacedOf.has(u.trainee)) unplacedOf.set(u.trainee, u.reasons);
  const placed = trainees.filter((t) => placementOf.has(t.id)).sort(traineeOrder);

  const granularity = instance.calendar.granularity;
  const period = (start: string, end: string) => periodLabel(start, end, granularity);

  // ---- 登记表 ----------------------------------------------------------------------------
  const registrationRows = placed.map((t) => {
    const p = placementOf.get(t.id)!;
    const prog = ctx.programmeOf(t);
    const notes: string[] = [];
    if (p.rotations && p.rotations.length > 0) notes.push(`轮转：${rotationsLabel(p, granularity, deptName)}`);
    const mentors = mentorLabel(ctx, p, deptName);
    if (mentors) notes.push(`带教：${mentors}`);
    const support = supportFor(plan.support ?? [], t, p);
    if (support.length > 0)
      notes.push(`下沉支援：${support.map((s) => `${unitName(s.from)} ${deptName(s.dept)} ${s.count}人 ${period(s.start, s.end)}`).join("；")}`);
    return [
      regionName(countyOf(t.unit)),
      t.name ?? t.id,
      unitName(t.unit),
      t.sex ? SEX_LABELS[t.sex] : "",
      t.birthDate ? yearsBetween(t.birthDate, ctx.ageAt(prog)) : "",
      t.title ? TITLE_LABELS[t.title] : "",
      t.education ? EDUCATION_LABELS[t.education] : "",
      t.license ? LICENSE_LABELS[t.license] : "",
      deptName(p.dept),
      unitName(p.unit),
      period(p.start, p.end),
      notes.join("。"),
    ];
  });

  // ---- county rows shared by 汇总表 and 分配表 ------------------------------------------------
  const unitRegions = new Set(instance.units.map((u) => u.region ?? ""));
  const quotaOf = new Map<string, number>();
  for (const prog of programmes) {
    for (const [region, n] of exactRegionQuotas(prog)) quotaOf.set(region, (quotaOf.get(region) ?? 0) + n);
  }
  const counties = [...new Set([
    ...trainees.map((t) => countyOf(t.unit)),
    ...[...quotaOf.keys()].filter((r) => unitRegions.has(r)),
  ])].sort(byCounty);

  // ---- 汇总表 ----------------------------------------------------------------------------
  const groupCounts = new Map(counties.map((c) => [c, DEPT_GROUPS.map(() => 0)]));
  for (const t of placed) {
    const dept = placementOf.get(t.id)!.dept;
    const g = DEPT_GROUPS.indexOf(groups[dept] ?? "其他");
    groupCounts.get(countyOf(t.unit))![g < 0 ? DEPT_GROUPS.length - 1 : g]++;
  }
  const summaryRows: (string | number)[][] = counties.map((c) => {
    const counts = groupCounts.get(c)!;
    return [regionName(c), sum(counts), ...counts];
  });
  const totals = DEPT_GROUPS.map((_, g) => sum(counties.map((c) => groupCounts.get(c)![g])));
  summaryRows.push(["合计", sum(totals), ...totals]);

  // ---- 分配表 ----------------------------------------------------------------------------
  const placedIn = (c: string) => placed.filter((t) => countyOf(t.unit) === c).length;
  const allocationRows: (string | number)[][] = counties.map((c) => {
    const quota = quotaOf.get(c);
    const actual = placedIn(c);
    return [regionName(c), quota ?? "", actual, quota === undefined ? "" : quota - actual];
  });
  const quotaRows = counties.filter((c) => quotaOf.has(c));
  const totalQuota = quotaRows.length > 0 ? sum(quotaRows.map((c) => quotaOf.get(c)!)) : undefined;
  allocationRows.push(["合计", totalQuota ?? "", placed.length, totalQuota === undefined ? "" : totalQuota - placed.length]);

  // ---- 一人一策一档 ------------------------------------------------------------------------
  const perTraineeRows = [...trainees].sort(traineeOrder).map((t) => {
    const prog = ctx.programmeOf(t);
    const p = placementOf.get(t.id);
    const common = [t.id, t.name ?? "", unitName(t.unit), deptName(t.dept), prog.name ?? prog.id];
    if (!p) {
      const reasons = unplacedOf.get(t.id) ?? [];
      const rules = reasons.length > 0 ? reasons.map((r) => `${r.code}：${r.message}`).join("；") : "计划中无此人的安排或原因";
      return [...common, "未安排", "", "", "", "", "", rules];
    }
    return [
      ...common,
      "已安排",
      unitName(p.unit),
      deptName(p.dept),
      `${p.start}—${lastDay(p.end)}`,
      mentorLabel(ctx, p, deptName),
      p.rotations && p.rotations.length > 0 ? rotationsLabel(p, granularity, deptName) : "",
      appliedRules(ctx, t, prog, p),
    ];
  });

  return {
    registration: table("登记表", REGISTRATION_HEADERS, registrationRows),
    summary: table("汇总表", SUMMARY_HEADERS, summaryRows),
    allocation: table("分配表", ALLOCATION_HEADERS, allocationRows),
    perTrainee: table("一人一策一档", PER_TRAINEE_HEADERS, perTraineeRows),
    ...(spansSeveralYears(instance) ? { perYear: perYearTable(ctx, plan, options.programme) } : {}),
  };
}

/** 分年度: metric rows × year columns (see the module comment). */
function perYearTable(ctx: Context, plan: Plan, only: string | undefined): Table {
  const views = yearlyViews(ctx.instance, plan);
  const rows = yearlyRows(views, only).map((r) => {
    const prog = r.programme !== undefined ? ctx.programmes.get(r.programme) : undefined;
    return [
      r.programme === undefined ? "全部项目" : (prog?.name ?? r.programme),
      yearlyRowLabel(ctx, r).zh,
      ...r.values,
      r.target ?? "",
    ];
  });
  return table("分年度", ["项目", "指标", ...views.years.map((y) => `${y.year}年`), "目标"], rows);
}

/** Quotas per region from a programme's rows whose `where` is exactly `{ homeRegion: [r] }`. */
function exactRegionQuotas(prog: Programme): Map<string, number> {
  const rows = new Map<string, { max?: number; min?: number }>();
  for (const q of prog.quotas ?? []) {
    const w = q.where;
    if (!w || Object.keys(w).length !== 1 || !w.homeRegion || w.homeRegion.length !== 1) continue;
    if (q.max === undefined && q.min === undefined) continue;
    const r = w.homeRegion[0];
    const cur = rows.get(r) ?? {};
    if (q.max !== undefined) cur.max = cur.max === undefined ? q.max : Math.min(cur.max, q.max);
    if (q.min !== undefined) cur.min = cur.min === undefined ? q.min : Math.max(cur.min, q.min);
    rows.set(r, cur);
  }
  return new Map([...rows].map(([r, q]) => [r, q.max ?? q.min!]));
}

/** Support rows sent to the trainee's home unit and home department that overlap the placement. */
function supportFor(support: readonly SupportRow[], t: Trainee, p: Placement): SupportRow[] {
  return support.filter((s) => s.to === t.unit && s.dept === t.dept && s.start < p.end && p.start < s.end);
}

/** `m-07（副高级）`, or per rotation `全科 m-01（副高级）；急诊科 m-05（正高级）`; "" when none. */
function mentorLabel(ctx: Context, p: Placement, deptName: (d: string) => string): string {
  const one = (id: string) => {
    const m = ctx.mentors.get(id);
    return m ? `${id}（${TITLE_LABELS[m.title] ?? m.title}）` : id;
  };
  if (p.rotations && p.rotations.length > 0) {
    const parts = p.rotations.filter((r) => r.mentor).map((r) => `${deptName(r.dept)} ${one(r.mentor!)}`);
    if (p.mentor) parts.unshift(one(p.mentor));
    return parts.join("；");
  }
  return p.mentor ? one(p.mentor) : "";
}

/** `全科 03-03—05-11；急诊科 05-12—05-25` (weeks) or `全科 2024.07—2024.08；…` (months). */
function rotationsLabel(p: Placement, granularity: "month" | "week", deptName: (d: string) => string): string {
  const year = p.start.slice(0, 4);
  return (p.rotations ?? [])
    .map((r) => {
      if (granularity === "month") return `${deptName(r.dept)} ${periodLabel(r.start, r.end, "month")}`;
      const last = lastDay(r.end);
      const short = r.start.slice(0, 4) === year && last.slice(0, 4) === year;
      return `${deptName(r.dept)} ${short ? r.start.slice(5) : r.start}—${short ? last.slice(5) : last}`;
    })
    .join("；");
}

/** The 适用规则 line of a placed trainee: eligibility, duration, window, mentor rule. */
function appliedRules(ctx: Context, t: Trainee, prog: Programme, p: Placement): string {
  const parts: string[] = [];
  const el = ctx.eligibility(t);
  if (el.length === 0) {
    const e = prog.eligibility;
    const checks: string[] = [];
    if (e?.tiers) checks.push(`机构层级 ${e.tiers.map((x) => TIER_LABELS[x] ?? x).join("/")}`);
    if (e?.maxAge !== undefined) checks.push(`年龄≤${e.maxAge}`);
    if (e?.minPracticeYears !== undefined) checks.push(`执业年限≥${e.minPracticeYears}`);
    if (e?.licenses) checks.push(`执业资质 ${e.licenses.map((l) => LICENSE_LABELS[l] ?? l).join("/")}`);
    if (e?.categories) checks.push(`人员类别 ${e.categories.map((c) => CATEGORY_LABELS[c] ?? c).join("/")}`);
    if (e?.minYearsSinceLast !== undefined) checks.push(`距上次进修≥${e.minYearsSinceLast}年`);
    parts.push(checks.length > 0 ? `资格审核通过（${checks.join("，")}）` : "资格审核通过（无资格限制）");
  } else {
    parts.push(`资格审核未通过：${el.map((r) => r.message).join("；")}`);
  }
  const [a, b] = ctx.span(p.start, p.end);
  const unit = ctx.slots.granularity === "month" ? "个月" : "周";
  const d = prog.duration;
  const rule = d?.min || d?.max ? `（规定 ${d.min ? durationLabel(d.min) : "不限"}～${d.max ? durationLabel(d.max) : "不限"}）` : "";
  parts.push(`进修时长 ${b - a}${unit}${rule}`);
  const w = windowOf(ctx, t);
  parts.push(`时间窗口 ${w.from}—${lastDay(w.to)}`);
  if (prog.mentor) parts.push(`带教要求 ${TITLE_LABELS[prog.mentor.minTitle] ?? prog.mentor.minTitle}及以上`);
  if (prog.rotations) parts.push(`轮转 ${prog.rotations.count.min}～${prog.rotations.count.max}个科室`);
  return parts.join("；");
}

function durationLabel(d: Duration): string {
  const out = [d.months ? `${d.months}个月` : "", d.weeks ? `${d.weeks}周` : "", d.days ? `${d.days}天` : ""].join("");
  return out === "" ? "0天" : out;
}

/** Month calendars `2024.07—2024.09` (last month inside `[start, end)`); week calendars first—last day. */
function periodLabel(start: string, end: string, granularity: "month" | "week"): string {
  const last = lastDay(end);
  if (granularity === "month") return `${start.slice(0, 4)}.${start.slice(5, 7)}—${last.slice(0, 4)}.${last.slice(5, 7)}`;
  return `${start}—${last}`;
}

/** The day before an exclusive ISO end date (UTC arithmetic on the date only). */
function lastDay(end: string): string {
  const d = new Date(`${end}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

/** Code-unit comparison that orders digit runs by value (`t-2` < `t-10`); locale-independent. */
function naturalCompare(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    let x = pa[i], y = pb[i];
    if (/^\d/.test(x) && /^\d/.test(y)) {
      x = x.replace(/^0+/, "");
      y = y.replace(/^0+/, "");
      if (x.length !== y.length) return x.length - y.length;
    }
    if (x !== y) return x < y ? -1 : 1;
  }
  return pa.length - pb.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** Display width of a cell: CJK and full-width characters count 2. */
function displayWidth(v: string | number): number {
  let w = 0;
  for (const ch of String(v)) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u2014]/.test(ch) || ch.codePointAt(0)! > 0xffff ? 2 : 1;
  return w;
}

function table(name: string, headers: string[], rows: (string | number)[][]): Table {
  const widths = headers.map((h, i) => {
    const widest = rows.reduce((w, r) => Math.max(w, displayWidth(r[i] ?? "")), displayWidth(h));
    return Math.min(60, Math.max(6, widest) + 2);
  });
  return { name, headers: [...headers], rows, widths };
}
