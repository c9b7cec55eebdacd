/**
 * One label table for every code of the spec — Chinese first, English second — so that
 * forms, summaries, reports and messages say `市级` / `副高级` / `心血管内科` /
 * `接收容量` rather than `city` / `associate-senior` / `cardiology` / `R-CAPACITY`.
 *
 * Every table whose codes form a closed union of the spec (tiers, kinds, titles,
 * licences, categories, practice, sex, education, relation types, rule codes, plan
 * statuses, shortfall and support kinds …) is typed `Record<ThatUnion, Label>`, so adding
 * a code to the union without a label fails to compile. Departments are an open
 * vocabulary (any string is a valid `dept`); {@link DEPT_LABELS} holds the codes the
 * shipped examples, the generators and the seed programmes use, plus the common
 * departments of a Chinese hospital (医疗机构诊疗科目名录); an unknown department code
 * is shown as the code itself.
 *
 * Lookups never read inherited properties: `label(DEPT_LABELS, "constructor")` is
 * `"constructor"`, not `function Object() { [native code] }`.
 *
 * @example
 * ```ts
 * label(TIER_LABELS, "city");                 // "市级"
 * label(TIER_LABELS, "city", "en");           // "city level"
 * label(DEPT_LABELS, "cardiology");           // "心血管内科"
 * label(DEPT_LABELS, "内科");                 // "内科" (unknown code: the code itself)
 * label(RULE_LABELS, "R-CAPACITY");           // "接收容量"
 * ```
 */

/** The language of a label: Chinese (default) or English. */
export type Lang = "zh" | "en";

/** A code's words: Chinese first, English second. */
export interface Label {
  readonly zh: string;
  readonly en: string;
}

/** A label table: code → words. */
export type LabelTable<K extends string = string> = { readonly [P in K]: Label };

const freeze = <T extends object>(t: T): Readonly<T> => Object.freeze(t);

// ---------------------------------------------------------------------------------------
// Closed unions of the spec (SPEC §2–§11). Kept here, beside their labels, so this file
// stands alone; they equal the unions of types.ts where those exist.

/** SPEC §2 unit tiers. */
export type TierCode = "provincial" | "city" | "county" | "township" | "village";
/** SPEC §2 unit kinds. */
export type KindCode = "general" | "tcm" | "specialty";
/** SPEC §3 titles, in rank order. */
export type TitleCode = "none" | "junior" | "intermediate" | "associate-senior" | "senior";
/** SPEC §3 licences. */
export type LicenseCode = "physician" | "assistant" | "village-doctor" | "nurse" | "technician" | "none";
/** SPEC §3 trainee categories. */
export type CategoryCode = "clinical" | "nursing" | "imaging" | "lab" | "pharmacy" | "public-health";
/** SPEC §3 practice. */
export type PracticeCode = "western" | "tcm";
/** SPEC §3 sex. */
export type SexCode = "female" | "male";
/** SPEC §3 education (学历). */
export type EducationCode = "secondary" | "junior-college" | "bachelor" | "master" | "doctorate";
/** SPEC §2 and §10 relation types. */
export type RelationCode = "alliance" | "pairing" | "parent" | "training";
/** SPEC §3 calendar granularity. */
export type GranularityCode = "month" | "week";
/** SPEC §6 plan status. */
export type StatusCode = "optimal" | "feasible" | "infeasible" | "timeout-feasible";
/** SPEC §4 `where` keys. */
export type WhereKeyCode =
  | "homeUnit" | "homeRegion" | "homeRegionFlag" | "homeTier" | "homeDept" | "role"
  | "studyDept" | "receivingUnit" | "receivingTier" | "receivingKind" | "category";
/** Rule codes of SPEC §5, §9 and §10. */
export type RuleCodeLabelled =
  | "R-ONCE" | "R-ELIGIBLE" | "R-RECEIVER" | "R-DEPT" | "R-DURATION" | "R-WINDOW" | "R-CAPACITY"
  | "R-MENTOR" | "R-STAFFING" | "R-SUPPORT" | "R-TEAM" | "R-QUOTA" | "R-COVERAGE" | "R-BUDGET"
  | "R-PINNED" | "R-ROTATION" | "R-CURRICULUM" | "R-SITE" | "R-SERVICE" | "R-MANAGERS";
