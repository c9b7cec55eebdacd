/**
 * A plan difference (SPEC §11.2) for people: a short text, and the 变更通知 —
 * per receiving hospital, who arrives, leaves, moves or changes mentor, and when
 * — that a commission sends to each hospital.
 */
import { CHANGE_LABELS, type Lang, label } from "../model/labels.js";
import type { Instance, Placement } from "../model/types.js";
import { type DiffField, type PlanDiff, type PlanEntry, type TraineeChange, isResidencyEntry } from "../plan/diff.js";
import { contextOf } from "../rules/context.js";
import type { Table } from "./forms.js";
import { type Names, namesOf, reasonWords } from "./words.js";

const FIELD_WORDS: Readonly<Record<DiffField, { zh: string; en: string }>> = {
  unit: { zh: "单位", en: "unit" }, dept: { zh: "科室", en: "department" }, start: { zh: "开始", en: "start" },
  end: { zh: "结束", en: "end" }, rotations: { zh: "轮转", en: "rotations" },
};

/** An entry in words: a placement's unit, department, dates, mentor; a residency's rotations (unit where not the base). */
function placementWords(n: Names, e: PlanEntry, withUnit = true): string {
  if (isResidencyEntry(e)) return e.rotations.map((r) => `${n.unit(r.unit)} ${n.dept(r.dept)} ${r.start}—${r.end}`).join(n.lang === "zh" ? "；" : "; ");
  const p: Placement = e;
  const mentor = p.mentor ? n.mentor(p.mentor) : (p.rotations ?? []).map((r) => n.mentor(r.mentor)).filter(Boolean).join(n.lang === "zh" ? "、" : ", ");
  const who = mentor ? (n.lang === "zh" ? `，带教 ${mentor}` : `, mentor ${mentor}`) : "";
  return `${withUnit ? `${n.unit(p.unit)} ` : ""}${n.dept(p.dept)} ${p.start}—${p.end}${who}`;
}

/**
 * The difference as a few lines of text: objectives, counts by kind of change,
 * support rows, then one line per trainee.
 *
 * @example
 * console.log(diffSummary(instance, diff(instance, published, replanned)));
 */
export function diffSummary(instance: Instance, d: PlanDiff, options: { lang?: Lang } = {}): string {
  const lang: Lang = options.lang === "en" ? "en" : "zh";
  const zh = lang === "zh";
  const n = namesOf(contextOf(instance), lang);
  const count = (k: TraineeChange["change"]) => d.trainees.filter((t) => t.change === k).length;
  const kinds = (["moved", "mentor", "added", "removed"] as const).map((k) => `${label(CHANGE_LABELS, k, lang)} ${count(k)}`).join(zh ? "、" : ", ");
  const lines = [
    zh ? `目标值 ${d.objective.before} → ${d.objective.after}` : `objective ${d.objective.before} → ${d.objective.after}`,
    zh ? `变动 ${d.trainees.length} 人：${kinds}` : `${d.trainees.length} trainee(s) changed: ${kinds}`,
    zh ? `下沉支援：新增 ${d.support.added.length} 条，取消 ${d.support.removed.length} 条` : `support rows: ${d.support.added.length} added, ${d.support.removed.length} removed`,
  ];
  for (const t of d.trainees) {
    const who = `${n.trainee(t.trainee)} ${label(CHANGE_LABELS, t.change, lang)}`;
    if (t.change === "moved") lines.push(`  ${who}（${t.fields.map((f) => FIELD_WORDS[f][lang]).join(zh ? "、" : ", ")}）：${placementWords(n, t.before)} → ${placementWords(n, t.after)}`);
    else if (t.change === "mentor") lines.push(`  ${who}：${placementWords(n, t.before)} → ${placementWords(n, t.after)}`);
    else if (t.change === "added") lines.push(`  ${who}：${placementWords(n, t.after)}`);
    else lines.push(`  ${who}：${placementWords(n, t.before)}${t.reasons.length ? `（${t.reasons.map((r) => reasonWords(r, lang)).join(zh ? "；" : "; ")}）` : ""}`);
  }
  return lines.join("\n");
}

/**
 * 变更通知: one row per receiving hospital and trainee whose arrival there changes —
 * arrives (新增, or moved in from another hospital), leaves (取消, or moved away),
 * changes dates or department (调整), or changes mentor (更换带教) — grouped by
 * hospital, one printed page each.
 *
 * @example
 * const table = changeNotice(instance, diff(instance, published, replanned));
 */
export function changeNotice(instance: Instance, d: PlanDiff, options: { lang?: Lang } = {}): Table {
  const lang: Lang = options.lang === "en" ? "en" : "zh";
  const zh = lang === "zh";
  const ctx = contextOf(instance);
  const n = namesOf(ctx, lang);
  const rows: { unit: string; row: string[] }[] = [];
  const home = (id: string) => n.unit(ctx.trainees.get(id)?.unit ?? "");
  // A resident's changes go to its base's office (its rotations may span several units).
  const unitOf = (t: TraineeChange, e: PlanEntry) => (isResidencyEntry(e) ? ctx.trainees.get(t.trainee)?.unit ?? "" : e.unit);
  const add = (unit: string, t: TraineeChange, what: string, before?: PlanEntry, after?: PlanEntry, note = "") =>
    rows.push({ unit, row: [n.unit(unit), n.trainee(t.trainee), home(t.trainee), what, before ? placementWords(n, before, false) : "", after ? placementWords(n, after, false) : "", note] });
  for (const t of d.trainees) {
    if (t.change === "added") add(unitOf(t, t.after), t, zh ? "新到" : "arrives", undefined, t.after);
    else if (t.change === "removed") add(unitOf(t, t.before), t, zh ? "取消" : "cancelled", t.before, undefined, t.reasons.map((r) => reasonWords(r, lang)).join(zh ? "；" : "; "));
    else if (t.change === "mentor") add(unitOf(t, t.after), t, zh ? "更换带教" : "mentor changes", t.before, t.after);
    else if (unitOf(t, t.before) === unitOf(t, t.after)) add(unitOf(t, t.after), t, zh ? "调整" : "changed", t.before, t.after);
    else {
      const from = unitOf(t, t.before), to = unitOf(t, t.after);
      add(from, t, zh ? `转往${n.unit(to)}` : `moves to ${n.unit(to)}`, t.before, undefined);
      add(to, t, zh ? `由${n.unit(from)}转来` : `moves here from ${n.unit(from)}`, undefined, t.after);
    }
  }
  rows.sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
  return {
    name: "变更通知",
    title: zh ? "进修安排变更通知" : "Notice of changes to refresher-training placements",
    headers: zh ? ["接收单位", "姓名", "派出单位", "变动", "原安排", "新安排", "说明"] : ["receiving unit", "name", "home unit", "change", "before", "after", "note"],
    rows: rows.map((r) => r.row),
    widths: [24, 10, 24, 16, 36, 36, 30],
    pageBreakColumn: 0,
    lang,
  };
}
