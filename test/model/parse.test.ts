import { describe, expect, it } from "vitest";
import { InstanceError, type Issue, PlanError, formatIssues } from "../../src/model/errors.js";
import { checkInstance, parseInstance, parsePlan } from "../../src/model/parse.js";
import type { Instance } from "../../src/model/types.js";
import { type Draft, mutate, tinyInstance, tinyPlan, tinyWeekInstance, tinyWeekPlan } from "../helpers/tiny.js";

/** The issues parseInstance throws for `input` (fails the test when it does not throw). */
function issuesOf(input: unknown): readonly Issue[] {
  try {
    parseInstance(input);
  } catch (e) {
    expect(e).toBeInstanceOf(InstanceError);
    return (e as InstanceError).issues;
  }
  throw new Error("parseInstance accepted the input");
}
const broken = (edit: (i: Draft<Instance>) => void) => mutate(tinyInstance(), edit);
const mentorPlace = { trainee: "t-001", unit: "county-hosp-01", dept: "internal", start: "2024-07-01", end: "2024-09-01", mentor: "m-01" };

describe("parseInstance accepts valid instances unchanged", () => {
  it("accepts the tiny month instance and re-serialises it to identical JSON", () => {
    const json = JSON.stringify(tinyInstance());
    expect(JSON.stringify(parseInstance(json))).toBe(json);
    expect(JSON.stringify(parseInstance(JSON.parse(json)))).toBe(json);
  });

  it("accepts the tiny week instance (rotations) and re-serialises it to identical JSON", () => {
    const json = JSON.stringify(tinyWeekInstance());
    expect(JSON.stringify(parseInstance(json))).toBe(json);
  });

  it("returns a deep-frozen copy: the input stays editable, the result cannot be changed", () => {
    const input = tinyInstance();
    const out = parseInstance(input) as Draft<Instance>;
    expect(() => void (out.units[0].id = "changed")).toThrow(TypeError);
    expect(() => out.trainees.push(out.trainees[0])).toThrow(TypeError);
    expect(() => void (out.units[1].receive![0].capacity = -5)).toThrow(TypeError);
    expect(out.units[0].id).toBe("thc-01");
    (input as Draft<Instance>).units[0].id = "changed";
    expect(out.units[0].id).toBe("thc-01");
  });

  it("accepts a pinned placement with its mentor", () => {
    expect(checkInstance(broken((i) => { i.pinned = [mentorPlace]; }))).toEqual([]);
  });

  it("accepts a pinned placement without mentor in a programme without a mentor rule", () => {
    const ok = broken((i) => {
      delete i.programmes[0].mentor;
      i.pinned = [{ ...mentorPlace, mentor: undefined }];
      delete i.pinned[0].mentor;
    });
    expect(checkInstance(ok)).toEqual([]);
  });

  it("accepts receive rows of one department that touch but do not overlap", () => {
    const ok = broken((i) => {
      i.units[1].receive = [
        { dept: "internal", capacity: 2, from: "2024-07-01", to: "2024-09-01" },
        { dept: "internal", capacity: 1, from: "2024-09-01" },
      ];
    });
    expect(checkInstance(ok)).toEqual([]);
  });
});

