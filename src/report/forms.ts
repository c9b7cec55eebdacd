/**
 * The forms health commissions file (SPEC §8, seeds/002 附件1–3, seeds/000 一人一策一档),
 * as plain tables built from an instance and a plan:
 *
 * - **登记表** — one row per placed trainee (附件1, 务实进修人员情况登记表);
 * - **汇总表** — placements per county (县区) × study-department group, with a 合计 row (附件2);
 * - **分配表** — per county: 名额 (the quota), 实际安排, 差额, with a 合计 row (附件3);
 * - **一人一策一档** — one row per trainee, placed or not: the personal record of 浙江's
 *   "一人一策一档" (plan, mentor, rotations, and the rules that applied);
 * - **接收名单** — per receiving hospital (in `instance.units` order), who arrives when, in
 *   which department, with which mentor: the list a hospital's 科教科 prepares for.
 *
 * Every table has the form's title row (`附件1　…进修人员情况登记表`, as the seed's 附件) and
 * column kinds (`text`, `long`, `number`, `date`) that the workbook uses for wrapping and
 * real date cells. Words are Chinese by default, English with `options.lang = "en"`
 * (headers, labels and notes; names stay as the instance has them). Every lookup by a
 * department code or id goes through a `Map` or `Object.hasOwn`: a department named
 * `constructor` prints as `constructor`.
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
 * - **进修专科** is a Chinese label from {@link DEFAULT_DEPT_NAMES} — the label table of
 *   src/model/labels.ts, listed in docs/departments.md (extend or override with
 *   `options.deptNames`); an unknown code is shown as the code itself.
 * - 汇总表 groups study departments by {@link DEFAULT_DEPT_GROUPS} merged with
 *   `options.deptGroups`; an unmapped code counts under 其他. A rotating placement counts
 *   once, under its main department (`placement.dept`), as quotas do (SPEC §9).
 * - **进修起止月份**: month calendars `2024.07—2024.09` (the end month is the last month inside
 *   `[start, end)`); week calendars the first and last day, `2025-03-03—2025-05-25`.
 *   一人一策一档 and 接收名单 give the first and the last day as two date columns.
 * - **备注** joins, with "。": rotations (`轮转：全科 03-03—05-11；急诊科 05-12—05-25`),
 *   the mentor(s) (`带教：赵主任（副高级）`; a mentor without a `name` shows its id), and
 *   support sent down to the trainee's home unit and home department overlapping the
 *   placement (`下沉支援：东海县人民医院 全科 1人 2024.07—2024.09`).
 * - 一人一策一档's 适用规则 of an unplaced trainee: each reason as its rule's label and the
 *   message (`接收容量：…`), never the bare code.
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
import {
  CATEGORY_LABELS, DEPT_LABELS, EDUCATION_LABELS, type Lang, LICENSE_LABELS, SEX_LABELS, TIER_LABELS, TITLE_LABELS, label,
} from "../model/labels.js";
import type { Duration, Instance, Placement, Plan, Programme, Reason, SupportRow, Trainee } from "../model/types.js";
import { type Context, contextOf, windowOf } from "../rules/context.js";
import { displayWidth, namesOf, naturalCompare, reasonWords, receivingList, type Names, yearlyRowLabel } from "./words.js";
import { isResident } from "../rules/residents.js";
import { residencyMetrics } from "./metrics.js";
import { buildResidencyForms, type ResidencyForms } from "./residency.js";
import { spansSeveralYears, yearlyRows, yearlyViews } from "./yearly.js";

/**
 * What a column holds, for the workbook: `text` (short), `long` (wrapped text), `number`,
 * `date` (an ISO `YYYY-MM-DD` string in the table, a real date cell in the workbook).
 */
export type ColumnKind = "text" | "long" | "number" | "date";

