/** `jinxiu whatif`: solve named variants of an instance (JSON Patch scenarios) and compare them (SPEC §11.4). */
import { whatif, type Scenario } from "../plan/whatif.js";
import { CliInputError, type Io } from "./io.js";
import { fileLabel, loadInstance, loadJson, oneStdin } from "./load.js";

export async function whatifCommand(instFile: string, scenariosFile: string, opts: { json?: boolean; workers?: string; lang?: string }, io: Io): Promise<number> {
  oneStdin(instFile, scenariosFile);
  const workers = opts.workers === undefined ? 1 : Number(opts.workers);
  if (!Number.isInteger(workers) || workers < 1) throw new CliInputError(`--workers: must be a whole number ≥ 1, got "${opts.workers}"`, [{ path: "--workers", message: "must be a whole number ≥ 1" }]);
  const inst = await loadInstance(instFile, io);
  const doc = (await loadJson(scenariosFile, io, "scenarios")) as { scenarios?: unknown };
  if (!doc || typeof doc !== "object" || !Array.isArray(doc.scenarios))
    throw new CliInputError(`${fileLabel(scenariosFile)}: must be { "scenarios": [ { "name", "patch": [ … ] } ] }`, [{ file: fileLabel(scenariosFile), path: "scenarios", message: "must be a list" }]);
  const scenarios = doc.scenarios as Scenario[];
  scenarios.forEach((s, i) => {
    if (!s || typeof s.name !== "string" || !Array.isArray(s.patch))
      throw new CliInputError(`${fileLabel(scenariosFile)}: scenarios[${i}] must be { "name": string, "patch": [ … ] }`, [{ file: fileLabel(scenariosFile), path: `scenarios[${i}]`, message: "must be { name, patch }" }]);
  });
  const results = await whatif(inst, scenarios, { workers });
  if (opts.json) {
    io.out(JSON.stringify({ scenarios: results.map(({ name, plan, objective, placed, shortfallUnits, supportSlots, diff }) => ({ name, plan, objective, placed, shortfallUnits, supportSlots, diff })) }, null, 2));
    return 0;
  }
  const zh = opts.lang !== "en";
  const head = zh ? ["方案", "总分", "安排人数", "缺口", "下沉人·时段", "变动人数"] : ["scenario", "objective", "placed", "short", "support slots", "changed"];
  const rows = results.map((r) => [r.name, String(r.objective), String(r.placed), String(r.shortfallUnits), String(r.supportSlots), String(r.diff.trainees.length)]);
  const width = head.map((h, c) => Math.max(h.length * 2, ...rows.map((r) => r[c].length * 2)));
  const line = (cells: string[]) => cells.map((x, c) => x.padEnd(Math.ceil(width[c] / 2) + 1)).join(" ");
  io.out(line(head));
  for (const r of rows) io.out(line(r));
  return 0;
}
