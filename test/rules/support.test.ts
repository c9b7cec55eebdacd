import { describe, expect, it } from "vitest";
import type { Instance, SupportRow } from "../../src/model/types.js";
import { verifyPlan } from "../../src/verify.js";
import { COUNTY, TOWNSHIP, codesOf, mutate, planFor, tinyInstance } from "../helpers/tiny.js";

const row = (over: Partial<SupportRow> = {}): SupportRow => ({
  from: COUNTY, to: TOWNSHIP, dept: "internal", start: "2024-07-01", end: "2024-09-01", count: 1, ...over,
});
/** A plan placing nobody, with support rows only. */
const only = (inst: Instance, ...rows: SupportRow[]) => planFor(inst, [], { support: rows });

describe("R-SUPPORT: from a unit's pool for that department, along alliance/pairing, within perSlot", () => {
  it("accepts support along the alliance within the pool, even with nobody away", () => {
    expect(codesOf(tinyInstance(), only(tinyInstance(), row()))).toEqual([]);
  });

  it("accepts support to a department with no staffing rule (it only costs)", () => {
    const inst = mutate(tinyInstance(), (i) => { i.units[1].support!.push({ dept: "pediatrics", perSlot: 1 }); });
    expect(codesOf(inst, only(inst, row({ dept: "pediatrics" })))).toEqual([]);
  });

  it("reports a sending unit without a support row for the department", () => {
    expect(codesOf(tinyInstance(), only(tinyInstance(), row({ dept: "cardiology" })))).toEqual(["R-SUPPORT"]);
  });

  it("reports a sending unit with no relation to the supported unit", () => {
    const inst = mutate(tinyInstance(), (i) => { i.relations = []; });
    expect(codesOf(inst, only(inst, row()))).toEqual(["R-SUPPORT"]);
  });

  it("reports a relation running the wrong way (supported → sender)", () => {
    const inst = mutate(tinyInstance(), (i) => { i.relations = [{ type: "alliance", from: TOWNSHIP, to: COUNTY }]; });
    expect(codesOf(inst, only(inst, row()))).toEqual(["R-SUPPORT"]);
  });

  it("accepts a pairing relation and rejects a parent relation", () => {
    const pairing = mutate(tinyInstance(), (i) => { i.relations = [{ type: "pairing", from: COUNTY, to: TOWNSHIP }]; });
    expect(codesOf(pairing, only(pairing, row()))).toEqual([]);
    const parent = mutate(tinyInstance(), (i) => { i.relations = [{ type: "parent", from: COUNTY, to: TOWNSHIP }]; });
    expect(codesOf(parent, only(parent, row()))).toEqual(["R-SUPPORT"]);
  });

  describe("perSlot bounds what a unit sends per slot in total over all units it supports", () => {
    it("reports one row sending 2 from a pool of 1", () => {
      expect(codesOf(tinyInstance(), only(tinyInstance(), row({ count: 2 })))).toEqual(["R-SUPPORT"]);
    });

    it("reports two rows to two units overlapping in a slot, and only that slot", () => {
      const inst = mutate(tinyInstance(), (i) => {
        i.units.push({ id: "thc-02", tier: "township", kind: "general", region: "donghai" });
        i.relations!.push({ type: "alliance", from: COUNTY, to: "thc-02" });
      });
      const plan = only(inst, row(), row({ to: "thc-02", start: "2024-08-01", end: "2024-10-01" }));
      const v = verifyPlan(inst, plan).violations;
      expect(v.map((x) => x.code)).toEqual(["R-SUPPORT"]);
      expect(v[0].message).toMatch(/2024-08/);
      expect(codesOf(inst, only(inst, row(), row({ to: "thc-02", start: "2024-09-01", end: "2024-11-01" })))).toEqual([]);
    });
  });

  it("reports support rows off slot boundaries, outside the calendar, empty, or with a count below 1", () => {
    const cases = [
      row({ start: "2024-07-15" }),
      row({ start: "2024-05-01" }),
      row({ start: "2024-09-01", end: "2024-09-01" }),
      row({ count: 0 }),
    ];
    for (const r of cases) expect(codesOf(tinyInstance(), only(tinyInstance(), r)), JSON.stringify(r)).toEqual(["R-SUPPORT"]);
  });

  it("reports an unknown sending unit", () => {
    expect(codesOf(tinyInstance(), only(tinyInstance(), row({ from: "nowhere" })))).toEqual(["R-SUPPORT"]);
  });
});
