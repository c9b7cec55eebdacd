/**
 * R-CURRICULUM (SPEC §10): a scheduled resident's rotations do not overlap,
 * each names a requirement of its curriculum that is not `completed`, in one
 * of its departments; per requirement the months total `[min, max]`, in at
 * most `blocks` blocks of at least `minBlock` months, inside `phase`, after
 * the last month of every `after` requirement; every requirement not
 * completed is met. One violation per resident, naming every failure.
 *
 * In a model there are no rows: the schedule columns are built valid (like
 * R-DURATION), and `curriculumProblems` is what both the checker and the
 * solver's tests read.
 */
import type { ResidencyRotation, Violation } from "../model/types.js";
import { monthDate, monthsOf, residencies, type ResidentInfo } from "./residents.js";
import type { Rule } from "./rule.js";
import type { Words } from "./words.js";

/** One failure of a resident's rotations, in both languages. */
export interface Problem {
  readonly zh: string;
  readonly en: string;
  /** The requirement it concerns, where one does. */
  readonly requirement?: string;
}

/** Maximal runs of consecutive months, `[first, last]` each (months ascending, distinct). */
export function blocksOf(months: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const m of months) {
    const last = out[out.length - 1];
    if (last && m === last[1] + 1) last[1] = m;
    else out.push([m, m]);
  }
  return out;
}

/** The distinct months of the rotations naming each requirement, ascending. */
export function monthsByRequirement(rotations: readonly Pick<ResidencyRotation, "requirement" | "start" | "end">[]): Map<string, number[]> {
  const sets = new Map<string, Set<number>>();
  for (const r of rotations) {
    let s = sets.get(r.requirement);
    if (!s) sets.set(r.requirement, (s = new Set()));
    for (const m of monthsOf(r)) s.add(m);
  }
  return new Map([...sets].map(([id, s]) => [id, [...s].sort((a, b) => a - b)]));
}

/**
 * Every R-CURRICULUM failure of one resident's rotations (empty: the
 * curriculum is met). Pure: the verifier and the solver's tests call it.
 */
