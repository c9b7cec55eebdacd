/**
 * SPEC §11.3: where could this doctor still go, everyone else staying where
 * they are? Every option is exactly valid when applied to the plan (the
 * trainee's entry replaced by the placement, its support rows added), with
 * the objective the plan then has.
 */
import { expectObject } from "../model/args.js";
import { UsageError } from "../model/errors.js";
import type { Instance, Placement, Plan, Reason, SupportRow, Unit } from "../model/types.js";
import type { Context } from "../rules/context.js";
import { contextOf } from "../rules/context.js";
import { RULE_CODES } from "../rules/index.js";
import { type Ledger, ledgerOf } from "../rules/ledger.js";
import { poolOf, supportersOf } from "../rules/support.js";
import { type Lang, wordsOf } from "../rules/words.js";
import { spansOf } from "../solve/candidates.js";
import { verifyPlan } from "../verify.js";

export interface RecommendOptions {
  /** At most this many options (default 10). */
  readonly limit?: number;
  /** The language of the excluded pairs' reasons (default Chinese). */
  readonly lang?: Lang;
}

export interface Recommendation {
  readonly trainee: string;
  /** Ranked by objective (descending), then unit, dept, start; one per unit, dept and start (its best, then earliest end). */
  readonly options: readonly { readonly placement: Placement; readonly support: readonly SupportRow[]; readonly objective: number; readonly delta: number }[];
  /** The wanted unit × department pairs with no valid option, and the rules that rule them out. */
  readonly excluded: readonly { readonly unit: string; readonly dept: string; readonly reasons: readonly Reason[] }[];
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const same = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * Support rows that keep the trainee's home department staffed over `[k0, k1)`, from pools
 * with room; undefined if none suffice. `ledger` holds everyone else's placements and the
 * plan's support rows (the same for every candidate), `from` the units that may send.
 */
function supportFor(ctx: Context, ledger: Ledger, from: readonly Unit[], t: { unit: string; dept: string }, k0: number, k1: number): SupportRow[] | undefined {
  const d = ctx.units.get(t.unit)?.departments?.find((x) => x.dept === t.dept);
  if (!d) return [];
  const perSlot = from.map(() => new Array<number>(ctx.slots.count).fill(0));
  for (let k = k0; k < k1; k++) {
    let short = d.minOnDuty - (d.staff - ledger.at({ kind: "away", unit: t.unit, dept: t.dept }, k) - 1 + ledger.at({ kind: "cover", unit: t.unit, dept: t.dept }, k));
    for (let i = 0; i < from.length && short > 0; i++) {
      const room = (poolOf(ctx, from[i].id, t.dept) ?? 0) - ledger.at({ kind: "pool", unit: from[i].id, dept: t.dept }, k);
      const n = Math.min(short, Math.max(0, room));
      perSlot[i][k] = n;
      short -= n;
    }
    if (short > 0) return undefined;
  }
  const b = ctx.slots.boundaries;
  const rows: SupportRow[] = [];
  from.forEach((f, i) => {
    for (let k = 0; k < ctx.slots.count; ) {
      if (!perSlot[i][k]) {
        k++;
        continue;
      }
      let e = k;
      while (e < ctx.slots.count && perSlot[i][e] === perSlot[i][k]) e++;
      rows.push({ from: f.id, to: t.unit, dept: t.dept, start: b[k], end: b[e], count: perSlot[i][k] });
      k = e;
    }
  });
  return rows;
}

/**
 * Ranked placements for one 进修 trainee, each valid when applied to the plan
 * with its support rows (SPEC §11.3), and the wanted pairs that have none.
 *
 * @example
 * const r = recommend(instance, plan, "t-009", { limit: 5 });
 * for (const o of r.options) console.log(o.placement.unit, o.placement.dept, o.placement.start, o.delta);
 * for (const x of r.excluded) console.log(x.unit, x.dept, x.reasons[0].message);
 */
export function recommend(instance: Instance, plan: Plan, trainee: string, options: RecommendOptions = {}): Recommendation {
  expectObject("recommend", "instance", instance, "an instance object (parse it with parseInstance)");
  expectObject("recommend", "plan", plan, "a plan object (parse it with parsePlan)");
  const limit = options.limit ?? 10;
  if (!Number.isInteger(limit) || limit < 0) throw new UsageError(`recommend: options.limit must be a whole number ≥ 0, got ${String(limit)}`);
  const ctx = contextOf(instance);
  const t = ctx.trainees.get(trainee);
  if (!t) throw new UsageError(`recommend: trainee "${trainee}" is not in the instance`);
  const prog = ctx.programmeOf(t);
  if (prog.rotations) throw new UsageError(`recommend: trainee "${trainee}" is in programme "${prog.id}", whose placements rotate (SPEC §9); recommendations for rotating placements are not supported yet`);
  const w = wordsOf(ctx, options.lang ?? "zh");
  const others = plan.placements.filter((p) => p.trainee !== trainee);
  const base: Plan = { ...plan, placements: others, unplaced: (plan.unplaced ?? []).filter((u) => u.trainee !== trainee) };
  const depts = ctx.studyDepts(t);
  const spans = spansOf(ctx, t, prog, true);
  const b = ctx.slots.boundaries;

  /** Per pair: the rule codes (and a message each) that ruled out its candidates. */
  const why = new Map<string, Map<string, string>>();
  const note = (unit: string, dept: string, code: string, message: string) => {
    const k = JSON.stringify([unit, dept]);
    let m = why.get(k);
    if (!m) why.set(k, (m = new Map()));
    if (!m.has(code)) m.set(code, message);
  };
  const found = new Map<string, { placement: Placement; support: SupportRow[]; objective: number }>();
  const othersLedger = ledgerOf(ctx, { placements: others, support: plan.support });
  const senders = supportersOf(ctx, t.unit, t.dept);
  const eligible = ctx.eligibility(t, w.lang);
  for (const u of ctx.instance.units) {
    for (const dept of depts) {
      if (!(u.receive ?? []).some((r) => r.dept === dept)) continue;
      const refused = ctx.receiverReasons(t, u, w.lang);
      if (eligible.length || refused.length) {
        for (const r of [...eligible, ...refused]) note(u.id, dept, r.code, r.message);
        continue;
      }
      if (!spans.length) note(u.id, dept, "R-WINDOW", w.say("可进修时间内排不下项目要求的时长", "no span of the programme's duration fits the window"));
      const mentors = prog.mentor
        ? (u.mentors ?? []).filter((m) => m.dept === dept && ctx.titleRank(m.title) >= ctx.titleRank(prog.mentor!.minTitle)).map((m) => m.id)
        : [undefined];
      if (!mentors.length) note(u.id, dept, "R-MENTOR", w.say(`${w.unit(u.id)}${w.dept(dept)}没有符合职称要求的带教老师`, `no qualified mentor in "${u.id}" ${dept}`));
      for (const [k0, k1] of spans) {
        const support = supportFor(ctx, othersLedger, senders, t, k0, k1);
        if (!support) {
          note(u.id, dept, "R-STAFFING", w.say(`${w.unit(t.unit)}${w.dept(t.dept)}在 ${w.slot(k0)} 起的进修期间缺人，且无下沉支援可补`, `"${t.unit}" ${t.dept} would be short with no support left`));
          continue;
        }
        for (const mentor of mentors) {
          const placement: Placement = { trainee, unit: u.id, dept, start: b[k0], end: b[k1], ...(mentor ? { mentor } : {}) };
          const applied: Plan = { ...base, placements: [...others, placement], support: [...(plan.support ?? []), ...support] };
          const v = verifyPlan(instance, applied, { rules: RULE_CODES, lang: w.lang });
          if (!v.valid) {
            for (const x of v.violations) note(u.id, dept, x.code, x.message);
            continue;
          }
          const key = JSON.stringify([u.id, dept, placement.start]);
          const have = found.get(key);
          if (!have || v.objective > have.objective + 1e-6 * Math.max(1, Math.abs(v.objective)) || (same(v.objective, have.objective) && placement.end < have.placement.end))
            found.set(key, { placement, support, objective: v.objective });
        }
      }
    }
  }
  const ranked = [...found.values()].sort(
    (x, y) => (same(x.objective, y.objective) ? 0 : y.objective - x.objective) || byString(x.placement.unit, y.placement.unit) || byString(x.placement.dept, y.placement.dept) || byString(x.placement.start, y.placement.start),
  );
  const withOption = new Set(ranked.map((o) => JSON.stringify([o.placement.unit, o.placement.dept])));

  // Wanted pairs (§11 reading 9): wants.units × D, else every hosted pair of an allowed tier and kind other than home.
  const rec = prog.receiving ?? {};
  const wanted: { unit: string; dept: string }[] =
    t.wants?.units && t.wants.units.length > 0
      ? t.wants.units.flatMap((unit) => depts.map((dept) => ({ unit, dept })))
      : ctx.instance.units
          .filter((u) => u.id !== t.unit && (!rec.tiers || rec.tiers.includes(u.tier)) && (!rec.kinds || rec.kinds.includes(u.kind)))
          .flatMap((u) => depts.filter((d) => (u.receive ?? []).some((r) => r.dept === d)).map((dept) => ({ unit: u.id, dept })));
  const excluded = wanted
    .filter((p) => !withOption.has(JSON.stringify([p.unit, p.dept])))
    .map((p) => {
      const hosted = (ctx.units.get(p.unit)?.receive ?? []).some((r) => r.dept === p.dept);
      const reasons: Reason[] = hosted
        ? [...(why.get(JSON.stringify([p.unit, p.dept])) ?? new Map([["CAPACITY-COMPETITION", w.say("没有可行的时段", "no valid span")]]))].map(([code, message]) => ({ code, message }))
        : [{ code: "R-DEPT", message: w.say(`${w.unit(p.unit)}不接收${w.dept(p.dept)}进修`, `unit "${p.unit}" receives no department "${p.dept}"`) }];
      return { unit: p.unit, dept: p.dept, reasons };
    });
  return {
    trainee,
    // delta: against the plan's reported objective (§11 reading 13).
    options: ranked.slice(0, limit).map((o) => ({ placement: o.placement, support: o.support, objective: o.objective, delta: o.objective - plan.objective })),
    excluded,
  };
}
