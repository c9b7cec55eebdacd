/** The §10 fixture of the workbook tests: the rules' tiny residency instance with every §10 part a workbook holds. */
import { parseInstance } from "../../src/index.js";
import type { Instance } from "../../src/model/types.js";
import { residencyInstance, validSchedule } from "../rules/residency-fixture.js";

/** The fixture with every §10 part a workbook holds: completed, fixed, a baseline (one resident without rotations), service rows with dates. */
export function richResidency(): Instance {
  return parseInstance(residencyInstance((i) => {
    i.units[0].service.push({ dept: "icu", min: 1, from: "2026-01-01", to: "2026-07-01", hard: true });
    i.programmes[0].residency.curricula[0].minBlock = 1;
    i.programmes[0].residency.curricula.push({
      id: "im", minBlock: 2,
      requirements: [{ id: "ward", depts: ["cardiology"], min: 2, max: 4, phase: {}, sites: { kinds: ["general", "tcm"] } }],
    });
    i.trainees[0].completed = ["icu"];
    i.trainees[1].fixed = [validSchedule("r2", 0).rotations[0]];
    i.trainees.push({ id: "r3", name: "张一", unit: "base", dept: "cardiology", programme: "sd", curriculum: "im", completed: [], available: { from: "2025-09-01", to: "2026-09-01" } });
    i.baseline = { residencies: [validSchedule("r1", 0), { trainee: "r3", rotations: [] }] };
    i.objective = { transition: 2 };
  }));
}

