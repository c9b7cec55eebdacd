/** R-DURATION: `add(start, min) ≤ end ≤ add(start, max)`, one continuous block. */
import { durationBounds } from "./context.js";
import { type Check, resolved } from "./types.js";

export const checkDuration: Check = (ctx, plan) =>
  resolved(ctx, plan).flatMap(({ t, p, prog }) => {
    const fail = (message: string) => [{ code: "R-DURATION", ids: [t.id], message: `trainee "${t.id}": ${message}` }];
    if (p.end <= p.start) return fail(`end ${p.end} is not after start ${p.start}`);
    const { minEnd, maxEnd } = durationBounds(prog, p.start);
    if (minEnd && p.end < minEnd) return fail(`[${p.start}, ${p.end}) is shorter than the minimum (end ≥ ${minEnd})`);
    if (maxEnd && p.end > maxEnd) return fail(`[${p.start}, ${p.end}) is longer than the maximum (end ≤ ${maxEnd})`);
    return [];
  });
