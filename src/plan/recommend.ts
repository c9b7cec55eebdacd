/**
 * SPEC §11.3: where could this doctor still go, everyone else staying where
 * they are? Every option is exactly valid when applied to the plan (the
 * trainee's entry replaced by the placement, its support rows added), with
 * the objective the plan then has.
 *
 * A valid plan is judged once; an option is then judged by what it changes
 * (`judgeOption`): the rules that read one placement and the resources it
 * uses run on the option and a ledger of just those resources (everyone
 * else's totals plus the option's, `touchedLedger`); the home department's
 * staffing and the trainee's teams by their verdicts over those resources;
 * the whole-plan counts (quotas, coverage, budget, once, pinned), which read
 * a placement's unit and department only as far as the rules' `readsAt` say,
 * and the residents' rules (SPEC §10), once per class of equal `readsAt`, on
 * the plan with one option of the class applied. The objective is that plan's, corrected by the option's own value,
 * support and change. A plan that is not valid, or a pinned trainee, is judged
 * option by option with the full verifier.
 */
import { expectObject } from "../model/args.js";
import { UsageError } from "../model/errors.js";
import type { Instance, Placement, Plan, Reason, SupportRow, Unit, Violation } from "../model/types.js";
import type { Context } from "../rules/context.js";
import { contextOf } from "../rules/context.js";
import { RULES, RULE_CODES, type RuleCode } from "../rules/index.js";
import { key } from "../rules/keys.js";
import { type Ledger, type Resource, assignmentBlocks, ledgerOf, placementAssignment, supportBlocks, touchedLedger } from "../rules/ledger.js";
import { changeCost, changedFields, objectiveOf, placementValue, supportSlotCost, supportSlots } from "../rules/objective.js";
import type { Judgement } from "../rules/rule.js";
import { onDutyAt } from "../rules/staffing.js";
import { poolOf, supportersOf } from "../rules/support.js";
import { teamAt } from "../rules/team.js";
import { type Lang, type Words, wordsOf } from "../rules/words.js";
import { spansOf } from "../solve/candidates.js";
import { verifyPlan } from "../verify.js";
import { splitsOf } from "./splits.js";

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

/** Rules that read only the plan's placements one by one and the resources of its ledger: judged on the option alone. */
const LOCAL: readonly RuleCode[] = ["R-ELIGIBLE", "R-RECEIVER", "R-DEPT", "R-DURATION", "R-WINDOW", "R-CAPACITY", "R-MENTOR", "R-SUPPORT", "R-ROTATION"];
/** Rules over the home side (every staffed department, every team): judged by their verdicts on the trainee's own. */
const HOME: readonly RuleCode[] = ["R-STAFFING", "R-TEAM"];
/**
 * Whole-plan counts that read a placement's unit and department through `readsAt` only, and the residents'
 * rules (SPEC §10: they read residents' entries and service, never a 进修 placement): judged once per class.
 */
const BY_CLASS: readonly RuleCode[] = ["R-ONCE", "R-QUOTA", "R-COVERAGE", "R-BUDGET", "R-PINNED", "R-CURRICULUM", "R-SITE", "R-SERVICE", "R-MANAGERS"];

/** Everyone else's placements break a rule the incremental judge takes as holding: judge by the full verifier. */
class NotIncremental extends Error {}

/** How one option fares when applied: the violations (none: valid) and the plan's objective then. */
interface Judged {
  readonly violations: readonly Violation[];
  readonly objective: number;
}

/**
 * The judge of a trainee's options on a plan: exact, and incremental when the plan is valid (see the file's
 * comment); every other rule (one this file does not know) is judged on the applied plan.
 */
