/**
 * Cross-reference checks of a structurally valid instance: duplicate and
 * dangling ids, calendar alignment, overlaps, cycles, impossible bounds.
 * Each check pushes `{ path, message }`; nothing throws here.
 */
import { MAX_SLOTS, addDuration, isAligned, slotCount } from "../calendar/index.js";
import type { Issue } from "./errors.js";
import type { Curriculum, Duration, Instance, Placement, Programme, Trainee, Unit, Where } from "./types.js";
import { TITLES } from "./types.js";

export function crossCheckInstance(inst: Instance): Issue[] {
  const issues: Issue[] = [];
  const push = (path: string, message: string) => issues.push({ path, message });
  const cal = inst.calendar;

  if (!isAligned(cal.start, cal.granularity))
    push("calendar.start", `must be ${cal.granularity === "month" ? "the 1st of a month" : "a Monday"}, got "${cal.start}"`);
  if (!isAligned(cal.end, cal.granularity))
    push("calendar.end", `must be ${cal.granularity === "month" ? "the 1st of a month" : "a Monday"}, got "${cal.end}"`);
  if (cal.end <= cal.start) push("calendar.end", `must be after calendar.start (${cal.start}), got "${cal.end}"`);
  else {
    const slots = slotCount(cal);
    if (slots > MAX_SLOTS) push("calendar.end", `the calendar has ${slots} ${cal.granularity} slots; at most ${MAX_SLOTS} are supported`);
  }

  const ids = (list: readonly { id: string }[] | undefined, path: string) => {
    const seen = new Map<string, number>();
    (list ?? []).forEach((x, i) => {
      const first = seen.get(x.id);
      if (first !== undefined) push(`${path}[${i}].id`, `duplicate id "${x.id}" (also ${path}[${first}])`);
      else seen.set(x.id, i);
    });
    return seen;
  };
  const regions = ids(inst.regions, "regions");
  const units = ids(inst.units, "units");
  const trainees = ids(inst.trainees, "trainees");
  const programmes = ids(inst.programmes, "programmes");
  ids(inst.teams, "teams");
  const unitById = new Map(inst.units.map((u) => [u.id, u]));

  const refUnit = (id: string, path: string) => {
    if (!units.has(id)) push(path, `unknown unit "${id}"`);
  };

  // Regions: parents exist, no cycles.
  const regionList = inst.regions ?? [];
  regionList.forEach((r, i) => {
    if (r.parent === undefined) return;
    if (r.parent === r.id) push(`regions[${i}].parent`, `a region cannot be its own parent ("${r.id}")`);
    else if (!regions.has(r.parent)) push(`regions[${i}].parent`, `unknown region "${r.parent}"`);
  });
  const parentOf = new Map(regionList.map((r) => [r.id, r.parent]));
  const reported = new Set<string>();
  regionList.forEach((r, i) => {
    const seen = new Set<string>([r.id]);
    let cur = parentOf.get(r.id);
    while (cur !== undefined && cur !== r.id && regions.has(cur)) {
      if (seen.has(cur)) break;
      seen.add(cur);
      cur = parentOf.get(cur);
    }
    if (cur === r.id && r.parent !== r.id) {
      const key = [...seen].sort().join(",");
      if (!reported.has(key)) {
        reported.add(key);
        push(`regions[${i}].parent`, `region parents form a cycle through ${[...seen].map((s) => `"${s}"`).join(", ")}`);
      }
    }
  });

  // Units.
  const mentorSeen = new Map<string, string>();
  inst.units.forEach((u, i) => {
    const p = `units[${i}]`;
    if (u.region !== undefined && !regions.has(u.region)) push(`${p}.region`, `unknown region "${u.region}"`);
    const depts = new Map<string, number>();
    (u.departments ?? []).forEach((d, j) => {
      if (depts.has(d.dept)) push(`${p}.departments[${j}].dept`, `duplicate department "${d.dept}" (also departments[${depts.get(d.dept)}])`);
      depts.set(d.dept, j);
      if (d.minOnDuty > d.staff) push(`${p}.departments[${j}].minOnDuty`, `must be ≤ staff (${d.staff}), got ${d.minOnDuty}`);
    });
    const rows = u.receive ?? [];
    rows.forEach((r, j) => {
      if (r.from !== undefined && r.to !== undefined && r.to <= r.from)
        push(`${p}.receive[${j}].to`, `must be after from (${r.from}), got "${r.to}"`);
      for (let k = 0; k < j; k++) {
        const o = rows[k];
        if (o.dept !== r.dept) continue;
        const aFrom = r.from ?? "0000-01-01", aTo = r.to ?? "9999-12-31";
        const bFrom = o.from ?? "0000-01-01", bTo = o.to ?? "9999-12-31";
        if (aFrom < bTo && bFrom < aTo) push(`${p}.receive[${j}]`, `overlaps receive[${k}] for department "${r.dept}"`);
      }
    });
    const sup = new Map<string, number>();
    (u.support ?? []).forEach((s, j) => {
      if (sup.has(s.dept)) push(`${p}.support[${j}].dept`, `duplicate support row for department "${s.dept}" (also support[${sup.get(s.dept)}])`);
      sup.set(s.dept, j);
    });
    (u.mentors ?? []).forEach((m, j) => {
      const prev = mentorSeen.get(m.id);
      if (prev !== undefined) push(`${p}.mentors[${j}].id`, `duplicate mentor id "${m.id}" (also ${prev}); mentor ids are unique across the instance`);
      else mentorSeen.set(m.id, `${p}.mentors[${j}]`);
    });
  });
  const mentorUnit = new Map<string, string>();
  for (const u of inst.units) for (const m of u.mentors ?? []) if (!mentorUnit.has(m.id)) mentorUnit.set(m.id, u.id);

  (inst.relations ?? []).forEach((r, i) => {
    refUnit(r.from, `relations[${i}].from`);
    refUnit(r.to, `relations[${i}].to`);
    if (r.from === r.to) push(`relations[${i}]`, `a unit cannot be related to itself ("${r.from}")`);
  });

  (inst.teams ?? []).forEach((t, i) => {
    refUnit(t.unit, `teams[${i}].unit`);
    if (t.minOnDuty > t.size) push(`teams[${i}].minOnDuty`, `must be ≤ size (${t.size}), got ${t.minOnDuty}`);
    t.members.forEach((m, j) => {
      if (!trainees.has(m)) push(`teams[${i}].members[${j}]`, `unknown trainee "${m}"`);
    });
    if (new Set(t.members).size !== t.members.length) push(`teams[${i}].members`, "lists a trainee twice");
    if (t.members.length > t.size) push(`teams[${i}].members`, `has ${t.members.length} members but size ${t.size}`);
  });

  const checkWhere = (w: Where | undefined, path: string) => {
    if (!w) return;
    w.homeUnit?.forEach((u, j) => refUnit(u, `${path}.homeUnit[${j}]`));
    w.receivingUnit?.forEach((u, j) => refUnit(u, `${path}.receivingUnit[${j}]`));
    w.homeRegion?.forEach((r, j) => {
      if (!regions.has(r)) push(`${path}.homeRegion[${j}]`, `unknown region "${r}"`);
    });
  };
  const durationOrder = (min: Duration | undefined, max: Duration | undefined, path: string) => {
    if (min && max && addDuration(cal.start, min) > addDuration(cal.start, max))
      push(path, `min ${JSON.stringify(min)} is longer than max ${JSON.stringify(max)}`);
  };

  inst.programmes.forEach((pr: Programme, i) => {
    const p = `programmes[${i}]`;
    durationOrder(pr.duration?.min, pr.duration?.max, `${p}.duration`);
    if (pr.window?.from && pr.window?.to && pr.window.to <= pr.window.from)
      push(`${p}.window.to`, `must be after window.from (${pr.window.from}), got "${pr.window.to}"`);
    pr.priority?.forEach((r, j) => checkWhere(r.where, `${p}.priority[${j}].where`));
    pr.quotas?.forEach((q, j) => {
      checkWhere(q.where, `${p}.quotas[${j}].where`);
      if (q.min === undefined && q.max === undefined && q.maxShare === undefined)
        push(`${p}.quotas[${j}]`, "needs at least one of min, max, maxShare");
      if (q.min !== undefined && q.max !== undefined && q.min > q.max) push(`${p}.quotas[${j}].min`, `must be ≤ max (${q.max}), got ${q.min}`);
    });
    pr.budget?.costs?.forEach((c, j) => checkWhere(c.where, `${p}.budget.costs[${j}].where`));
    const rot = pr.rotations;
    if (rot) {
      if (rot.count.min > rot.count.max) push(`${p}.rotations.count.min`, `must be ≤ count.max (${rot.count.max}), got ${rot.count.min}`);
      durationOrder(rot.each?.min, rot.each?.max, `${p}.rotations.each`);
      rot.required?.forEach((r, j) => {
        durationOrder(r.min, r.max, `${p}.rotations.required[${j}]`);
        checkWhere(r.when, `${p}.rotations.required[${j}].when`);
      });
    }
  });

  inst.trainees.forEach((t, i) => {
    const p = `trainees[${i}]`;
    refUnit(t.unit, `${p}.unit`);
    if (!programmes.has(t.programme)) push(`${p}.programme`, `unknown programme "${t.programme}"`);
    t.wants?.units?.forEach((u, j) => refUnit(u, `${p}.wants.units[${j}]`));
    if (t.available?.from && t.available?.to && t.available.to <= t.available.from)
      push(`${p}.available.to`, `must be after available.from (${t.available.from}), got "${t.available.to}"`);
  });

  const traineeById = new Map(inst.trainees.map((t) => [t.id, t]));
  const progById = new Map(inst.programmes.map((p) => [p.id, p]));
  const pinnedSeen = new Map<string, number>();
  (inst.pinned ?? []).forEach((pl: Placement, i) => {
    const p = `pinned[${i}]`;
    const t = traineeById.get(pl.trainee);
    if (!t) push(`${p}.trainee`, `unknown trainee "${pl.trainee}"`);
    const prev = pinnedSeen.get(pl.trainee);
    if (prev !== undefined) push(`${p}.trainee`, `trainee "${pl.trainee}" is pinned twice (also pinned[${prev}])`);
    pinnedSeen.set(pl.trainee, i);
    const u = unitById.get(pl.unit);
    if (!u) push(`${p}.unit`, `unknown unit "${pl.unit}"`);
    else if (!(u.receive ?? []).some((r) => r.dept === pl.dept)) push(`${p}.dept`, `unit "${pl.unit}" receives no department "${pl.dept}"`);
    if (pl.end <= pl.start) push(`${p}.end`, `must be after start (${pl.start}), got "${pl.end}"`);
    const checkMentor = (m: string | undefined, path: string) => {
      if (m !== undefined && !mentorUnit.has(m)) push(path, `unknown mentor "${m}"`);
    };
    checkMentor(pl.mentor, `${p}.mentor`);
    pl.rotations?.forEach((r, j) => {
      checkMentor(r.mentor, `${p}.rotations[${j}].mentor`);
      if (u && !(u.receive ?? []).some((x) => x.dept === r.dept)) push(`${p}.rotations[${j}].dept`, `unit "${pl.unit}" receives no department "${r.dept}"`);
    });
    const prog = t ? progById.get(t.programme) : undefined;
    if (prog?.mentor) {
      if (prog.rotations) {
        (pl.rotations ?? []).forEach((r, j) => {
          if (r.mentor === undefined) push(`${p}.rotations[${j}].mentor`, `programme "${prog.id}" has a mentor rule, so a pinned rotation must name its mentor`);
        });
      } else if (pl.mentor === undefined) {
        push(`${p}.mentor`, `programme "${prog.id}" has a mentor rule, so a pinned placement must name its mentor`);
      }
    }
  });

  checkResidency(inst, push, { units: unitById, trainees: traineeById, programmes: progById, mentorUnit });

  // SPEC §11.1: baseline entries name known trainees, units and departments (they need not be valid any more).
  const baselineSeen = new Map<string, string>();
  const checkEntry = (path: string, trainee: string, unit: string, depts: readonly { dept: string; path: string }[], spans: readonly { start: string; end: string; path: string }[]) => {
    if (!traineeById.has(trainee)) push(`${path}.trainee`, `unknown trainee "${trainee}"`);
    const prev = baselineSeen.get(trainee);
    if (prev !== undefined) push(`${path}.trainee`, `trainee "${trainee}" is in the baseline twice (also ${prev})`);
    baselineSeen.set(trainee, path);
    const u = unitById.get(unit);
    if (!u) push(`${path}.unit`, `unknown unit "${unit}"`);
    else for (const d of depts) if (!(u.receive ?? []).some((r) => r.dept === d.dept)) push(d.path, `unit "${unit}" receives no department "${d.dept}"`);
    for (const s of spans) if (s.end <= s.start) push(`${s.path}.end`, `must be after start (${s.start}), got "${s.end}"`);
  };
  (inst.baseline?.placements ?? []).forEach((pl, i) => {
    const p = `baseline.placements[${i}]`;
    checkEntry(p, pl.trainee, pl.unit, [{ dept: pl.dept, path: `${p}.dept` }, ...(pl.rotations ?? []).map((r, j) => ({ dept: r.dept, path: `${p}.rotations[${j}].dept` }))],
      [{ start: pl.start, end: pl.end, path: p }, ...(pl.rotations ?? []).map((r, j) => ({ start: r.start, end: r.end, path: `${p}.rotations[${j}]` }))]);
  });
  (inst.baseline?.residencies ?? []).forEach((res, i) => {
    const p = `baseline.residencies[${i}]`;
    if (!traineeById.has(res.trainee)) push(`${p}.trainee`, `unknown trainee "${res.trainee}"`);
    const prev = baselineSeen.get(res.trainee);
    if (prev !== undefined) push(`${p}.trainee`, `trainee "${res.trainee}" is in the baseline twice (also ${prev})`);
    baselineSeen.set(res.trainee, p);
    res.rotations.forEach((r, j) => {
      const u = unitById.get(r.unit);
      if (!u) push(`${p}.rotations[${j}].unit`, `unknown unit "${r.unit}"`);
      else if (!(u.receive ?? []).some((x) => x.dept === r.dept)) push(`${p}.rotations[${j}].dept`, `unit "${r.unit}" receives no department "${r.dept}"`);
      if (r.end <= r.start) push(`${p}.rotations[${j}].end`, `must be after start (${r.start}), got "${r.end}"`);
    });
  });

  return issues;
}

