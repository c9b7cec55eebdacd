import { parseInstance } from "../../src/model/parse.js";
import { it, expect } from "vitest";

import { parsePlan } from "../../src/model/parse.js";
import { residencyInstance, residencyPlan } from "./residency.fixture.js";
it("parses", () => {
  const i = parseInstance(JSON.parse(JSON.stringify(residencyInstance())));
  expect(i.trainees.length).toBe(3);
  const p = parsePlan(JSON.parse(JSON.stringify(residencyPlan())));
  expect(p.residencies?.length).toBe(2);
});
