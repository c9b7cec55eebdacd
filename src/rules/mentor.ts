/**
 * R-MENTOR: mentors of the receiving unit and study department, of sufficient
 * title, within their concurrent capacity. In a model: per-slot seats of the
 * qualified mentors of a department (nested by title threshold; the mentors
 * are named afterwards, exactly, by interval assignment), or a chosen
 * mentor's own capacity where seats are not exact.
 */
import type { Violation } from "../model/types.js";
import type { Context } from "./context.js";
import { key } from "./keys.js";
import type { Rule, RowHost, SlotFamily } from "./rule.js";
import { residencies } from "./residents.js";
import { resolved } from "./types.js";
import { wordsOf } from "./words.js";

/** Qualified mentor seats (title rank ≥ tau) of a department; none where seats cover the free capacity (implied). */
function seatFamily(h: RowHost, unit: string, dept: string, tau: number): SlotFamily {
  const ctx = h.ctx;
  const seat = { kind: "seat", unit, dept } as const;
  return {
    key: key("men", unit, dept, tau),
    make: (k) => {
      const seats = h.fixed.mentorSeats(unit, dept, tau, k);
      if (seats >= ctx.capacity(unit, dept, k) - h.fixed.ledger.at(seat, k)) return undefined;
      return { lb: -Infinity, ub: seats, meta: { kind: "mentor", code: "R-MENTOR", ids: [unit, dept], describe: (lang) => seatWords(ctx, lang, unit, dept, k) } };
    },
  };
}

const seatWords = (ctx: Context, lang: "zh" | "en", unit: string, dept: string, k: number) => {
  const w = wordsOf(ctx, lang);
  return w.say(`${w.unit(unit)}${w.dept(dept)} ${w.slot(k)} 可带教的老师`, `mentors of "${unit}" ${dept} in ${w.slot(k)}`);
};

/** A mentor chosen in the model: that mentor's own capacity per slot. */
function mentorFamily(h: RowHost, id: string): SlotFamily {
  const ctx = h.ctx;
  const mentor = ctx.mentors.get(id)!;
  const cap = mentor.capacity ?? 1;
  return {
    key: key("mentor", id),
    make: (k) => ({
      lb: -Infinity,
      ub: cap - h.fixed.ledger.at({ kind: "mentor", mentor: id }, k),
      meta: {
        kind: "mentor", code: "R-MENTOR", ids: [id],
        describe: (lang) => {
          const w = wordsOf(ctx, lang);
          return w.say(`带教老师${w.mentor(id)} ${w.slot(k)} 的带教名额（${cap} 人）`, `mentor "${id}" in ${w.slot(k)} (capacity ${cap})`);
        },
      },
    }),
  };
}

