/**
 * What a 住培 base office (培训基地 住培办) files and reads about a residency plan (SPEC §10),
 * as plain tables like the commission forms (see forms.ts):
 *
 * - **轮转计划表** — one row per resident: 姓名, 培训基地, 专业 (the curriculum's specialty),
 *   年级 (the training period's start year: `2024级`), one column per month of the calendar
 *   holding the department of that month (its Chinese label, then the unit's name in
 *   brackets when the rotation is not at the base: `全科（东海县石榴街道社区卫生服务中心）`), and
 *   备注 (requirements credited as `completed`; for an unscheduled resident, why);
 * - **科室轮转排班表** — per unit and department (every one with a `service` row or a resident's
 *   rotation), per month: residents present (R-SERVICE's own count), the receiving capacity,
 *   trainees of every kind when 进修 trainees share the department (R-CAPACITY's count), each
 *   service row's minimum in the months it covers, and a 状态 row marking every shortfall
 *   (`缺1`, hard rows `缺1（硬性）`) and every month over capacity (`超容1`) — the verdicts of
 *   `serviceStatus` and of the ledger against `capacity`, never recomputed;
 * - **基地汇总** — per base, residents per specialty and cohort (scheduled, not scheduled,
 *   total), and on the base's 小计 row the 专职管理人员: present (`managers`), required
 *   (⌈scheduled / 100⌉, at least 3), the residents they allow (100 × managers, none below 3,
 *   不限 when absent) and R-MANAGERS' verdict (`managersStatus`);
 * - **住培一人一档** — one row per resident, scheduled or not: training period, every rotation
 *   (period, department, unit when not the base, mentor, `已定` for a fixed one), months per
 *   requirement against its bounds, and the reasons of an unscheduled resident.
 *
 * Words are Chinese by default, English with `lang: "en"` (names stay as the instance has
 * them). Every lookup by a user string goes through a `Map` or `Object.hasOwn`. Residency
 * calendars are month calendars (an instance error otherwise), so a slot is a month.
 *
 * Ordering: residents by base (in `instance.units` order), specialty (curriculum id,
 * natural order), cohort, then trainee id (natural order); departments by unit, then the
 * unit's `service` rows, then its `receive` rows, then code.
 */
import {
  type Lang, REASON_LABELS, curriculumLabel, label,
} from "../model/labels.js";
import type { Plan, Reason, ResidencyEntry, ResidencyRotation, Trainee } from "../model/types.js";
import type { Context } from "../rules/context.js";
import { monthsByRequirement } from "../rules/curriculum.js";
import type { ManagersStatus } from "../rules/managers.js";
import type { ServiceStatus } from "../rules/service.js";
import { isResident } from "../rules/residents.js";
import type { CellMark, ColumnKind, Table } from "./forms.js";
import { displayWidth, type Names, naturalCompare, reasonWords } from "./words.js";

/** One `service` row's verdicts (R-SERVICE's `serviceStatus`). */
export type ServiceRowFigure = ServiceStatus;

/** One base's count against its managers (R-MANAGERS' `managersStatus`). */
export type ManagersFigure = ManagersStatus;

/**
 * The numbers the residency tables show, from the rule modules (see metrics.ts,
 * `residencyMetrics`): nothing here is counted by a report.
 */
export interface ResidencyFigures {
  /** Residents present per slot at a unit's department (R-SERVICE's `presentAt`). */
  present(unit: string, dept: string): readonly number[];
  /** Trainees of every kind per slot at a unit's department (the ledger's seats, R-CAPACITY's count). */
  seats(unit: string, dept: string): readonly number[];
  /** Receiving capacity per slot (0 where no `receive` row covers it). */
  capacity(unit: string, dept: string): readonly number[];
  /** Every `service` row of every unit, in instance order. */
  readonly service: readonly ServiceRowFigure[];
  /** Per base with scheduled residents. */
  readonly managers: readonly ManagersFigure[];
}