/** Codes of unplaced reasons, conflicts and plan checks that are not rules (SPEC §6, §10, §11). */
export type OutcomeCode = "CAPACITY-COMPETITION" | "INFEASIBLE" | "PLAN-FORMAT" | "TIME-LIMIT";
/** Every code a reason, violation or conflict can carry. */
export type ReasonCode = RuleCodeLabelled | OutcomeCode;
/** Shortfall rows (SPEC §6 quota and coverage, §10 service). */
export type ShortfallCode = "quota" | "coverage" | "service";
/** Scarce resources (SPEC §11.4 bottlenecks), also the kinds of support and use a plan reports. */
export type ResourceCode = "capacity" | "mentor" | "support" | "quota" | "budget";
/** Entries of a plan difference (SPEC §11.2). */
export type ChangeCode = "moved" | "mentor" | "added" | "removed";

// ---------------------------------------------------------------------------------------
// Tables of closed unions

export const TIER_LABELS = freeze({
  provincial: { zh: "省级", en: "provincial" },
  city: { zh: "市级", en: "city level" },
  county: { zh: "县级", en: "county level" },
  township: { zh: "乡镇（社区）", en: "township / community" },
  village: { zh: "村级", en: "village" },
} as const satisfies LabelTable<TierCode>);

export const KIND_LABELS = freeze({
  general: { zh: "综合医院", en: "general" },
  tcm: { zh: "中医类医院", en: "TCM" },
  specialty: { zh: "专科医院", en: "specialty" },
} as const satisfies LabelTable<KindCode>);

export const TITLE_LABELS = freeze({
  none: { zh: "无职称", en: "no title" },
  junior: { zh: "初级", en: "junior" },
  intermediate: { zh: "中级", en: "intermediate" },
  "associate-senior": { zh: "副高级", en: "associate senior" },
  senior: { zh: "正高级", en: "senior" },
} as const satisfies LabelTable<TitleCode>);

export const LICENSE_LABELS = freeze({
  physician: { zh: "执业医师", en: "physician" },
  assistant: { zh: "执业助理医师", en: "assistant physician" },
  "village-doctor": { zh: "乡村医生", en: "village doctor" },
  nurse: { zh: "护士", en: "nurse" },
  technician: { zh: "技师", en: "technician" },
  none: { zh: "无执业资质", en: "no licence" },
} as const satisfies LabelTable<LicenseCode>);

export const CATEGORY_LABELS = freeze({
  clinical: { zh: "临床", en: "clinical" },
  nursing: { zh: "护理", en: "nursing" },
  imaging: { zh: "影像", en: "imaging" },
  lab: { zh: "检验", en: "laboratory" },
  pharmacy: { zh: "药学", en: "pharmacy" },
  "public-health": { zh: "公共卫生", en: "public health" },
} as const satisfies LabelTable<CategoryCode>);

export const PRACTICE_LABELS = freeze({
  western: { zh: "西医", en: "western medicine" },
  tcm: { zh: "中医", en: "TCM" },
} as const satisfies LabelTable<PracticeCode>);

export const SEX_LABELS = freeze({
  female: { zh: "女", en: "female" },
  male: { zh: "男", en: "male" },
} as const satisfies LabelTable<SexCode>);

export const EDUCATION_LABELS = freeze({
  secondary: { zh: "中专", en: "secondary" },
  "junior-college": { zh: "大专", en: "junior college" },
  bachelor: { zh: "本科", en: "bachelor" },
  master: { zh: "硕士", en: "master" },
  doctorate: { zh: "博士", en: "doctorate" },
} as const satisfies LabelTable<EducationCode>);

export const RELATION_LABELS = freeze({
  alliance: { zh: "医共体（医联体）", en: "alliance" },
  pairing: { zh: "对口帮扶", en: "pairing" },
  parent: { zh: "乡村一体化", en: "township → village" },
  training: { zh: "住培协同", en: "residency training site" },
} as const satisfies LabelTable<RelationCode>);

