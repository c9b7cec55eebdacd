/**
 * Facts derived once from an instance and shared by every rule's checker and
 * by the solver's formulation: lookups, slots, eligibility, receiver rules,
 * `where` matching, priorities and placement values (SPEC §4, §5, §7).
 */
import { addDuration, type Slots, slotsOf, yearsBetween } from "../calendar/index.js";
import { titleRank } from "../model/validate.js";
import {
  DEFAULT_WEIGHTS, type Instance, type Mentor, type ObjectiveWeights, type Programme, type Reason, type Receiving,
  type Team, type Trainee, type Unit, type Where,
} from "../model/types.js";
import { buildNetwork, type Network } from "../network/index.js";
import { type Lang, wordsOf } from "./words.js";

export interface MentorInfo extends Mentor {
  readonly unit: string;
  /** `none` where the instance gives no title. */
  readonly title: Mentor["title"] & string;
}

/** A placement as the rules see it: the receiving side, possibly hypothetical. */
export interface Target {
  readonly unit: string;
  readonly dept: string;
}

export interface Context {
  readonly instance: Instance;
  readonly slots: Slots;
  readonly net: Network;
  readonly weights: Required<ObjectiveWeights>;
  readonly units: ReadonlyMap<string, Unit>;
  readonly trainees: ReadonlyMap<string, Trainee>;
  readonly programmes: ReadonlyMap<string, Programme>;
  readonly mentors: ReadonlyMap<string, MentorInfo>;
  /** Teams a trainee belongs to. */
  readonly teamsOf: ReadonlyMap<string, readonly Team[]>;
  programmeOf(t: Trainee): Programme;
  ageAt(p: Programme): string;
  /** Slot indices `[first, last+1)` covered by `[start, end)`: slots whose first day lies inside. */
  span(start: string, end: string): [number, number];
  /** Receiving capacity of a unit's department in slot k (0 where no row covers it). */
  capacity(unit: string, dept: string, k: number): number;
  /** Why a trainee fails its programme's eligibility (empty: eligible), in `lang` (default Chinese). */
  eligibility(t: Trainee, lang?: Lang): Reason[];
  /** Why a unit may not receive this trainee (empty: allowed), in `lang` (default Chinese). */
  receiverReasons(t: Trainee, unit: Unit, lang?: Lang): Reason[];
  /** Whether a unit may receive this trainee (`receiverReasons` is empty), without composing reasons. */
  mayReceive(t: Trainee, unit: Unit): boolean;
  /** The trainee's acceptable study departments, first choice first. */
  studyDepts(t: Trainee): readonly string[];
  matches(where: Where | undefined, t: Trainee, target?: Target): boolean;
  priority(t: Trainee): number;
  /** §7 value of placing `t` at `target`. */
  value(t: Trainee, target: Target): number;
  /** Whether an alliance or pairing relation runs from the receiving unit to the home unit. */
  related(receiving: string, home: string): boolean;
  /** Title rank (none 0 … senior 4; -1 unknown). */
  titleRank(title: string | undefined): number;
}

const cache = new WeakMap<Instance, Context>();

/** The context of a (valid) instance; cached per instance object. */
export function contextOf(instance: Instance): Context {
  let ctx = cache.get(instance);
  if (!ctx) {
    ctx = buildContext(instance);
    cache.set(instance, ctx);
  }
  return ctx;
}

