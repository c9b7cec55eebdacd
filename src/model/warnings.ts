/**
 * `instanceWarnings`: things in a valid instance that are allowed but most
 * likely not meant — each `{ path, message }` like an issue, never an error:
 * - a `from`/`to` of a programme window, a trainee's availability or a
 *   receive row inside the calendar but not on a slot boundary: a slot counts
 *   when its first day lies in `[from, to)`, so the date acts as the next
 *   boundary ("`to` 2025-08-31 … did you mean 2025-09-01?");
 * - a department code that no unit receives and that is not in the
 *   department vocabulary (`DEPT_LABELS`), where a trainee wants it (or, with
 *   no wants, has it as home department), a `where.studyDept` or a required
 *   rotation names it: most likely a typo, with the nearest known code
 *   suggested.
 */
import { slotsOf } from "../calendar/index.js";
import type { Issue } from "./errors.js";
import { DEPT_LABELS, hasLabel } from "./labels.js";
import { ensureValid } from "./parse.js";
import type { Instance, Where } from "./types.js";

/**
 * Warnings for a valid instance (throws an InstanceError, prefixed
 * `instanceWarnings:`, when it is not valid). Empty when nothing looks off.
 *
 * @example
 * for (const w of instanceWarnings(parseInstance(text))) console.warn(`${w.path}: ${w.message}`);
 */
export function instanceWarnings(instance: Instance): Issue[] {
  ensureValid(instance, "instanceWarnings");
  const out: Issue[] = [];
  const cal = instance.calendar;
  const slots = slotsOf(cal);
  const unit = cal.granularity === "month" ? "the 1st of a month" : "a Monday";

  const boundary = (date: string | undefined, path: string, which: "from" | "to") => {
    if (date === undefined || date <= cal.start || date >= cal.end || slots.boundaryIndex(date) !== undefined) return;
    const next = slots.boundaries[slots.firstFrom(date)];
    const slot = slots.label(slots.firstFrom(date) - 1);
    out.push({
      path,
      message:
        `${date} is not a slot boundary (${unit}); a slot counts when its first day lies in [from, to), so ` +
        (which === "to" ? `slot ${slot} is still in and this acts as ${next}` : `slot ${slot} is left out and this acts as ${next}`) +
        `; did you mean ${which === "to" ? next : `${slots.boundaries[slots.firstFrom(date) - 1]} or ${next}`}?`,
    });
  };
  instance.programmes.forEach((p, i) => {
    boundary(p.window?.from, `programmes[${i}].window.from`, "from");
    boundary(p.window?.to, `programmes[${i}].window.to`, "to");
  });
  instance.trainees.forEach((t, i) => {
    boundary(t.available?.from, `trainees[${i}].available.from`, "from");
    boundary(t.available?.to, `trainees[${i}].available.to`, "to");
  });
  // SPEC §11 reading 2: a baseline entry of the other kind is allowed, and always a change.
  const residentIds = new Set(instance.programmes.filter((p) => p.residency).map((p) => p.id));
  const isResident = new Map(instance.trainees.map((t) => [t.id, residentIds.has(t.programme)]));
  (instance.baseline?.placements ?? []).forEach((b, i) => {
    if (isResident.get(b.trainee) === true)
      out.push({ path: `baseline.placements[${i}]`, message: `BASELINE-KIND: trainee "${b.trainee}" is a resident; as a placement this baseline entry can only count as a change` });
  });
  (instance.baseline?.residencies ?? []).forEach((b, i) => {
    if (isResident.get(b.trainee) === false)
      out.push({ path: `baseline.residencies[${i}]`, message: `BASELINE-KIND: trainee "${b.trainee}" is a 进修 trainee; as a residency this baseline entry can only count as a change` });
  });
  instance.units.forEach((u, i) =>
    (u.receive ?? []).forEach((r, j) => {
      boundary(r.from, `units[${i}].receive[${j}].from`, "from");
      boundary(r.to, `units[${i}].receive[${j}].to`, "to");
    }),
  );

  // Department codes used as study departments that nothing receives and no vocabulary knows.
  const received = new Set<string>();
  for (const u of instance.units) for (const r of u.receive ?? []) received.add(r.dept);
  const known = [...new Set([...received, ...Object.keys(DEPT_LABELS)])];
  const dept = (code: string, path: string) => {
    if (received.has(code) || hasLabel(DEPT_LABELS, code)) return;
    const near = nearest(code, known);
    out.push({ path, message: `unknown department code "${code}": no unit receives it and it is not a known department${near ? `; did you mean "${near}"?` : ""}` });
  };
  instance.trainees.forEach((t, i) => {
    const wants = t.wants?.depts ?? [];
    if (wants.length === 0) dept(t.dept, `trainees[${i}].dept`);
    wants.forEach((d, j) => dept(d, `trainees[${i}].wants.depts[${j}]`));
  });
  const where = (w: Where | undefined, path: string) => w?.studyDept?.forEach((d, j) => dept(d, `${path}.studyDept[${j}]`));
  instance.programmes.forEach((p, i) => {
    p.quotas?.forEach((q, j) => where(q.where, `programmes[${i}].quotas[${j}].where`));
    p.budget?.costs?.forEach((c, j) => where(c.where, `programmes[${i}].budget.costs[${j}].where`));
    p.rotations?.required?.forEach((r, j) => dept(r.dept, `programmes[${i}].rotations.required[${j}].dept`));
  });
  return out;
}

/** The code closest to `code` by edit distance, when it is close (≤ 2 edits, or ≤ a third of its length). */
function nearest(code: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(code.length / 3)) + 1;
  for (const c of candidates) {
    if (Math.abs(c.length - code.length) >= bestD) continue;
    const d = editDistance(code.toLowerCase(), c.toLowerCase());
    if (d < bestD || (d === bestD && best !== undefined && c < best)) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}
