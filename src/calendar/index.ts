/**
 * Calendar arithmetic on date-fns: slots, slot boundaries, durations and ages.
 * Dates travel as ISO strings `YYYY-MM-DD`; they are turned into local-time
 * `Date`s only inside this module, so no time zone ever leaks into a plan.
 */
import { add, addMonths, addWeeks, differenceInCalendarMonths, differenceInCalendarWeeks, differenceInYears, format, isMonday, parseISO } from "date-fns";
import type { Calendar, Duration, IsoDate } from "../model/types.js";

/** Parses `YYYY-MM-DD` to a local-midnight Date. */
export function toDate(iso: IsoDate): Date {
  return parseISO(iso);
}

/** Formats a Date as `YYYY-MM-DD`. */
export function toIso(date: Date): IsoDate {
  return format(date, "yyyy-MM-dd");
}

/**
 * `start + duration` (date-fns `add`: months first, then weeks and days).
 * @example addDuration("2024-07-01", { months: 3 }) // "2024-10-01"
 */
export function addDuration(start: IsoDate, duration: Duration): IsoDate {
  return toIso(add(toDate(start), { months: duration.months ?? 0, weeks: duration.weeks ?? 0, days: duration.days ?? 0 }));
}

/**
 * Whole years from `from` to `to` (date-fns `differenceInYears`).
 *
 * @example
 * yearsBetween("1974-07-02", "2024-07-01"); // 49 (whole years, date-fns differenceInYears)
 */
export function yearsBetween(from: IsoDate, to: IsoDate): number {
  return differenceInYears(toDate(to), toDate(from));
}

/** Whether a date is aligned to the granularity (a 1st of a month, a Monday). */
export function isAligned(iso: IsoDate, granularity: Calendar["granularity"]): boolean {
  return granularity === "month" ? iso.endsWith("-01") : isMonday(toDate(iso));
}

/**
 * The slots of a calendar. `boundaries[k]` is the first day of slot k and
 * `boundaries[slotCount]` is the calendar's exclusive end.
 */
export interface Slots {
  readonly granularity: Calendar["granularity"];
  readonly boundaries: readonly IsoDate[];
  readonly count: number;
  /** Index of a boundary date (0..count), or undefined when not a boundary. */
  boundaryIndex(iso: IsoDate): number | undefined;
  /** First slot whose first day is ≥ `iso` (count when none). Slots in `[from, to)` are `firstFrom(from) .. firstFrom(to)-1`. */
  firstFrom(iso: IsoDate): number;
  /** Label of slot k for people: `2024-07` for months, the Monday for weeks. */
  label(k: number): string;
}

/** The most slots a calendar may have (an instance error beyond; 10,000 weeks is ~190 years). */
export const MAX_SLOTS = 10_000;

/** Number of slots from `start` up to `end` (rounded up). */
export function slotCount(calendar: Calendar): number {
  const a = toDate(calendar.start), b = toDate(calendar.end);
  return calendar.granularity === "month" ? differenceInCalendarMonths(b, a) : differenceInCalendarWeeks(b, a, { weekStartsOn: 1 });
}

/**
 * Builds the slots of a (valid) calendar.
 *
 * @example
 * const slots = slotsOf({ start: "2024-07-01", end: "2024-11-01", granularity: "month" });
 * slots.count;     // 4
 * slots.label(0);  // "2024-07"
 */
export function slotsOf(calendar: Calendar): Slots {
  const start = toDate(calendar.start);
  const boundaries: IsoDate[] = [];
  for (let k = 0; ; k++) {
    const d = toIso(calendar.granularity === "month" ? addMonths(start, k) : addWeeks(start, k));
    boundaries.push(d);
    if (d >= calendar.end || k > MAX_SLOTS) break;
  }
  const index = new Map(boundaries.map((b, k) => [b, k]));
  const count = boundaries.length - 1;
  return {
    granularity: calendar.granularity,
    boundaries,
    count,
    boundaryIndex: (iso) => index.get(iso),
    firstFrom(iso) {
      // boundaries are sorted ISO strings: binary search.
      let lo = 0, hi = count;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (boundaries[mid] < iso) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
    label: (k) => (calendar.granularity === "month" ? boundaries[k].slice(0, 7) : boundaries[k]),
  };
}
