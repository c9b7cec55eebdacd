/** R-SUPPORT: support comes from a unit's pool for that department, along an alliance or pairing relation, within `perSlot`. */
import type { Violation } from "../model/types.js";
import type { Check } from "./types.js";
import { SlotUsage, key, unkey } from "./usage.js";

export const checkSupport: Check = (ctx, plan) => {
  const out: Violation[] = [];
  const sent = new SlotUsage(ctx);
  (plan.support ?? []).forEach((s, i) => {
    const fail = (message: string) => out.push({ code: "R-SUPPORT", ids: [s.from, s.to, s.dept], message: `support[${i}]: ${message}` });
    const from = ctx.units.get(s.from);
    if (!from) fail(`unknown sending unit "${s.from}"`);
    else if (!(from.support ?? []).some((x) => x.dept === s.dept)) fail(`"${s.from}" has no support pool for ${s.dept}`);
    if (!ctx.units.has(s.to)) fail(`unknown supported unit "${s.to}"`);
    else if (!ctx.net.hasRelation(s.from, s.to, ["alliance", "pairing"])) fail(`no alliance or pairing relation runs from "${s.from}" to "${s.to}"`);
    const a = ctx.slots.boundaryIndex(s.start), b = ctx.slots.boundaryIndex(s.end);
    if (a === undefined || b === undefined) fail(`[${s.start}, ${s.end}) is not on slot boundaries of the calendar`);
    else if (b <= a) fail(`end ${s.end} is not after start ${s.start}`);
    if (!Number.isInteger(s.count) || s.count < 1) fail(`count must be a positive whole number, got ${s.count}`);
    sent.add(key(s.from, s.dept), s.start, s.end, s.count, s.to);
  });
  for (const k of sent.keys()) {
    const [from, dept] = unkey(k);
    const perSlot = ctx.units.get(from)?.support?.find((x) => x.dept === dept)?.perSlot;
    if (perSlot === undefined) continue;
    for (let s = 0; s < ctx.slots.count; s++)
      if (sent.get(k, s) > perSlot)
        out.push({ code: "R-SUPPORT", ids: [from, dept, ...sent.ids(k, s)], message: `"${from}" sends ${sent.get(k, s)} ${dept} specialists in ${ctx.slots.label(s)}, pool ${perSlot}` });
  }
  return out;
};