export const GRANULARITY_LABELS = freeze({
  month: { zh: "月", en: "month" },
  week: { zh: "周", en: "week" },
} as const satisfies LabelTable<GranularityCode>);

export const STATUS_LABELS = freeze({
  optimal: { zh: "最优", en: "optimal" },
  feasible: { zh: "可行", en: "feasible" },
  infeasible: { zh: "无可行方案", en: "infeasible" },
  "timeout-feasible": { zh: "超时 · 可行", en: "time limit, feasible" },
} as const satisfies LabelTable<StatusCode>);

export const WHERE_KEY_LABELS = freeze({
  homeUnit: { zh: "派出单位", en: "home unit" },
  homeRegion: { zh: "派出地区", en: "home region" },
  homeRegionFlag: { zh: "地区类别", en: "home region flag" },
  homeTier: { zh: "派出单位级别", en: "home tier" },
  homeDept: { zh: "原科室", en: "home department" },
  role: { zh: "人员角色", en: "role" },
  studyDept: { zh: "进修科室", en: "study department" },
  receivingUnit: { zh: "接收医院", en: "receiving unit" },
  receivingTier: { zh: "接收医院级别", en: "receiving tier" },
  receivingKind: { zh: "接收医院类型", en: "receiving kind" },
  category: { zh: "人员类别", en: "category" },
} as const satisfies LabelTable<WhereKeyCode>);

/** Rule codes (SPEC §5, §9, §10): what each rule is about, as a planner names it. */
export const RULE_LABELS = freeze({
  "R-ONCE": { zh: "每人一次", en: "exactly once" },
  "R-ELIGIBLE": { zh: "报名条件", en: "eligibility" },
  "R-RECEIVER": { zh: "接收医院", en: "receiving unit" },
  "R-DEPT": { zh: "进修科室", en: "study department" },
  "R-DURATION": { zh: "进修时长", en: "duration" },
  "R-WINDOW": { zh: "时间窗口", en: "time window" },
  "R-CAPACITY": { zh: "接收容量", en: "receiving capacity" },
  "R-MENTOR": { zh: "带教老师", en: "mentor" },
  "R-STAFFING": { zh: "派出科室在岗", en: "home staffing" },
  "R-SUPPORT": { zh: "下沉支援", en: "support sent down" },
  "R-TEAM": { zh: "家庭医生团队", en: "family-doctor team" },
  "R-QUOTA": { zh: "名额分配", en: "quota" },
  "R-COVERAGE": { zh: "覆盖要求", en: "coverage" },
  "R-BUDGET": { zh: "经费上限", en: "budget" },
  "R-PINNED": { zh: "已定安排", en: "pinned placement" },
  "R-ROTATION": { zh: "轮转要求", en: "rotations" },
  "R-CURRICULUM": { zh: "轮转大纲", en: "curriculum" },
  "R-SITE": { zh: "轮转基地", en: "rotation site" },
  "R-SERVICE": { zh: "科室住院医师在岗", en: "service level" },
  "R-MANAGERS": { zh: "专职管理人员", en: "residency managers" },
} as const satisfies LabelTable<RuleCodeLabelled>);

/** Codes that are not rules: competition for room, infeasibility, malformed plans. */
export const OUTCOME_LABELS = freeze({
  "CAPACITY-COMPETITION": { zh: "竞争落选", en: "lost to better placements" },
  INFEASIBLE: { zh: "整体无可行方案", en: "no valid plan exists" },
  "PLAN-FORMAT": { zh: "方案格式错误", en: "malformed plan" },
  "TIME-LIMIT": { zh: "超时未排", en: "not reached in the time limit" },
} as const satisfies LabelTable<OutcomeCode>);

/** Every reason, violation and conflict code: {@link RULE_LABELS} and {@link OUTCOME_LABELS}. */
export const REASON_LABELS = freeze({ ...RULE_LABELS, ...OUTCOME_LABELS } as const satisfies LabelTable<ReasonCode>);