/** The residency numbers of a plan (planMetrics' `residency`): the rules' figures and the counts a summary shows. */
export interface ResidencyMetrics {
  readonly figures: ResidencyFigures;
  /** Residents of the instance. */
  readonly residents: number;
  /** Residents listed in `residencies`. */
  readonly scheduled: number;
  /** Residents listed in `unplaced`, by the code of their first reason. */
  readonly unplaced: number;
  readonly unplacedByCode: ReadonlyMap<string, number>;
  /** Σ (needed − got) over the soft service rows: the resident-months the objective prices as short. */
  readonly serviceShort: number;
  /** Soft service rows short, and hard service rows broken in some slot. */
  readonly softRowsShort: number;
  readonly hardRowsBroken: number;
}

/**
 * The counts of {@link ResidencyMetrics} from the rules' figures and the plan.
 *
 * @example
 * residencyCounts(ctx, plan, figures).serviceShort;   // 2: resident-months short of soft service rows
 */
export function residencyCounts(ctx: Context, plan: Plan, figures: ResidencyFigures): ResidencyMetrics {
  const views = residentViews(ctx, plan);
  const unplacedByCode = new Map<string, number>();
  let unplaced = 0;
  for (const v of views) {
    if (v.entry || !v.reasons) continue;
    unplaced++;
    const code = v.reasons[0]?.code ?? "";
    unplacedByCode.set(code, (unplacedByCode.get(code) ?? 0) + 1);
  }
  const soft = figures.service.filter((s) => !s.hard);
  return {
    figures,
    residents: views.length,
    scheduled: views.filter((v) => v.entry).length,
    unplaced,
    unplacedByCode,
    serviceShort: soft.reduce((sum, s) => sum + (s.needed - s.got), 0),
    softRowsShort: soft.filter((s) => s.got < s.needed).length,
    hardRowsBroken: figures.service.filter((s) => s.hard && s.slots.some((x) => x.present < x.min)).length,
  };
}

/** The residency sheets of the workbook (and CSV files), in order. */
export interface ResidencyForms {
  /** 轮转计划表. */
  readonly schedule: Table;
  /** 科室轮转排班表. */
  readonly departments: Table;
  /** 基地汇总. */
  readonly bases: Table;
  /** 住培一人一档. */
  readonly perResident: Table;
}

/** The residency sheets in workbook order. */
export function residencyTables(r: ResidencyForms): Table[] {
  return [r.schedule, r.departments, r.bases, r.perResident];
}

/** Whether a trainee is a resident: its programme has a `residency` key (SPEC §10; the rules' `isResident`). */
export const isResidentOf = (ctx: Context, t: Trainee): boolean => isResident(ctx, t);

/** `2024级` / `cohort 2024`: the training period's start year; "" without a period. */
export function cohortLabel(t: Trainee, lang: Lang): string {
  const from = t.available?.from;
  if (typeof from !== "string" || from.length < 4) return "";
  return lang === "zh" ? `${from.slice(0, 4)}级` : `cohort ${from.slice(0, 4)}`;
}

/** A month's column header: `2025.09`. */
export const monthHeader = (ctx: Context, k: number): string => ctx.slots.boundaries[k].slice(0, 7).replace("-", ".");