export function curriculumProblems(info: ResidentInfo, rotations: readonly ResidencyRotation[], w: Words): Problem[] {
  const out: Problem[] = [];
  const fail = (zh: string, en: string, requirement?: string) => out.push({ zh, en, ...(requirement !== undefined ? { requirement } : {}) });
  const { requirements, completed } = info;
  const label = (id: string) => w.say(`“${id}”`, `"${id}"`);
  const span = (r: ResidencyRotation) => `[${r.start}, ${r.end})`;

  rotations.forEach((r, i) => {
    const at = w.say(`第 ${i + 1} 个轮转 ${w.unit(r.unit)}${w.dept(r.dept)} ${span(r)}`, `rotations[${i}] ("${r.unit}" ${r.dept} ${span(r)})`);
    if (r.end <= r.start) fail(`${at}为空（结束不晚于开始）`, `${at} is empty (end ≤ start)`);
    const req = requirements.get(r.requirement);
    if (!req) fail(`${at}所列轮转要求${label(r.requirement)}不在培训大纲${label(info.curriculum.id)}中`, `${at} names requirement "${r.requirement}", not in curriculum "${info.curriculum.id}"`, r.requirement);
    else {
      if (completed.has(r.requirement)) fail(`${at}所列轮转要求${label(r.requirement)}已完成，无需再轮转`, `${at} names requirement "${r.requirement}", which is completed`, r.requirement);
      if (!req.depts.includes(r.dept)) fail(`${at}：${w.dept(r.dept)}不属于轮转要求${label(r.requirement)}的科室（${w.depts(req.depts)}）`, `${at}: ${r.dept} is not one of requirement "${r.requirement}"'s departments (${req.depts.join(", ")})`, r.requirement);
    }
  });
  // Reading 5: two rotations overlap when their [start, end) intersect.
  const sorted = rotations.map((r, i) => ({ r, i })).filter(({ r }) => r.start < r.end).sort((a, b) => (a.r.start < b.r.start ? -1 : a.r.start > b.r.start ? 1 : a.i - b.i));
  for (let a = 0; a < sorted.length; a++)
    for (let b = a + 1; b < sorted.length && sorted[b].r.start < sorted[a].r.end; b++)
      fail(
        `第 ${sorted[a].i + 1} 个轮转 ${span(sorted[a].r)} 与第 ${sorted[b].i + 1} 个轮转 ${span(sorted[b].r)} 时间重叠`,
        `rotations[${sorted[a].i}] ${span(sorted[a].r)} overlaps rotations[${sorted[b].i}] ${span(sorted[b].r)}`,
      );

  // Reading 6: months of a rotation naming a known requirement count toward it, even a completed one or a wrong department.
  const months = monthsByRequirement(rotations.filter((r) => requirements.has(r.requirement)));
  const month = (m: number) => monthDate(m).slice(0, 7);
  for (const req of info.curriculum.requirements) {
    if (completed.has(req.id)) continue;
    const ms = months.get(req.id) ?? [];
    const name = label(req.id);
    if (ms.length < req.min || ms.length > req.max)
      fail(
        ms.length === 0 ? `轮转要求${name}未安排（需 ${req.min}–${req.max} 个月）` : `轮转要求${name}共 ${ms.length} 个月，应为 ${req.min}–${req.max} 个月`,
        `requirement "${req.id}" has ${ms.length} month(s), needs ${req.min}–${req.max}`,
        req.id,
      );
    if (ms.length === 0) continue;
    const blocks = blocksOf(ms);
    const most = req.blocks ?? 1;
    if (blocks.length > most) fail(`轮转要求${name}分为 ${blocks.length} 段，至多 ${most} 段`, `requirement "${req.id}" is in ${blocks.length} blocks, at most ${most}`, req.id);
    for (const [a, b] of blocks)
      if (b - a + 1 < info.minBlock)
        fail(`轮转要求${name}在 ${month(a)}–${month(b)} 的一段仅 ${b - a + 1} 个月，每段至少 ${info.minBlock} 个月`, `requirement "${req.id}": the block ${month(a)}–${month(b)} has ${b - a + 1} month(s), minBlock ${info.minBlock}`, req.id);
    if (req.phase) {
      // Reading 3: month k of the training period counts from available.from (k = 0 first).
      const from = req.phase.from ?? 0, to = req.phase.to ?? Infinity;
      const outside = ms.filter((m) => m - info.periodStart < from || m - info.periodStart >= to);
      if (outside.length)
        fail(
          `轮转要求${name}应在培训第 ${from + 1}${to === Infinity ? " 个月之后" : `–${to} 个月`}内完成，${outside.map(month).join("、")} 不在其中`,
          `requirement "${req.id}" must lie in months [${from}, ${to === Infinity ? "∞" : to}) of the training period; ${outside.map(month).join(", ")} do not`,
          req.id,
        );
    }
    // Reading 4: after the last month of each listed requirement that has rotations; a completed one sets no bound.
    for (const a of req.after ?? []) {
      if (completed.has(a)) continue;
      const before = months.get(a);
      if (!before || before.length === 0) continue;
      const last = before[before.length - 1];
      if (ms[0] <= last)
        fail(`轮转要求${name}应在${label(a)}结束（${month(last)}）之后开始，却始于 ${month(ms[0])}`, `requirement "${req.id}" starts ${month(ms[0])}, not after the last month of "${a}" (${month(last)})`, req.id);
    }
  }
  return out;
}

export const curriculumRule: Rule = {
  code: "R-CURRICULUM",
  repairable: false,
  check({ ctx, plan, w }) {
    const out: Violation[] = [];
    for (const { e, info } of residencies(ctx, plan)) {
      const problems = curriculumProblems(info, e.rotations, w);
      if (problems.length)
        out.push({
          code: "R-CURRICULUM", ids: [e.trainee],
          message: w.say(`${w.trainee(e.trainee)}：${problems.map((p) => p.zh).join("；")}`, `trainee "${e.trainee}": ${problems.map((p) => p.en).join("; ")}`),
        });
    }
    return out;
  },
};