/** One sheet: a Chinese name, header row, body rows; optional column widths in characters. */
export interface Table {
  /** Sheet name: 登记表, 汇总表, 分配表, 一人一策一档, 接收名单, 分年度. */
  readonly name: string;
  /** The form's title row, e.g. `附件1　2024 年……进修人员情况登记表`. */
  readonly title?: string;
  readonly headers: string[];
  readonly rows: (string | number)[][];
  readonly widths?: number[];
  /** Per column; default `text`. */
  readonly columns?: ColumnKind[];
  /**
   * A column whose value starts a new printed page when it changes (接收名单: one page per
   * receiving hospital). Rows are already grouped by it.
   */
  readonly pageBreakColumn?: number;
  /** The language of the words in the table (the workbook's page footer follows it). */
  readonly lang?: Lang;
  /**
   * The form asks the filing unit to sign (附件1 and 附件2: 填报单位（加盖公章）, 填报人,
   * 填报日期); the workbook prints that line at the top of every page.
   */
  readonly signOff?: boolean;
  /**
   * Leading columns that identify a row (a resident, a department) in a wide sheet such as
   * 轮转计划表: frozen on screen and repeated on every printed page (the title with them),
   * which prints at most twelve month columns a page across instead of shrinking every
   * month onto one page.
   */
  readonly frozenColumns?: number;
  /** Cells the workbook fills: `short` (a soft target missed, amber), `bad` (a hard rule broken, red). */
  readonly marks?: readonly CellMark[];
}

/** A cell to mark in the workbook: 0-based row of `rows`, 0-based column. */
export interface CellMark {
  readonly row: number;
  readonly col: number;
  /** `short`: a soft target missed; `bad`: a hard rule broken (hard service row, capacity, managers). */
  readonly mark: "short" | "bad";
}

export interface Forms {
  readonly registration: Table;
  readonly summary: Table;
  readonly allocation: Table;
  readonly perTrainee: Table;
  /** 接收名单: per receiving hospital, who arrives when, in which department, with which mentor. */
  readonly receiving: Table;
  /** 分年度: only when the calendar's slots fall in two or more calendar years. */
  readonly perYear?: Table;
  /** SPEC §10: 轮转计划表, 科室轮转排班表, 基地汇总, 住培一人一档 — only when the instance has residents (residency.ts). */
  readonly residency?: ResidencyForms;
  /** True when the instance (in scope) has residents alone: the workbook and CSV files hold the residency sheets only. */
  readonly residentsOnly?: boolean;
}

/** The study-department groups of 汇总表 (附件2), in column order. */
export const DEPT_GROUPS = ["内科", "外科", "妇产科", "儿科", "中医科", "口腔科", "五官科", "护理", "影像", "检验", "其他"] as const;
export type DeptGroup = (typeof DEPT_GROUPS)[number];
const DEPT_GROUPS_EN: Readonly<Record<DeptGroup, string>> = {
  内科: "internal", 外科: "surgery", 妇产科: "obstetrics & gynaecology", 儿科: "paediatrics", 中医科: "TCM",
  口腔科: "stomatology", 五官科: "eye & ENT", 护理: "nursing", 影像: "imaging", 检验: "laboratory", 其他: "other",
};
/**
 * Default mapping of department codes to the 汇总表 groups. Codes not listed count under 其他
 * (so do general-practice, emergency, icu, rehabilitation, pathology, pharmacy,
 * public-health: 附件2 has no column for them). Override or extend with `options.deptGroups`.
 */
export const DEFAULT_DEPT_GROUPS: Readonly<Record<string, DeptGroup>> = Object.freeze({
  internal: "内科", cardiology: "内科", respiratory: "内科", endocrinology: "内科", geriatrics: "内科",
  gastroenterology: "内科", nephrology: "内科", neurology: "内科", hematology: "内科", rheumatology: "内科",
  "infectious-disease": "内科", oncology: "内科", gastro: "内科", tuberculosis: "内科",
  surgery: "外科", "general-surgery": "外科", orthopedics: "外科", neurosurgery: "外科", urology: "外科",
  "thoracic-surgery": "外科", "cardiothoracic-surgery": "外科", "hepatobiliary-surgery": "外科", "burn-surgery": "外科",
  "plastic-surgery": "外科", "pediatric-surgery": "外科",
  "obstetrics-gynecology": "妇产科", obstetrics: "妇产科", gynecology: "妇产科", "womens-health": "妇产科",
  pediatrics: "儿科", neonatology: "儿科", "child-health": "儿科",
  tcm: "中医科", acupuncture: "中医科", "tcm-orthopedics": "中医科", "integrated-medicine": "中医科",
  stomatology: "口腔科", dental: "口腔科",
  ent: "五官科", ophthalmology: "五官科",
  nursing: "护理",
  imaging: "影像", radiology: "影像", ultrasound: "影像", ecg: "影像", "nuclear-medicine": "影像",
  lab: "检验", "blood-transfusion": "检验",
  "general-practice": "其他", emergency: "其他", icu: "其他", rehabilitation: "其他", pathology: "其他",
  pharmacy: "其他", "public-health": "其他", anesthesiology: "其他", dermatology: "其他", psychiatry: "其他",
  "pain-medicine": "其他", "sports-medicine": "其他", "palliative-care": "其他", "radiation-oncology": "其他",
  "preventive-care": "其他", "occupational-disease": "其他",
});

