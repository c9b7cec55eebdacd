/**
 * Per-year views of a plan (分年度): for a calendar that runs over several calendar years
 * (浙江 万医进修 2024—2026, a 36-month horizon), what each year holds, programme by programme,
 * and how far each soft three-year minimum has come by the end of every year.
 *
 * Definitions (literal, so a planner can recount them by hand):
 * - **Year of a slot**: the calendar year of the slot's first day (date-fns `getYear`), as
 *   SPEC §5 reads "a slot lies in `[from, to)` when its first day does". The **years of a
 *   calendar** are the years of its slots' first days, ascending. A month calendar
 *   2024-01-01 → 2027-01-01 has the years 2024, 2025, 2026; a week calendar whose last
 *   Monday is 2024-12-30 has no slot in 2025 even though its last week ends there.
 * - A view has one row per year of the calendar, each with one entry per programme in
 *   instance order.
 * - **started**: placements of the programme whose `start` falls in that year (year of the
 *   `start` date). A placement starting outside the calendar (never in a valid plan) counts
 *   in no year. Pinned placements count like any other: they are in `plan.placements`.
 * - **trainees**: distinct trainees of the programme on placement in at least one slot of
 *   that year (so a placement 2024-11-01 → 2025-02-01 counts in 2024 and in 2025).
 * - **traineeSlots**: Σ over the programme's placements of their slots in that year: each
 *   slot of `[start, end)` counts 1 in the year of its first day. On a month calendar these
 *   are trainee-months (2024-11-01 → 2025-02-01: 2 in 2024, 1 in 2025); on a week calendar,
 *   trainee-weeks. The whole placement counts, rotations or not.
 * - **flags**: per region flag present in the instance (every flag of `regions[].flags`, in
 *   order of first appearance), the placements *started* that year whose home unit's region
 *   or an ancestor region carries the flag — the `homeRegionFlag` reading of SPEC §4.
 * - **quotas**: per soft `min` quota row of the programme (`hard: false` with a `min`), in row
 *   order: `count`, the placements started that year that match the row's `where`, and
 *   `cumulative`, the same count over every year up to and including this one, next to
 *   `min`, the row's target. The last year's `cumulative` is the row's count over the plan
 *   (as R-QUOTA counts it) when every placement starts inside the calendar.
 * - **supportSlots** (per year, not per programme: a support row covers a unit's department,
 *   not a programme): Σ `count` × slots of every support row, each slot counted in the year
 *   of its first day — specialist-months on a month calendar, specialist-weeks on a week one.
 *
 * Placements whose trainee is not in the instance are left out (R-ONCE reports them).
 */
import { getYear } from "date-fns";
import { toDate } from "../calendar/index.js";
import type { Granularity, Instance, IsoDate, Plan } from "../model/types.js";
import { contextOf } from "../rules/context.js";
import { resolved } from "../rules/types.js";

/** Progress of one soft `min` quota row up to the end of a year. */
export interface QuotaProgress {
  /** Index of the row in the programme's `quotas`. */
  readonly index: number;
  /** The row's `min`: the target over the whole calendar, e.g. `900`. */
  readonly min: number;
  /** Matching placements started in this year. */
  readonly count: number;
  /** Matching placements started in this year or an earlier year of the calendar. */
  readonly cumulative: number;
}

/** One programme in one year. */
export interface ProgrammeYear {
  readonly programme: string;
  /** Placements whose `start` falls in the year, e.g. `12`. */
  readonly started: number;
  /** Distinct trainees on placement in at least one slot of the year. */
  readonly trainees: number;
  /** Trainee-slots in the year: trainee-months (month calendar) or trainee-weeks (week calendar). */
  readonly traineeSlots: number;
  /** Region flag → placements started in the year from a home region carrying it, e.g. `{ "mountain-island": 3 }`. */
  readonly flags: Readonly<Record<string, number>>;
  /** One entry per soft `min` quota row of the programme, in row order. */
  readonly quotas: readonly QuotaProgress[];
  /** A residency programme (SPEC §10): its residents have no placements; the per-year table leaves it out. */
  readonly residency?: true;
}

