/**
 * The instance workbook's layout: one table of sheets and columns that both the writer
 * (`instanceToWorkbook`) and the reader (`workbookToInstance`) follow. A new instance key is
 * one entry here: a column on the sheet of the object it belongs to, or a new sheet for a
 * new list of rows.
 *
 * Every sheet has two header rows: the Chinese column name (row 1) and the field's JSON
 * name (row 2, e.g. `birthDate`); data starts on row 3. The reader finds columns by either
 * row, so people may reorder columns. Keys starting with `@` are not JSON fields: `@unit`
 * names the parent unit of a child row, `@region` is 人员's 县区.
 *
 * Entries marked `residency` (SPEC §10 住培) are written only for an instance with §10
 * content (or when asked for), so a 进修 workbook keeps its layout; the reader always
 * accepts them.
 */
import { z } from "zod";
import { instanceSchema } from "../model/schema.js";
import { TRAINEE_WHERE_KEYS, WHERE_KEYS } from "../model/types.js";
import type { VocabName } from "./values.js";

/** The top-level lists whose entities other cells refer to by id or by name. */
export type Collection = "regions" | "units" | "programmes" | "trainees";

export type Kind =
  | { readonly t: "text" } // free text (names)
  | { readonly t: "id" } // an identifier, trimmed
  | { readonly t: "int" }
  | { readonly t: "num" }
  | { readonly t: "share" } // a fraction; "30%" accepted
  | { readonly t: "date" }
  | { readonly t: "duration" }
  | { readonly t: "word"; readonly vocab: VocabName } // enumerations and open vocabularies
  | { readonly t: "ref"; readonly to: Collection }; // an id, or a name where unambiguous

export interface Column {
  /** Dot path inside the row's object (`eligibility.tiers`), or an `@` pseudo-field. */
  readonly key: string;
  /** Chinese header. */
  readonly zh: string;
  readonly kind: Kind;
  /** The cell holds a list (items separated by `、`). */
  readonly list?: boolean;
  /**
   * The row is incomplete without it (marked `*` in the header): set by {@link SHEETS} from
   * the schema (a field that is not optional), never written in the table.
   */
  readonly required?: boolean;
  /** What an empty cell means when the field must exist (team members: none). */
  readonly empty?: () => unknown;
  /** Other headers people use for it (a county's 登记表 says 进修人员 for 姓名). */
  readonly aliases?: readonly string[];
  /** A note shown when the cell is selected. */
  readonly note?: string;
  /** On a `grouped` sheet: the field of the group object (not of the row) this column holds. */
  readonly group?: string;
  /** SPEC §10: written only in a residency workbook (see {@link sheetsFor}). */
  readonly residency?: boolean;
}

/** Where a sheet's rows live in the instance. */
export type Source =
  /** The list at `path` (a dot path from the root: `units`, `baseline.placements`), one row each. */
  | { readonly t: "list"; readonly path: string }
  /** `parent.list[j]` for each element of the list `parent`, named in the row's `via` column. */
  | { readonly t: "child"; readonly parent: "units" | "programmes" | "pinned" | "trainees"; readonly via: string; readonly list: string }
  /**
   * Lists inside the elements of a list, one row per inner element: the groups at `groups`
   * (inside each element of `parent.path`, named in the row's `parent.via` column; or from
   * the root without `parent`), each group known by its field `idKey`, its fields in the
   * columns marked `group` and repeated on each of its rows; the row is an element of the
   * group's `list`. 培训大纲: one row per requirement, the curriculum repeated; 原计划（住培）:
   * one row per rotation, the resident repeated (a row of the resident alone: no rotation).
   */
  | {
    readonly t: "grouped";
    readonly parent?: { readonly path: "programmes"; readonly via: string };
    readonly groups: string;
    readonly idKey: string;
    readonly list: string;
    /** A row of the group's columns alone is a group with an empty `list` (else it is an element missing its cells). */
    readonly alone?: boolean;
  }
  /** One field per row: 项目 (Chinese), 字段 (key from the instance root), 值. */
  | { readonly t: "form" };

