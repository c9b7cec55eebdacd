import type { Context } from "./context.js";

/** Per-key, per-slot counters, e.g. trainees hosted per unit department. */
export class SlotUsage {
  private readonly rows = new Map<string, Float64Array>();
  private readonly who = new Map<string, Set<string>[]>();
  constructor(private readonly ctx: Context) {}

  /** Adds `n` over the slots of `[start, end)`, remembering `id` as involved. */
  add(key: string, start: string, end: string, n = 1, id?: string): void {
    const [a, b] = this.ctx.span(start, end);
    let row = this.rows.get(key);
    if (!row) this.rows.set(key, (row = new Float64Array(this.ctx.slots.count)));
    let ids = this.who.get(key);
    if (!ids) this.who.set(key, (ids = Array.from({ length: this.ctx.slots.count }, () => new Set<string>())));
    for (let k = Math.max(0, a); k < Math.min(b, this.ctx.slots.count); k++) {
      row[k] += n;
      if (id !== undefined) ids[k].add(id);
    }
  }
  get(key: string, k: number): number {
    return this.rows.get(key)?.[k] ?? 0;
  }
  ids(key: string, k: number): string[] {
    return [...(this.who.get(key)?.[k] ?? [])];
  }
  keys(): string[] {
    return [...this.rows.keys()];
  }
}

export const key = (...parts: string[]) => parts.join("\u0000");
export const unkey = (k: string) => k.split("\u0000");
