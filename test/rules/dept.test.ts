import { describe, expect, it } from "vitest";
import { verifyPlan } from "../../src/verify.js";
import { COUNTY, codesOf, mutate, place, planFor, tinyInstance } from "../helpers/tiny.js";

describe("R-DEPT: the study department is accepted by the trainee and received by the unit", () => {
  it("accepts a second-choice department from wants.depts", () => {
    const plan = planFor(tinyInstance(), [place("t-001", COUNTY, "cardiology", "2024-07-01", "2024-09-01", "m-03")]);
    expect(codesOf(tinyInstance(), plan)).toEqual([]);
  });

  it("accepts the home department when wants.depts is absent", () => {
    const plan = planFor(tinyInstance(), [place("t-002", COUNTY, "internal", "2024-07-01", "2024-09-01", "m-01")]);
    expect(codesOf(tinyInstance(), plan)).toEqual([]);
  });

  it("reports a department outside wants.depts", () => {
    // t-003 (general-practice) wants internal only.
    const plan = planFor(tinyInstance(), [place("t-003", COUNTY, "cardiology", "2024-07-01", "2024-09-01", "m-03")]);
    expect(codesOf(tinyInstance(), plan)).toEqual(["R-DEPT"]);
  });

  it("reports a department other than the home department when wants.depts is absent", () => {
    const plan = planFor(tinyInstance(), [place("t-002", COUNTY, "cardiology", "2024-07-01", "2024-09-01", "m-03")]);
    expect(codesOf(tinyInstance(), plan)).toEqual(["R-DEPT"]);
  });

  it("treats an empty wants.depts as the home department", () => {
    const inst = mutate(tinyInstance(), (i) => { i.trainees[2].wants = { depts: [] }; });
    const home = planFor(inst, [place("t-003", COUNTY, "internal", "2024-07-01", "2024-09-01", "m-01")]);
    expect(codesOf(inst, home)).toEqual(["R-DEPT"]); // internal is not t-003's home department (general-practice)
    const own = mutate(inst, (i) => {
      i.units[1].receive!.push({ dept: "general-practice", capacity: 1 });
      i.units[1].mentors!.push({ id: "m-04", dept: "general-practice", title: "senior" });
    });
    expect(codesOf(own, planFor(own, [place("t-003", COUNTY, "general-practice", "2024-07-01", "2024-09-01", "m-04")]))).toEqual([]);
  });

  it("reports a wanted department the receiving unit does not receive (capacity 0 there too)", () => {
    const inst = mutate(tinyInstance(), (i) => {
      i.trainees[0].wants = { depts: ["surgery"] };
      delete i.programmes[0].mentor;
    });
    const plan = planFor(inst, [place("t-001", COUNTY, "surgery", "2024-07-01", "2024-09-01")]);
    const v = verifyPlan(inst, plan, { lang: "en" });
    expect(v.violations.map((x) => x.code)).toContain("R-DEPT");
    expect(codesOf(inst, plan)).toEqual(["R-CAPACITY", "R-DEPT"]);
    expect(v.violations.find((x) => x.code === "R-DEPT")!.message).toMatch(/receives no department "surgery"/);
    expect(verifyPlan(inst, plan).violations.find((x) => x.code === "R-DEPT")!.message).toBe("东海县人民医院不接收外科进修");
  });
});