export interface Sheet {
  readonly name: string;
  readonly source: Source;
  readonly columns: readonly Column[];
  /** The workbook is not an instance without this sheet (set from the schema, like columns'). */
  readonly required?: boolean;
  /** One line under the sheet's name in 说明. */
  readonly about: string;
  /** SPEC §10: written only in a residency workbook (see {@link sheetsFor}). */
  readonly residency?: boolean;
}

const text = { t: "text" } as const;
const id = { t: "id" } as const;
const int = { t: "int" } as const;
const num = { t: "num" } as const;
const date = { t: "date" } as const;
const duration = { t: "duration" } as const;
const word = (vocab: VocabName) => ({ t: "word", vocab }) as const;
const ref = (to: Collection) => ({ t: "ref", to }) as const;

const WHERE_COLUMNS: Record<(typeof WHERE_KEYS)[number], Omit<Column, "key">> = {
  homeUnit: { zh: "派出单位", kind: ref("units"), list: true },
  homeRegion: { zh: "派出地区", kind: ref("regions"), list: true, note: "派出单位所在地区或其上级地区" },
  homeRegionFlag: { zh: "地区标记", kind: word("flag"), list: true },
  homeTier: { zh: "派出单位层级", kind: word("tier"), list: true },
  homeDept: { zh: "原科室", kind: word("dept"), list: true },
  role: { zh: "人员角色", kind: word("role"), list: true },
  studyDept: { zh: "进修科室", kind: word("dept"), list: true },
  receivingUnit: { zh: "接收单位", kind: ref("units"), list: true },
  receivingTier: { zh: "接收单位层级", kind: word("tier"), list: true },
  receivingKind: { zh: "接收单位类别", kind: word("kind"), list: true },
  category: { zh: "人员类别", kind: word("category"), list: true },
};

/** One column per `where` key (SPEC §4), under `prefix` (`where` or `when`). */
function whereColumns(prefix: string, keys: readonly (typeof WHERE_KEYS)[number][]): Column[] {
  return keys.map((k) => ({ key: `${prefix}.${k}`, ...WHERE_COLUMNS[k], zh: `条件:${WHERE_COLUMNS[k].zh}` }));
}

const unitVia: Column = { key: "@unit", zh: "单位", kind: ref("units") };
const programmeVia: Column = { key: "@programme", zh: "项目", kind: ref("programmes") };