export const SHORTFALL_LABELS = freeze({
  quota: { zh: "名额最低要求", en: "quota minimum" },
  coverage: { zh: "覆盖要求", en: "coverage" },
  service: { zh: "科室在岗目标", en: "service target" },
} as const satisfies LabelTable<ShortfallCode>);

export const RESOURCE_LABELS = freeze({
  capacity: { zh: "接收容量", en: "receiving capacity" },
  mentor: { zh: "带教老师", en: "mentor" },
  support: { zh: "下沉支援人员", en: "support pool" },
  quota: { zh: "名额", en: "quota" },
  budget: { zh: "经费", en: "budget" },
} as const satisfies LabelTable<ResourceCode>);

export const CHANGE_LABELS = freeze({
  moved: { zh: "调整", en: "moved" },
  mentor: { zh: "更换带教老师", en: "mentor changed" },
  added: { zh: "新增", en: "added" },
  removed: { zh: "取消", en: "removed" },
} as const satisfies LabelTable<ChangeCode>);

/** Trainee roles used by the shipped programmes (an open vocabulary, like departments). */
export const ROLE_LABELS: LabelTable = freeze({
  backbone: { zh: "业务骨干", en: "backbone" },
  "family-doctor": { zh: "家庭医生", en: "family doctor" },
  young: { zh: "青年医师", en: "young doctor" },
});

/** Region flags used by the shipped programmes (an open vocabulary). */
export const REGION_FLAG_LABELS: LabelTable = freeze({
  "mountain-island": { zh: "山区海岛县", en: "mountain / island county" },
});

// ---------------------------------------------------------------------------------------
// Departments (an open vocabulary)

/**
 * Department codes with their Chinese names (科室, 进修专科). Codes of the shipped
 * examples and generators, the 住培 departments of SPEC §10 and the common departments of
 * a Chinese hospital. `docs/departments.md` lists the same table.
 */
