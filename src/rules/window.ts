/** R-WINDOW: `[start, end)` lies inside the calendar, the programme window and the trainee's availability, on slot boundaries. */
import type { Violation } from "../model/types.js";
import { type Check, resolved } from "./types.js";

export const checkWindow: Check = (ctx, plan) =>
  resolved(ctx, plan).flatMap(({ t, p, prog }) => {
    const out: Violation[] = [];
    const fail = (message: string) => out.push({ code: "R-WINDOW", ids: [t.id], message: `trainee "${t.id}": ${message}` });
    const cal = ctx.instance.calendar;
    if (ctx.slots.boundaryIndex(p.start) === undefined) fail(`start ${p.start} is not a slot boundary of the calendar`);
    if (ctx.slots.boundaryIndex(p.end) === undefined) fail(`end ${p.end} is not a slot boundary of the calendar`);
    if (p.start < cal.start || p.end > cal.end) fail(`[${p.start}, ${p.end}) is outside the calendar [${cal.start}, ${cal.end})`);
    if (prog.window?.from && p.start < prog.window.from) fail(`starts ${p.start}, before the programme window opens ${prog.window.from}`);
    if (prog.window?.to && p.end > prog.window.to) fail(`ends ${p.end}, after the programme window closes ${prog.window.to}`);
    if (t.available?.from && p.start < t.available.from) fail(`starts ${p.start}, before the trainee is available (${t.available.from})`);
    if (t.available?.to && p.end > t.available.to) fail(`ends ${p.end}, after the trainee's availability ends (${t.available.to})`);
    return out;
  });