const WORDS = {
  zh: {
    name: "姓名", base: "培训基地", specialty: "专业", cohort: "年级", note: "备注", completed: "免轮转", unplaced: "未安排",
    scheduled: "已安排", noReason: "计划中无此人的安排或原因", unit: "单位", dept: "科室", metric: "指标", remark: "说明",
    present: "住院医师在岗", capacity: "接收容量", seats: "在训合计（含进修）", state: "状态",
    serviceRow: (i: number, hard: boolean) => `服务最低（第${i + 1}行，${hard ? "硬性" : "软性"}）`,
    short: (n: number, hard: boolean) => `缺${n}${hard ? "（硬性）" : ""}`, over: (n: number) => `超容${n}`,
    serviceNote: (needed: number, got: number) => `需 ${needed} 人·月，实 ${got}，缺 ${needed - got}`,
    presentNote: (n: number) => `共 ${n} 人·月`,
    subtotal: "小计", total: "合计", scheduledH: "已排", unplacedH: "未排", totalH: "合计", managers: "专职管理人员",
    required: "需配备", allows: "可容纳住院医师", verdict: "状态", unlimited: "不限", unset: "未设定", ok: "符合",
    overLimit: (s: number, l: number) => l === 0 ? `不足 3 人，不得招收（已排 ${s} 人）` : `超出上限（已排 ${s} 人，上限 ${l} 人）`,
    id: "编号", period: "培训期", start: "开始日期", end: "结束日期", status: "状态", rotations: "轮转", requirements: "轮转要求",
    reasons: "说明", fixed: "已定", mentor: "带教", months: (got: number, min: number, max: number) => `${got} 个月（${min === max ? `${min}` : `${min}–${max}`} 个月）`,
    sep: "；", list: "、", colon: "：",
    title: (what: string, sheet: string) => `${what} ${sheet}`,
  },
  en: {
    name: "name", base: "training base", specialty: "specialty", cohort: "cohort", note: "notes", completed: "credited", unplaced: "not scheduled",
    scheduled: "scheduled", noReason: "the plan gives no entry or reason for this resident", unit: "unit", dept: "department", metric: "measure", remark: "notes",
    present: "residents present", capacity: "receiving capacity", seats: "trainees of every kind", state: "status",
    serviceRow: (i: number, hard: boolean) => `service minimum (row ${i + 1}, ${hard ? "hard" : "soft"})`,
    short: (n: number, hard: boolean) => `short ${n}${hard ? " (hard)" : ""}`, over: (n: number) => `over capacity ${n}`,
    serviceNote: (needed: number, got: number) => `needed ${needed} resident-months, got ${got}, short ${needed - got}`,
    presentNote: (n: number) => `${n} resident-months`,
    subtotal: "Subtotal", total: "Total", scheduledH: "scheduled", unplacedH: "not scheduled", totalH: "total", managers: "managers",
    required: "required", allows: "residents allowed", verdict: "status", unlimited: "no limit", unset: "not given", ok: "met",
    overLimit: (s: number, l: number) => l === 0 ? `fewer than 3 managers: no resident may be scheduled (${s} scheduled)` : `over the limit (${s} scheduled, limit ${l})`,
    id: "id", period: "training period", start: "start", end: "end", status: "status", rotations: "rotations", requirements: "requirements",
    reasons: "notes", fixed: "fixed", mentor: "mentor", months: (got: number, min: number, max: number) => `${got} month(s) (${min === max ? `${min}` : `${min}–${max}`})`,
    sep: "; ", list: ", ", colon: ": ",
    title: (what: string, sheet: string) => `${what}: ${sheet}`,
  },
} as const;

const SHEET_EN = { 轮转计划表: "rotation plan", 科室轮转排班表: "residents per department and month", 基地汇总: "summary per base", 住培一人一档: "one record per resident" } as const;

/** A requirement's name: its id's department label, else its only department's, else the id. */
function requirementName(names: Names, id: string, depts: readonly string[] | undefined): string {
  const own = names.dept(id);
  if (own !== id) return own;
  return depts && depts.length === 1 ? names.dept(depts[0]) : id;
}

/**
 * A requirement of a resident's curriculum by name (`内科`, `全科`): its id's department
 * label, else its only department's, else the id.
 *
 * @example
 * requirementLabel(ctx, names, resident, "community");   // "全科" (its one department: general-practice)
 */
export function requirementLabel(ctx: Context, names: Names, t: Trainee, id: string): string {
  const curriculum = ctx.programmes.get(t.programme)?.residency?.curricula.find((c) => c.id === t.curriculum);
  return requirementName(names, id, curriculum?.requirements.find((r) => r.id === id)?.depts);
}