describe("parseInstance rejects a defect with an issue at its exact path", () => {
  /** [what, the defective input, the path, a pattern the message matches] */
  const catalogue: [string, unknown, string, RegExp][] = [
    // dangling ids
    ["unit.region unknown", broken((i) => { i.units[0].region = "nowhere"; }), "units[0].region", /unknown region "nowhere"/],
    ["trainee.unit unknown", broken((i) => { i.trainees[1].unit = "nowhere"; }), "trainees[1].unit", /unknown unit/],
    ["trainee.programme unknown", broken((i) => { i.trainees[0].programme = "nope"; }), "trainees[0].programme", /unknown programme/],
    ["relation.from unknown", broken((i) => { i.relations![0].from = "nowhere"; }), "relations[0].from", /unknown unit/],
    ["team.members unknown", broken((i) => { i.teams = [{ id: "fd", unit: "thc-01", size: 3, minOnDuty: 1, members: ["t-001", "t-999"] }]; }), "teams[0].members[1]", /unknown trainee "t-999"/],
    ["pinned.trainee unknown", broken((i) => { i.pinned = [{ ...mentorPlace, trainee: "t-999" }]; }), "pinned[0].trainee", /unknown trainee/],
    ["pinned.unit unknown", broken((i) => { i.pinned = [{ ...mentorPlace, unit: "nowhere" }]; }), "pinned[0].unit", /unknown unit/],
    ["pinned.mentor unknown", broken((i) => { i.pinned = [{ ...mentorPlace, mentor: "m-99" }]; }), "pinned[0].mentor", /unknown mentor/],
    ["where.homeRegion unknown", broken((i) => { i.programmes[0].quotas = [{ where: { homeRegion: ["nowhere"] }, max: 1 }]; }), "programmes[0].quotas[0].where.homeRegion[0]", /unknown region/],
    ["where.receivingUnit unknown", broken((i) => { i.programmes[0].budget = { cap: 1, costs: [{ where: { receivingUnit: ["x"] }, amount: 1 }] }; }), "programmes[0].budget.costs[0].where.receivingUnit[0]", /unknown unit/],
    // duplicate ids
    ["duplicate unit id", broken((i) => { i.units[1].id = "thc-01"; }), "units[1].id", /duplicate id "thc-01"/],
    ["duplicate trainee id", broken((i) => { i.trainees[2].id = "t-001"; }), "trainees[2].id", /duplicate id/],
    ["mentor id reused in another unit", broken((i) => { i.units[0].mentors = [{ id: "m-02", dept: "internal", title: "senior" }]; }), "units[1].mentors[1].id", /duplicate mentor id "m-02"/],
    // numbers and calendar
    ["negative capacity", broken((i) => { (i.units[1].receive![0] as { capacity: number }).capacity = -2; }), "units[1].receive[0].capacity", /^must be ≥ 0, got -2$/],
    ["month calendar not on the 1st", broken((i) => { i.calendar.start = "2024-07-02"; }), "calendar.start", /1st of a month/],
    ["week calendar end not a Monday", broken((i) => { i.calendar = { start: "2024-07-01", end: "2024-11-01", granularity: "week" }; }), "calendar.end", /Monday/],
    ["calendar end ≤ start", broken((i) => { i.calendar.end = "2024-07-01"; }), "calendar.end", /after calendar.start/],
    ["not a real date", broken((i) => { i.trainees[0].birthDate = "1986-02-30"; }), "trainees[0].birthDate", /real date/],
    // shape
    ["unknown key", broken((i) => { (i.units[0] as Record<string, unknown>).colour = "red"; }), "units[0].colour", /unknown key/],
    ["empty duration {}", broken((i) => { i.programmes[0].duration!.min = {}; }), "programmes[0].duration.min", /at least one of months, weeks, days/],
    ["maxShare 1.5", broken((i) => { i.programmes[0].quotas = [{ maxShare: 1.5 }]; }), "programmes[0].quotas[0].maxShare", /must be ≤ 1, got 1.5/],
    ["empty list in eligibility.tiers", broken((i) => { i.programmes[0].eligibility!.tiers = []; }), "programmes[0].eligibility.tiers", /must not be empty/],
    ["empty list in a where key", broken((i) => { i.programmes[0].quotas = [{ where: { homeDept: [] }, max: 1 }]; }), "programmes[0].quotas[0].where.homeDept", /must not be empty/],
    ["priority row with a placement-side key", broken((i) => { i.programmes[0].priority = [{ where: { studyDept: ["internal"] } as never, add: 1 }]; }), "programmes[0].priority[0].where.studyDept", /unknown key/],
    ["wrong type: staff as a string", broken((i) => { (i.units[0].departments![0] as { staff: unknown }).staff = "4"; }), "units[0].departments[0].staff", /whole number, got "4"/],
    ["wrong type: unknown tier", broken((i) => { (i.units[0] as { tier: string }).tier = "hamlet"; }), "units[0].tier", /one of provincial, city/],
    ["wrong type: trainees not a list", broken((i) => { (i as { trainees: unknown }).trainees = {}; }), "trainees", /list/],
    ["wrong version", broken((i) => { (i as { version: number }).version = 2; }), "version", /must be 1, got 2/],
    ["missing required field", broken((i) => { delete (i.trainees[0] as { unit?: string }).unit; }), "trainees[0].unit", /required/],
    ["fractional practice count (int field)", broken((i) => { (i.units[0].departments![0] as { minOnDuty: number }).minOnDuty = 2.5; }), "units[0].departments[0].minOnDuty", /whole number/],
    // relations and structure
    ["self-relation", broken((i) => { i.relations!.push({ type: "alliance", from: "thc-01", to: "thc-01" }); }), "relations[1]", /itself/],
    ["region parent cycle", broken((i) => { i.regions![0].parent = "donghai"; }), "regions[0].parent", /cycle/],
    ["region its own parent", broken((i) => { i.regions![1].parent = "donghai"; }), "regions[1].parent", /own parent/],
    ["region parent unknown", broken((i) => { i.regions![1].parent = "jiangsu"; }), "regions[1].parent", /unknown region/],
    ["overlapping receive rows", broken((i) => { i.units[1].receive!.push({ dept: "internal", capacity: 1, from: "2024-09-01" }); }), "units[1].receive[2]", /overlaps receive\[0\]/],
    ["duplicate support row", broken((i) => { i.units[1].support!.push({ dept: "internal", perSlot: 2 }); }), "units[1].support[1].dept", /duplicate support row/],
    ["duplicate departments row", broken((i) => { i.units[0].departments!.push({ dept: "internal", staff: 1, minOnDuty: 0 }); }), "units[0].departments[1].dept", /duplicate department/],
    ["department minOnDuty > staff", broken((i) => { i.units[0].departments![0] = { dept: "internal", staff: 4, minOnDuty: 5 }; }), "units[0].departments[0].minOnDuty", /≤ staff \(4\), got 5/],
    ["team minOnDuty > size", broken((i) => { i.teams = [{ id: "fd", unit: "thc-01", size: 2, minOnDuty: 3, members: ["t-001"] }]; }), "teams[0].minOnDuty", /≤ size \(2\), got 3/],
    ["quota min > max", broken((i) => { i.programmes[0].quotas = [{ min: 3, max: 2 }]; }), "programmes[0].quotas[0].min", /≤ max/],
    ["duration min longer than max", broken((i) => { i.programmes[0].duration = { min: { months: 4 }, max: { months: 3 } }; }), "programmes[0].duration", /longer than max/],
    ["pinned placement without mentor in a mentor programme", broken((i) => { const { mentor: _m, ...rest } = mentorPlace; i.pinned = [rest]; }), "pinned[0].mentor", /must name its mentor/],
    ["pinned in a department the unit does not receive", broken((i) => { i.pinned = [{ ...mentorPlace, dept: "surgery" }]; }), "pinned[0].dept", /receives no department/],
  ];

  for (const [what, input, path, message] of catalogue)
    it(`${what} → ${path}`, () => {
      const issues = issuesOf(input);
      expect(issues).toContainEqual({ path, message: expect.stringMatching(message) });
    });

  it("a single defect yields exactly one issue (no knock-on noise), except where a renamed id is still referenced", () => {
    // Renaming county-hosp-01 to thc-01 also leaves relations[0].from pointing at a unit that is gone.
    const noisy = catalogue.filter(([, input]) => issuesOf(input).length !== 1).map(([what]) => what);
    expect(noisy).toEqual(["duplicate unit id"]);
  });

  it("formats negative capacity exactly as `units[1].receive[0].capacity: must be ≥ 0, got -2`", () => {
    const input = broken((i) => { (i.units[1].receive![0] as { capacity: number }).capacity = -2; });
    expect(formatIssues(issuesOf(input))).toBe("units[1].receive[0].capacity: must be ≥ 0, got -2");
    expect(() => parseInstance(input)).toThrow(/units\[1\]\.receive\[0\]\.capacity: must be ≥ 0, got -2/);
  });

  it("rejects invalid JSON text with one issue at the root", () => {
    const issues = issuesOf('{"version": 1,');
    expect(issues).toEqual([{ path: "", message: expect.stringMatching(/not valid JSON/) }]);
  });

  it("throws an InstanceError with the stable code INVALID_INPUT", () => {
    try {
      parseInstance({});
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InstanceError);
      expect((e as InstanceError).code).toBe("INVALID_INPUT");
    }
  });
});