function optionJudge(instance: Instance, ctx: Context, plan: Plan, base: Plan, others: Ledger, trainee: string, w: Words, incremental: boolean): (p: Placement, support: readonly SupportRow[]) => Judged {
  const t = ctx.trainees.get(trainee)!;
  const applied = (p: Placement, support: readonly SupportRow[]): Plan => ({ ...base, placements: [...base.placements, p], support: [...(plan.support ?? []), ...support] });
  if (!incremental)
    return (p, support) => {
      const v = verifyPlan(instance, applied(p, support), { rules: RULE_CODES, lang: w.lang });
      return { violations: v.violations, objective: v.objective };
    };
  const local = RULES.filter((r) => LOCAL.includes(r.code));
  const home = RULES.filter((r) => HOME.includes(r.code));
  const byClass = RULES.filter((r) => BY_CLASS.includes(r.code));
  const whole = RULES.filter((r) => !LOCAL.includes(r.code) && !HOME.includes(r.code) && !BY_CLASS.includes(r.code));
  const kept = ctx.instance.baseline?.placements?.find((b) => b.trainee === trainee);
  /** 1 when the placement leaves the trainee changed against the baseline (SPEC §11.1). */
  const changed = (p: Placement) => (kept && changedFields(kept, p).length > 0 ? 1 : 0);
  const classes = new Map<string, { violations: Violation[]; objective: number; rep: Placement }>();
  const classOf = (p: Placement) => {
    const id = key(...RULES.map((r) => r.readsAt?.(ctx, t, { unit: p.unit, dept: p.dept }) ?? ""));
    let c = classes.get(id);
    if (!c) {
      // These rules and every shortfall read counts of placements, not the ledger; the one given is everyone
      // else's (residents' service reads residents only).
      const plan = applied(p, []);
      const j: Judgement = { ctx, plan, ledger: others, w };
      const shortfalls = RULES.flatMap((r) => r.shortfalls?.(j) ?? []);
          classes.set(id, (c = { violations: byClass.flatMap((r) => r.check(j)), objective: objectiveOf(ctx, plan, shortfalls), rep: p }));
    }
    return c;
  };
  let baseValid: boolean | undefined;
  const staffed = ctx.units.get(t.unit)?.departments?.find((d) => d.dept === t.dept);
  const teams = ctx.teamsOf.get(t.id) ?? [];
  const cover: Resource = { kind: "cover", unit: t.unit, dept: t.dept };
  /** The instance as the home rules see it for this trainee: its home unit and its teams only. */
  const homeCtx: Context = { ...ctx, instance: { ...ctx.instance, units: ctx.instance.units.filter((u) => u.id === t.unit), teams } };
  return (p, support) => {
    const c = classOf(p);
    const added = [{ blocks: assignmentBlocks(ctx, t, placementAssignment(ctx, p)), who: t.id }, ...support.map((s) => ({ blocks: supportBlocks(ctx, s), who: s.from }))];
    const ledger = touchedLedger(others, ctx.slots.count, added, [cover]);
    const j: Judgement = { ctx, plan: { ...base, placements: [p], residencies: [], support, unplaced: [] }, ledger, w };
    const violations = [...c.violations, ...local.flatMap((r) => r.check(j))];
    let homeOk = true;
    for (let k = 0; k < ctx.slots.count && homeOk; k++) {
      if (staffed && !onDutyAt(ledger, t.unit, staffed, k).ok) homeOk = false;
      for (const team of teams) if (!teamAt(ledger, team, k).ok) homeOk = false;
    }
    // The rules' own words, for the trainee's department and teams only (the ledger lists no other's uses).
    if (!homeOk) violations.push(...home.flatMap((r) => r.check({ ...j, ctx: homeCtx })).filter((v) => (v.ids[0] === t.unit && v.ids[1] === t.dept) || teams.some((x) => x.id === v.ids[0])));
    if (whole.length) {
      const plan = applied(p, support);
      const jw: Judgement = { ctx, plan, ledger: ledgerOf(ctx, plan), w };
      violations.push(...whole.flatMap((r) => r.check(jw)));
    }
    const objective = c.objective - placementValue(ctx, t, c.rep) + placementValue(ctx, t, p) - supportSlotCost(ctx) * supportSlots(ctx, { support }) - changeCost(ctx) * (changed(p) - changed(c.rep));
    // Every violation found is one of the applied plan; no violation means a valid plan once everyone else's
    // placements and support pass the rules judged here on this option alone (asked once, at the first).
    if (violations.length === 0) {
      baseValid ??= [...local, ...home].every((r) => r.check({ ctx, plan: base, ledger: others, w }).length === 0);
      if (!baseValid) throw new NotIncremental();
    }
    return { violations, objective };
  };
}