export const mentorRule: Rule = {
  code: "R-MENTOR",
  repairable: false,
  check({ ctx, plan, ledger, w }) {
    const out: Violation[] = [];
    for (const { t, p, prog } of resolved(ctx, plan)) {
      const fail = (zh: string, en: string, ...ids: string[]) => out.push({ code: "R-MENTOR", ids: [t.id, ...ids], message: w.say(`${w.trainee(t.id)}：${zh}`, `trainee "${t.id}": ${en}`) });
      const rotating = !!p.rotations && p.rotations.length > 0;
      if (rotating && p.mentor !== undefined) fail(`轮转安排应按轮转分别指定带教老师，而不是在整个安排上指定${w.mentor(p.mentor)}`, `a rotating placement names mentors per rotation, not "${p.mentor}" on the placement`, p.mentor);
      const segments = rotating ? p.rotations!.map((r, i) => ({ ...r, zh: `第 ${i + 1} 个轮转`, en: `rotations[${i}] ` })) : [{ dept: p.dept, mentor: p.mentor, zh: "", en: "" }];
      for (const s of segments) {
        if (s.mentor === undefined) {
          if (prog.mentor) fail(`${s.zh}未指定带教老师；项目${w.programme(prog.id)}要求${w.title(prog.mentor.minTitle)}及以上职称的带教老师`, `${s.en}names no mentor; programme "${prog.id}" requires one of title ≥ ${prog.mentor.minTitle}`);
          continue;
        }
        const m = ctx.mentors.get(s.mentor);
        if (!m) {
          fail(`${s.zh}指定的带教老师“${s.mentor}”不存在`, `${s.en}names unknown mentor "${s.mentor}"`, s.mentor);
          continue;
        }
        if (m.unit !== p.unit || m.dept !== s.dept)
          fail(`${s.zh}带教老师${w.mentor(m.id)}属于${w.unit(m.unit)}${w.dept(m.dept)}，不是${w.unit(p.unit)}${w.dept(s.dept)}`, `${s.en}mentor "${m.id}" is in "${m.unit}" ${m.dept}, not "${p.unit}" ${s.dept}`, m.id);
        if (prog.mentor && ctx.titleRank(m.title) < ctx.titleRank(prog.mentor.minTitle))
          fail(`${s.zh}带教老师${w.mentor(m.id)}职称为${w.title(m.title)}，低于${w.title(prog.mentor.minTitle)}`, `${s.en}mentor "${m.id}" is ${m.title}, below ${prog.mentor.minTitle}`, m.id);
      }
    }
    // SPEC §10 reading 20: one mentor per rotation; under a mentor rule, of its unit and department with title ≥ minTitle;
    // without, a named mentor must exist at that unit. One violation per resident for qualification.
    for (const { e, info: { t, prog } } of residencies(ctx, plan)) {
      const zh: string[] = [], en: string[] = [];
      const ids = new Set<string>();
      e.rotations.forEach((r, i) => {
        const at = w.say(`第 ${i + 1} 个轮转（${w.unit(r.unit)}${w.dept(r.dept)}）`, `rotations[${i}] ("${r.unit}" ${r.dept})`);
        if (r.mentor === undefined) {
          if (prog.mentor) { zh.push(`${at}未指定带教老师（要求${w.title(prog.mentor.minTitle)}及以上）`); en.push(`${at} names no mentor (title ≥ ${prog.mentor.minTitle} required)`); }
          return;
        }
        const m = ctx.mentors.get(r.mentor);
        ids.add(r.mentor);
        if (!m) { zh.push(`${at}指定的带教老师“${r.mentor}”不存在`); en.push(`${at} names unknown mentor "${r.mentor}"`); return; }
        if (m.unit !== r.unit || (prog.mentor && m.dept !== r.dept)) {
          zh.push(`${at}的带教老师${w.mentor(m.id)}属于${w.unit(m.unit)}${w.dept(m.dept)}`);
          en.push(`${at}: mentor "${m.id}" is in "${m.unit}" ${m.dept}`);
        }
        if (prog.mentor && ctx.titleRank(m.title) < ctx.titleRank(prog.mentor.minTitle)) {
          zh.push(`${at}的带教老师${w.mentor(m.id)}职称为${w.title(m.title)}，低于${w.title(prog.mentor.minTitle)}`);
          en.push(`${at}: mentor "${m.id}" is ${m.title}, below ${prog.mentor.minTitle}`);
        }
      });
      if (zh.length) out.push({ code: "R-MENTOR", ids: [t.id, ...ids], message: w.say(`${w.trainee(t.id)}：${zh.join("；")}`, `trainee "${t.id}": ${en.join("; ")}`) });
    }
    for (const r of ledger.resources("mentor")) {
      const m = ctx.mentors.get(r.mentor);
      if (!m) continue;
      const cap = m.capacity ?? 1;
      for (let k = 0; k < ctx.slots.count; k++) {
        const n = ledger.at(r, k);
        if (n > cap)
          out.push({ code: "R-MENTOR", ids: [m.id, ...ledger.who(r, k)], message: w.say(`带教老师${w.mentor(m.id)} ${w.slot(k)} 带教 ${n} 人，超过其带教名额 ${cap} 人`, `mentor "${m.id}" has ${n} trainees in ${w.slot(k)}, capacity ${cap}`) });
      }
    }
    return out;
  },
  rows: {
    slot: {
      mentor: (h, r) => [mentorFamily(h, r.mentor)],
      qualified: (h, r) => h.thresholds.filter((tau) => tau <= r.rank).map((tau) => seatFamily(h, r.unit, r.dept, tau)),
    },
  },
};