/** One calendar year of the plan's calendar. */
export interface YearView {
  readonly year: number;
  /** First day of the year's first slot, e.g. `"2024-01-01"`. */
  readonly from: IsoDate;
  /** Exclusive end: first day of the next year's first slot, or the calendar's end. */
  readonly to: IsoDate;
  /** Slots of the calendar in the year. */
  readonly slots: number;
  /** Σ count × slots of the support rows in the year (specialist-months or -weeks). */
  readonly supportSlots: number;
  /** One entry per programme, in instance order. */
  readonly programmes: readonly ProgrammeYear[];
}

/** The per-year views of a plan. */
export interface YearlyViews {
  /** The calendar's slot: `traineeSlots` and `supportSlots` count months or weeks. */
  readonly granularity: Granularity;
  /** Region flags present in the instance, in order of first appearance, e.g. `["mountain-island"]`. */
  readonly flags: readonly string[];
  /** Years ascending; one entry per year in which some slot of the calendar begins. */
  readonly years: readonly YearView[];
}

/**
 * The years of an instance's calendar (years of its slots' first days), ascending.
 *
 * @example
 * calendarYears({ ...inst, calendar: { start: "2024-01-01", end: "2027-01-01", granularity: "month" } }) // [2024, 2025, 2026]
 */
export function calendarYears(instance: Instance): number[] {
  const { slots } = contextOf(instance);
  const years: number[] = [];
  for (let k = 0; k < slots.count; k++) {
    const y = yearOf(slots.boundaries[k]);
    if (years.at(-1) !== y) years.push(y);
  }
  return years;
}

/**
 * Whether the reports show per-year views: the calendar's slots fall in two or more years,
 * and some programme is a 进修 one (residents, SPEC §10, have their own sheets).
 */
export function spansSeveralYears(instance: Instance): boolean {
  return instance.programmes.some((p) => p.residency === undefined) && calendarYears(instance).length >= 2;
}

/**
 * The plan year by year (see the module comment for the exact definitions). Pure and
 * deterministic: years ascending, programmes in instance order.
 *
 * @example
 * const views = yearlyViews(instance, plan);   // calendar 2024-01-01 → 2027-01-01
 * views.years.map((y) => y.year);              // [2024, 2025, 2026]
 * views.years[0].programmes[0].traineeSlots;   // trainee-months of the first programme in 2024
 * views.years.at(-1)!.programmes[0].quotas[0]; // { index: 3, min: 900, count: 310, cumulative: 905 }
 */