/** Every sheet a workbook can have, in workbook order (说明 comes first and is written apart). */
const LAYOUT: readonly Sheet[] = [
  {
    name: "日历与目标",
    source: { t: "form" },
    about: "计划的起止和时间单位（月或周），以及目标函数的权重（不填用默认值）。",
    columns: [
      { key: "calendar.start", zh: "计划开始", kind: date, note: "按月：某月1日；按周：星期一" },
      { key: "calendar.end", zh: "计划结束（不含）", kind: date, note: "不含当天：2024-11-01 表示到10月底" },
      { key: "calendar.granularity", zh: "时间单位", kind: word("granularity") },
      { key: "objective.base", zh: "每安排一人得分", kind: num },
      { key: "objective.preferredUnit", zh: "去意向医院加分", kind: num },
      { key: "objective.relation", zh: "医共体/帮扶关系加分", kind: num },
      { key: "objective.studyRank", zh: "意向专科每降一位扣分", kind: num },
      { key: "objective.supportCost", zh: "下沉一人一期扣分", kind: num },
      { key: "objective.shortfall", zh: "软性要求每差一个扣分", kind: num },
      { key: "objective.transition", zh: "住培每段轮转交接扣分", kind: num },
      { key: "objective.change", zh: "比原计划每改动一人扣分", kind: num },
      { key: "$schema", zh: "JSON Schema", kind: text, note: "编辑器校验 JSON 用的地址；不填即可" },
    ],
  },
  {
    name: "地区",
    source: { t: "list", path: "regions" },
    about: "省、市、县区。上级地区写名称或编号；标记如 山区海岛县。",
    columns: [
      { key: "id", zh: "编号", kind: id, note: "不填则用名称" },
      { key: "name", zh: "名称", kind: text },
      { key: "parent", zh: "上级地区", kind: ref("regions") },
      { key: "flags", zh: "标记", kind: word("flag"), list: true },
    ],
  },
  {
    name: "单位",
    source: { t: "list", path: "units" },
    about: "所有医疗机构：派出的基层机构和接收的医院。其他表用名称（或编号）指代单位。",
    columns: [
      { key: "id", zh: "编号", kind: id, note: "不填则用名称" },
      { key: "name", zh: "名称", kind: text },
      { key: "tier", zh: "层级", kind: word("tier") },
      { key: "kind", zh: "类别", kind: word("kind") },
      { key: "region", zh: "所属地区", kind: ref("regions") },
      { key: "managers", zh: "住培专职管理人员", kind: int, residency: true, note: "住培基地的专职管理人员数：每人最多管 100 名住院医师，不足 3 人的基地不能招收；不填为不限" },
    ],
  },
  {
    name: "科室编制",
    source: { t: "child", parent: "units", via: "@unit", list: "departments" },
    about: "派出单位各科室的人数（含外出进修的人）和每期最少在岗人数。",
    columns: [
      unitVia,
      { key: "dept", zh: "科室", kind: word("dept") },
      { key: "staff", zh: "编制人数", kind: int },
      { key: "minOnDuty", zh: "最少在岗", kind: int },
    ],
  },
  {
    name: "接收能力",
    source: { t: "child", parent: "units", via: "@unit", list: "receive" },
    about: "接收医院每个科室每期能同时带多少进修人员；起止不填即整个计划期。",
    columns: [
      unitVia,
      { key: "dept", zh: "科室", kind: word("dept") },
      { key: "capacity", zh: "同时接收人数", kind: int },
      { key: "from", zh: "起", kind: date },
      { key: "to", zh: "止（不含）", kind: date },
    ],
  },
  {
    name: "带教老师",
    source: { t: "child", parent: "units", via: "@unit", list: "mentors" },
    about: "接收医院的带教老师；编号在全表唯一。",
    columns: [
      unitVia,
      { key: "id", zh: "编号", kind: id },
      { key: "name", zh: "姓名", kind: text },
      { key: "dept", zh: "科室", kind: word("dept") },
      { key: "title", zh: "职称", kind: word("title") },
      { key: "capacity", zh: "同时带教人数", kind: int, note: "不填为 1" },
    ],
  },
  {
    name: "下沉能力",
    source: { t: "child", parent: "units", via: "@unit", list: "support" },
    about: "上级医院每期能派下去支援的专家人数（上修下沉）。",
    columns: [
      unitVia,
      { key: "dept", zh: "科室", kind: word("dept") },
      { key: "perSlot", zh: "每期可派人数", kind: int },
    ],
  },
  {
    name: "服务水平",
    source: { t: "child", parent: "units", via: "@unit", list: "service" },
    residency: true,
    about: "住培：各科室每月至少要有几名住院医师在岗；起止不填即整个计划期；硬性 不填为 否（尽量满足）。",
    columns: [
      unitVia,
      { key: "dept", zh: "科室", kind: word("dept") },
      { key: "min", zh: "至少在岗住院医师", kind: int },
      { key: "from", zh: "起", kind: date },
      { key: "to", zh: "止（不含）", kind: date },
      { key: "hard", zh: "硬性", kind: word("bool"), note: "不填为 否" },
    ],
  },
  {
    name: "关系",
    source: { t: "list", path: "relations" },
    about: "医共体、对口帮扶、乡村一体化：从上级单位到下级单位。",
    columns: [
      { key: "type", zh: "关系类型", kind: word("relation") },
      { key: "from", zh: "上级单位", kind: ref("units") },
      { key: "to", zh: "下级单位", kind: ref("units") },
    ],
  },
  {
    name: "家庭医生团队",
    source: { t: "list", path: "teams" },
    about: "家庭医生签约团队：团队人数减去外出的成员不得少于最少在岗。",
    columns: [
      { key: "id", zh: "编号", kind: id },
      { key: "unit", zh: "所属单位", kind: ref("units") },
      { key: "size", zh: "团队人数", kind: int },
      { key: "minOnDuty", zh: "最少在岗", kind: int },
      { key: "members", zh: "成员", kind: ref("trainees"), list: true, empty: () => [], note: "人员表中的姓名或编号，用、分隔" },
    ],
  },
  {
    name: "项目",
    source: { t: "list", path: "programmes" },
    about: "进修项目：报名条件、接收医院、时长、时间窗口、带教要求、经费上限、轮转。",
    columns: [
      { key: "id", zh: "编号", kind: id, note: "不填则用名称" },
      { key: "name", zh: "名称", kind: text },
      { key: "ageAt", zh: "年龄计算日", kind: date, note: "不填为计划开始日" },
      { key: "eligibility.tiers", zh: "报名单位层级", kind: word("tier"), list: true },
      { key: "eligibility.maxAge", zh: "最大年龄", kind: num },
      { key: "eligibility.minPracticeYears", zh: "最少从业年限", kind: num },
      { key: "eligibility.licenses", zh: "执业资质要求", kind: word("license"), list: true },
      { key: "eligibility.categories", zh: "人员类别要求", kind: word("category"), list: true },
      { key: "eligibility.minYearsSinceLast", zh: "距上次进修至少（年）", kind: num },
      { key: "receiving.tiers", zh: "接收单位层级", kind: word("tier"), list: true },
      { key: "receiving.kinds", zh: "接收单位类别", kind: word("kind"), list: true },
      { key: "receiving.relations", zh: "须有的关系", kind: word("relation"), list: true },
      { key: "receiving.openTiers", zh: "无需关系的层级", kind: word("tier"), list: true },
      { key: "receiving.tcmToTcm", zh: "中医只去中医院", kind: word("bool") },
      { key: "duration.min", zh: "最短时长", kind: duration },
      { key: "duration.max", zh: "最长时长", kind: duration },
      { key: "window.from", zh: "最早开始", kind: date },
      { key: "window.to", zh: "最晚结束（不含）", kind: date },
      { key: "mentor.minTitle", zh: "带教老师最低职称", kind: word("title") },
      { key: "budget.cap", zh: "经费上限（元）", kind: num },
      { key: "rotations.count.min", zh: "轮转科室数（最少）", kind: int },
      { key: "rotations.count.max", zh: "轮转科室数（最多）", kind: int },
      { key: "rotations.each.min", zh: "每段轮转最短", kind: duration },
      { key: "rotations.each.max", zh: "每段轮转最长", kind: duration },
    ],
  },
  {
    name: "优先",
    source: { t: "child", parent: "programmes", via: "@programme", list: "priority" },
    about: "符合条件的人员优先级加分（只能用人员方面的条件）。",
    columns: [programmeVia, { key: "add", zh: "加分", kind: num }, ...whereColumns("where", TRAINEE_WHERE_KEYS)],
  },
  {
    name: "名额",
    source: { t: "child", parent: "programmes", via: "@programme", list: "quotas" },
    about: "名额：符合条件的安排人数的最少、最多或最高比例；条件都不填即整个项目。",
    columns: [
      programmeVia,
      { key: "min", zh: "最少", kind: int },
      { key: "max", zh: "最多", kind: int },
      { key: "maxShare", zh: "最高比例", kind: { t: "share" }, note: "如 0.3 或 30%" },
      { key: "hard", zh: "硬性", kind: word("bool"), note: "不填为 是；否 = 尽量满足" },
      ...whereColumns("where", WHERE_KEYS),
    ],
  },
  {
    name: "覆盖",
    source: { t: "child", parent: "programmes", via: "@programme", list: "coverage" },
    about: "覆盖：该层级每个有合格人员的单位至少安排几人。",
    columns: [
      programmeVia,
      { key: "tier", zh: "层级", kind: word("tier") },
      { key: "min", zh: "每单位至少", kind: int },
      { key: "hard", zh: "硬性", kind: word("bool"), note: "不填为 是" },
    ],
  },
  {
    name: "经费",
    source: { t: "child", parent: "programmes", via: "@programme", list: "budget.costs" },
    about: "每安排一人的费用（符合条件时计入）；经费上限写在 项目 表。",
    columns: [programmeVia, { key: "amount", zh: "每人费用（元）", kind: num }, ...whereColumns("where", WHERE_KEYS)],
  },
  {
    name: "指定轮转",
    source: { t: "child", parent: "programmes", via: "@programme", list: "rotations.required" },
    about: "轮转项目中必须轮转的科室及其时长（上海：全科医生急诊 2–4 周）。",
    columns: [
      programmeVia,
      { key: "dept", zh: "科室", kind: word("dept") },
      { key: "min", zh: "最短", kind: duration },
      { key: "max", zh: "最长", kind: duration },
      ...whereColumns("when", TRAINEE_WHERE_KEYS),
    ],
  },
  {
    name: "培训大纲",
    source: { t: "grouped", parent: { path: "programmes", via: "@programme" }, groups: "residency.curricula", idKey: "id", list: "requirements" },
    residency: true,
    about: "住培项目的培训大纲：每行一项轮转要求，同一大纲的各行重复大纲编号；月数按整月计，阶段从培训开始算（0 = 第1个月）。",
    columns: [
      programmeVia,
      { key: "curriculum", zh: "培训大纲", kind: id, group: "id", note: "大纲编号（如 全科）；同一大纲的每行都填" },
      { key: "minBlock", zh: "每段至少（月）", kind: int, group: "minBlock", note: "本大纲每段轮转至少几个月；不填为 1；同一大纲各行相同（或只填一行）" },
      { key: "id", zh: "轮转要求", kind: id, note: "要求编号（如 内科），在本大纲内唯一" },
      { key: "depts", zh: "轮转科室", kind: word("dept"), list: true, note: "在其中任一科室轮转即算，用、分隔" },
      { key: "min", zh: "最少（月）", kind: int },
      { key: "max", zh: "最多（月）", kind: int },
      { key: "blocks", zh: "最多分几段", kind: int, note: "不填为 1（一次轮完）" },
      { key: "phase.from", zh: "阶段起（第几月，含）", kind: int, note: "培训开始后的月数：0 = 第1个月起；不填为 0" },
      { key: "phase.to", zh: "阶段止（第几月，不含）", kind: int, note: "如 12 = 须在第一年内；不填为不限" },
      { key: "after", zh: "须先完成", kind: id, list: true, note: "本大纲中须先轮完的要求编号，用、分隔" },
      { key: "sites.tiers", zh: "基地外可去：层级", kind: word("tier"), list: true, note: "三项都不填：只在基地内轮转" },
      { key: "sites.kinds", zh: "基地外可去：类别", kind: word("kind"), list: true },
      { key: "sites.relations", zh: "基地外可去：须有的关系", kind: word("relation"), list: true, note: "如 住培协同：须与基地有此关系" },
    ],
  },
  {
    name: "人员",
    source: { t: "list", path: "trainees" },
    about: "报名进修的人员（登记表各列在前）。基层机构名称重名时，县区用来区分。",
    columns: [
      { key: "@region", zh: "县区", aliases: ["县（市、区）", "县市区", "县(市、区)"], kind: ref("regions"), note: "基层机构所在县区；机构重名时用来区分" },
      { key: "name", zh: "姓名", kind: text, aliases: ["进修人员"] },
      { key: "unit", zh: "基层机构名称", aliases: ["单位", "工作单位", "所在单位"], kind: ref("units") },
      { key: "sex", zh: "性别", kind: word("sex") },
      { key: "title", zh: "职称", kind: word("title") },
      { key: "education", zh: "学历", kind: word("education") },
      { key: "license", zh: "执业资质", kind: word("license"), aliases: ["执业资格"] },
      { key: "birthDate", zh: "出生日期", kind: date, aliases: ["出生年月"] },
      { key: "practiceYears", zh: "从业年限", kind: num, aliases: ["工作年限"] },
      { key: "wants.depts", zh: "意向专科", aliases: ["进修专科"], kind: word("dept"), list: true, note: "第一志愿在前，用、分隔" },
      { key: "wants.units", zh: "意向医院", aliases: ["进修医院名称", "进修医院"], kind: ref("units"), list: true },
      { key: "available.from", zh: "可进修时间（起）", kind: date },
      { key: "available.to", zh: "可进修时间（止，不含）", kind: date },
      { key: "id", zh: "编号", kind: id, note: "不填则用姓名（重名时必须填）" },
      { key: "dept", zh: "科室", kind: word("dept"), note: "本人所在科室" },
      { key: "programme", zh: "项目", kind: ref("programmes") },
      { key: "category", zh: "人员类别", kind: word("category") },
      { key: "practice", zh: "执业类别", kind: word("practice") },
      { key: "roles", zh: "角色", kind: word("role"), list: true },
      { key: "priority", zh: "优先级", kind: num, note: "不填为 1" },
      { key: "lastPlacementEnd", zh: "上次进修结束", kind: date },
      { key: "curriculum", zh: "培训大纲", kind: id, residency: true, note: "住院医师：项目 培训大纲 表中的大纲编号" },
      { key: "completed", zh: "已完成的轮转要求", kind: id, list: true, residency: true, note: "住院医师：已经完成、无需再轮转的要求编号，用、分隔" },
    ],
  },
  {
    name: "已定安排",
    source: { t: "list", path: "pinned" },
    about: "已经商定的安排（已签函件），计划中原样保留。",
    columns: [
      { key: "trainee", zh: "人员", kind: ref("trainees") },
      { key: "unit", zh: "进修单位", kind: ref("units") },
      { key: "dept", zh: "进修科室", kind: word("dept") },
      { key: "start", zh: "开始", kind: date },
      { key: "end", zh: "结束（不含）", kind: date },
      { key: "mentor", zh: "带教老师编号", kind: id },
    ],
  },
  {
    name: "已定轮转",
    source: { t: "child", parent: "pinned", via: "@trainee", list: "rotations" },
    about: "已定安排中的轮转段（按时间先后）。",
    columns: [
      { key: "@trainee", zh: "人员", kind: ref("trainees"), note: "已定安排 表中的人员" },
      { key: "dept", zh: "科室", kind: word("dept") },
      { key: "start", zh: "开始", kind: date },
      { key: "end", zh: "结束（不含）", kind: date },
      { key: "mentor", zh: "带教老师编号", kind: id },
    ],
  },
  {
    name: "已完成轮转",
    source: { t: "child", parent: "trainees", via: "@trainee", list: "fixed" },
    residency: true,
    about: "住院医师已轮完或已商定的轮转段（每行一段），计划中原样保留。",
    columns: [
      { key: "@trainee", zh: "人员", kind: ref("trainees") },
      { key: "requirement", zh: "轮转要求", kind: id },
      { key: "unit", zh: "轮转单位", kind: ref("units") },
      { key: "dept", zh: "科室", kind: word("dept") },
      { key: "start", zh: "开始", kind: date },
      { key: "end", zh: "结束（不含）", kind: date },
      { key: "mentor", zh: "带教老师编号", kind: id },
    ],
  },
  {
    name: "原计划",
    source: { t: "list", path: "baseline.placements" },
    about: "重新安排时：上次公布的安排（尽量不改动）。",
    columns: [
      { key: "trainee", zh: "人员", kind: ref("trainees") },
      { key: "unit", zh: "进修单位", kind: ref("units") },
      { key: "dept", zh: "进修科室", kind: word("dept") },
      { key: "start", zh: "开始", kind: date },
      { key: "end", zh: "结束（不含）", kind: date },
      { key: "mentor", zh: "带教老师编号", kind: id },
    ],
  },
  {
    name: "原计划（住培）",
    source: { t: "grouped", groups: "baseline.residencies", idKey: "trainee", list: "rotations", alone: true },
    residency: true,
    about: "重新安排时：上次公布的住培轮转，每行一段；只填人员的一行表示当时没有安排轮转。",
    columns: [
      { key: "trainee", zh: "人员", kind: ref("trainees"), group: "trainee" },
      { key: "requirement", zh: "轮转要求", kind: id },
      { key: "unit", zh: "轮转单位", kind: ref("units") },
      { key: "dept", zh: "科室", kind: word("dept") },
      { key: "start", zh: "开始", kind: date },
      { key: "end", zh: "结束（不含）", kind: date },
      { key: "mentor", zh: "带教老师编号", kind: id },
    ],
  },
];

