/**
 * A small three-year instance and a valid plan of it, for the per-year views (分年度).
 *
 * Calendar 2024-07-01 → 2026-07-01, monthly: years 2024 (6 slots), 2025 (12), 2026 (6).
 * - The tiny instance (test/helpers/tiny.ts) with receive rows and windows over the whole
 *   calendar, a support pool of 2 internal specialists per slot at county-hosp-01, plus a township `thc-02` in 灌云县 (`guanyun`, no flag; alliance from
 *   county-hosp-01) and trainee `t-004` there; `t-001`…`t-003` stay at thc-01 in 东海县
 *   (flag `mountain-island`).
 * - Programme `lyg-2024` gains quotas: [0] mountain-island soft min 5, [1] all max 10 (hard,
 *   not shown), [2] all soft min 4, [3] homeDept general-practice hard min 1 (not shown).
 * - A second programme `lyg-2025` (same rules, no quotas) with trainee `t-005` at thc-02.
 *
 * Plan (by hand):
 * | trainee | programme | home (flag) | placement | months per year |
 * |---|---|---|---|---|
 * | t-001 | lyg-2024 | thc-01 (mi) | 2024-11-01 → 2025-02-01 internal m-01 | 2024: 2, 2025: 1 |
 * | t-002 | lyg-2024 | thc-01 (mi) | 2025-03-01 → 2025-06-01 internal m-01 | 2025: 3 |
 * | t-003 | lyg-2024 | thc-01 (mi) | 2025-12-01 → 2026-03-01 internal m-02 | 2025: 1, 2026: 2 |
 * | t-004 | lyg-2024 | thc-02      | 2026-01-01 → 2026-04-01 internal m-01 | 2026: 3 |
 * | t-005 | lyg-2025 | thc-02      | 2024-07-01 → 2024-10-01 cardiology m-03 | 2024: 3 |
 * Support: county-hosp-01 → thc-01 internal, 2024-12-01 → 2025-03-01, 2 specialists:
 * 2024: 2 specialist-months, 2025: 4.
 */
import type { Instance, Plan } from "../../src/model/types.js";
import { COUNTY, mutate, place, planFor, tinyInstance, TOWNSHIP } from "../helpers/tiny.js";

export const TOWNSHIP_2 = "thc-02";
export const PROGRAMME_2 = "lyg-2025";

export function threeYearInstance(): Instance {
  return mutate(tinyInstance(), (i) => {
    i.calendar = { start: "2024-07-01", end: "2026-07-01", granularity: "month" };
    i.regions!.push({ id: "guanyun", name: "灌云县", parent: "lyg", flags: [] });
    i.units.push({ id: TOWNSHIP_2, name: "灌云县某镇卫生院", tier: "township", kind: "general", region: "guanyun" });
    i.relations!.push({ type: "alliance", from: COUNTY, to: TOWNSHIP_2 });
    i.units[1].receive = [{ dept: "internal", capacity: 2 }, { dept: "cardiology", capacity: 1 }];
    i.units[1].support = [{ dept: "internal", perSlot: 2 }];
    const prog = i.programmes[0];
    delete prog.window;
    prog.quotas = [
      { where: { homeRegionFlag: ["mountain-island"] }, min: 5, hard: false },
      { where: {}, max: 10 },
      { where: {}, min: 4, hard: false },
      { where: { homeDept: ["general-practice"] }, min: 1 },
    ];
    i.programmes.push({ ...structuredClone(prog), id: PROGRAMME_2, name: "连云港市 2025 年基层骨干务实进修", quotas: undefined });
    delete i.programmes[1].quotas;
    delete i.trainees[0].available;
    const base = i.trainees[1];
    i.trainees.push({ ...structuredClone(base), id: "t-004", name: "赵敏", unit: TOWNSHIP_2 });
    i.trainees.push({ ...structuredClone(base), id: "t-005", name: "钱进", unit: TOWNSHIP_2, programme: PROGRAMME_2, wants: { depts: ["cardiology"] } });
  });
}

export function threeYearPlan(inst: Instance = threeYearInstance()): Plan {
  return planFor(inst, [
    place("t-001", COUNTY, "internal", "2024-11-01", "2025-02-01", "m-01"),
    place("t-002", COUNTY, "internal", "2025-03-01", "2025-06-01", "m-01"),
    place("t-003", COUNTY, "internal", "2025-12-01", "2026-03-01", "m-02"),
    place("t-004", COUNTY, "internal", "2026-01-01", "2026-04-01", "m-01"),
    place("t-005", COUNTY, "cardiology", "2024-07-01", "2024-10-01", "m-03"),
  ], {
    support: [{ from: COUNTY, to: TOWNSHIP, dept: "internal", start: "2024-12-01", end: "2025-03-01", count: 2 }],
  });
}