/** Keys a residency programme may not have (SPEC §10 field notes). */
const NOT_ON_RESIDENCY = ["receiving", "duration", "rotations", "quotas", "coverage", "budget"] as const;

const isFirstOfMonth = (d: string) => d.endsWith("-01");

/**
 * SPEC §10 instance errors: a month calendar, the keys a residency programme may
 * have, curricula (unique ids, min ≤ max, phase, `after` known and acyclic),
 * residents (curriculum, training period, completed, fixed rotations) and the
 * resident-only keys elsewhere (RESIDENCY-KEY).
 */
function checkResidency(
  inst: Instance,
  push: (path: string, message: string) => void,
  known: {
    units: ReadonlyMap<string, Unit>; trainees: ReadonlyMap<string, Trainee>;
    programmes: ReadonlyMap<string, Programme>; mentorUnit: ReadonlyMap<string, string>;
  },
): void {
  inst.units.forEach((u, i) => {
    (u.service ?? []).forEach((r, j) => {
      if (r.from !== undefined && r.to !== undefined && r.to <= r.from) push(`units[${i}].service[${j}].to`, `must be after from (${r.from}), got "${r.to}"`);
    });
  });
  const curricula = new Map<string, Map<string, Curriculum>>();
  inst.programmes.forEach((pr, i) => {
    const res = pr.residency;
    if (!res) return;
    const p = `programmes[${i}]`;
    if (inst.calendar.granularity !== "month") push(`${p}.residency`, `a residency programme needs a month calendar, got "${inst.calendar.granularity}"`);
    for (const k of NOT_ON_RESIDENCY) if (pr[k] !== undefined) push(`${p}.${k}`, `is not allowed on a residency programme (it has "residency")`);
    const byId = new Map<string, Curriculum>();
    res.curricula.forEach((c, j) => {
      const cp = `${p}.residency.curricula[${j}]`;
      if (byId.has(c.id)) push(`${cp}.id`, `duplicate curriculum id "${c.id}"`);
      else byId.set(c.id, c);
      const reqs = new Map<string, number>();
      c.requirements.forEach((r, k) => {
        const rp = `${cp}.requirements[${k}]`;
        if (reqs.has(r.id)) push(`${rp}.id`, `duplicate requirement id "${r.id}" (also requirements[${reqs.get(r.id)}])`);
        else reqs.set(r.id, k);
        if (r.min > r.max) push(`${rp}.min`, `must be ≤ max (${r.max}), got ${r.min}`);
        if (r.phase?.from !== undefined && r.phase.to !== undefined && r.phase.to <= r.phase.from)
          push(`${rp}.phase.to`, `must be greater than phase.from (${r.phase.from}), got ${r.phase.to}`);
      });
      c.requirements.forEach((r, k) => {
        (r.after ?? []).forEach((a, l) => {
          if (!reqs.has(a)) push(`${cp}.requirements[${k}].after[${l}]`, `unknown requirement "${a}" of curriculum "${c.id}"`);
        });
      });
      // A cycle in `after` (a requirement after itself included) is an instance error.
      const after = new Map(c.requirements.map((r) => [r.id, (r.after ?? []).filter((a) => reqs.has(a))]));
      const state = new Map<string, 1 | 2>();
      const reported = new Set<string>();
      const visit = (id: string, path: string[]): void => {
        state.set(id, 1);
        for (const a of after.get(id) ?? []) {
          if (state.get(a) === 1) {
            const cycle = [...path.slice(path.indexOf(a)), a];
            const key = [...new Set(cycle)].sort().join("\u0000");
            if (!reported.has(key)) {
              reported.add(key);
              push(`${cp}.requirements[${reqs.get(cycle[0])}].after`, `requirements' "after" form a cycle: ${cycle.map((x) => `"${x}"`).join(" → ")}`);
            }
          } else if (state.get(a) === undefined) visit(a, [...path, a]);
        }
        state.set(id, 2);
      };
      for (const r of c.requirements) if (state.get(r.id) === undefined) visit(r.id, [r.id]);
    });
    curricula.set(pr.id, byId);
  });

  inst.trainees.forEach((t, i) => {
    const p = `trainees[${i}]`;
    const prog = known.programmes.get(t.programme);
    if (!prog) return;
    if (!prog.residency) {
      for (const k of ["curriculum", "completed", "fixed"] as const)
        if (t[k] !== undefined) push(`${p}.${k}`, `RESIDENCY-KEY: only a resident (a trainee of a programme with "residency") has "${k}"; programme "${prog.id}" has none`);
      return;
    }
    // SPEC §10 reading 10: the training period needs both ends, each the 1st of a month.
    if (t.available === undefined) push(`${p}.available`, "is required for a resident (its training period)");
    else {
      if (t.available.from === undefined) push(`${p}.available.from`, "RESIDENT-PERIOD: a resident's training period needs a start");
      else if (!isFirstOfMonth(t.available.from)) push(`${p}.available.from`, `RESIDENT-PERIOD: must be the 1st of a month, got "${t.available.from}"`);
      if (t.available.to === undefined) push(`${p}.available.to`, "RESIDENT-PERIOD: a resident's training period needs an end");
      else if (!isFirstOfMonth(t.available.to)) push(`${p}.available.to`, `RESIDENT-PERIOD: must be the 1st of a month, got "${t.available.to}"`);
    }
    if (t.curriculum === undefined) return void push(`${p}.curriculum`, `is required for a resident of programme "${prog.id}"`);
    const cur = curricula.get(prog.id)?.get(t.curriculum);
    if (!cur) return void push(`${p}.curriculum`, `unknown curriculum "${t.curriculum}" of programme "${prog.id}"`);
    const reqs = new Map(cur.requirements.map((r) => [r.id, r]));
    const completed = new Set<string>();
    (t.completed ?? []).forEach((c, j) => {
      if (!reqs.has(c)) push(`${p}.completed[${j}]`, `unknown requirement "${c}" of curriculum "${cur.id}"`);
      else if (completed.has(c)) push(`${p}.completed[${j}]`, `lists requirement "${c}" twice`);
      completed.add(c);
    });
    const fixed = t.fixed ?? [];
    fixed.forEach((f, j) => {
      const fp = `${p}.fixed[${j}]`;
      // A workbook may hand over a rotation whose date cell could not be read (reported there): judge the rest.
      if (typeof f.start !== "string" || typeof f.end !== "string") return;
      if (!isFirstOfMonth(f.start)) push(`${fp}.start`, `must be the 1st of a month, got "${f.start}"`);
      if (!isFirstOfMonth(f.end)) push(`${fp}.end`, `must be the 1st of a month, got "${f.end}"`);
      if (f.end <= f.start) push(`${fp}.end`, `must be after start (${f.start}), got "${f.end}"`);
      const req = reqs.get(f.requirement);
      if (!req) push(`${fp}.requirement`, `unknown requirement "${f.requirement}" of curriculum "${cur.id}"`);
      else if (completed.has(f.requirement)) push(`${fp}.requirement`, `requirement "${f.requirement}" is in completed; a completed requirement has no fixed rotation`);
      const u = known.units.get(f.unit);
      if (!u) push(`${fp}.unit`, `unknown unit "${f.unit}"`);
      else if (!(u.receive ?? []).some((r) => r.dept === f.dept)) push(`${fp}.dept`, `unit "${f.unit}" receives no department "${f.dept}"`);
      if (req && !req.depts.includes(f.dept)) push(`${fp}.dept`, `department "${f.dept}" does not serve requirement "${req.id}" (its depts: ${req.depts.map((d) => `"${d}"`).join(", ")})`);
      if (f.mentor !== undefined) {
        const mu = known.mentorUnit.get(f.mentor);
        if (mu === undefined) push(`${fp}.mentor`, `unknown mentor "${f.mentor}"`);
        else if (mu !== f.unit) push(`${fp}.mentor`, `mentor "${f.mentor}" is not of unit "${f.unit}"`);
      } else if (prog.mentor) push(`${fp}.mentor`, `PINNED-MENTOR: programme "${prog.id}" has a mentor rule, so a fixed rotation must name its mentor`);
      for (let k = 0; k < j; k++) {
        const o = fixed[k];
        if (typeof o.start !== "string" || typeof o.end !== "string") continue;
        if (f.start < o.end && o.start < f.end) push(`${fp}`, `overlaps fixed[${k}] (${o.start} – ${o.end})`);
      }
    });
  });
  (inst.pinned ?? []).forEach((pl, i) => {
    const t = known.trainees.get(pl.trainee);
    const prog = t && known.programmes.get(t.programme);
    if (prog?.residency) push(`pinned[${i}]`, `RESIDENCY-KEY: trainee "${pl.trainee}" is a resident; its agreed rotations go in its "fixed" list, not in pinned`);
  });
}

/** Rank of a title: none 0 … senior 4. */
export function titleRank(title: string | undefined): number {
  // SPEC §5: a mentor without a title ranks `none`.
  return (TITLES as readonly string[]).indexOf(title ?? "none");
}
