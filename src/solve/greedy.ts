/**
 * A fast greedy construction over the candidates (implicit or not): in a
 * re-plan the kept baseline entries first, then receiving pairs in order of value, each trainee group placed at the earliest span that
 * keeps every row within its limits, a staffing row that would break repaired
 * by support columns (上修下沉) with room in their pools; soft slacks then
 * cover what is short. It gives a valid plan in seconds on any size: the
 * engine's first incumbent, and the plan returned when time runs out.
 */
import { spanFits } from "./candidates.js";
import type { Entries, Formulation } from "./formulate.js";

export interface GreedyPlan {
  /** Placement candidates taken: group, candidate, count. */
  readonly takes: readonly (readonly [number, number, number])[];
  /** Values of the columns that exist from the start (support, slacks), by column index. */
  readonly base: ReadonlyMap<number, number>;
}

/**
 * A greedy plan, or undefined when it cannot satisfy a hard `≥` row. `stop`
 * (asked per receiving pair) ends the placing early: what is placed by then
 * is still a plan that keeps every `≤` row.
 */
export function greedyPlan(f: Formulation, stop?: () => boolean): GreedyPlan | undefined {
  const b = f.builder;
  const act: number[] = [];
  const at = (r: number) => act[r] ?? 0;
  const base = new Map<number, number>();
  const support = (y: number, d: number) => {
    const s = f.support.get(y)!;
    base.set(y, (base.get(y) ?? 0) + d);
    act[s.staff] = at(s.staff) - d;
    act[s.pool] = at(s.pool) + d;
  };
  const buf: Entries = { rows: [], vals: [] };
  /** Takes one of the candidate in `buf`, repairing staffing with support; false (and undone) if a row would break. */
  const take = (): boolean => {
    const added: number[] = [];
    for (let i = 0; i < buf.rows.length; i++) act[buf.rows[i]] = at(buf.rows[i]) + buf.vals[i];
    for (let i = 0; i < buf.rows.length; i++) {
      const r = buf.rows[i];
      while (at(r) > b.rowUpper[r] + 1e-9) {
        const y = (f.relievers.get(r) ?? []).find((c) => {
          const s = f.support.get(c)!;
          return (base.get(c) ?? 0) + 1 <= s.upper && at(s.pool) + 1 <= b.rowUpper[s.pool] + 1e-9;
        });
        if (y === undefined) {
          for (let i = 0; i < buf.rows.length; i++) act[buf.rows[i]] -= buf.vals[i];
          for (const c of added) support(c, -1);
          return false;
        }
        support(y, 1);
        added.push(y);
      }
    }
    return true;
  };

  const left = f.groups.map((g) => g.trainees.length);
  const takes: [number, number, number][] = [];
  const tryTake = (gi: number, ci: number) => {
    let n = 0;
    f.entries(gi, ci, buf);
    while (left[gi] > 0 && take()) {
      left[gi]--;
      n++;
    }
    if (n) takes.push([gi, ci, n]);
  };
  // A re-plan starts from the baseline (SPEC §11.1): every kept entry that still fits first, best first, so
  // the pairs below are ordered for the few trainees left to place.
  const kept = f.groups.flatMap((g, gi) => (g.family.bonus ? [{ gi, value: g.family.pairs[Math.floor(g.family.bonus.ci / (g.family.spans.length / 2))].value + g.family.bonus.value }] : []));
  kept.sort((x, y) => y.value - x.value || x.gi - y.gi);
  for (const { gi, value } of kept) {
    if (value <= 0) continue;
    if (stop?.()) break;
    tryTake(gi, f.groups[gi].family.bonus!.ci);
  }

  // Receiving pairs (or explicit candidates) by value, best first; ties by group, then pair.
  const order: { gi: number; p: number; value: number }[] = [];
  f.groups.forEach((g, gi) => {
    if (left[gi] === 0) return;
    const fam = g.family;
    if (fam.explicit) fam.explicit.forEach((c, ci) => order.push({ gi, p: ci, value: c.value }));
    // The pair holding the baseline entry counts with the change its span avoids (SPEC §11.1): a re-plan starts from the baseline.
    else fam.pairs.forEach((pair, p) => order.push({ gi, p, value: pair.value + (fam.bonus && Math.floor(fam.bonus.ci / (fam.spans.length / 2)) === p ? fam.bonus.value : 0) }));
  });
  order.sort((x, y) => y.value - x.value || x.gi - y.gi || x.p - y.p);
  for (const { gi, p, value } of order) {
    if (value <= 0 || left[gi] === 0) continue;
    if (stop?.()) break;
    const fam = f.groups[gi].family;
    if (fam.explicit) {
      tryTake(gi, p);
      continue;
    }
    const pair = fam.pairs[p], ns = fam.spans.length / 2;
    const kept = fam.bonus && Math.floor(fam.bonus.ci / ns) === p ? fam.bonus.ci - p * ns : -1;
    if (kept >= 0 && left[gi] > 0) tryTake(gi, p * ns + kept);
    for (let s = 0; s < ns && left[gi] > 0; s++) if (s !== kept && spanFits(fam, pair, s)) tryTake(gi, p * ns + s);
  }
  // Soft rows: slacks cover shortfalls.
  f.columns.forEach((c, j) => {
    if (c.kind !== "slack") return;
    const need = Math.max(0, b.rowLower[c.row] - at(c.row));
    if (need > 0) {
      base.set(j, need);
      act[c.row] = at(c.row) + need;
    }
  });
  for (let r = 0; r < b.rowLower.length; r++) if (at(r) < b.rowLower[r] - 1e-9 || at(r) > b.rowUpper[r] + 1e-9) return undefined;
  return { takes, base };
}