function buildContext(instance: Instance): Context {
  const slots = slotsOf(instance.calendar);
  const net = buildNetwork(instance);
  const weights = { ...DEFAULT_WEIGHTS, ...(instance.objective ?? {}) };
  const units = new Map(instance.units.map((u) => [u.id, u]));
  const trainees = new Map(instance.trainees.map((t) => [t.id, t]));
  const programmes = new Map(instance.programmes.map((p) => [p.id, p]));
  const mentors = new Map<string, MentorInfo>();
  // SPEC §5: a mentor without a title ranks `none`.
  for (const u of instance.units) for (const m of u.mentors ?? []) if (!mentors.has(m.id)) mentors.set(m.id, { ...m, title: m.title ?? "none", unit: u.id });
  const teamsOf = new Map<string, Team[]>();
  for (const team of instance.teams ?? []) for (const m of team.members) teamsOf.set(m, [...(teamsOf.get(m) ?? []), team]);

  const capCache = new Map<string, Float64Array>();
  const capacityRow = (unit: string, dept: string): Float64Array => {
    const key = `${unit}\u0000${dept}`;
    let row = capCache.get(key);
    if (!row) {
      row = new Float64Array(slots.count);
      for (const r of units.get(unit)?.receive ?? []) {
        if (r.dept !== dept) continue;
        const a = r.from === undefined ? 0 : slots.firstFrom(r.from);
        const b = r.to === undefined ? slots.count : slots.firstFrom(r.to);
        for (let k = a; k < b; k++) row[k] += r.capacity;
      }
      capCache.set(key, row);
    }
    return row;
  };

  const programmeOf = (t: Trainee) => programmes.get(t.programme)!;
  const ageAt = (p: Programme) => p.ageAt ?? instance.calendar.start;
  /**
   * R-RECEIVER for one trainee and unit. Without `fail` it stops at the first
   * failure (the solver asks for every trainee × unit); with it, every failure
   * is reported, its message composed only then.
   */
  const relationFails = (rec: Receiving, t: Trainee, u: Unit) =>
    !!rec.relations && rec.relations.length > 0 && !(rec.openTiers ?? []).includes(u.tier) && !net.hasRelation(u.id, t.unit, rec.relations);
  const tcmFails = (rec: Receiving, t: Trainee, u: Unit) => !!rec.tcmToTcm && t.practice === "tcm" && u.kind !== "tcm";
  const receiverCheck = (t: Trainee, u: Unit, fail?: (zh: string, en: string) => void, lang: Lang = "zh"): boolean => {
    const rec = programmeOf(t).receiving ?? {};
    // Asked for every trainee × unit by the solver: no message is composed, the first failure decides.
    if (!fail) return !(u.id === t.unit || (rec.tiers && !rec.tiers.includes(u.tier)) || (rec.kinds && !rec.kinds.includes(u.kind)) || relationFails(rec, t, u) || tcmFails(rec, t, u));
    const w = wordsOf(self, lang);
    let ok = true;
    const no = (zh: string, en: string) => {
      ok = false;
      fail(zh, en);
    };
    if (u.id === t.unit) no(`${w.unit(u.id)}是本人所在单位`, `"${u.id}" is the trainee's home unit`);
    if (rec.tiers && !rec.tiers.includes(u.tier)) no(`${w.unit(u.id)}为${w.tier(u.tier)}，项目只接受${rec.tiers.map(w.tier).join("、")}`, `"${u.id}" is tier ${u.tier}, not one of ${rec.tiers.join(", ")}`);
    if (rec.kinds && !rec.kinds.includes(u.kind)) no(`${w.unit(u.id)}为${w.kind(u.kind)}，项目只接受${rec.kinds.map(w.kind).join("、")}`, `"${u.id}" is kind ${u.kind}, not one of ${rec.kinds.join(", ")}`);
    if (relationFails(rec, t, u))
      no(
        `${w.unit(u.id)}与${w.unit(t.unit)}之间没有${rec.relations!.map(w.relation).join("或")}关系`,
        `no ${rec.relations!.join("/")} relation runs from "${u.id}" to "${units.get(t.unit)?.id ?? t.unit}"`,
      );
    if (tcmFails(rec, t, u)) no(`中医类人员须到中医类医院进修，${w.unit(u.id)}为${w.kind(u.kind)}`, `a TCM practitioner must go to a TCM unit; "${u.id}" is ${u.kind}`);
    return ok;
  };
  const related = (receiving: string, home: string) => net.hasRelation(receiving, home, ["alliance", "pairing"]);

  const studyDepts = (t: Trainee) => (t.wants?.depts && t.wants.depts.length > 0 ? t.wants.depts : [t.dept]);

  const matches = (w: Where | undefined, t: Trainee, target?: Target): boolean => {
    if (!w) return true;
    const home = units.get(t.unit);
    if (w.homeUnit && !w.homeUnit.includes(t.unit)) return false;
    if (w.homeRegion && !net.regionsOf(t.unit).some((r) => w.homeRegion!.includes(r))) return false;
    if (w.homeRegionFlag) {
      const flags = net.flagsOf(t.unit);
      if (!w.homeRegionFlag.some((f) => flags.has(f))) return false;
    }
    if (w.homeTier && !(home && w.homeTier.includes(home.tier))) return false;
    if (w.homeDept && !w.homeDept.includes(t.dept)) return false;
    if (w.role && !(t.roles ?? []).some((r) => w.role!.includes(r))) return false;
    if (w.category && !(t.category && w.category.includes(t.category))) return false;
    if (w.studyDept || w.receivingUnit || w.receivingTier || w.receivingKind) {
      if (!target) return false;
      const u = units.get(target.unit);
      if (w.studyDept && !w.studyDept.includes(target.dept)) return false;
      if (w.receivingUnit && !w.receivingUnit.includes(target.unit)) return false;
      if (w.receivingTier && !(u && w.receivingTier.includes(u.tier))) return false;
      if (w.receivingKind && !(u && w.receivingKind.includes(u.kind))) return false;
    }
    return true;
  };

  const priority = (t: Trainee) => {
    let p = t.priority ?? 1;
    for (const row of programmeOf(t).priority ?? []) if (matches(row.where, t)) p += row.add;
    return p;
  };

  const eligibilityCache = new Map<Lang, WeakMap<Trainee, Reason[]>>();
  const eligibilityOf = (t: Trainee, lang: Lang): Reason[] => {
    const p = programmeOf(t);
    const el = p.eligibility;
    if (!el) return [];
    const w = wordsOf(self, lang);
    const out: Reason[] = [];
    const fail = (zh: string, en: string) => out.push({ code: "R-ELIGIBLE", message: w.say(zh, en) });
    const at = ageAt(p);
    const home = units.get(t.unit);
    if (el.tiers && !(home && el.tiers.includes(home.tier)))
      fail(`所在单位为${home ? w.tier(home.tier) : "未知级别"}，项目只接受${el.tiers.map(w.tier).join("、")}`, `home unit tier ${home?.tier ?? "unknown"} is not one of ${el.tiers.join(", ")}`);
    if (el.maxAge !== undefined) {
      if (t.birthDate === undefined) fail(`缺少出生日期（项目年龄上限 ${el.maxAge} 岁）`, `birthDate is missing (programme maxAge ${el.maxAge})`);
      else {
        const age = yearsBetween(t.birthDate, at);
        if (age > el.maxAge) fail(`${at} 时年龄 ${age} 岁，超过 ${el.maxAge} 岁`, `age ${age} > ${el.maxAge} on ${at}`);
      }
    }
    if (el.minPracticeYears !== undefined) {
      if (t.practiceYears === undefined) fail(`缺少从业年限（项目要求至少 ${el.minPracticeYears} 年）`, `practiceYears is missing (programme minimum ${el.minPracticeYears})`);
      else if (t.practiceYears < el.minPracticeYears) fail(`从业 ${t.practiceYears} 年，不足 ${el.minPracticeYears} 年`, `practice years ${t.practiceYears} < ${el.minPracticeYears}`);
    }
    if (el.licenses) {
      if (t.license === undefined) fail(`缺少执业资质（项目接受${el.licenses.map(w.license).join("、")}）`, `license is missing (programme accepts ${el.licenses.join(", ")})`);
      else if (!el.licenses.includes(t.license)) fail(`执业资质为${w.license(t.license)}，项目只接受${el.licenses.map(w.license).join("、")}`, `license ${t.license} is not one of ${el.licenses.join(", ")}`);
    }
    if (el.categories) {
      if (t.category === undefined) fail(`缺少人员类别（项目接受${el.categories.map(w.category).join("、")}）`, `category is missing (programme accepts ${el.categories.join(", ")})`);
      else if (!el.categories.includes(t.category)) fail(`人员类别为${w.category(t.category)}，项目只接受${el.categories.map(w.category).join("、")}`, `category ${t.category} is not one of ${el.categories.join(", ")}`);
    }
    if (el.minYearsSinceLast !== undefined && t.lastPlacementEnd !== undefined) {
      const years = yearsBetween(t.lastPlacementEnd, at);
      if (years < el.minYearsSinceLast)
        fail(
          `上次进修于 ${t.lastPlacementEnd} 结束，距 ${at} 仅 ${years} 年，不足 ${el.minYearsSinceLast} 年`,
          `last placement ended ${t.lastPlacementEnd}, ${years} year(s) before ${at} < ${el.minYearsSinceLast}`,
        );
    }
    return out;
  };

  const self: Context = {
    instance, slots, net, weights, units, trainees, programmes, mentors, teamsOf,
    programmeOf, ageAt, related, studyDepts, matches, priority, titleRank,
    span: (start, end) => [slots.firstFrom(start), slots.firstFrom(end)],
    capacity: (unit, dept, k) => capacityRow(unit, dept)[k] ?? 0,
    eligibility(t, lang = "zh") {
      let byT = eligibilityCache.get(lang);
      if (!byT) eligibilityCache.set(lang, (byT = new WeakMap()));
      let cached = byT.get(t);
      if (!cached) byT.set(t, (cached = eligibilityOf(t, lang)));
      return [...cached];
    },
    receiverReasons(t, u, lang = "zh") {
      const out: Reason[] = [];
      receiverCheck(t, u, (zh, en) => out.push({ code: "R-RECEIVER", message: lang === "en" ? en : zh }), lang);
      return out;
    },
    mayReceive: (t, u) => receiverCheck(t, u),
    value(t, target) {
      const w = weights;
      const depts = studyDepts(t);
      const rank = Math.max(0, depts.indexOf(target.dept));
      return (
        w.base * priority(t) +
        (t.wants?.units?.includes(target.unit) ? w.preferredUnit : 0) +
        (related(target.unit, t.unit) ? w.relation : 0) -
        w.studyRank * rank
      );
    },
  };
  return self;
}