// ---- which of these the schema accepts today -----------------------------------------

const unwrap = (s: z.ZodType): z.ZodType => (s instanceof z.ZodOptional ? unwrap(s.unwrap() as z.ZodType) : s);

/** The schema of the field at a dot path inside an object schema, and whether any step is optional. */
function fieldOf(schema: z.ZodType | undefined, path: string): { schema: z.ZodType; optional: boolean } | undefined {
  let cur = schema;
  let optional = false;
  for (const k of path.split(".")) {
    const o = cur && unwrap(cur);
    if (!(o instanceof z.ZodObject)) return undefined;
    const f = (o.shape as Record<string, z.ZodType>)[k];
    if (!f) return undefined;
    if (f instanceof z.ZodOptional) optional = true;
    cur = f;
  }
  return cur && { schema: cur, optional };
}

function elementOf(schema: z.ZodType | undefined): z.ZodType | undefined {
  const a = schema && unwrap(schema);
  return a instanceof z.ZodArray ? (a.element as z.ZodType) : undefined;
}

/**
 * The sheets and columns whose fields the instance schema (src/model/schema.ts) has, each
 * column required where its field is not optional. Entries for keys the schema does not
 * have yet (SPEC §10 service, §11 baseline …) are left out until it does.
 */
function activate(layout: readonly Sheet[]): Sheet[] {
  const root = instanceSchema as unknown as z.ZodType;
  const out: Sheet[] = [];
  for (const sheet of layout) {
    const src = sheet.source;
    const groups =
      src.t === "grouped" ? elementOf(fieldOf(src.parent ? elementOf(fieldOf(root, src.parent.path)?.schema) : root, src.groups)?.schema) : undefined;
    const rows =
      src.t === "form" ? root
      : src.t === "list" ? elementOf(fieldOf(root, src.path)?.schema)
      : src.t === "grouped" ? elementOf(fieldOf(groups, src.list)?.schema)
      : elementOf(fieldOf(elementOf(fieldOf(root, src.parent)?.schema), src.list)?.schema);
    if (!rows) continue;
    const named = sheet.columns.some((c) => c.key === "name");
    const columns = sheet.columns.flatMap((c): Column[] => {
      if (c.key.startsWith("@")) return [{ ...c, required: c.key !== "@region" }];
      if (c.group !== undefined) {
        const g = fieldOf(groups, c.group);
        return g ? [{ ...c, required: !g.optional }] : [];
      }
      const f = fieldOf(rows, c.key);
      if (!f) return [];
      // An entity without 编号 is known by its name; team members may be none.
      return [{ ...c, required: !f.optional && !c.empty && !(c.key === "id" && named) }];
    });
    const required = src.t === "form" || (src.t === "list" && fieldOf(root, src.path)?.optional === false);
    out.push({ ...sheet, columns, required });
  }
  return out;
}

/** Every sheet of the workbook, in order: {@link LAYOUT} as far as the schema accepts it. */
export const SHEETS: readonly Sheet[] = activate(LAYOUT);

const WITHOUT_RESIDENCY: readonly Sheet[] = SHEETS.filter((s) => !s.residency).map((s) => ({ ...s, columns: s.columns.filter((c) => !c.residency) }));

/**
 * The sheets a workbook is written with: all of them for a residency (SPEC §10) workbook,
 * else those of a 进修 workbook (no §10 sheet or column, the layout before §10).
 */
export function sheetsFor(residency: boolean): readonly Sheet[] {
  return residency ? SHEETS : WITHOUT_RESIDENCY;
}

/** 说明: how to fill the workbook in; written first, ignored on import. */
export const README_SHEET = "说明";
/** Drop-down lists (hidden), written for the data validations; ignored on import. */
export const OPTIONS_SHEET = "选项";
/**
 * Where the instance had an empty list or object (`"flags": []`, `"eligibility": {}`): nothing
 * for a planner to see or fill in, kept (very hidden) so an untouched workbook imports as
 * exactly the instance it was written from.
 */
export const SHAPE_SHEET = "_jinxiu";
