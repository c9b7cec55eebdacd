/**
 * Any id the spec allows works everywhere: renaming every id and department
 * code of an instance (units, regions, mentors, teams, programmes, trainees,
 * departments) to arbitrary strings — `|`, spaces, Chinese, `/`, `__proto__`,
 * `constructor`, `m|1` — changes nothing but the names: the solver finds a
 * plan of the same status and objective, every plan verifies, and the verifier
 * judges the renamed plan of the original exactly as it judged the original.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseInstance } from "../../src/model/parse.js";
import type { Instance, Plan } from "../../src/model/types.js";
import { solve } from "../../src/solve/index.js";
import { verifyPlan } from "../../src/verify.js";
import { arbTiny } from "../solve/arb.js";

const runs = (n: number) => Math.max(1, Math.round(n * Number(process.env.JINXIU_PROPERTY_SCALE ?? 1)));

/** Keys whose string values (or lists of strings) name an id or a department code. */
const ID_KEYS = new Set([
  "id", "region", "parent", "from", "to", "unit", "programme", "trainee", "mentor", "members", "homeUnit", "receivingUnit", "homeRegion",
  "units", "dept", "depts", "homeDept", "studyDept",
]);

/** Every id and department code of an instance. */
function namesOf(inst: Instance): string[] {
  const out = new Set<string>();
  for (const r of inst.regions ?? []) out.add(r.id);
  for (const u of inst.units) {
    out.add(u.id);
    for (const m of u.mentors ?? []) out.add(m.id);
    for (const x of [...(u.departments ?? []), ...(u.receive ?? []), ...(u.support ?? []), ...(u.mentors ?? [])]) out.add(x.dept);
  }
  for (const t of inst.teams ?? []) out.add(t.id);
  for (const p of inst.programmes) out.add(p.id);
  for (const t of inst.trainees) {
    out.add(t.id);
    out.add(t.dept);
    for (const d of t.wants?.depts ?? []) out.add(d);
  }
  return [...out];
}

/** A copy of `value` with every id-like string renamed by `map`. */
function renamed<T>(value: T, map: ReadonlyMap<string, string>): T {
  const walk = (v: unknown, idKey: boolean): unknown => {
    if (typeof v === "string") return idKey && map.has(v) ? map.get(v) : v;
    if (Array.isArray(v)) return v.map((x) => walk(x, idKey));
    if (v && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, { value: walk(x, ID_KEYS.has(k)), enumerable: true, writable: true, configurable: true });
      return out;
    }
    return v;
  };
  return walk(value, false) as T;
}

/** Id strings: the awkward ones first, then any printable string. */
const SPECIAL = ["|", "m|1", "a|b", " ", " 空 格 ", "中文", "东海县人民医院", "/", "a/b", "__proto__", "constructor", "toString", "hasOwnProperty", "0", "-1", "=1+1", "\\", '"', "👩‍⚕️"];
const arbName = fc.oneof(fc.constantFrom(...SPECIAL), fc.string({ unit: "grapheme", minLength: 1, maxLength: 6 }))
  .filter((s) => s.length > 0 && !/[\u0000-\u001f\u007f]/.test(s));

describe("ids: any id string the spec allows", () => {
  it("renaming every id and department changes no verdict, status or objective", async () => {
    await fc.assert(
      fc.asyncProperty(arbTiny(), fc.uniqueArray(arbName, { minLength: 64, maxLength: 64 }), async (inst, names) => {
        const old = namesOf(inst);
        fc.pre(old.length <= names.length);
        const map = new Map(old.map((n, i) => [n, names[i]]));
        const twin = parseInstance(JSON.parse(JSON.stringify(renamed(inst, map))));
        const a = await solve(inst, { timeLimitMs: 20_000 });
        const b = await solve(twin, { timeLimitMs: 20_000 });
        expect(b.status).toBe(a.status);
        expect(Math.abs(b.objective - a.objective)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(a.objective)));
        if (b.status !== "infeasible") expect(verifyPlan(twin, b).violations).toEqual([]);
        // The verifier is blind to names: the original plan, renamed, is judged the same.
        const va = verifyPlan(inst, a, { lang: "en" });
        const vt = verifyPlan(twin, renamed<Plan>(a, map), { lang: "en" });
        expect(vt.violations.map((v) => v.code)).toEqual(va.violations.map((v) => v.code));
        expect(vt.objective).toBeCloseTo(va.objective, 6);
      }),
      { numRuns: runs(40) },
    );
  });

  it("mentor ids with | and department codes like __proto__ solve (once an internal error)", async () => {
    // m|1 is free in July and September, m|2 in August only (pinned placements hold the rest): per-slot seat
    // counts (one a month) would allow a three-month placement no single mentor can take. The model must
    // choose mentors one by one here — which it failed to notice when "m|1|0" was split at "|".
    const month = (m: number) => `2024-${String(m).padStart(2, "0")}-01`;
    const pin = (trainee: string, m: number, mentor: string) => ({ trainee, unit: "a", dept: "__proto__", start: month(m), end: month(m + 1), mentor });
    const inst = parseInstance({
      version: 1,
      calendar: { start: "2024-07-01", end: "2024-10-01", granularity: "month" },
      regions: [{ id: "r|1", name: "东海县" }],
      units: [
        { id: "a|b", name: "乡镇卫生院", tier: "township", kind: "general", region: "r|1" },
        {
          id: "a", name: "县医院", tier: "county", kind: "general", region: "r|1",
          receive: [{ dept: "__proto__", capacity: 3 }],
          mentors: [{ id: "m|1", dept: "__proto__", title: "senior" }, { id: "m|2", dept: "__proto__", title: "senior" }],
        },
      ],
      programmes: [
        { id: "p/1", mentor: { minTitle: "associate-senior" }, duration: { min: { months: 3 }, max: { months: 3 } } },
        { id: "p/0", duration: { min: { months: 1 }, max: { months: 1 } } },
      ],
      trainees: [
        { id: "t|1", unit: "a|b", dept: "__proto__", programme: "p/1" },
        { id: "t|2", unit: "a|b", dept: "__proto__", programme: "p/0" },
        { id: "t|3", unit: "a|b", dept: "__proto__", programme: "p/0" },
        { id: "t|4", unit: "a|b", dept: "__proto__", programme: "p/0" },
      ],
      pinned: [pin("t|2", 8, "m|1"), pin("t|3", 7, "m|2"), pin("t|4", 9, "m|2")],
    });
    const plan = await solve(inst);
    expect(plan.status).toBe("optimal");
    expect(verifyPlan(inst, plan).violations).toEqual([]);
    // No mentor is free for the whole quarter: t|1 cannot be placed, and says why.
    expect(plan.unplaced.map((u) => [u.trainee, u.reasons[0].code])).toEqual([["t|1", "R-MENTOR"]]);
  });
});
