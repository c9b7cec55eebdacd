/**
 * R-SERVICE (SPEC §10, readings 11 and 12): in every slot of a `service` row,
 * the residents in a rotation at that unit and department (listed in
 * `residencies`, fixed ones included, each rotation once; 进修 trainees never)
 * are ≥ `min`. Hard rows are violations (one per row); soft rows (the
 * default) are shortfalls: `needed` = min × slots, `got` = Σ min(present, min).
 *
 * In a model: one `≥ min` row per service row and slot, made before any
 * column (`instanceBounds`, so soft rows get their slack); a resident's rotation
 * enters the rows of its unit and department (`slot.service`).
 */
import type { ServiceRow, ServiceShortfall, Violation } from "../model/types.js";
import type { Context } from "./context.js";
import { key } from "./keys.js";
import type { Ledger } from "./ledger.js";
import type { Judgement, Rule, RowHost, RowSpec, SlotFamily } from "./rule.js";
import { type Words, wordsOf } from "./words.js";

/** The slots `[k0, k1)` a service row covers (a slot lies in it when its first day does). */
export function serviceSpan(ctx: Context, row: ServiceRow): [number, number] {
  const a = row.from === undefined ? 0 : ctx.slots.firstFrom(row.from);
  const b = row.to === undefined ? ctx.slots.count : ctx.slots.firstFrom(row.to);
  return [a, Math.max(a, b)];
}

/** Residents present at a unit's department per slot (reading 11), from a plan's ledger. */
export function presentAt(ctx: Context, ledger: Ledger, unit: string, dept: string): number[] {
  const r = { kind: "service", unit, dept } as const;
  return Array.from({ length: ctx.slots.count }, (_, k) => ledger.at(r, k));
}

/** One service row judged on a plan: the rule's verdicts. */
export interface ServiceStatus {
  readonly unit: string;
  readonly dept: string;
  /** Position in the unit's `service` list. */
  readonly index: number;
  readonly row: ServiceRow;
  readonly hard: boolean;
  /** Per slot of the row: residents present against `min`. */
  readonly slots: readonly { readonly slot: number; readonly present: number; readonly min: number }[];
  /** `min` × its slots. */
  readonly needed: number;
  /** Σ over its slots of min(present, min). */
  readonly got: number;
}

/** Every service row of the instance judged on a plan's ledger, in unit and row order. */
export function serviceStatus(ctx: Context, ledger: Ledger): ServiceStatus[] {
  const out: ServiceStatus[] = [];
  for (const u of ctx.instance.units)
    (u.service ?? []).forEach((row, index) => {
      const [k0, k1] = serviceSpan(ctx, row);
      const present = presentAt(ctx, ledger, u.id, row.dept);
      const slots = [];
      let got = 0;
      for (let k = k0; k < k1; k++) {
        slots.push({ slot: k, present: present[k], min: row.min });
        got += Math.min(present[k], row.min);
      }
      out.push({ unit: u.id, dept: row.dept, index, row, hard: row.hard === true, slots, needed: row.min * (k1 - k0), got });
    });
  return out;
}

const rowWords = (w: Words, unit: string, row: ServiceRow, k?: number) =>
  w.say(
    `${w.unit(unit)}${w.dept(row.dept)}${k === undefined ? "" : ` ${w.slot(k)}`} 至少 ${row.min} 名住院医师在岗${row.hard === true ? "" : "（目标）"}`,
    `service of "${unit}" ${row.dept}${k === undefined ? "" : ` in ${w.slot(k)}`}: at least ${row.min} resident(s)${row.hard === true ? "" : " (soft)"}`,
  );

/** A service row's per-slot rows: ≥ min − what is already fixed there. */
function serviceFamily(h: RowHost, unit: string, index: number, row: ServiceRow): SlotFamily {
  const ctx = h.ctx;
  const [k0, k1] = serviceSpan(ctx, row);
  const use = { kind: "service", unit, dept: row.dept } as const;
  return {
    key: key("service", unit, index),
    make: (k): RowSpec | undefined =>
      k < k0 || k >= k1
        ? undefined
        : {
          lb: row.min - h.fixed.ledger.at(use, k),
          ub: Infinity,
          meta: {
            kind: "service", code: "R-SERVICE", ids: [unit, row.dept, `service[${index}]`], soft: row.hard !== true,
            describe: (lang) => rowWords(wordsOf(ctx, lang), unit, row, k),
          },
        },
  };
}

/** The service families of a unit's department. */
function familiesAt(h: RowHost, unit: string, dept: string): SlotFamily[] {
  return (h.ctx.units.get(unit)?.service ?? []).flatMap((row, i) => (row.dept === dept ? [serviceFamily(h, unit, i, row)] : []));
}

export const serviceRule: Rule = {
  code: "R-SERVICE",
  repairable: true,
  check(j: Judgement) {
    const { ctx, ledger, w } = j;
    const out: Violation[] = [];
    for (const s of serviceStatus(ctx, ledger)) {
      if (!s.hard) continue;
      const short = s.slots.filter((x) => x.present < x.min);
      if (short.length)
        out.push({
          code: "R-SERVICE", ids: [s.unit, s.dept, `service[${s.index}]`],
          message: w.say(
            `${rowWords(w, s.unit, s.row)}：${short.map((x) => `${w.slot(x.slot)} 仅 ${x.present} 人`).join("、")}`,
            `${rowWords(w, s.unit, s.row)}: ${short.map((x) => `${x.present} in ${w.slot(x.slot)}`).join(", ")}`,
          ),
        });
    }
    return out;
  },
  shortfalls({ ctx, ledger }): ServiceShortfall[] {
    return serviceStatus(ctx, ledger)
      .filter((s) => !s.hard && s.got < s.needed)
      .map((s) => ({ rule: "service", unit: s.unit, dept: s.dept, index: s.index, needed: s.needed, got: s.got }));
  },
  rows: {
    // Every service row exists before any column (soft ones get their slack then).
    instanceBounds(h) {
      for (const u of h.ctx.instance.units)
        (u.service ?? []).forEach((row, i) => {
          const fam = serviceFamily(h, u.id, i, row);
          const [k0, k1] = serviceSpan(h.ctx, row);
          for (let k = k0; k < k1; k++) h.slotRow(fam, k, fam.make(k));
        });
    },
    slot: { service: (h, r) => familiesAt(h, r.unit, r.dept) },
  },
};
