/**
 * Units, regions and relations as one graphology graph, with the queries the
 * rules need: region ancestry, relations between units, alliance members
 * (医共体成员), the parent township of a village clinic.
 *
 * Nodes are `unit:<id>` and `region:<id>`; edges carry `type`:
 * a relation type (`alliance`, `pairing`, `parent`) from upper to lower unit,
 * `located` from a unit to its region, `within` from a region to its parent.
 */
import Graph from "graphology";
// The public type comes from graphology-types by name: graphology's own `export default class` does not
// resolve for a strict `moduleResolution: nodenext` consumer (TS2709).
import type { AbstractGraph } from "graphology-types";
import type { Instance, RelationType, Unit } from "../model/types.js";

interface NodeAttrs { readonly kind: "unit" | "region" }
interface EdgeAttrs { readonly type: RelationType | "located" | "within" }

export interface Network {
  readonly graph: AbstractGraph<NodeAttrs, EdgeAttrs>;
  unit(id: string): Unit | undefined;
  /** The region of a unit and every ancestor, nearest first. */
  regionsOf(unitId: string): readonly string[];
  /** Flags of the unit's region and of every ancestor. */
  flagsOf(unitId: string): ReadonlySet<string>;
  /** Whether a relation of one of `types` runs from `from` to `to`. */
  hasRelation(from: string, to: string, types: readonly RelationType[]): boolean;
  /** Units `from` reaches by a relation of one of `types`. */
  related(from: string, types: readonly RelationType[]): readonly string[];
  /** Members of an alliance led by `lead`. */
  allianceMembers(lead: string): readonly string[];
  /** The township centre a village clinic belongs to, if any. */
  parentTownship(village: string): string | undefined;
}

const U = (id: string) => `unit:${id}`;
const R = (id: string) => `region:${id}`;

/**
 * Builds the network of a structurally valid instance (dangling ids are skipped).
 *
 * @example
 * const net = buildNetwork(instance);
 * net.hasRelation("county-hosp-01", "thc-01", ["alliance"]); // true where the county hospital leads the township centre's alliance
 */
export function buildNetwork(instance: Instance): Network {
  const graph = new Graph<NodeAttrs, EdgeAttrs>({ type: "directed", multi: true, allowSelfLoops: true });
  const units = new Map(instance.units.map((u) => [u.id, u]));
  const regionFlags = new Map<string, readonly string[]>();
  for (const r of instance.regions ?? []) {
    graph.mergeNode(R(r.id), { kind: "region" });
    regionFlags.set(r.id, r.flags ?? []);
  }
  for (const r of instance.regions ?? []) {
    if (r.parent && graph.hasNode(R(r.parent))) graph.addDirectedEdge(R(r.id), R(r.parent), { type: "within" });
  }
  for (const u of instance.units) {
    graph.mergeNode(U(u.id), { kind: "unit" });
    if (u.region && graph.hasNode(R(u.region))) graph.addDirectedEdge(U(u.id), R(u.region), { type: "located" });
  }
  for (const rel of instance.relations ?? []) {
    if (graph.hasNode(U(rel.from)) && graph.hasNode(U(rel.to))) graph.addDirectedEdge(U(rel.from), U(rel.to), { type: rel.type });
  }

  const ancestry = new Map<string, string[]>();
  /** Relation types by lower unit, then upper unit (the graph's unit-to-unit edges). */
  const between = new Map<string, Map<string, string[]>>();
  for (const rel of instance.relations ?? []) {
    if (!units.has(rel.from) || !units.has(rel.to)) continue;
    let byFrom = between.get(rel.to);
    if (!byFrom) between.set(rel.to, (byFrom = new Map()));
    byFrom.set(rel.from, [...(byFrom.get(rel.from) ?? []), rel.type]);
  }
  const regionsOf = (unitId: string): string[] => {
    let out = ancestry.get(unitId);
    if (out) return out;
    out = [];
    const start = units.get(unitId)?.region;
    const seen = new Set<string>();
    let cur = start && graph.hasNode(R(start)) ? start : undefined;
    while (cur !== undefined && !seen.has(cur)) {
      seen.add(cur);
      out.push(cur);
      const up = graph.outEdges(R(cur)).find((e) => graph.getEdgeAttribute(e, "type") === "within");
      cur = up ? graph.target(up).slice("region:".length) : undefined;
    }
    ancestry.set(unitId, out);
    return out;
  };
  const related = (from: string, types: readonly RelationType[]): string[] => {
    if (!graph.hasNode(U(from))) return [];
    const out = new Set<string>();
    graph.forEachOutEdge(U(from), (_e, attrs, _s, target) => {
      if ((types as readonly string[]).includes(attrs.type) && target.startsWith("unit:")) out.add(target.slice(5));
    });
    return [...out];
  };
  return {
    graph,
    unit: (id) => units.get(id),
    regionsOf,
    flagsOf: (unitId) => new Set(regionsOf(unitId).flatMap((r) => regionFlags.get(r) ?? [])),
    hasRelation(from, to, types) {
      // Asked for every trainee × receiving unit, so answered from a map rather than the graph.
      const found = between.get(to)?.get(from);
      return found !== undefined && found.some((type) => (types as readonly string[]).includes(type));
    },
    related,
    allianceMembers: (lead) => related(lead, ["alliance"]),
    parentTownship(village) {
      if (!graph.hasNode(U(village))) return undefined;
      const e = graph.inEdges(U(village)).find((x) => graph.getEdgeAttribute(x, "type") === "parent");
      return e ? graph.source(e).slice(5) : undefined;
    },
  };
}