export function yearlyViews(instance: Instance, plan: Plan): YearlyViews {
  const ctx = contextOf(instance);
  const { slots } = ctx;
  const years = calendarYears(instance);
  const yearIndex = new Map(years.map((y, i) => [y, i]));
  /** Year index of each slot. */
  const slotYear = Array.from({ length: slots.count }, (_, k) => yearIndex.get(yearOf(slots.boundaries[k]))!);
  const calendarStart = instance.calendar.start, calendarEnd = instance.calendar.end;

  const flags: string[] = [];
  for (const r of instance.regions ?? []) for (const f of r.flags ?? []) if (!flags.includes(f)) flags.push(f);

  const progIndex = new Map(instance.programmes.map((p, i) => [p.id, i]));
  const softMins = instance.programmes.map((p) =>
    (p.quotas ?? []).flatMap((q, index) => (q.hard === false && q.min !== undefined ? [{ index, q, min: q.min }] : [])));

  // cells[y][p]: mutable accumulators.
  const cells = years.map(() =>
    instance.programmes.map((_, pi) => ({
      started: 0,
      trainees: new Set<string>(),
      traineeSlots: 0,
      flags: flags.map(() => 0),
      quotas: softMins[pi].map(() => 0),
    })));

  for (const { p, t, prog } of resolved(ctx, plan)) {
    const pi = progIndex.get(prog.id)!;
    const [a, b] = ctx.span(p.start, p.end);
    for (let k = a; k < Math.min(b, slots.count); k++) {
      const c = cells[slotYear[k]][pi];
      c.traineeSlots++;
      c.trainees.add(t.id);
    }
    if (p.start < calendarStart || p.start >= calendarEnd) continue;
    const yi = yearIndex.get(yearOf(p.start));
    if (yi === undefined) continue;
    const c = cells[yi][pi];
    c.started++;
    const home = ctx.net.flagsOf(t.unit);
    flags.forEach((f, i) => {
      if (home.has(f)) c.flags[i]++;
    });
    softMins[pi].forEach(({ q }, i) => {
      if (ctx.matches(q.where, t, p)) c.quotas[i]++;
    });
  }

  const support = years.map(() => 0);
  for (const s of plan.support ?? []) {
    const [a, b] = ctx.span(s.start, s.end);
    for (let k = a; k < Math.min(b, slots.count); k++) support[slotYear[k]] += s.count;
  }

  const cumulative = instance.programmes.map((_, pi) => softMins[pi].map(() => 0));
  return {
    granularity: instance.calendar.granularity,
    flags,
    years: years.map((year, yi) => {
      const first = slotYear.indexOf(yi);
      const last = slotYear.lastIndexOf(yi);
      return {
        year,
        from: slots.boundaries[first],
        to: slots.boundaries[last + 1],
        slots: last - first + 1,
        supportSlots: support[yi],
        programmes: instance.programmes.map((prog, pi) => {
          const c = cells[yi][pi];
          return {
            programme: prog.id,
            ...(prog.residency !== undefined ? { residency: true as const } : {}),
            started: c.started,
            trainees: c.trainees.size,
            traineeSlots: c.traineeSlots,
            flags: Object.fromEntries(flags.map((f, i) => [f, c.flags[i]])),
            quotas: softMins[pi].map(({ index, min }, i) => {
              cumulative[pi][i] += c.quotas[i];
              return { index, min, count: c.quotas[i], cumulative: cumulative[pi][i] };
            }),
          };
        }),
      };
    }),
  };
}

/** One row of the per-year table the reports print: a metric, one value per year. */
export interface YearlyRow {
  /** The programme id; absent for the support row, which belongs to no programme. */
  readonly programme?: string;
  readonly metric: "started" | "trainees" | "traineeSlots" | "flag" | "quota" | "support";
  /** For `flag` rows. */
  readonly flag?: string;
  /** For `quota` rows: the row index in the programme's `quotas`. */
  readonly quota?: number;
  /** One value per year, in `views.years` order (for `quota` rows: the cumulative count). */
  readonly values: readonly number[];
  /** For `quota` rows: the row's `min`. */
  readonly target?: number;
}

/**
 * The views as one table, metric rows × year columns, as the text summary, the HTML report
 * and the 分年度 sheet show it: per programme (instance order) started, trainees,
 * traineeSlots, one row per region flag, one cumulative row per soft `min` quota; then one
 * support row. `only` restricts the programme rows to one programme and drops the support row.
 */
export function yearlyRows(views: YearlyViews, only?: string): YearlyRow[] {
  const rows: YearlyRow[] = [];
  const first = views.years[0];
  if (!first) return rows;
  first.programmes.forEach((pf, pi) => {
    if ((only !== undefined && pf.programme !== only) || pf.residency) return;
    const programme = pf.programme;
    const at = <T>(get: (py: ProgrammeYear) => T) => views.years.map((y) => get(y.programmes[pi]));
    rows.push({ programme, metric: "started", values: at((x) => x.started) });
    rows.push({ programme, metric: "trainees", values: at((x) => x.trainees) });
    rows.push({ programme, metric: "traineeSlots", values: at((x) => x.traineeSlots) });
    for (const flag of views.flags) rows.push({ programme, metric: "flag", flag, values: at((x) => (Object.hasOwn(x.flags, flag) ? x.flags[flag] : 0)) });
    pf.quotas.forEach((q, qi) =>
      rows.push({ programme, metric: "quota", quota: q.index, target: q.min, values: at((x) => x.quotas[qi].cumulative) }));
  });
  if (only === undefined) rows.push({ metric: "support", values: views.years.map((y) => y.supportSlots) });
  return rows;
}

function yearOf(iso: IsoDate): number {
  return getYear(toDate(iso));
}
