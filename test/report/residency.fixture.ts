/**
 * A small hand-made residency instance and plan (SPEC §10) for the report tests.
 *
 * Calendar 2025-09 … 2026-02 (6 months).
 * - `sd-base-01` 山东第一医科大学第一附属医院 (provincial general, managers 3: up to 300 residents):
 *   receives cardiology (2), emergency (2), general-practice (1); mentors `m-c1` cardiology,
 *   `m-e1` emergency (capacity 2), both intermediate; service: emergency ≥ 1 (soft, whole
 *   calendar), cardiology ≥ 1 (hard, 2025-09 … 2025-10).
 * - `sd-thc-07` 历城区洪家楼街道社区卫生服务中心 (township general), a 基层实践基地 of the base
 *   (`training` relation): receives general-practice (2), mentor `m-g1` (capacity 2).
 * - programme `sd-2025` with curricula `gp` (internal: cardiology 2 months; emergency 1–2;
 *   community: general-practice 1 month at a township unit of the training relation) and
 *   `internal` (cardiology 3, emergency 1); mentors ≥ intermediate.
 * - residents: `r-001` 张三 (gp, 2025级); `r-002` named `=HYPERLINK("http://x","点我")` (gp,
 *   2024级, community completed, a fixed cardiology rotation Sep–Oct with m-c1); `r-003` 李四
 *   (internal, 2025级), unplaced.
 *
 * Plan: r-001 emergency Sep–Oct (m-e1), cardiology Nov–Dec (m-c1), general-practice at
 * sd-thc-07 Jan (m-g1); r-002 cardiology Sep–Oct (fixed, m-c1), emergency Nov–Dec (m-e1).
 * Emergency residents per month: 1 1 1 1 0 0 → the soft emergency row is short in 2026-01 and
 * 2026-02: needed 6, got 4. Objective = 2 × 100 − 5 rotations × 1 − 2 × 50 = 95.
 */
import type { Instance, Plan } from "../../src/model/types.js";

export const BASE = "sd-base-01";
export const THC = "sd-thc-07";
export const HOSTILE = '=HYPERLINK("http://x","点我")';

export function residencyInstance(): Instance {
  return {
    version: 1,
    calendar: { start: "2025-09-01", end: "2026-03-01", granularity: "month" },
    regions: [{ id: "jinan", name: "济南市" }],
    units: [
      {
        id: BASE, name: "山东第一医科大学第一附属医院", tier: "provincial", kind: "general", region: "jinan", managers: 3,
        receive: [{ dept: "cardiology", capacity: 2 }, { dept: "emergency", capacity: 2 }, { dept: "general-practice", capacity: 1 }],
        mentors: [
          { id: "m-c1", name: "王主治", dept: "cardiology", title: "intermediate" },
          { id: "m-e1", name: "赵主治", dept: "emergency", title: "intermediate", capacity: 2 },
        ],
        service: [
          { dept: "emergency", min: 1 },
          { dept: "cardiology", min: 1, from: "2025-09-01", to: "2025-11-01", hard: true },
        ],
      },
      {
        id: THC, name: "历城区洪家楼街道社区卫生服务中心", tier: "township", kind: "general", region: "jinan",
        receive: [{ dept: "general-practice", capacity: 2 }],
        mentors: [{ id: "m-g1", name: "孙医生", dept: "general-practice", title: "intermediate", capacity: 2 }],
      },
    ],
    relations: [{ type: "training", from: BASE, to: THC }],
    programmes: [{
      id: "sd-2025", name: "山东省住院医师规范化培训",
      mentor: { minTitle: "intermediate" },
      residency: {
        curricula: [
          {
            id: "gp",
            requirements: [
              { id: "internal", depts: ["cardiology"], min: 2, max: 2 },
              { id: "emergency", depts: ["emergency"], min: 1, max: 2 },
              { id: "community", depts: ["general-practice"], min: 1, max: 1, sites: { tiers: ["township"], relations: ["training"] } },
            ],
          },
          {
            id: "internal",
            requirements: [
              { id: "cardiology", depts: ["cardiology"], min: 3, max: 3 },
              { id: "emergency", depts: ["emergency"], min: 1, max: 1 },
            ],
          },
        ],
      },
    }],
    trainees: [
      { id: "r-001", name: "张三", unit: BASE, dept: "general-practice", programme: "sd-2025", curriculum: "gp", available: { from: "2025-09-01", to: "2028-09-01" } },
      {
        id: "r-002", name: HOSTILE, unit: BASE, dept: "general-practice", programme: "sd-2025", curriculum: "gp",
        available: { from: "2024-09-01", to: "2027-09-01" }, completed: ["community"],
        fixed: [{ requirement: "internal", unit: BASE, dept: "cardiology", start: "2025-09-01", end: "2025-11-01", mentor: "m-c1" }],
      },
      { id: "r-003", name: "李四", unit: BASE, dept: "internal", programme: "sd-2025", curriculum: "internal", available: { from: "2025-09-01", to: "2028-09-01" } },
    ],
  };
}

export function residencyPlan(): Plan {
  return {
    version: 1,
    status: "optimal",
    objective: 95,
    placements: [],
    residencies: [
      {
        trainee: "r-001",
        rotations: [
          { requirement: "emergency", unit: BASE, dept: "emergency", start: "2025-09-01", end: "2025-11-01", mentor: "m-e1" },
          { requirement: "internal", unit: BASE, dept: "cardiology", start: "2025-11-01", end: "2026-01-01", mentor: "m-c1" },
          { requirement: "community", unit: THC, dept: "general-practice", start: "2026-01-01", end: "2026-02-01", mentor: "m-g1" },
        ],
      },
      {
        trainee: "r-002",
        rotations: [
          { requirement: "internal", unit: BASE, dept: "cardiology", start: "2025-09-01", end: "2025-11-01", mentor: "m-c1" },
          { requirement: "emergency", unit: BASE, dept: "emergency", start: "2025-11-01", end: "2026-01-01", mentor: "m-e1" },
        ],
      },
    ],
    support: [],
    unplaced: [{ trainee: "r-003", reasons: [{ code: "CAPACITY-COMPETITION", message: "心血管内科 2025-09 起的接收容量已用于其他住院医师" }] }],
    shortfalls: [{ rule: "service", unit: BASE, dept: "emergency", index: 0, needed: 6, got: 4 }],
    conflicts: [],
  };
}


/**
 * The same with a 进修 programme beside: `t-001` of the 基层实践基地's general practice studies
 * cardiology at the base in Nov–Dec, sharing the department's capacity (2) with r-001.
 */
export function mixedInstance(): Instance {
  const inst = residencyInstance();
  return {
    ...inst,
    units: inst.units.map((u) => (u.id === THC ? { ...u, departments: [{ dept: "general-practice", staff: 3, minOnDuty: 1 }] } : u)),
    programmes: [...inst.programmes, { id: "jx-2025", name: "济南市基层卫生人员进修" }],
    trainees: [...inst.trainees, { id: "t-001", name: "周医生", unit: THC, dept: "general-practice", programme: "jx-2025", wants: { depts: ["cardiology"] } }],
  };
}

export function mixedPlan(): Plan {
  const plan = residencyPlan();
  return { ...plan, objective: plan.objective + 100, placements: [{ trainee: "t-001", unit: BASE, dept: "cardiology", start: "2025-11-01", end: "2026-01-01" }] };
}
