/**
 * References between sheets: an entity is named in a cell by its id, or by its name where
 * that name points to it alone. The writer shows a name only when the reader would turn it
 * back into the same id.
 */
import { type Read, listSafe, quote } from "./values.js";

export interface Named {
  readonly id: string;
  readonly name?: string;
}

export class Refs {
  private readonly ids = new Set<string>();
  private readonly byName = new Map<string, string[]>();
  private readonly nameOf = new Map<string, string>();

  /** `what`: the entity in words (单位, 地区, 项目, 人员). */
  constructor(readonly what: string, entries: readonly Named[]) {
    for (const e of entries) {
      this.ids.add(e.id);
      if (e.name === undefined) continue;
      const key = e.name.trim();
      if (!key) continue;
      if (!this.nameOf.has(e.id)) this.nameOf.set(e.id, e.name);
      const list = this.byName.get(key) ?? [];
      if (!list.includes(e.id)) list.push(e.id);
      this.byName.set(key, list);
    }
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /**
   * What a cell shows for `id`: its name when the name reads back to it, else the id.
   * `among` narrows the entities a name must be unique among (人员's 县区 does that for units).
   */
  show(id: string, among?: (id: string) => boolean): string {
    const name = this.nameOf.get(id);
    if (name === undefined || !listSafe(name)) return id;
    if (this.ids.has(name) && name !== id) return id;
    const same = (this.byName.get(name) ?? []).filter((x) => !among || among(x));
    return same.length === 1 && same[0] === id ? name : id;
  }

  /** The id a cell's text means: an id, else a name that only one entity has (within `among`). */
  resolve(text: string, among?: (id: string) => boolean): Read<string> {
    const t = text.trim();
    if (this.ids.has(t) && (!among || among(t))) return { ok: true, value: t };
    const all = this.byName.get(t) ?? [];
    const hits = among ? all.filter(among) : all;
    if (hits.length === 1) return { ok: true, value: hits[0] };
    // An id outside `among` (a unit of another county whose id is its name) is still that id.
    if (this.ids.has(t)) return { ok: true, value: t };
    if (hits.length > 1 || all.length > 1)
      return { ok: false, error: `${quote(t)} 是多个${this.what}的名称（编号 ${(hits.length ? hits : all).join("、")}），请写编号` };
    return { ok: false, error: `未知的${this.what} ${quote(t)}（${this.what}表中没有这个名称或编号）` };
  }
}

/** Whether `region` is `of` or lies inside it, following `parentOf` (a cycle ends the walk). */
export function inRegion(parentOf: ReadonlyMap<string, string | undefined>, region: string | undefined, of: string): boolean {
  const seen = new Set<string>();
  for (let r = region; r !== undefined && !seen.has(r); r = parentOf.get(r)) {
    if (r === of) return true;
    seen.add(r);
  }
  return false;
}