export const DEPT_LABELS = freeze({
  // 全科、急诊、重症
  "general-practice": { zh: "全科", en: "general practice" },
  emergency: { zh: "急诊科", en: "emergency" },
  icu: { zh: "重症医学科", en: "intensive care" },
  // 内科
  internal: { zh: "内科", en: "internal medicine" },
  cardiology: { zh: "心血管内科", en: "cardiology" },
  respiratory: { zh: "呼吸内科", en: "respiratory medicine" },
  gastro: { zh: "消化内科", en: "gastroenterology" },
  gastroenterology: { zh: "消化内科", en: "gastroenterology" },
  neurology: { zh: "神经内科", en: "neurology" },
  nephrology: { zh: "肾内科", en: "nephrology" },
  endocrinology: { zh: "内分泌科", en: "endocrinology" },
  hematology: { zh: "血液科", en: "haematology" },
  rheumatology: { zh: "风湿免疫科", en: "rheumatology" },
  geriatrics: { zh: "老年医学科", en: "geriatrics" },
  "infectious-disease": { zh: "感染科", en: "infectious diseases" },
  tuberculosis: { zh: "结核病科", en: "tuberculosis" },
  oncology: { zh: "肿瘤科", en: "oncology" },
  // 外科
  surgery: { zh: "外科", en: "surgery" },
  "general-surgery": { zh: "普外科", en: "general surgery" },
  orthopedics: { zh: "骨科", en: "orthopaedics" },
  neurosurgery: { zh: "神经外科", en: "neurosurgery" },
  urology: { zh: "泌尿外科", en: "urology" },
  "thoracic-surgery": { zh: "胸外科", en: "thoracic surgery" },
  "cardiothoracic-surgery": { zh: "心胸外科", en: "cardiothoracic surgery" },
  "hepatobiliary-surgery": { zh: "肝胆外科", en: "hepatobiliary surgery" },
  "burn-surgery": { zh: "烧伤科", en: "burns" },
  "plastic-surgery": { zh: "整形外科", en: "plastic surgery" },
  "pediatric-surgery": { zh: "小儿外科", en: "paediatric surgery" },
  anesthesiology: { zh: "麻醉科", en: "anaesthesiology" },
  "pain-medicine": { zh: "疼痛科", en: "pain medicine" },
  // 妇儿
  "obstetrics-gynecology": { zh: "妇产科", en: "obstetrics and gynaecology" },
  obstetrics: { zh: "产科", en: "obstetrics" },
  gynecology: { zh: "妇科", en: "gynaecology" },
  "womens-health": { zh: "妇女保健科", en: "women's health" },
  pediatrics: { zh: "儿科", en: "paediatrics" },
  neonatology: { zh: "新生儿科", en: "neonatology" },
  "child-health": { zh: "儿童保健科", en: "child health" },
  // 五官、皮肤、精神
  ophthalmology: { zh: "眼科", en: "ophthalmology" },
  ent: { zh: "耳鼻咽喉科", en: "ENT" },
  stomatology: { zh: "口腔科", en: "stomatology" },
  dental: { zh: "口腔科", en: "dentistry" },
  dermatology: { zh: "皮肤科", en: "dermatology" },
  psychiatry: { zh: "精神科", en: "psychiatry" },
  // 中医
  tcm: { zh: "中医科", en: "traditional Chinese medicine" },
  acupuncture: { zh: "针灸科", en: "acupuncture" },
  "tcm-orthopedics": { zh: "中医骨伤科", en: "TCM orthopaedics" },
  "integrated-medicine": { zh: "中西医结合科", en: "integrated Chinese and western medicine" },
  // 康复
  rehabilitation: { zh: "康复医学科", en: "rehabilitation" },
  "sports-medicine": { zh: "运动医学科", en: "sports medicine" },
  "palliative-care": { zh: "安宁疗护科", en: "palliative care" },
  // 医技
  imaging: { zh: "医学影像科", en: "medical imaging" },
  radiology: { zh: "放射科", en: "radiology" },
  ultrasound: { zh: "超声科", en: "ultrasound" },
  ecg: { zh: "心电图室", en: "electrocardiography" },
  "nuclear-medicine": { zh: "核医学科", en: "nuclear medicine" },
  "radiation-oncology": { zh: "放疗科", en: "radiation oncology" },
  lab: { zh: "检验科", en: "laboratory" },
  pathology: { zh: "病理科", en: "pathology" },
  "blood-transfusion": { zh: "输血科", en: "blood transfusion" },
  pharmacy: { zh: "药剂科", en: "pharmacy" },
  // 护理、公共卫生
  nursing: { zh: "护理", en: "nursing" },
  "public-health": { zh: "公共卫生科", en: "public health" },
  "preventive-care": { zh: "预防保健科", en: "preventive care" },
  "occupational-disease": { zh: "职业病科", en: "occupational diseases" },
} as const satisfies LabelTable);

/**
 * SPEC §10 住培 specialties (专业基地, the national list of 住院医师规范化培训 specialties), by the
 * curriculum ids a residency programme is likely to use. An open vocabulary like departments:
 * a curriculum id not listed here is named by {@link DEPT_LABELS}, else shown as itself
 * (see {@link curriculumLabel}).
 */
export const CURRICULUM_LABELS: LabelTable = freeze({
  gp: { zh: "全科", en: "general practice" },
  "general-practice": { zh: "全科", en: "general practice" },
  internal: { zh: "内科", en: "internal medicine" },
  surgery: { zh: "外科", en: "surgery" },
  "surgery-neuro": { zh: "外科（神经外科方向）", en: "surgery (neurosurgery)" },
  "surgery-thoracic": { zh: "外科（胸心外科方向）", en: "surgery (cardiothoracic)" },
  "surgery-urology": { zh: "外科（泌尿外科方向）", en: "surgery (urology)" },
  "surgery-plastic": { zh: "外科（整形外科方向）", en: "surgery (plastic)" },
  orthopedics: { zh: "骨科", en: "orthopaedics" },
  "pediatric-surgery": { zh: "儿外科", en: "paediatric surgery" },
  pediatrics: { zh: "儿科", en: "paediatrics" },
  emergency: { zh: "急诊科", en: "emergency medicine" },
  "obstetrics-gynecology": { zh: "妇产科", en: "obstetrics and gynaecology" },
  obgyn: { zh: "妇产科", en: "obstetrics and gynaecology" },
  neurology: { zh: "神经内科", en: "neurology" },
  psychiatry: { zh: "精神科", en: "psychiatry" },
  dermatology: { zh: "皮肤科", en: "dermatology" },
  rehabilitation: { zh: "康复医学科", en: "rehabilitation medicine" },
  ophthalmology: { zh: "眼科", en: "ophthalmology" },
  ent: { zh: "耳鼻咽喉科", en: "ENT" },
  anesthesiology: { zh: "麻醉科", en: "anaesthesiology" },
  pathology: { zh: "临床病理科", en: "clinical pathology" },
  lab: { zh: "检验医学科", en: "laboratory medicine" },
  radiology: { zh: "放射科", en: "radiology" },
  ultrasound: { zh: "超声医学科", en: "ultrasound medicine" },
  "nuclear-medicine": { zh: "核医学科", en: "nuclear medicine" },
  "radiation-oncology": { zh: "放射肿瘤科", en: "radiation oncology" },
  "medical-genetics": { zh: "医学遗传科", en: "medical genetics" },
  "preventive-medicine": { zh: "预防医学科", en: "preventive medicine" },
  stomatology: { zh: "口腔全科", en: "general dentistry" },
  tcm: { zh: "中医", en: "traditional Chinese medicine" },
});

