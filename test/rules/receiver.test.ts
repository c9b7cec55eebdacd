import { describe, expect, it } from "vitest";
import type { Instance, RelationType } from "../../src/model/types.js";
import { verifyPlan } from "../../src/verify.js";
import {
  CITY, COUNTY, COUNTY_TCM, type Draft, TOWNSHIP, cityHospital, codesOf, mutate, place, planFor, tcmHospital,
  tinyInstance, tinyPlan,
} from "../helpers/tiny.js";

const edit = (f: (i: Draft<Instance>) => void) => mutate(tinyInstance(), f);
const at = (unit: string, mentor: string) => (inst: Instance) =>
  planFor(inst, [place("t-001", unit, "internal", "2024-07-01", "2024-09-01", mentor)]);

describe("R-RECEIVER: receiving tier and kind allowed, relation to the home unit, TCM to TCM, not the home unit", () => {
  it("accepts the tiny plan (county general hospital, alliance lead of the township)", () => {
    expect(codesOf(tinyInstance(), tinyPlan())).toEqual([]);
  });

  it("reports a receiving tier that is not allowed", () => {
    const inst = edit((i) => { i.programmes[0].receiving!.tiers = ["city"]; });
    expect(codesOf(inst, tinyPlan())).toEqual(["R-RECEIVER"]);
  });

  it("reports a receiving kind that is not allowed", () => {
    const inst = edit((i) => { i.programmes[0].receiving!.kinds = ["specialty"]; });
    expect(codesOf(inst, tinyPlan())).toEqual(["R-RECEIVER"]);
  });

  describe("relations: a listed relation type must run from the receiving unit to the home unit", () => {
    it("reports a receiver without the relation", () => {
      const inst = edit((i) => { i.relations = []; });
      const v = verifyPlan(inst, tinyPlan());
      expect(codesOf(inst, tinyPlan())).toEqual(["R-RECEIVER"]);
      expect(v.violations[0].ids).toEqual(["t-001", COUNTY]);
    });

    it("reports a relation running the wrong way (home → receiver)", () => {
      const inst = edit((i) => { i.relations = [{ type: "alliance", from: TOWNSHIP, to: COUNTY }]; });
      expect(codesOf(inst, tinyPlan())).toEqual(["R-RECEIVER"]);
    });

    const typed = (type: RelationType, listed: RelationType[]) =>
      edit((i) => {
        i.relations = [{ type, from: COUNTY, to: TOWNSHIP }];
        i.programmes[0].receiving!.relations = listed;
      });
    it("reports a relation of a type the programme does not list (pairing, alliance listed)", () => {
      expect(codesOf(typed("pairing", ["alliance"]), tinyPlan())).toEqual(["R-RECEIVER"]);
    });
    it("accepts a pairing relation when pairing is listed", () => {
      expect(codesOf(typed("pairing", ["alliance", "pairing"]), tinyPlan())).toEqual([]);
    });
    it("counts parent only where the programme lists it", () => {
      expect(codesOf(typed("parent", ["alliance"]), tinyPlan())).toEqual(["R-RECEIVER"]);
      expect(codesOf(typed("parent", ["parent"]), tinyPlan())).toEqual([]);
    });

    it("has no relation rule when relations is empty or absent", () => {
      const empty = edit((i) => { i.relations = []; i.programmes[0].receiving!.relations = []; });
      expect(codesOf(empty, tinyPlan())).toEqual([]);
      const absent = edit((i) => { i.relations = []; delete i.programmes[0].receiving!.relations; });
      expect(codesOf(absent, tinyPlan())).toEqual([]);
    });
  });

  describe("openTiers: a receiver of a listed tier needs no relation", () => {
    const withCity = edit((i) => { i.units.push(cityHospital()); });
    it("accepts an unrelated city hospital when city is an open tier", () => {
      expect(codesOf(withCity, at(CITY, "m-21")(withCity))).toEqual([]);
    });
    it("reports the same placement when openTiers is absent", () => {
      const closed = mutate(withCity, (i) => { delete i.programmes[0].receiving!.openTiers; });
      expect(codesOf(closed, at(CITY, "m-21")(closed))).toEqual(["R-RECEIVER"]);
    });
    it("does not open a county receiver when only city is open", () => {
      const inst = edit((i) => { i.relations = []; i.programmes[0].receiving!.openTiers = ["city"]; });
      expect(codesOf(inst, tinyPlan())).toEqual(["R-RECEIVER"]);
    });
  });

  describe("tcmToTcm is one-way: TCM practitioners go to TCM units; western ones may go anywhere allowed", () => {
    const withTcm = edit((i) => {
      i.units.push(tcmHospital());
      i.relations!.push({ type: "alliance", from: COUNTY_TCM, to: TOWNSHIP });
      i.programmes[0].receiving!.kinds = ["general", "specialty", "tcm"];
    });
    const tcmPractitioner = mutate(withTcm, (i) => { i.trainees[0].practice = "tcm"; });

    it("reports a TCM practitioner at a general hospital", () => {
      expect(codesOf(tcmPractitioner, at(COUNTY, "m-01")(tcmPractitioner))).toEqual(["R-RECEIVER"]);
    });
    it("accepts a TCM practitioner at a TCM hospital", () => {
      expect(codesOf(tcmPractitioner, at(COUNTY_TCM, "m-31")(tcmPractitioner))).toEqual([]);
    });
    it("accepts a western practitioner at a TCM hospital", () => {
      expect(codesOf(withTcm, at(COUNTY_TCM, "m-31")(withTcm))).toEqual([]);
    });
    it("accepts a TCM practitioner at a general hospital when tcmToTcm is off", () => {
      const off = mutate(tcmPractitioner, (i) => { i.programmes[0].receiving!.tcmToTcm = false; });
      expect(codesOf(off, at(COUNTY, "m-01")(off))).toEqual([]);
    });
  });

  it("reports a placement at the trainee's home unit", () => {
    const inst = edit((i) => {
      i.units[0].receive = [{ dept: "internal", capacity: 1 }];
      i.units[0].mentors = [{ id: "m-10", dept: "internal", title: "senior" }];
      i.programmes[0].receiving = { tiers: ["township", "county"] };
    });
    const plan = at(TOWNSHIP, "m-10")(inst);
    expect(codesOf(inst, plan)).toEqual(["R-RECEIVER"]);
    expect(verifyPlan(inst, plan, { lang: "en" }).violations[0].message).toMatch(/home unit/);
    expect(verifyPlan(inst, plan).violations[0].message).toBe("张伟：东海县某镇中心卫生院是本人所在单位");
  });
});