/** The day before an exclusive ISO end date. */
function lastDay(end: string): string {
  const d = new Date(`${end}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** `2025.09—2025.11` (the last month inside `[start, end)`). */
function monthsLabel(start: string, end: string): string {
  const last = lastDay(end);
  return `${start.slice(0, 4)}.${start.slice(5, 7)}—${last.slice(0, 4)}.${last.slice(5, 7)}`;
}

/** What the residency tables need to know about one resident. */
export interface ResidentView {
  readonly t: Trainee;
  readonly entry?: ResidencyEntry;
  readonly reasons?: readonly Reason[];
}

/**
 * The residents of an instance in report order, each with its plan entry (the first one
 * listed) or its unplaced reasons.
 */
export function residentViews(ctx: Context, plan: Plan): ResidentView[] {
  const inst = ctx.instance;
  const unitIndex = new Map(inst.units.map((u, i) => [u.id, i]));
  const entries = new Map<string, ResidencyEntry>();
  for (const e of plan.residencies ?? []) if (e && typeof e.trainee === "string" && !entries.has(e.trainee)) entries.set(e.trainee, e);
  const unplaced = new Map<string, readonly Reason[]>();
  for (const u of plan.unplaced ?? []) if (!unplaced.has(u.trainee)) unplaced.set(u.trainee, u.reasons);
  const cohort = (t: Trainee) => t.available?.from ?? "";
  return inst.trainees
    .filter((t) => isResidentOf(ctx, t))
    .sort((a, b) =>
      (unitIndex.get(a.unit) ?? Number.MAX_SAFE_INTEGER) - (unitIndex.get(b.unit) ?? Number.MAX_SAFE_INTEGER) || naturalCompare(a.unit, b.unit) ||
      naturalCompare(a.curriculum ?? "", b.curriculum ?? "") ||
      (cohort(a).slice(0, 4) < cohort(b).slice(0, 4) ? -1 : cohort(a).slice(0, 4) > cohort(b).slice(0, 4) ? 1 : 0) ||
      naturalCompare(a.id, b.id))
    .map((t) => ({ t, entry: entries.get(t.id), reasons: unplaced.get(t.id) }));
}

/** The (unit, dept) pairs of 科室轮转排班表, in report order. */
export function residencyDepartments(ctx: Context, plan: Plan): { unit: string; dept: string }[] {
  const inst = ctx.instance;
  const unitIndex = new Map(inst.units.map((u, i) => [u.id, i]));
  const byUnit = new Map<string, Set<string>>();
  const add = (unit: string, dept: string) => {
    let s = byUnit.get(unit);
    if (!s) byUnit.set(unit, (s = new Set()));
    s.add(dept);
  };
  for (const u of inst.units) for (const s of u.service ?? []) add(u.id, s.dept);
  for (const e of plan.residencies ?? []) for (const r of e?.rotations ?? []) if (typeof r?.unit === "string" && typeof r.dept === "string") add(r.unit, r.dept);
  const out: { unit: string; dept: string }[] = [];
  const units = [...byUnit.keys()].sort((a, b) => (unitIndex.get(a) ?? Number.MAX_SAFE_INTEGER) - (unitIndex.get(b) ?? Number.MAX_SAFE_INTEGER) || naturalCompare(a, b));
  for (const unit of units) {
    const u = ctx.units.get(unit);
    const order: string[] = [];
    for (const s of u?.service ?? []) if (!order.includes(s.dept)) order.push(s.dept);
    for (const r of u?.receive ?? []) if (!order.includes(r.dept)) order.push(r.dept);
    const rank = (d: string) => (order.indexOf(d) < 0 ? Number.MAX_SAFE_INTEGER : order.indexOf(d));
    for (const dept of [...byUnit.get(unit)!].sort((a, b) => rank(a) - rank(b) || naturalCompare(a, b))) out.push({ unit, dept });
  }
  return out;
}

/** The slots `[a, b)` a rotation covers, clipped to the calendar. */
function rotationSlots(ctx: Context, r: ResidencyRotation): [number, number] {
  if (typeof r?.start !== "string" || typeof r.end !== "string") return [0, 0];
  const [a, b] = ctx.span(r.start, r.end);
  return [Math.max(0, a), Math.min(ctx.slots.count, b)];
}

/** The department a resident is in, as a cell: `急诊科`, or `全科（…社区卫生服务中心）` away from the base. */
export function rotationCell(names: Names, t: Trainee, r: ResidencyRotation): string {
  const dept = names.dept(r.dept);
  if (r.unit === t.unit) return dept;
  return names.lang === "zh" ? `${dept}（${names.unit(r.unit)}）` : `${dept} (${names.unit(r.unit)})`;
}

/**
 * The residency sheets of a plan, or undefined when the instance has no residents.
 *
 * @example
 * ```ts
 * const r = buildResidencyForms(ctx, plan, residencyMetrics(instance, plan), names, "zh", "山东省住培");
 * r?.schedule.rows[0];  // ["张三", "山东第一医科大学附属医院", "全科", "2024级", "心血管内科", …]
 * ```
 */
export function buildResidencyForms(
  ctx: Context, plan: Plan, figures: ResidencyFigures, names: Names, lang: Lang, what: string,
  programme?: string,
): ResidencyForms | undefined {
  const w = WORDS[lang];
  const zh = lang === "zh";
  const views = residentViews(ctx, plan).filter((v) => programme === undefined || v.t.programme === programme);
  if (views.length === 0) return undefined;
  const n = ctx.slots.count;
  const months = Array.from({ length: n }, (_, k) => monthHeader(ctx, k));
  const reasonsText = (reasons: readonly Reason[] | undefined) =>
    reasons && reasons.length > 0 ? reasons.map((r) => reasonWords(r, lang)).join(w.sep) : w.noReason;
  const curriculumOf = (t: Trainee) => ctx.programmes.get(t.programme)?.residency?.curricula.find((c) => c.id === t.curriculum);
  const reqName = (t: Trainee, id: string) => requirementLabel(ctx, names, t, id);
  const completedText = (t: Trainee) => (t.completed ?? []).map((id) => reqName(t, id)).join(w.list);
  const title = (sheet: keyof typeof SHEET_EN) => w.title(what, zh ? sheet : SHEET_EN[sheet]);

  // ---- 轮转计划表 ------------------------------------------------------------------------
  const scheduleRows = views.map(({ t, entry, reasons }) => {
    const cells: string[][] = months.map(() => []);
    for (const r of entry?.rotations ?? []) {
      const [a, b] = rotationSlots(ctx, r);
      for (let k = a; k < b; k++) cells[k].push(rotationCell(names, t, r));
    }
    const note = entry
      ? ((t.completed ?? []).length > 0 ? `${w.completed}${w.colon}${completedText(t)}` : "")
      : `${w.unplaced}${w.colon}${(reasons ?? []).map((r) => label(REASON_LABELS, r.code, lang)).join(w.list) || w.noReason}`;
    return [t.name ?? t.id, names.unit(t.unit), curriculumLabel(t.curriculum ?? "", lang), cohortLabel(t, lang), ...cells.map((c) => c.join("／")), note];
  });
  const schedule = residencyTable("轮转计划表", title("轮转计划表"),
    [w.name, w.base, w.specialty, w.cohort, ...months, w.note], scheduleRows,
    ["text", "long", "text", "text", ...months.map(() => "text" as const), "long"], lang, 4);

  // ---- 科室轮转排班表 ----------------------------------------------------------------------
  const depRows: (string | number)[][] = [];
  const depMarks: CellMark[] = [];
  const first = 3;
  for (const { unit, dept } of residencyDepartments(ctx, plan)) {
    const present = figures.present(unit, dept);
    const seats = figures.seats(unit, dept);
    const cap = figures.capacity(unit, dept);
    const rows = figures.service.filter((s) => s.unit === unit && s.dept === dept);
    const head = [names.unit(unit), names.dept(dept)];
    const at = (xs: readonly number[], k: number) => xs[k] ?? 0;
    const presentRow = depRows.length;
    depRows.push([...head, w.present, ...months.map((_, k) => at(present, k)), w.presentNote(months.reduce((s, _, k) => s + at(present, k), 0))]);
    depRows.push([...head, w.capacity, ...months.map((_, k) => at(cap, k)), ""]);
    if (months.some((_, k) => at(seats, k) !== at(present, k))) depRows.push([...head, w.seats, ...months.map((_, k) => at(seats, k)), ""]);
    for (const s of rows) {
      const mins: (number | "")[] = months.map(() => "");
      for (const x of s.slots) if (x.slot >= 0 && x.slot < n) mins[x.slot] = x.min;
      depRows.push([...head, w.serviceRow(s.index, s.hard), ...mins, w.serviceNote(s.needed, s.got)]);
    }
    const states: string[] = months.map(() => "");
    const stateRow = depRows.length;
    for (let k = 0; k < n; k++) {
      const parts: string[] = [];
      let mark: CellMark["mark"] | undefined;
      for (const s of rows)
        for (const x of s.slots)
          if (x.slot === k && x.present < x.min) {
            parts.push(w.short(x.min - x.present, s.hard));
            mark = s.hard || mark === "bad" ? "bad" : "short";
          }
      if (at(seats, k) > at(cap, k)) {
        parts.push(w.over(at(seats, k) - at(cap, k)));
        mark = "bad";
      }
      states[k] = parts.join(zh ? "，" : ", ");
      if (mark) {
        depMarks.push({ row: stateRow, col: first + k, mark });
        depMarks.push({ row: presentRow, col: first + k, mark });
      }
    }
    depRows.push([...head, w.state, ...states, ""]);
  }
  const departments: Table = {
    ...residencyTable("科室轮转排班表", title("科室轮转排班表"), [w.unit, w.dept, w.metric, ...months, w.remark], depRows,
      ["long", "text", "long", ...months.map(() => "number" as const), "long"], lang, 3),
    marks: depMarks,
  };

  // ---- 基地汇总 ----------------------------------------------------------------------------
  const managersOf = new Map(figures.managers.map((m) => [m.base, m]));
  const baseRows: (string | number)[][] = [];
  const baseMarks: CellMark[] = [];
  const bases = [...new Set(views.map((v) => v.t.unit))];
  let allScheduled = 0, allUnplaced = 0;
  for (const base of bases) {
    const groups = new Map<string, { curriculum: string; cohort: string; scheduled: number; unplaced: number }>();
    for (const v of views) {
      if (v.t.unit !== base) continue;
      const key = `${v.t.curriculum ?? ""}\u0000${cohortLabel(v.t, lang)}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { curriculum: v.t.curriculum ?? "", cohort: cohortLabel(v.t, lang), scheduled: 0, unplaced: 0 }));
      if (v.entry) g.scheduled++;
      else g.unplaced++;
    }
    let s = 0, u = 0;
    for (const g of groups.values()) {
      baseRows.push([names.unit(base), curriculumLabel(g.curriculum, lang), g.cohort, g.scheduled, g.unplaced, g.scheduled + g.unplaced, "", "", "", ""]);
      s += g.scheduled;
      u += g.unplaced;
    }
    const unitManagers = ctx.units.get(base)?.managers;
    const status = managersOf.get(base);
    const scheduled = status?.scheduled ?? s;
    const required = Math.max(3, Math.ceil(scheduled / 100));
    const limit = status?.limit ?? (unitManagers === undefined ? Infinity : unitManagers < 3 ? 0 : 100 * unitManagers);
    const ok = status === undefined || status.scheduled <= status.limit;
    if (!ok) baseMarks.push({ row: baseRows.length, col: 9, mark: "bad" });
    baseRows.push([names.unit(base), w.subtotal, "", s, u, s + u,
      unitManagers ?? w.unset, unitManagers === undefined ? "" : required, Number.isFinite(limit) ? limit : w.unlimited,
      status === undefined ? "" : ok ? w.ok : w.overLimit(status.scheduled, status.limit)]);
    allScheduled += s;
    allUnplaced += u;
  }
  baseRows.push([w.total, "", "", allScheduled, allUnplaced, allScheduled + allUnplaced, "", "", "", ""]);
  const basesTable: Table = {
    ...residencyTable("基地汇总", title("基地汇总"),
      [w.base, w.specialty, w.cohort, w.scheduledH, w.unplacedH, w.totalH, w.managers, w.required, w.allows, w.verdict], baseRows,
      ["long", "text", "text", "number", "number", "number", "number", "number", "number", "long"], lang),
    marks: baseMarks,
  };

  // ---- 住培一人一档 --------------------------------------------------------------------------
  const fixedKey = (r: ResidencyRotation) => [r.requirement, r.unit, r.dept, r.start, r.end, r.mentor ?? ""].join("\u0000");
  const perRows = views.map(({ t, entry, reasons }) => {
    const prog = ctx.programmes.get(t.programme);
    const fixed = new Set((t.fixed ?? []).map(fixedKey));
    const common = [t.id, t.name ?? "", names.unit(t.unit), curriculumLabel(t.curriculum ?? "", lang), cohortLabel(t, lang), prog?.name ?? t.programme,
      t.available?.from ?? "", t.available?.to ? lastDay(t.available.to) : ""];
    if (!entry) return [...common, w.unplaced, "", "", reasonsText(reasons)];
    const rotations = entry.rotations.map((r) => {
      const mentor = names.mentor(r.mentor);
      return `${typeof r.start === "string" && typeof r.end === "string" ? monthsLabel(r.start, r.end) : ""} ${rotationCell(names, t, r)}`
        + `${mentor ? ` ${w.mentor} ${mentor}` : ""}${fixed.has(fixedKey(r)) ? (zh ? "（已定）" : " (fixed)") : ""}`;
    }).join(w.sep);
    // R-CURRICULUM's own count: the distinct months of the rotations naming each requirement.
    const monthsUsed = monthsByRequirement(entry.rotations.filter((r) => typeof r?.start === "string" && typeof r.end === "string"));
    const req = (curriculumOf(t)?.requirements ?? []).map((q) => {
      if ((t.completed ?? []).includes(q.id)) return `${reqName(t, q.id)} ${w.completed}`;
      return `${reqName(t, q.id)} ${w.months(monthsUsed.get(q.id)?.length ?? 0, q.min, q.max)}`;
    }).join(w.sep);
    return [...common, w.scheduled, rotations, req, (t.completed ?? []).length > 0 ? `${w.completed}${w.colon}${completedText(t)}` : ""];
  });
  const perResident = residencyTable("住培一人一档", title("住培一人一档"),
    [w.id, w.name, w.base, w.specialty, w.cohort, zh ? "项目" : "programme", w.start, w.end, w.status, w.rotations, w.requirements, w.reasons], perRows,
    ["text", "text", "long", "text", "text", "long", "date", "date", "text", "long", "long", "long"], lang);

  return { schedule, departments, bases: basesTable, perResident };
}

/** Columns whose text wraps are capped at this width (characters); others fit their widest cell. */
const LONG_WIDTH = 40;

/** A table with widths fitted to its cells, like the commission forms'. */
function residencyTable(
  name: string, title: string, headers: readonly string[], rows: (string | number)[][], columns: ColumnKind[], lang: Lang, frozenColumns?: number,
): Table {
  const widths = headers.map((h, i) => {
    const kind = columns[i] ?? "text";
    const head = displayWidth(h) + 2;
    if (kind === "date") return Math.max(head, 12);
    const widest = rows.reduce((m, r) => Math.max(m, displayWidth(r[i] ?? "")), 0) + 2;
    return Math.max(head, kind === "number" ? 5 : 6, Math.min(kind === "long" ? LONG_WIDTH : 30, widest));
  });
  return { name, title, headers: [...headers], rows, widths, columns, lang, ...(frozenColumns !== undefined ? { frozenColumns } : {}) };
}