/**
 * A 住培 specialty's name from its curriculum id: {@link CURRICULUM_LABELS}, else
 * {@link DEPT_LABELS}, else the id itself.
 *
 * @example
 * curriculumLabel("gp");          // "全科"
 * curriculumLabel("cardiology");  // "心血管内科" (a department's label)
 * curriculumLabel("sd-gp-2024");  // "sd-gp-2024"
 */
export function curriculumLabel(id: string, lang: Lang = "zh"): string {
  return hasLabel(CURRICULUM_LABELS, id) ? CURRICULUM_LABELS[id][lang] : label(DEPT_LABELS, id, lang);
}

/** A department code that has a label in {@link DEPT_LABELS}. */
export type DeptCode = keyof typeof DEPT_LABELS;

// ---------------------------------------------------------------------------------------
// API

/**
 * Whether `table` has an own label for `code` (never an inherited property such as `constructor`).
 *
 * @example
 * hasLabel(DEPT_LABELS, "cardiology");  // true
 * hasLabel(DEPT_LABELS, "constructor"); // false
 */
export function hasLabel<K extends string>(table: LabelTable<K>, code: string): code is K {
  return typeof code === "string" && Object.hasOwn(table, code);
}

/**
 * The words for `code` in `lang` (default Chinese); a code the table does not know
 * (an unknown department, a region flag the instance invented) is returned as it is.
 *
 * @example
 * ```ts
 * label(TITLE_LABELS, "associate-senior");        // "副高级"
 * label(DEPT_LABELS, "toString");                 // "toString"
 * ```
 */
export function label(table: LabelTable, code: string, lang: Lang = "zh"): string {
  return hasLabel(table, code) ? table[code][lang] : String(code);
}

/**
 * `label` with the English in brackets after a Chinese label, for one-line texts that
 * must name the code too: `"接收容量（R-CAPACITY）"`. Unknown codes: the code alone.
 *
 * @example
 * labelWithCode(RULE_LABELS, "R-CAPACITY");       // "接收容量（R-CAPACITY）"
 */
export function labelWithCode(table: LabelTable, code: string, lang: Lang = "zh"): string {
  if (!hasLabel(table, code)) return String(code);
  return lang === "zh" ? `${table[code].zh}（${code}）` : `${table[code].en} (${code})`;
}

/**
 * A department's name: from `overrides` first (a planner's own vocabulary, e.g.
 * `new Map([["internal", "大内科"]])`), then {@link DEPT_LABELS}, else the code itself.
 *
 * @example
 * deptLabel("internal");                               // "内科"
 * deptLabel("internal", "zh", new Map([["internal", "大内科"]])); // "大内科"
 */
export function deptLabel(code: string, lang: Lang = "zh", overrides?: ReadonlyMap<string, string>): string {
  const own = overrides?.get(code);
  if (own !== undefined) return own;
  return label(DEPT_LABELS, code, lang);
}