/**
 * Default Chinese names of department codes (进修专科, 科室): the label table's
 * (src/model/labels.ts, listed in docs/departments.md). Override or extend with `options.deptNames`.
 */
export const DEFAULT_DEPT_NAMES: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(Object.entries(DEPT_LABELS).map(([code, l]) => [code, l.zh])),
);

/** 县区 shown for a home unit without a region. */
export const NO_REGION = "未注明县区";

export const REGISTRATION_HEADERS = [
  "县区", "进修人员", "基层机构名称", "性别", "年龄", "职称", "学历", "执业资质", "进修专科", "进修医院名称", "进修起止月份", "备注",
];
export const SUMMARY_HEADERS = ["县区", "小计", ...DEPT_GROUPS];
export const ALLOCATION_HEADERS = ["县区", "名额", "实际安排", "差额"];
export const PER_TRAINEE_HEADERS = [
  "编号", "姓名", "单位", "科室", "项目", "状态", "进修医院", "进修专科", "开始日期", "结束日期", "带教老师", "轮转", "适用规则",
];
export const RECEIVING_HEADERS = [
  "接收医院", "进修科室", "姓名", "派出单位", "县区", "到岗日期", "结束日期", "带教老师", "轮转", "备注",
];
const HEADERS_EN = {
  registration: ["county", "trainee", "home unit", "sex", "age", "title", "education", "licence", "study department", "receiving hospital", "period", "notes"],
  summary: ["county", "total", ...DEPT_GROUPS.map((g) => DEPT_GROUPS_EN[g])],
  allocation: ["county", "quota", "placed", "difference"],
  perTrainee: ["id", "name", "unit", "department", "programme", "status", "receiving hospital", "study department", "start", "end", "mentor", "rotations", "rules applied"],
  receiving: ["receiving hospital", "department", "name", "home unit", "county", "arrives", "last day", "mentor", "rotations", "notes"],
};

export interface FormsOptions {
  /** Department code → 汇总表 group, merged over {@link DEFAULT_DEPT_GROUPS} (these win). */
  readonly deptGroups?: Readonly<Record<string, DeptGroup>>;
  /** Department code → Chinese name, merged over {@link DEFAULT_DEPT_NAMES} (these win). */
  readonly deptNames?: Readonly<Record<string, string>>;
  /** Only this programme's trainees and placements (default: every programme). */
  readonly programme?: string;
  /** Words of headers, labels and notes: Chinese (default) or English. Sheet names stay Chinese. */
  readonly lang?: Lang;
}

/** Own entries of a caller's record as a Map (no inherited keys). */
function ownMap<V>(r: Readonly<Record<string, V>> | undefined): Map<string, V> {
  const m = new Map<string, V>();
  if (r) for (const k of Object.keys(r)) m.set(k, r[k]);
  return m;
}

/** Words that differ between the languages of the forms. */
const W = {
  zh: {
    total: "合计", placed: "已安排", unplaced: "未安排", noReason: "计划中无此人的安排或原因", rotations: "轮转", mentor: "带教",
    support: "下沉支援", person: "人", sep: "。", list: "；", noRegion: NO_REGION, allProgrammes: "全部项目",
    form: (n: number, what: string) => `附件${n}　${what}`,
  },
  en: {
    total: "Total", placed: "placed", unplaced: "not placed", noReason: "the plan gives no entry or reason for this trainee", rotations: "rotations", mentor: "mentor",
    support: "support sent down", person: "", sep: ". ", list: "; ", noRegion: "no county given", allProgrammes: "all programmes",
    form: (n: number, what: string) => `Form ${n}: ${what}`,
  },
} as const;