describe("parseInstance collects every issue, not just the first", () => {
  it("reports three structural defects as three issues", () => {
    const input = broken((i) => {
      (i.units[1].receive![0] as { capacity: number }).capacity = -2;
      (i.units[0] as Record<string, unknown>).colour = "red";
      i.programmes[0].quotas = [{ maxShare: 1.5 }];
    });
    const paths = issuesOf(input).map((x) => x.path);
    expect(paths).toEqual(expect.arrayContaining(["units[1].receive[0].capacity", "units[0].colour", "programmes[0].quotas[0].maxShare"]));
    expect(paths.length).toBeGreaterThanOrEqual(3);
  });

  it("reports three cross-reference defects as three issues", () => {
    const input = broken((i) => {
      i.units[0].region = "nowhere";
      i.trainees[0].programme = "nope";
      i.relations!.push({ type: "alliance", from: "thc-01", to: "thc-01" });
    });
    const paths = issuesOf(input).map((x) => x.path);
    expect(paths).toEqual(expect.arrayContaining(["units[0].region", "trainees[0].programme", "relations[1]"]));
  });

  it("reports a structural defect together with cross-reference defects elsewhere", () => {
    const input = broken((i) => {
      (i.units[0] as Record<string, unknown>).colour = "red";
      i.trainees[0].programme = "nope";
      i.relations!.push({ type: "alliance", from: "thc-01", to: "thc-01" });
    });
    const paths = issuesOf(input).map((x) => x.path);
    expect(paths).toEqual(expect.arrayContaining(["units[0].colour", "trainees[0].programme", "relations[1]"]));
  });

  it("reports every element of a list that is wrong", () => {
    const input = broken((i) => { for (const t of i.trainees) t.programme = "nope"; });
    expect(issuesOf(input).map((x) => x.path)).toEqual(["trainees[0].programme", "trainees[1].programme", "trainees[2].programme"]);
  });
});