/**
 * Ranked placements for one 进修 trainee, each valid when applied to the plan
 * with its support rows (SPEC §11.3), and the wanted pairs that have none.
 * Options of a rotating programme (SPEC §9) carry their rotations, a mentor
 * named per rotation where the programme asks for one.
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
  // A pinned trainee (R-PINNED reads its own entry) is judged by the full verifier, as is every option when
  // everyone else's placements turn out not to be valid.
  const pinned = (instance.pinned ?? []).some((p) => p.trainee === trainee);
  try {
    return recommendBy(instance, plan, trainee, limit, options.lang, !pinned);
  } catch (e) {
    if (e instanceof NotIncremental) return recommendBy(instance, plan, trainee, limit, options.lang, false);
    throw e;
  }
}

/**
 * `recommend` with every option judged by `verifyPlan` on the applied plan (the reference the incremental
 * judge is tested against; far slower on a province).
 */
export function recommendByVerifier(instance: Instance, plan: Plan, trainee: string, options: RecommendOptions = {}): Recommendation {
  return recommendBy(instance, plan, trainee, options.limit ?? 10, options.lang, false);
}

function recommendBy(instance: Instance, plan: Plan, trainee: string, limit: number, lang: Lang | undefined, incremental: boolean): Recommendation {
  const ctx = contextOf(instance);
  const t = ctx.trainees.get(trainee);
  if (!t) throw new UsageError(`recommend: trainee "${trainee}" is not in the instance`);
  const prog = ctx.programmeOf(t);
  if (prog.residency) throw new UsageError(`recommend: trainee "${trainee}" is a resident of programme "${prog.id}" (SPEC §10); recommendations are for 进修 trainees only (SPEC §11.3)`);
  const w = wordsOf(ctx, lang ?? "zh");
  const others = plan.placements.filter((p) => p.trainee !== trainee);
  const base: Plan = { ...plan, placements: others, unplaced: (plan.unplaced ?? []).filter((u) => u.trainee !== trainee) };
  const othersLedger = ledgerOf(ctx, base);
  const judgeOption = optionJudge(instance, ctx, plan, base, othersLedger, trainee, w, incremental);
  const depts = ctx.studyDepts(t);
  const spans = spansOf(ctx, t, prog, true);
  const b = ctx.slots.boundaries;
  const rank = prog.mentor ? ctx.titleRank(prog.mentor.minTitle) : -1;

  /** Per pair: the rule codes (and a message each) that ruled out its candidates. */
  const why = new Map<string, Map<string, string>>();
  const note = (unit: string, dept: string, code: string, message: string) => {
    const k = JSON.stringify([unit, dept]);
    let m = why.get(k);
    if (!m) why.set(k, (m = new Map()));
    if (!m.has(code)) m.set(code, message);
  };
  const found = new Map<string, { placement: Placement; support: SupportRow[]; objective: number }>();
  const senders = supportersOf(ctx, t.unit, t.dept);
  const eligible = ctx.eligibility(t, w.lang);
  const kept = ctx.instance.baseline?.placements?.find((x) => x.trainee === trainee);
  const qualified = (u: Unit, dept: string) => (u.mentors ?? []).filter((m) => m.dept === dept && ctx.titleRank(m.title) >= rank);
  /** A free mentor of the department for `[a, e)` (everyone else's load), the first in the unit's list. */
  const freeMentor = (u: Unit, dept: string, a: number, e: number) =>
    qualified(u, dept).find((m) => {
      for (let k = a; k < e; k++) if (othersLedger.at({ kind: "mentor", mentor: m.id }, k) >= (m.capacity ?? 1)) return false;
      return true;
    });
  /** Why a department has no room for the trainee over `[a, e)` given everyone else: no seat, or no free mentor. */
  const noRoom = (u: Unit, dept: string, a: number, e: number): RuleCode | undefined => {
    for (let k = a; k < e; k++) if (othersLedger.at({ kind: "seat", unit: u.id, dept }, k) >= ctx.capacity(u.id, dept, k)) return "R-CAPACITY";
    return prog.mentor && freeMentor(u, dept, a, e) === undefined ? "R-MENTOR" : undefined;
  };
  /** The placements to try for one unit, department and span, best first: all equal in objective but for a kept baseline entry. */
  function* tries(u: Unit, dept: string, k0: number, k1: number): Generator<Placement> {
    const at = { trainee, unit: u.id, dept, start: b[k0], end: b[k1] };
    if (!prog.rotations) {
      for (const m of prog.mentor ? qualified(u, dept) : [undefined]) yield m ? { ...at, mentor: m.id } : at;
      return;
    }
    const withMentors = (splits: readonly { dept: string; k0: number; k1: number }[]): Placement | undefined => {
      const rotations = [];
      for (const s of splits) {
        const m = prog.mentor ? freeMentor(u, s.dept, s.k0, s.k1) : undefined;
        if (prog.mentor && !m) return undefined;
        rotations.push({ dept: s.dept, start: b[s.k0], end: b[s.k1], ...(m ? { mentor: m.id } : {}) });
      }
      return { ...at, rotations };
    };
    // The baseline's own rotations first, where it is this unit, department and span (keeping it avoids a change).
    const own = kept && kept.unit === u.id && kept.dept === dept && kept.start === at.start && kept.end === at.end ? kept.rotations : undefined;
    if (own?.length) {
      const split = own.map((r) => ({ dept: r.dept, k0: ctx.slots.boundaryIndex(r.start) ?? -1, k1: ctx.slots.boundaryIndex(r.end) ?? -1 }));
      const p = split.every((s) => s.k0 >= 0 && s.k1 > s.k0) ? withMentors(split) : undefined;
      if (p) yield p;
    }
    let any = false;
    for (const split of splitsOf(ctx, t!, prog, u, dept, k0, k1, (d, a, e) => noRoom(u, d, a, e) === undefined)) {
      const p = withMentors(split);
      if (p) {
        any = true;
        yield p;
      }
    }
    if (!any) note(u.id, dept, "R-ROTATION", w.say(`${w.unit(u.id)}在 ${w.slot(k0)} 起的进修期间排不出有空位和带教老师的轮转`, `no split into rotations with room and mentors at "${u.id}" from ${w.slot(k0)}`));
  }
  for (const u of ctx.instance.units) {
    for (const dept of depts) {
      if (!(u.receive ?? []).some((r) => r.dept === dept)) continue;
      const refused = ctx.receiverReasons(t, u, w.lang);
      if (eligible.length || refused.length) {
        for (const r of [...eligible, ...refused]) note(u.id, dept, r.code, r.message);
        continue;
      }
      if (!spans.length) note(u.id, dept, "R-WINDOW", w.say("可进修时间内排不下项目要求的时长", "no span of the programme's duration fits the window"));
      if (prog.mentor && !qualified(u, dept).length) note(u.id, dept, "R-MENTOR", w.say(`${w.unit(u.id)}${w.dept(dept)}没有符合职称要求的带教老师`, `no qualified mentor in "${u.id}" ${dept}`));
      // Per start, the earliest valid end is the best: a longer span costs at least the same support, and
      // nothing else in the objective reads the end, but for a kept baseline entry (tried as well). With a
      // negative support cost, every end is tried.
      const bestEnd = new Map<number, number>();
      const keptEnd = kept && kept.unit === u.id && kept.dept === dept ? kept.end : undefined;
      for (const [k0, k1] of spans) {
        if (bestEnd.has(k0) && ctx.weights.supportCost >= 0 && b[k1] !== keptEnd) continue;
        const support = supportFor(ctx, othersLedger, senders, t, k0, k1);
        if (!support) {
          note(u.id, dept, "R-STAFFING", w.say(`${w.unit(t.unit)}${w.dept(t.dept)}在 ${w.slot(k0)} 起的进修期间缺人，且无下沉支援可补`, `"${t.unit}" ${t.dept} would be short with no support left`));
          continue;
        }
        // The first valid placement of the span is its best (they differ in mentors or rotations only, and a
        // kept baseline entry comes first).
        // No room for the whole span (everyone else's seats, or mentors): invalid by R-CAPACITY or R-MENTOR; the
        // rules' own words are taken from the first such span of the pair.
        const full = prog.rotations ? undefined : noRoom(u, dept, k0, k1);
        if (full && why.get(JSON.stringify([u.id, dept]))?.has(full)) continue;
        for (const placement of tries(u, dept, k0, k1)) {
          const v = judgeOption(placement, support);
          if (v.violations.length) {
            for (const x of v.violations) note(u.id, dept, x.code, x.message);
            continue;
          }
          const key = JSON.stringify([u.id, dept, placement.start]);
          const have = found.get(key);
          if (!have || v.objective > have.objective + 1e-6 * Math.max(1, Math.abs(v.objective)) || (same(v.objective, have.objective) && placement.end < have.placement.end))
            found.set(key, { placement, support, objective: v.objective });
          if (!bestEnd.has(k0)) bestEnd.set(k0, k1);
          break;
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
