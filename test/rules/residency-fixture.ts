/**
 * A tiny §10 instance to provoke each residency rule: one base with three
 * departments, one township practice base along a `training` relation, one
 * curriculum of four requirements, two residents over twelve months.
 */
import type { Instance, Plan, ResidencyEntry, ResidencyRotation } from "../../src/index.js";

export function residencyInstance(over: (inst: any) => void = () => {}): any {
  const inst: any = {
    version: 1,
    calendar: { start: "2025-09-01", end: "2026-09-01", granularity: "month" },
    units: [
      {
        id: "base", name: "省立医院", tier: "provincial", kind: "general", managers: 3,
        receive: [
          { dept: "cardiology", capacity: 2 }, { dept: "respiratory", capacity: 2 },
          { dept: "emergency", capacity: 1 }, { dept: "icu", capacity: 1 }, { dept: "general-practice", capacity: 1 },
        ],
        mentors: [
          { id: "m-card", name: "王心", dept: "cardiology", title: "senior", capacity: 2 },
          { id: "m-resp", name: "李肺", dept: "respiratory", title: "intermediate", capacity: 2 },
          { id: "m-em", name: "赵急", dept: "emergency", title: "associate-senior" },
          { id: "m-icu", name: "钱重", dept: "icu", title: "senior" },
          { id: "m-junior", name: "孙初", dept: "icu", title: "junior" },
        ],
        service: [{ dept: "emergency", min: 1 }],
      },
      {
        id: "thc", name: "城关镇卫生院", tier: "township", kind: "general",
        receive: [{ dept: "general-practice", capacity: 2 }],
        mentors: [{ id: "m-gp", name: "周全", dept: "general-practice", title: "intermediate", capacity: 2 }],
      },
    ],
    relations: [{ type: "training", from: "base", to: "thc" }],
    programmes: [{
      id: "sd", name: "山东住培", mentor: { minTitle: "intermediate" },
      residency: {
        curricula: [{
          id: "gp",
          requirements: [
            { id: "internal", depts: ["cardiology", "respiratory"], min: 2, max: 3, blocks: 2 },
            { id: "emergency", depts: ["emergency"], min: 1, max: 1, phase: { from: 0, to: 6 } },
            { id: "icu", depts: ["icu"], min: 1, max: 2, after: ["internal"] },
            { id: "community", depts: ["general-practice"], min: 2, max: 2, sites: { tiers: ["township"], relations: ["training"] } },
          ],
        }],
      },
    }],
    trainees: [
      { id: "r1", name: "张一", unit: "base", dept: "general-practice", programme: "sd", curriculum: "gp", available: { from: "2025-09-01", to: "2026-09-01" } },
      { id: "r2", name: "张二", unit: "base", dept: "general-practice", programme: "sd", curriculum: "gp", available: { from: "2025-09-01", to: "2026-09-01" } },
    ],
  };
  over(inst);
  return inst;
}

const rot = (requirement: string, unit: string, dept: string, start: string, end: string, mentor?: string): ResidencyRotation =>
  ({ requirement, unit, dept, start, end, ...(mentor ? { mentor } : {}) });

/** A valid schedule for a resident of the tiny curriculum, starting in month `shift` (0 or 1). */
export function validSchedule(trainee: string, shift: 0 | 1): ResidencyEntry {
  const m = (k: number) => `${k + 9 > 12 ? 2026 : 2025}-${String(((k + 8) % 12) + 1).padStart(2, "0")}-01`;
  const s = shift;
  return {
    trainee,
    rotations: s === 0
      ? [
        rot("emergency", "base", "emergency", m(0), m(1), "m-em"),
        rot("internal", "base", "cardiology", m(1), m(3), "m-card"),
        rot("icu", "base", "icu", m(3), m(4), "m-icu"),
        rot("community", "thc", "general-practice", m(4), m(6), "m-gp"),
      ]
      : [
        rot("internal", "base", "respiratory", m(0), m(1), "m-resp"),
        rot("emergency", "base", "emergency", m(1), m(2), "m-em"),
        rot("internal", "base", "cardiology", m(2), m(3), "m-card"),
        rot("icu", "base", "icu", m(4), m(5), "m-icu"),
        rot("community", "thc", "general-practice", m(6), m(8), "m-gp"),
      ],
  };
}

export function planWith(residencies: ResidencyEntry[], extra: Partial<Plan> = {}): Plan {
  return { version: 1, status: "feasible", objective: 0, placements: [], residencies, support: [], unplaced: [], shortfalls: [], conflicts: [], ...extra };
}

export type { Instance };
