/**
 * How the reports word the things of an instance for a planner: names instead of ids,
 * labels instead of codes, filters and quotas in words instead of JSON. Shared by the
 * forms, the text summary and the HTML report, so the three say the same thing.
 *
 * Every lookup by a user-given string goes through a `Map` (the context's maps) or
 * `Object.hasOwn` (the label tables): a department, unit or region named `constructor`
 * or `__proto__` is shown as itself. Nothing here escapes HTML; callers do.
 */
import { type Lang, REASON_LABELS, REGION_FLAG_LABELS, SHORTFALL_LABELS, label } from "../model/labels.js";
import type { Instance, Placement, Plan, Programme, Reason, Shortfall, Trainee } from "../model/types.js";
import type { Context } from "../rules/context.js";
import type { YearlyRow } from "./yearly.js";

export type { Lang } from "../model/labels.js";

export { type Names, namesOf, join, whereWords, quotaBoundsWords, quotaWords, coverageWords } from "../rules/words.js";
import { type Names, coverageWords, namesOf, quotaWords, whereWords } from "../rules/words.js";

/** A shortfall row in words, naming the programme and the row: `…：东海县 的名额（至少 10）— 需要 10，实际 8，缺口 2`. */
export function shortfallWords(names: Names, inst: Instance, s: Shortfall): string {
  if (s.rule === "service") {
    const gap = s.needed - s.got;
    const where = `${names.unit(s.unit)}${names.dept(s.dept)}`;
    return names.lang === "zh"
      ? `${where}：住培服务水平（第 ${s.index + 1} 行）— 需要 ${s.needed} 人月，实际 ${s.got}，缺口 ${gap}`
      : `${where}: residency service row ${s.index + 1} — needed ${s.needed} resident-months, got ${s.got}, short by ${gap}`;
  }
  const prog: Programme | undefined = inst.programmes.find((p) => p.id === s.programme);
  const rowText = s.rule === "quota" && prog?.quotas?.[s.index]
    ? quotaWords(names, prog.quotas[s.index])
    : s.rule === "coverage" && prog?.coverage?.[s.index]
      ? coverageWords(names, prog.coverage[s.index])
      : `${label(SHORTFALL_LABELS, s.rule, names.lang)} ${s.index + 1}`;
  const progName = names.programme(s.programme);
  const gap = s.needed - s.got;
  return names.lang === "zh"
    ? `${progName}：${rowText} — 需要 ${s.needed}，实际 ${s.got}，缺口 ${gap}`
    : `${progName}: ${rowText} — needed ${s.needed}, got ${s.got}, short by ${gap}`;
}

/** A reason, violation or conflict: its code's label, then the message (`接收容量：…`). */
export function reasonWords(r: Pick<Reason, "code" | "message">, lang: Lang): string {
  const what = label(REASON_LABELS, r.code, lang);
  const msg = typeof r.message === "string" ? r.message : "";
  if (msg === "") return what;
  return lang === "zh" ? `${what}：${msg}` : `${what}: ${msg}`;
}

/** A licence, title, … in words, or "" when absent. */
export const maybeLabel = (table: Parameters<typeof label>[0], code: string | undefined, lang: Lang): string =>
  code === undefined ? "" : label(table, code, lang);

/**
 * The placements of a plan grouped by receiving hospital (in `instance.units` order, unknown
 * units last), then by start, study department and trainee name: the 接收名单 of each hospital.
 */
export function receivingList(
  ctx: Context, plan: Plan, names: Names, keep: (p: Placement) => boolean = () => true,
): { p: Placement; t: Trainee }[] {
  const unitIndex = new Map(ctx.instance.units.map((u, i) => [u.id, i]));
  const out: { p: Placement; t: Trainee }[] = [];
  for (const p of plan.placements) {
    const t = ctx.trainees.get(p.trainee);
    if (t && keep(p)) out.push({ p, t });
  }
  const rank = (u: string) => unitIndex.get(u) ?? Number.MAX_SAFE_INTEGER;
  return out.sort((a, b) =>
    rank(a.p.unit) - rank(b.p.unit) || naturalCompare(a.p.unit, b.p.unit) ||
    (a.p.start < b.p.start ? -1 : a.p.start > b.p.start ? 1 : 0) ||
    naturalCompare(names.dept(a.p.dept), names.dept(b.p.dept)) ||
    naturalCompare(a.t.name ?? a.t.id, b.t.name ?? b.t.id) || naturalCompare(a.t.id, b.t.id));
}

/** Code-unit comparison that orders digit runs by value (`t-2` < `t-10`); locale-independent. */
export function naturalCompare(a: string, b: string): number {
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

/**
 * The label of a per-year row, Chinese and English (plain text, not escaped); the 分年度
 * sheet of the workbook and the text summary use the same labels.
 */
export function yearlyRowLabel(ctx: Context, row: YearlyRow): { zh: string; en: string } {
  const monthly = ctx.slots.granularity === "month";
  const su = monthly ? { zh: "月", en: "month" } : { zh: "周", en: "week" };
  switch (row.metric) {
    case "started": return { zh: "新开始进修（人次）", en: "placements started" };
    case "trainees": return { zh: "在修人数", en: "trainees in training" };
    case "traineeSlots": return { zh: `进修人·${su.zh}`, en: `trainee-${su.en}s` };
    case "flag": return { zh: `其中${label(REGION_FLAG_LABELS, row.flag!)}（新开始）`, en: `started from ${label(REGION_FLAG_LABELS, row.flag!, "en")}` };
    case "quota": {
      const prog = ctx.programmes.get(row.programme!);
      const where = prog?.quotas?.[row.quota!]?.where;
      return {
        zh: `累计完成：${whereWords(namesOf(ctx, "zh"), where)}（名额第 ${row.quota! + 1} 行，软性最低）`,
        en: `cumulative: ${whereWords(namesOf(ctx, "en"), where)} (quota row ${row.quota! + 1}, soft minimum)`,
      };
    }
    case "support": return { zh: `下沉支援（人·${su.zh}）`, en: `specialist-${su.en}s sent down` };
  }
}

/** Display width of a cell: CJK and full-width characters count 2. */
export function displayWidth(v: string | number): number {
  let w = 0;
  for (const ch of String(v)) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u2014]/.test(ch) || ch.codePointAt(0)! > 0xffff ? 2 : 1;
  return w;
}
