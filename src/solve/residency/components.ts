/**
 * Independent problems (SPEC §10): training bases that share no unit a
 * resident may rotate at — no collaborating unit, no practice base — and
 * that no 进修 trainee connects share no row of the formulation (capacity,
 * mentors and service are per unit, managers per base). Each such set of
 * units with its trainees is a sub-instance, solved on its own; the plans
 * are merged. 进修 trainees are kept together in one part with every unit
 * they may go to (their quotas, coverage and budgets are programme-wide).
 */
import type { Instance, Trainee } from "../../model/types.js";
import type { Context } from "../../rules/context.js";
import { isResident, residentOf, sitesOf } from "../../rules/residents.js";
import { supportersOf } from "../../rules/support.js";

/** The parts of an instance: each a set of unit ids and the trainees whose rows live there (only parts with trainees). */
export function independentParts(ctx: Context): { units: Set<string>; trainees: Trainee[] }[] {
  const inst = ctx.instance;
  const parent = new Map<string, string>();
  const find = (u: string): string => {
    let r = u;
    while (parent.get(r) !== undefined && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(u, r);
    return r;
  };
  const union = (a: string, b: string) => {
    const ra = find(a), rb = find(b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  for (const u of inst.units) parent.set(u.id, u.id);
  const anchor = new Map<string, string>();
  let jinxiu: string | undefined;
  const sites = new Map<string, string[]>();
  for (const t of inst.trainees) {
    if (!ctx.units.has(t.unit)) continue;
    if (isResident(ctx, t)) {
      const info = residentOf(ctx, t);
      if (!info) continue;
      const k = `${t.unit}\u0000${info.prog.id}\u0000${info.curriculum.id}`;
      let list = sites.get(k);
      if (!list) sites.set(k, (list = [...new Set(info.curriculum.requirements.flatMap((r) => sitesOf(ctx, t.unit, r).map((s) => s.unit)))]));
      for (const u of list) union(t.unit, u);
      for (const f of t.fixed ?? []) if (ctx.units.has(f.unit)) union(t.unit, f.unit);
    } else {
      // 进修 trainees: one part with their home units, every unit that may receive them and their supporters.
      jinxiu ??= t.unit;
      union(jinxiu, t.unit);
      for (const u of inst.units) if (u.receive?.length && ctx.mayReceive(t, u)) union(t.unit, u.id);
      for (const d of ctx.instance.units.find((u) => u.id === t.unit)?.departments ?? []) for (const s of supportersOf(ctx, t.unit, d.dept)) union(t.unit, s.id);
    }
    anchor.set(t.id, t.unit);
  }
  for (const p of inst.pinned ?? []) if (ctx.units.has(p.unit) && jinxiu) union(jinxiu, p.unit);
  const parts = new Map<string, { units: Set<string>; trainees: Trainee[] }>();
  for (const u of inst.units) {
    const r = find(u.id);
    let part = parts.get(r);
    if (!part) parts.set(r, (part = { units: new Set(), trainees: [] }));
    part.units.add(u.id);
  }
  for (const t of inst.trainees) {
    const a = anchor.get(t.id);
    if (a) parts.get(find(a))!.trainees.push(t);
  }
  return [...parts.values()].filter((p) => p.trainees.length > 0);
}

/** The sub-instance of one part: its units, the relations among them, its trainees and the programmes they belong to. */
export function partInstance(inst: Instance, part: { units: Set<string>; trainees: Trainee[] }): Instance {
  const ids = new Set(part.trainees.map((t) => t.id));
  const progs = new Set(part.trainees.map((t) => t.programme));
  const baseline = inst.baseline
    ? {
      ...(inst.baseline.placements ? { placements: inst.baseline.placements.filter((p) => ids.has(p.trainee)) } : {}),
      ...(inst.baseline.residencies ? { residencies: inst.baseline.residencies.filter((p) => ids.has(p.trainee)) } : {}),
    }
    : undefined;
  return {
    ...inst,
    units: inst.units.filter((u) => part.units.has(u.id)),
    relations: (inst.relations ?? []).filter((r) => part.units.has(r.from) && part.units.has(r.to)),
    teams: (inst.teams ?? []).filter((t) => part.units.has(t.unit)),
    programmes: inst.programmes.filter((p) => progs.has(p.id)),
    trainees: part.trainees,
    pinned: (inst.pinned ?? []).filter((p) => ids.has(p.trainee)),
    ...(baseline ? { baseline } : {}),
  };
}
