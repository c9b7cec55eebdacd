import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InstanceError, type Issue } from "../../src/model/errors.js";
import { parseInstance } from "../../src/model/parse.js";
import type { Instance } from "../../src/model/types.js";
import type { Draft } from "../helpers/tiny.js";
import { arbInstance } from "./arbitraries.js";

const RUNS = { numRuns: 100 };

/** One way to break an instance: what it does, and the path the issue must point at. */
interface Corruption {
  readonly name: string;
  readonly apply: (draft: Draft<Instance>) => string;
}

const next = <T>(list: T[] | undefined) => list?.length ?? 0;
const prog0 = (i: Draft<Instance>) => i.programmes[0];

/** ≥ 8 single corruptions, each applicable to every generated instance. */
const CATALOGUE: readonly Corruption[] = [
  { name: "unknown top-level key", apply: (i) => { (i as Record<string, unknown>).colour = 1; return "colour"; } },
  { name: "trainee with an unknown unit", apply: (i) => { i.trainees[0].unit = "zz-nowhere"; return "trainees[0].unit"; } },
  { name: "trainee with an unknown programme", apply: (i) => { i.trainees[0].programme = "zz-nowhere"; return "trainees[0].programme"; } },
  { name: "duplicate unit id", apply: (i) => { i.units[1].id = i.units[0].id; return "units[1].id"; } },
  {
    name: "calendar start off the granularity (not a 1st / not a Monday)",
    apply: (i) => {
      const [y, m] = i.calendar.start.split("-");
      i.calendar.start = i.calendar.granularity === "month" ? `${y}-${m}-15` : `${y}-${m}-${String(Number(i.calendar.start.slice(8)) + 1).padStart(2, "0")}`;
      return "calendar.start";
    },
  },
  {
    name: "unit related to itself",
    apply: (i) => {
      const k = next(i.relations);
      (i.relations ??= []).push({ type: "alliance", from: i.units[0].id, to: i.units[0].id });
      return `relations[${k}]`;
    },
  },
  {
    name: "maxShare above 1",
    apply: (i) => {
      const k = next(prog0(i).quotas);
      (prog0(i).quotas ??= []).push({ maxShare: 1.5 });
      return `programmes[0].quotas[${k}].maxShare`;
    },
  },
  { name: "empty duration {}", apply: (i) => { prog0(i).duration = { min: {} }; return "programmes[0].duration.min"; } },
  {
    name: "empty eligibility.tiers",
    apply: (i) => { prog0(i).eligibility = { ...prog0(i).eligibility, tiers: [] }; return "programmes[0].eligibility.tiers"; },
  },
  {
    name: "negative receive capacity",
    apply: (i) => {
      const k = next(i.units[0].receive);
      (i.units[0].receive ??= []).push({ dept: "zz-dept", capacity: -1 });
      return `units[0].receive[${k}].capacity`;
    },
  },
  {
    name: "overlapping receive rows",
    apply: (i) => {
      const k = next(i.units[0].receive);
      (i.units[0].receive ??= []).push({ dept: "zz-dept", capacity: 1 }, { dept: "zz-dept", capacity: 1, from: i.calendar.start });
      return `units[0].receive[${k + 1}]`;
    },
  },
  {
    name: "duplicate support row",
    apply: (i) => {
      const k = next(i.units[0].support);
      (i.units[0].support ??= []).push({ dept: "zz-dept", perSlot: 1 }, { dept: "zz-dept", perSlot: 2 });
      return `units[0].support[${k + 1}].dept`;
    },
  },
  {
    name: "department minOnDuty above staff",
    apply: (i) => {
      const k = next(i.units[0].departments);
      (i.units[0].departments ??= []).push({ dept: "zz-dept", staff: 1, minOnDuty: 2 });
      return `units[0].departments[${k}].minOnDuty`;
    },
  },
  {
    name: "team minOnDuty above size",
    apply: (i) => {
      const k = next(i.teams);
      (i.teams ??= []).push({ id: "zz-team", unit: i.units[0].id, size: 1, minOnDuty: 2, members: [] });
      return `teams[${k}].minOnDuty`;
    },
  },
  {
    name: "mentor id reused in another unit",
    apply: (i) => {
      (i.units[0].mentors ??= []).push({ id: "zz-mentor", dept: "internal", title: "senior" });
      const k = next(i.units[1].mentors);
      (i.units[1].mentors ??= []).push({ id: "zz-mentor", dept: "internal", title: "senior" });
      return `units[1].mentors[${k}].id`;
    },
  },
  {
    name: "priority row with a placement-side key",
    apply: (i) => {
      const k = next(prog0(i).priority);
      (prog0(i).priority ??= []).push({ where: { studyDept: ["internal"] } as never, add: 1 });
      return `programmes[0].priority[${k}].where.studyDept`;
    },
  },
  { name: "region parent unknown", apply: (i) => { i.regions![0].parent = "zz-nowhere"; return "regions[0].parent"; } },
  { name: "impossible birth date", apply: (i) => { i.trainees[0].birthDate = "2023-02-29"; return "trainees[0].birthDate"; } },
];

function issuesOf(input: unknown): readonly Issue[] {
  try {
    parseInstance(input);
    return [];
  } catch (e) {
    if (!(e instanceof InstanceError)) throw e;
    return e.issues;
  }
}

describe("parseInstance on generated instances", () => {
  it("any generated instance parses and re-serialises to the same JSON", () => {
    fc.assert(
      fc.property(arbInstance({ pinned: true, rotations: true }), (inst) => {
        const json = JSON.stringify(inst);
        expect(JSON.stringify(parseInstance(inst))).toBe(json);
        expect(JSON.stringify(parseInstance(json))).toBe(json);
      }),
      RUNS,
    );
  });

  it("any single corruption from the catalogue is rejected with an issue whose path points at the corrupted field", () => {
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(8);
    fc.assert(
      fc.property(arbInstance({ pinned: true, rotations: true }), fc.constantFrom(...CATALOGUE), (inst, corruption) => {
        const draft = structuredClone(inst) as Draft<Instance>;
        const path = corruption.apply(draft);
        const issues = issuesOf(draft);
        expect(issues.map((x) => x.path), corruption.name).toContain(path);
      }),
      RUNS,
    );
  });
});