describe("parsePlan", () => {
  it("accepts the tiny plans and re-serialises them to identical JSON", () => {
    for (const plan of [tinyPlan(), tinyWeekPlan()]) {
      const json = JSON.stringify(plan);
      expect(JSON.stringify(parsePlan(json))).toBe(json);
    }
  });

  it("rejects a support row with count 0 at its path", () => {
    const plan = mutate(tinyPlan(), (p) => {
      p.support = [{ from: "county-hosp-01", to: "thc-01", dept: "internal", start: "2024-07-01", end: "2024-08-01", count: 0 }];
    });
    try {
      parsePlan(plan);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PlanError);
      expect((e as PlanError).issues).toContainEqual({ path: "support[0].count", message: expect.stringMatching(/≥ 1/) });
    }
  });
});

describe("solve and verifyPlan take plain objects only when they are valid instances", () => {
  it("verifyPlan names the function and the issue path for an instance with a dangling id", async () => {
    const { verifyPlan } = await import("../../src/verify.js");
    const { tinyInstance: inst, tinyPlan: plan, mutate: edit } = await import("../helpers/tiny.js");
    const bad = edit(inst(), (i) => {
      i.trainees[0].programme = "nope";
    });
    expect(() => verifyPlan(bad, plan())).toThrow(/^verifyPlan: the instance is not valid[\s\S]*trainees\[0\]\.programme: unknown programme "nope"/);
  });
});

describe("an instance changed after it was checked is never trusted", () => {
  // Once, a plain object checked by one solve was remembered as valid: mutated afterwards to a
  // dangling id, a capacity of −5 or a duplicate trainee id, the next solve reported `optimal`.
  it.each<[string, (i: Draft<Instance>) => void, RegExp]>([
    ["a dangling programme id", (i) => void (i.trainees[0].programme = "nope"), /trainees\[0\]\.programme: unknown programme "nope"/],
    ["a capacity of −5", (i) => void (i.units[1].receive![0].capacity = -5), /units\[1\]\.receive\[0\]\.capacity: must be ≥ 0/],
    ["a duplicate trainee id", (i) => void (i.trainees[1].id = "t-001"), /trainees\[1\]\.id: duplicate id "t-001"/],
  ])("a plain object solved once, then given %s, is refused by the next solve and verifyPlan", async (_what, edit, message) => {
    const { solve } = await import("../../src/solve/index.js");
    const { verifyPlan } = await import("../../src/verify.js");
    const inst = tinyInstance() as Draft<Instance>;
    const first = await solve(inst as Instance);
    expect(first.status).toBe("optimal");
    edit(inst);
    await expect(solve(inst as Instance)).rejects.toThrow(message);
    expect(() => verifyPlan(inst as Instance, first)).toThrow(message);
  });

  it("a plain object changed while its solve runs does not change what that solve sees", async () => {
    const { solve } = await import("../../src/solve/index.js");
    const { verifyPlan } = await import("../../src/verify.js");
    const inst = tinyInstance() as Draft<Instance>;
    const pending = solve(inst as Instance);
    inst.units[1].receive![0].capacity = 0;
    inst.units[1].receive![1].capacity = 0;
    const plan = await pending;
    expect(plan.placements.length).toBeGreaterThan(0);
    expect(verifyPlan(tinyInstance(), plan).valid).toBe(true);
  });
});
