import { describe, expect, it } from "vitest";
import { MAX_SLOTS, addDuration, slotCount, slotsOf } from "../../src/calendar/index.js";
import { checkInstance } from "../../src/model/parse.js";

describe("calendar", () => {
  it("month slots run from the start to the exclusive end", () => {
    const s = slotsOf({ start: "2024-07-01", end: "2024-11-01", granularity: "month" });
    expect(s.count).toBe(4);
    expect(s.boundaries).toEqual(["2024-07-01", "2024-08-01", "2024-09-01", "2024-10-01", "2024-11-01"]);
    expect(s.firstFrom("2024-07-02")).toBe(1);
    expect(s.boundaryIndex("2024-11-01")).toBe(4);
    expect(slotCount({ start: "2024-07-01", end: "2024-11-01", granularity: "month" })).toBe(4);
  });

  it("week slots count Mondays", () => {
    expect(slotCount({ start: "2025-03-03", end: "2025-09-01", granularity: "week" })).toBe(26);
    expect(slotsOf({ start: "2025-03-03", end: "2025-09-01", granularity: "week" }).count).toBe(26);
  });

  it("adds durations with date-fns (month ends clamp)", () => {
    expect(addDuration("2024-01-31", { months: 1 })).toBe("2024-02-29");
    expect(addDuration("2024-07-01", { months: 3 })).toBe("2024-10-01");
    expect(addDuration("2025-03-03", { weeks: 2, days: 1 })).toBe("2025-03-18");
  });

  it("refuses a calendar with more slots than supported, naming calendar.end", () => {
    const issues = checkInstance({ version: 1, calendar: { start: "2024-01-01", end: "2224-01-05", granularity: "week" }, units: [], programmes: [], trainees: [] });
    expect(issues).toContainEqual({ path: "calendar.end", message: expect.stringContaining(`at most ${MAX_SLOTS}`) });
  });
});
