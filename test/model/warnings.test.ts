/**
 * instanceWarnings: allowed but suspicious inputs — dates off slot
 * boundaries, department codes nothing receives and no vocabulary knows.
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { generate, zhejiang } from "../../bench/generate.js";
import { InstanceError } from "../../src/model/errors.js";
import { checkInstance, parseInstance } from "../../src/model/parse.js";
import type { Instance } from "../../src/model/types.js";
import { instanceWarnings } from "../../src/model/warnings.js";
import { type Draft, mutate, tinyInstance } from "../helpers/tiny.js";

const EXAMPLES = join(dirname(fileURLToPath(import.meta.url)), "../../examples");
const warned = (f: (i: Draft<Instance>) => void) => {
  const inst = mutate(tinyInstance(), f);
  expect(checkInstance(inst), "still a valid instance").toEqual([]);
  return instanceWarnings(parseInstance(inst));
};

describe("dates off slot boundaries", () => {
  it("a window `to` on the last day of a month: did you mean the 1st of the next?", () => {
    const w = warned((i) => void (i.programmes[0].window = { from: "2024-07-01", to: "2024-09-30" }));
    expect(w).toEqual([{ path: "programmes[0].window.to", message: expect.stringMatching(/^2024-09-30 is not a slot boundary \(the 1st of a month\); .*slot 2024-09 is still in .*did you mean 2024-10-01\?$/) }]);
  });

  it("availability and receive rows too, from and to", () => {
    const w = warned((i) => {
      i.trainees[1].available = { from: "2024-07-15", to: "2024-10-31" };
      i.units[1].receive![0] = { dept: "internal", capacity: 2, from: "2024-07-01", to: "2024-08-31" };
    });
    expect(w.map((x) => x.path)).toEqual(["trainees[1].available.from", "trainees[1].available.to", "units[1].receive[0].to"]);
    expect(w[0].message).toMatch(/slot 2024-07 is left out .*did you mean 2024-07-01 or 2024-08-01\?/);
    expect(w[2].message).toMatch(/did you mean 2024-09-01\?/);
  });

  it("dates on boundaries, or outside the calendar, are no warning", () => {
    expect(warned((i) => void (i.trainees[1].available = { from: "2020-03-17", to: "2024-09-01" }))).toEqual([]);
  });
});

describe("unknown department codes", () => {
  it("a wanted department nobody receives and no vocabulary knows, with the nearest code", () => {
    const w = warned((i) => void (i.trainees[0].wants = { depts: ["internal", "cardiolgy"] }));
    expect(w).toEqual([{ path: "trainees[0].wants.depts[1]", message: 'unknown department code "cardiolgy": no unit receives it and it is not a known department; did you mean "cardiology"?' }]);
  });

  it("a known department nobody receives is no warning (it is a real department, just not offered)", () => {
    expect(warned((i) => void (i.trainees[0].wants = { depts: ["internal", "pediatrics"] }))).toEqual([]);
  });

  it("a home department without wants, a studyDept filter and a required rotation are checked", () => {
    const w = warned((i) => {
      i.trainees[1].dept = "internl";
      i.programmes[0].quotas = [{ where: { studyDept: ["xyz-unit"] }, max: 5 }];
    });
    expect(w.map((x) => x.path)).toEqual(["trainees[1].dept", "programmes[0].quotas[0].where.studyDept[0]"]);
    expect(w[0].message).toMatch(/did you mean "internal"\?/);
    expect(w[1].message).not.toMatch(/did you mean/);
  });

  it("a code like constructor is just unknown, never an inherited property", () => {
    const w = warned((i) => void (i.trainees[0].wants = { depts: ["constructor"] }));
    expect(w.map((x) => x.path)).toEqual(["trainees[0].wants.depts[0]"]);
  });
});

describe("no warning where nothing is off", () => {
  it.each(readdirSync(EXAMPLES).filter((f) => f.endsWith(".json")))("examples/%s", (f) => {
    expect(instanceWarnings(parseInstance(readFileSync(join(EXAMPLES, f), "utf8")))).toEqual([]);
  });

  it("the bench generators", () => {
    expect(instanceWarnings(parseInstance(generate({ seed: 3, trainees: 60, months: 12, duration: [3, 6] })))).toEqual([]);
    expect(instanceWarnings(parseInstance(zhejiang({ seed: 1, scale: 0.05 })))).toEqual([]);
  });

  it("an invalid instance is an InstanceError naming instanceWarnings", () => {
    expect(() => instanceWarnings(mutate(tinyInstance(), (i) => void (i.trainees[0].unit = "nope")))).toThrow(InstanceError);
    expect(() => instanceWarnings(mutate(tinyInstance(), (i) => void (i.trainees[0].unit = "nope")))).toThrow(/^instanceWarnings: the instance is not valid/);
  });
});
