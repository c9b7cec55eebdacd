/**
 * An INDEPENDENT brute-force optimiser for tiny residency instances (SPEC §10; ≤ 3 residents,
 * ≤ 5 months, no mentor rule), the oracle of `residency-exhaustive.property.test.ts`. It shares
 * nothing with src/solve: per resident it enumerates every assignment of each month of the
 * calendar to "idle" or a (requirement, unit, received department) — every unit and every
 * department of the requirement the unit receives, whatever `sites` say — with the resident's
 * fixed rotations as agreed, and keeps the schedules `verifyPlan` accepts for that resident alone
 * under the per-resident rules (R-CURRICULUM, R-SITE, R-WINDOW, R-PINNED, R-ELIGIBLE). A
 * depth-first search then combines "unscheduled" or one of those schedules per resident,
 * dropping partial plans R-CAPACITY rejects (monotone in the set of schedules), and judges every
 * complete plan with the full `verifyPlan`, keeping the best §10 objective (`verifyPlan`'s).
 */
import type { Instance, Plan, ResidencyEntry, ResidencyRotation } from "../../src/model/types.js";
import { verifyPlan } from "../../src/verify.js";

const PER_RESIDENT = ["R-CURRICULUM", "R-SITE", "R-WINDOW", "R-PINNED", "R-ELIGIBLE"];

function plan(residencies: ResidencyEntry[], instance: Instance): Plan {
  const listed = new Set(residencies.map((r) => r.trainee));
  return {
    version: 1, status: "feasible", objective: 0, placements: [], residencies, support: [],
    unplaced: instance.trainees.filter((t) => !listed.has(t.id)).map((t) => ({ trainee: t.id, reasons: [{ code: "X", message: "x" }] })),
    shortfalls: [], conflicts: [],
  };
}

/** Every schedule of one resident that the per-resident rules accept. */
export function schedulesOf(instance: Instance, id: string, limit: number): ResidencyEntry[] | undefined {
  const t = instance.trainees.find((x) => x.id === id)!;
  const cur = instance.programmes.find((p) => p.id === t.programme)!.residency!.curricula.find((c) => c.id === t.curriculum)!;
  const cal: string[] = [];
  for (let d = instance.calendar.start; d <= instance.calendar.end; ) {
    cal.push(d);
    const [y, m] = d.split("-").map(Number);
    d = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
  }
  const M = cal.length - 1;
  const choices: (ResidencyRotation | null)[] = [null];
  for (const req of cur.requirements)
    for (const u of instance.units) for (const d of req.depts) if ((u.receive ?? []).some((r) => r.dept === d)) choices.push({ requirement: req.id, unit: u.id, dept: d, start: "", end: "" });
  const fixedAt = (m: number) => (t.fixed ?? []).findIndex((f) => f.start <= cal[m] && cal[m] < f.end);
  const out: ResidencyEntry[] = [];
  const month: (ResidencyRotation | number | null)[] = [];
  let count = 0;
  const go = (m: number): boolean => {
    if (m === M) {
      if (++count > limit) return false;
      const rotations: ResidencyRotation[] = [];
      let k = 0;
      while (k < M) {
        const here = month[k];
        let e = k + 1;
        while (e < M && month[e] === here) e++;
        if (typeof here === "number") rotations.push(t.fixed![here]);
        else if (here) rotations.push({ ...here, start: cal[k], end: cal[e] });
        k = e;
      }
      // A cheap sieve before the verifier: months per requirement inside [min, max], none for a completed one.
      const n = new Map<string, number>();
      for (const r of rotations) n.set(r.requirement, (n.get(r.requirement) ?? 0) + (cal.indexOf(r.end) - cal.indexOf(r.start)));
      for (const req of cur.requirements) {
        const k = n.get(req.id) ?? 0;
        if ((t.completed ?? []).includes(req.id) ? k > 0 : k < req.min || k > req.max) return true;
      }
      const entry = { trainee: id, rotations };
      const v = verifyPlan(instance, plan([entry], instance), { rules: PER_RESIDENT as never });
      if (!v.violations.some((x) => x.ids.includes(id))) out.push(entry);
      return true;
    }
    const f = fixedAt(m);
    for (const c of f >= 0 ? [f] : choices) {
      month[m] = c;
      if (!go(m + 1)) return false;
    }
    return true;
  };
  return go(0) ? out : undefined;
}

/** The best objective of a valid plan, or undefined when none exists; `tooBig` when the search would be too large. */
export function residencyExhaustive(instance: Instance, limit = 20_000): { objective?: number; tooBig?: boolean } {
  const ids = instance.trainees.map((t) => t.id);
  const options: (ResidencyEntry | null)[][] = [];
  let product = 1;
  for (const id of ids) {
    const s = schedulesOf(instance, id, limit);
    if (!s) return { tooBig: true };
    const t = instance.trainees.find((x) => x.id === id)!;
    options.push([...(t.fixed?.length ? [] : [null]), ...s]);
    product *= options[options.length - 1].length;
    if (product > limit) return { tooBig: true };
  }
  let best: number | undefined;
  const chosen: ResidencyEntry[] = [];
  const go = (i: number) => {
    if (i === ids.length) {
      // With a baseline the plan states its changes (SPEC §11.1): the verifier's count, then judged again.
      const first = plan([...chosen], instance);
      const counted = instance.baseline ? verifyPlan(instance, first).changes : undefined;
      const v = verifyPlan(instance, counted !== undefined ? { ...first, changes: counted } : first);
      if (v.valid && (best === undefined || v.objective > best)) best = v.objective;
      return;
    }
    for (const o of options[i]) {
      if (o) {
        chosen.push(o);
        const partial = verifyPlan(instance, plan([...chosen], instance), { rules: ["R-CAPACITY"] as never });
        if (partial.violations.length === 0) go(i + 1);
        chosen.pop();
      } else go(i + 1);
    }
  };
  go(0);
  return { objective: best };
}
