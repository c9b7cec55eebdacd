/** R-ROTATION (SPEC §9): rotations present exactly when the programme asks; count, contiguity, distinct departments, lengths, main department, required rows. */
import { addDuration } from "../calendar/index.js";
import type { Duration, Violation } from "../model/types.js";
import { type Check, resolved } from "./types.js";

/** Whether `[start, end)` has a length within `min`/`max`. */
export function lengthWithin(start: string, end: string, min?: Duration, max?: Duration): boolean {
  if (min && end < addDuration(start, min)) return false;
  if (max && end > addDuration(start, max)) return false;
  return true;
}

export const checkRotation: Check = (ctx, plan) => {
  const out: Violation[] = [];
  for (const { t, p, prog, unit } of resolved(ctx, plan)) {
    const fail = (message: string) => out.push({ code: "R-ROTATION", ids: [t.id], message: `trainee "${t.id}": ${message}` });
    const rots = p.rotations ?? [];
    const rules = prog.rotations;
    if (!rules) {
      if (p.rotations !== undefined) fail(`programme "${prog.id}" has no rotations, but the placement lists ${rots.length}`);
      continue;
    }
    if (rots.length === 0) {
      fail(`programme "${prog.id}" asks for ${rules.count.min}–${rules.count.max} rotations; the placement has none`);
      continue;
    }
    const depts = rots.map((r) => r.dept);
    const distinct = new Set(depts);
    if (distinct.size !== depts.length) fail(`a department appears in more than one rotation (${depts.join(", ")})`);
    if (distinct.size < rules.count.min || distinct.size > rules.count.max)
      fail(`${distinct.size} rotation departments, allowed ${rules.count.min}–${rules.count.max}`);
    if (!distinct.has(p.dept)) fail(`main department "${p.dept}" is not among the rotations`);
    if (rots[0].start !== p.start) fail(`first rotation starts ${rots[0].start}, the placement ${p.start}`);
    if (rots[rots.length - 1].end !== p.end) fail(`last rotation ends ${rots[rots.length - 1].end}, the placement ${p.end}`);
    const required = (rules.required ?? []).filter((r) => ctx.matches(r.when, t));
    rots.forEach((r, i) => {
      if (i > 0 && r.start !== rots[i - 1].end) fail(`rotation ${i} starts ${r.start}, not where rotation ${i - 1} ends (${rots[i - 1].end})`);
      if (r.end <= r.start) fail(`rotation ${i} ends ${r.end}, not after its start ${r.start}`);
      if (ctx.slots.boundaryIndex(r.start) === undefined || ctx.slots.boundaryIndex(r.end) === undefined)
        fail(`rotation ${i} [${r.start}, ${r.end}) is not on slot boundaries`);
      if (unit && !(unit.receive ?? []).some((x) => x.dept === r.dept)) fail(`rotation ${i}: "${unit.id}" receives no department "${r.dept}"`);
      const req = required.find((q) => q.dept === r.dept);
      if (req) {
        if (!lengthWithin(r.start, r.end, req.min, req.max)) fail(`rotation ${i} in required ${r.dept} [${r.start}, ${r.end}) is outside its length bounds`);
      } else if (!lengthWithin(r.start, r.end, rules.each?.min, rules.each?.max)) {
        fail(`rotation ${i} in ${r.dept} [${r.start}, ${r.end}) is outside the length bounds of every rotation`);
      }
    });
    for (const req of required)
      if (!distinct.has(req.dept)) fail(`needs a rotation in ${req.dept}`);
  }
  return out;
};