/** The window `[from, to)` a trainee's placement must lie in: calendar ∩ programme window ∩ availability. */
export function windowOf(ctx: Context, t: Trainee): { from: string; to: string } {
  const p = ctx.programmeOf(t);
  let from = ctx.instance.calendar.start;
  let to = ctx.instance.calendar.end;
  for (const w of [p.window, t.available]) {
    if (w?.from && w.from > from) from = w.from;
    if (w?.to && w.to < to) to = w.to;
  }
  return { from, to };
}

/** Earliest and latest allowed end for a placement starting at `start`. */
export function durationBounds(p: Programme, start: string): { minEnd?: string; maxEnd?: string } {
  // Asked per trainee and start slot (4 of the 7 s of the 浙江 three-year's candidates): once per programme and start.
  const compute = () => ({
    minEnd: p.duration?.min ? addDuration(start, p.duration.min) : undefined,
    maxEnd: p.duration?.max ? addDuration(start, p.duration.max) : undefined,
  });
  if (!Object.isFrozen(p)) return compute();
  let byStart = boundsCache.get(p);
  if (!byStart) boundsCache.set(p, (byStart = new Map()));
  let bounds = byStart.get(start);
  if (!bounds) byStart.set(start, (bounds = compute()));
  return { ...bounds };
}
/** Frozen (parsed) programmes only: their duration never changes under the cache. */
const boundsCache = new WeakMap<Programme, Map<string, { minEnd?: string; maxEnd?: string }>>();

export { titleRank };