/**
 * Builds the commission forms from an instance and a plan of it.
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
  const lang: Lang = options.lang === "en" ? "en" : "zh";
  const w = W[lang];
  const ctx = contextOf(instance);
  const groups = new Map<string, DeptGroup>([...ownMap(DEFAULT_DEPT_GROUPS), ...ownMap(options.deptGroups)]);
  const ownNames = ownMap(options.deptNames);
  const names = namesOf(ctx, lang, lang === "zh" ? new Map([...ownMap(DEFAULT_DEPT_NAMES), ...ownNames]) : ownNames);
  const deptName = names.dept;
  // Residents (SPEC §10) have their own sheets (residency.ts); the 进修 forms leave them out.
  const inScope = (t: Trainee) => (options.programme === undefined || t.programme === options.programme) && !isResident(ctx, t);
  const allProgrammes = instance.programmes.filter((p) => options.programme === undefined || p.id === options.programme);
  const jinxiuProgrammes = allProgrammes.filter((p) => p.residency === undefined);
  const programmes = jinxiuProgrammes.length > 0 ? jinxiuProgrammes : allProgrammes;

  // Counties: region id (or "" for none) → order and display name.
  const regionIndex = new Map((instance.regions ?? []).map((r, i) => [r.id, i]));
  const regionName = (id: string) => (id === "" ? w.noRegion : names.region(id));
  const countyOf = (unitId: string): string => ctx.units.get(unitId)?.region ?? "";
  const countyRank = (id: string) => (id === "" ? Number.MAX_SAFE_INTEGER : (regionIndex.get(id) ?? Number.MAX_SAFE_INTEGER - 1));
  const byCounty = (a: string, b: string) => countyRank(a) - countyRank(b) || naturalCompare(a, b);
  const unitIndex = new Map(instance.units.map((u, i) => [u.id, i]));
  const unitName = names.unit;

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
  const supportNote = (t: Trainee, p: Placement) => {
    const support = supportFor(plan.support ?? [], t, p);
    if (support.length === 0) return "";
    const rows = support.map((s) => `${unitName(s.from)} ${deptName(s.dept)} ${s.count}${w.person} ${period(s.start, s.end)}`);
    return `${w.support}${lang === "zh" ? "：" : ": "}${rows.join(w.list)}`;
  };
  const colon = lang === "zh" ? "：" : ": ";

  // ---- 登记表 ----------------------------------------------------------------------------
  const registrationRows = placed.map((t) => {
    const p = placementOf.get(t.id)!;
    const prog = ctx.programmeOf(t);
    const notes: string[] = [];
    if (p.rotations && p.rotations.length > 0) notes.push(`${w.rotations}${colon}${rotationsLabel(p, granularity, deptName, lang)}`);
    const mentors = mentorLabel(p, names);
    if (mentors) notes.push(`${w.mentor}${colon}${mentors}`);
    const support = supportNote(t, p);
    if (support) notes.push(support);
    return [
      regionName(countyOf(t.unit)),
      t.name ?? t.id,
      unitName(t.unit),
      t.sex ? label(SEX_LABELS, t.sex, lang) : "",
      t.birthDate ? yearsBetween(t.birthDate, ctx.ageAt(prog)) : "",
      t.title ? label(TITLE_LABELS, t.title, lang) : "",
      t.education ? label(EDUCATION_LABELS, t.education, lang) : "",
      t.license ? label(LICENSE_LABELS, t.license, lang) : "",
      deptName(p.dept),
      unitName(p.unit),
      period(p.start, p.end),
      notes.join(w.sep),
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
    const g = DEPT_GROUPS.indexOf(groups.get(dept) ?? "其他");
    groupCounts.get(countyOf(t.unit))![g < 0 ? DEPT_GROUPS.length - 1 : g]++;
  }
  const summaryRows: (string | number)[][] = counties.map((c) => {
    const counts = groupCounts.get(c)!;
    return [regionName(c), sum(counts), ...counts];
  });
  const totals = DEPT_GROUPS.map((_, g) => sum(counties.map((c) => groupCounts.get(c)![g])));
  summaryRows.push([w.total, sum(totals), ...totals]);

  // ---- 分配表 ----------------------------------------------------------------------------
  const placedIn = (c: string) => placed.filter((t) => countyOf(t.unit) === c).length;
  const allocationRows: (string | number)[][] = counties.map((c) => {
    const quota = quotaOf.get(c);
    const actual = placedIn(c);
    return [regionName(c), quota ?? "", actual, quota === undefined ? "" : quota - actual];
  });
  const quotaRows = counties.filter((c) => quotaOf.has(c));
  const totalQuota = quotaRows.length > 0 ? sum(quotaRows.map((c) => quotaOf.get(c)!)) : undefined;
  allocationRows.push([w.total, totalQuota ?? "", placed.length, totalQuota === undefined ? "" : totalQuota - placed.length]);

  // ---- 一人一策一档 ------------------------------------------------------------------------
  const perTraineeRows = [...trainees].sort(traineeOrder).map((t) => {
    const prog = ctx.programmeOf(t);
    const p = placementOf.get(t.id);
    const common = [t.id, t.name ?? "", unitName(t.unit), deptName(t.dept), prog.name ?? prog.id];
    if (!p) {
      const reasons = unplacedOf.get(t.id) ?? [];
      const rules = reasons.length > 0 ? reasons.map((r) => reasonWords(r, lang)).join(w.list) : w.noReason;
      return [...common, w.unplaced, "", "", "", "", "", "", rules];
    }
    return [
      ...common,
      w.placed,
      unitName(p.unit),
      deptName(p.dept),
      p.start,
      lastDay(p.end),
      mentorLabel(p, names),
      p.rotations && p.rotations.length > 0 ? rotationsLabel(p, granularity, deptName, lang) : "",
      appliedRules(ctx, t, prog, p, lang),
    ];
  });

  // ---- 接收名单 ----------------------------------------------------------------------------
  const receivingRows = receivingList(ctx, plan, names, (p) => {
    const t = ctx.trainees.get(p.trainee);
    return t !== undefined && inScope(t);
  }).map(({ p, t }) => [
    unitName(p.unit),
    deptName(p.dept),
    t.name ?? t.id,
    unitName(t.unit),
    regionName(countyOf(t.unit)),
    p.start,
    lastDay(p.end),
    mentorLabel(p, names),
    p.rotations && p.rotations.length > 0 ? rotationsLabel(p, granularity, deptName, lang) : "",
    supportNote(t, p),
  ]);

  const what = programmes.map((p) => p.name ?? p.id).join("、");
  const zh = lang === "zh";
  const H = (zhHeaders: readonly string[], key: keyof typeof HEADERS_EN) => (zh ? zhHeaders : HEADERS_EN[key]);
  return {
    registration: signed(table("登记表", w.form(1, zh ? `${what} 进修人员情况登记表` : `${what}: registration of trainees`), H(REGISTRATION_HEADERS, "registration"), registrationRows,
      ["text", "text", "long", "text", "number", "text", "text", "text", "text", "long", "text", "long"], lang)),
    summary: signed(table("汇总表", w.form(2, zh ? `${what} 进修人员情况汇总表` : `${what}: trainees per county and department group`), H(SUMMARY_HEADERS, "summary"), summaryRows,
      ["text", ...SUMMARY_HEADERS.slice(1).map(() => "number" as const)], lang)),
    allocation: table("分配表", w.form(3, zh ? `${what} 进修人员分配表` : `${what}: allocation per county`), H(ALLOCATION_HEADERS, "allocation"), allocationRows,
      ["text", "number", "number", "number"], lang),
    perTrainee: table("一人一策一档", zh ? `${what} 一人一策一档` : `${what}: one record per trainee`, H(PER_TRAINEE_HEADERS, "perTrainee"), perTraineeRows,
      ["text", "text", "long", "text", "long", "text", "long", "text", "date", "date", "long", "long", "long"], lang),
    receiving: { ...table("接收名单", zh ? `${what} 接收医院进修人员名单` : `${what}: arrivals per receiving hospital`, H(RECEIVING_HEADERS, "receiving"), receivingRows,
      ["long", "text", "text", "long", "text", "date", "date", "long", "long", "long"], lang), pageBreakColumn: 0 },
    ...(spansSeveralYears(instance) ? { perYear: perYearTable(ctx, plan, options.programme, lang, what) } : {}),
    ...residencyPart(instance, plan, ctx, options, lang, lang === "zh" ? new Map([...ownMap(DEFAULT_DEPT_NAMES), ...ownNames]) : ownNames, allProgrammes, placementOf.size),
  };
}

/**
 * The residency sheets, when the instance has residents in scope; `residentsOnly` when it
 * has nothing else (no 进修 trainee in scope, no placement): the workbook and the CSV files
 * then hold the residency sheets alone.
 */
