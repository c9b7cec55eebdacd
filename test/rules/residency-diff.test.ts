/** SPEC §11.2 for residents: fields are `rotations` only; mentors alone are a `mentor` change; rotations compared in any listed order. */
import { describe, expect, it } from "vitest";
import { changeNotice, diff, parseInstance } from "../../src/index.js";
import { planWith, residencyInstance, validSchedule } from "./residency-fixture.js";

describe("diff of residencies", () => {
  const inst = parseInstance(JSON.stringify(residencyInstance()));
  const r1 = validSchedule("r1", 0), r2 = validSchedule("r2", 1);
  it("moved, mentor, added and removed residents", () => {
    const before = planWith([r1, r2]);
    const newMentor = { ...r2, rotations: r2.rotations.map((r, i) => (i === 2 ? { ...r, mentor: "m-card-x" } : r)) };
    const moved = { ...r1, rotations: r1.rotations.map((r, i) => (i === 1 ? { ...r, dept: "respiratory", mentor: "m-resp" } : r)) };
    const d = diff(inst, before, planWith([moved, newMentor]));
    expect(d.trainees.map((t) => [t.trainee, t.change, "fields" in t ? t.fields : undefined])).toEqual([["r1", "moved", ["rotations"]], ["r2", "mentor", undefined]]);
    const gone = diff(inst, before, planWith([r1], { unplaced: [{ trainee: "r2", reasons: [{ code: "R-CAPACITY", message: "满" }] }] }));
    expect(gone.trainees).toEqual([{ trainee: "r2", change: "removed", before: r2, reasons: [{ code: "R-CAPACITY", message: "满" }] }]);
    expect(diff(inst, planWith([r1]), before).trainees.map((t) => t.change)).toEqual(["added"]);
  });
  it("rotations listed in another order are the same entry", () => {
    const shuffled = { ...r1, rotations: [...r1.rotations].reverse() };
    expect(diff(inst, planWith([r1, r2]), planWith([shuffled, r2])).trainees).toEqual([]);
  });
  it("the 变更通知 lists a resident's change at its base with the rotations in words", () => {
    const moved = { ...r1, rotations: r1.rotations.map((r, i) => (i === 1 ? { ...r, dept: "respiratory", mentor: "m-resp" } : r)) };
    const t = changeNotice(inst, diff(inst, planWith([r1, r2]), planWith([moved, r2])));
    expect(t.rows).toHaveLength(1);
    expect(t.rows[0][0]).toBe("省立医院");
    expect(t.rows[0][1]).toBe("张一");
    expect(String(t.rows[0][5])).toMatch(/城关镇卫生院/);
  });
});