function residencyPart(
  instance: Instance, plan: Plan, ctx: Context, options: FormsOptions, lang: Lang, deptNames: ReadonlyMap<string, string>,
  programmes: readonly Programme[], placed: number,
): Pick<Forms, "residency" | "residentsOnly"> {
  if (!instance.trainees.some((t) => isResident(ctx, t))) return {};
  const metrics = residencyMetrics(instance, plan);
  if (!metrics) return {};
  const names = namesOf(ctx, lang, deptNames);
  const what = programmes.filter((p) => p.residency !== undefined).map((p) => p.name ?? p.id).join("、");
  const residency = buildResidencyForms(ctx, plan, metrics.figures, names, lang, what, options.programme);
  if (!residency) return {};
  const others = instance.trainees.some((t) => !isResident(ctx, t) && (options.programme === undefined || t.programme === options.programme));
  return { residency, ...(!others && placed === 0 ? { residentsOnly: true } : {}) };
}

/** 分年度: metric rows × year columns (see the module comment). */
function perYearTable(ctx: Context, plan: Plan, only: string | undefined, lang: Lang, what: string): Table {
  const views = yearlyViews(ctx.instance, plan);
  const zh = lang === "zh";
  const rows = yearlyRows(views, only).map((r) => {
    const prog = r.programme !== undefined ? ctx.programmes.get(r.programme) : undefined;
    return [
      r.programme === undefined ? W[lang].allProgrammes : (prog?.name ?? r.programme),
      yearlyRowLabel(ctx, r)[lang],
      ...r.values,
      r.target ?? "",
    ];
  });
  const years = views.years.map((y) => (zh ? `${y.year}年` : String(y.year)));
  return table("分年度", zh ? `${what} 分年度情况` : `${what}: year by year`, zh ? ["项目", "指标", ...years, "目标"] : ["programme", "metric", ...years, "target"], rows,
    ["long", "long", ...years.map(() => "number" as const), "number"], lang);
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

/** `张医生（副高级）`, or per rotation `全科 张医生（副高级）；急诊科 m-05（正高级）`; "" when none. */
function mentorLabel(p: Placement, names: Names): string {
  const sep = names.lang === "zh" ? "；" : "; ";
  if (p.rotations && p.rotations.length > 0) {
    const parts = p.rotations.filter((r) => r.mentor).map((r) => `${names.dept(r.dept)} ${names.mentor(r.mentor)}`);
    if (p.mentor) parts.unshift(names.mentor(p.mentor));
    return parts.join(sep);
  }
  return names.mentor(p.mentor);
}

/** `全科 03-03—05-11；急诊科 05-12—05-25` (weeks) or `全科 2024.07—2024.08；…` (months). */
function rotationsLabel(p: Placement, granularity: "month" | "week", deptName: (d: string) => string, lang: Lang): string {
  const year = p.start.slice(0, 4);
  return (p.rotations ?? [])
    .map((r) => {
      if (granularity === "month") return `${deptName(r.dept)} ${periodLabel(r.start, r.end, "month")}`;
      const last = lastDay(r.end);
      const short = r.start.slice(0, 4) === year && last.slice(0, 4) === year;
      return `${deptName(r.dept)} ${short ? r.start.slice(5) : r.start}—${short ? last.slice(5) : last}`;
    })
    .join(lang === "zh" ? "；" : "; ");
}

/** The 适用规则 line of a placed trainee: eligibility, duration, window, mentor rule. */
function appliedRules(ctx: Context, t: Trainee, prog: Programme, p: Placement, lang: Lang): string {
  const zh = lang === "zh";
  const parts: string[] = [];
  const el = ctx.eligibility(t);
  const list = (xs: readonly string[], table: Parameters<typeof label>[0]) => xs.map((x) => label(table, x, lang)).join("/");
  if (el.length === 0) {
    const e = prog.eligibility;
    const checks: string[] = [];
    if (e?.tiers) checks.push(zh ? `机构层级 ${list(e.tiers, TIER_LABELS)}` : `home tier ${list(e.tiers, TIER_LABELS)}`);
    if (e?.maxAge !== undefined) checks.push(zh ? `年龄≤${e.maxAge}` : `age ≤ ${e.maxAge}`);
    if (e?.minPracticeYears !== undefined) checks.push(zh ? `执业年限≥${e.minPracticeYears}` : `practice ≥ ${e.minPracticeYears} years`);
    if (e?.licenses) checks.push(zh ? `执业资质 ${list(e.licenses, LICENSE_LABELS)}` : `licence ${list(e.licenses, LICENSE_LABELS)}`);
    if (e?.categories) checks.push(zh ? `人员类别 ${list(e.categories, CATEGORY_LABELS)}` : `category ${list(e.categories, CATEGORY_LABELS)}`);
    if (e?.minYearsSinceLast !== undefined) checks.push(zh ? `距上次进修≥${e.minYearsSinceLast}年` : `≥ ${e.minYearsSinceLast} years since the last placement`);
    parts.push(zh
      ? (checks.length > 0 ? `资格审核通过（${checks.join("，")}）` : "资格审核通过（无资格限制）")
      : (checks.length > 0 ? `eligible (${checks.join(", ")})` : "eligible (no eligibility rule)"));
  } else {
    parts.push(zh ? `资格审核未通过：${el.map((r) => r.message).join("；")}` : `not eligible: ${el.map((r) => r.message).join("; ")}`);
  }
  const [a, b] = ctx.span(p.start, p.end);
  const d = prog.duration;
  if (zh) {
    const unit = ctx.slots.granularity === "month" ? "个月" : "周";
    const rule = d?.min || d?.max ? `（规定 ${d.min ? durationLabel(d.min) : "不限"}～${d.max ? durationLabel(d.max) : "不限"}）` : "";
    parts.push(`进修时长 ${b - a}${unit}${rule}`);
  } else {
    const unit = ctx.slots.granularity === "month" ? "month(s)" : "week(s)";
    const rule = d?.min || d?.max ? ` (allowed ${d.min ? durationLabel(d.min, "en") : "any"} to ${d.max ? durationLabel(d.max, "en") : "any"})` : "";
    parts.push(`duration ${b - a} ${unit}${rule}`);
  }
  const w = windowOf(ctx, t);
  parts.push(zh ? `时间窗口 ${w.from}—${lastDay(w.to)}` : `window ${w.from} to ${lastDay(w.to)}`);
  if (prog.mentor) parts.push(zh ? `带教要求 ${label(TITLE_LABELS, prog.mentor.minTitle)}及以上` : `mentor ${label(TITLE_LABELS, prog.mentor.minTitle, "en")} or above`);
  if (prog.rotations) parts.push(zh ? `轮转 ${prog.rotations.count.min}～${prog.rotations.count.max}个科室` : `${prog.rotations.count.min}–${prog.rotations.count.max} rotation departments`);
  return parts.join(zh ? "；" : "; ");
}

function durationLabel(d: Duration, lang: Lang = "zh"): string {
  if (lang === "en") {
    const out = [d.months ? `${d.months} month(s)` : "", d.weeks ? `${d.weeks} week(s)` : "", d.days ? `${d.days} day(s)` : ""].filter(Boolean).join(" ");
    return out === "" ? "0 days" : out;
  }
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

const signed = (t: Table): Table => ({ ...t, signOff: true });

/** Columns whose text wraps are capped at this width (characters); others fit their widest cell. */
const LONG_WIDTH = 40;

function table(name: string, title: string, headers: readonly string[], rows: (string | number)[][], columns: ColumnKind[], lang: Lang): Table {
  const widths = headers.map((h, i) => {
    const kind = columns[i] ?? "text";
    const head = displayWidth(h) + 2;
    if (kind === "date") return Math.max(head, 12);
    const widest = rows.reduce((w, r) => Math.max(w, displayWidth(r[i] ?? "")), 0) + 2;
    return Math.max(head, 6, Math.min(kind === "long" ? LONG_WIDTH : 60, widest));
  });
  return { name, title, headers: [...headers], rows, widths, columns, lang };
}
