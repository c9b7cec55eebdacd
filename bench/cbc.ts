/**
 * Native CBC (Debian's `coinor-cbc`) as a benchmark backend: the model is
 * written as MPS (by HiGHS's writer, minimising the negated objective, since
 * CBC ignores OBJSENSE), solved by the `cbc` binary, and its solution read
 * back, so `solve` extracts and verifies the plan like any other.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Backend, BackendResult, LinearModel } from "jinxiu";

export function cbcAvailable(): boolean {
  return spawnSync("cbc", ["-quit"], { encoding: "utf8" }).status === 0;
}

// biome-ignore lint: the highs loader is untyped here
let highs: any;

/** The model as MPS in `dir` (HiGHS's writer, the objective negated: CBC minimises); returns its path. */
export async function writeMps(m: LinearModel, dir: string): Promise<string> {
  highs ??= await createRequire(import.meta.url)("highs")();
  const C = highs.constants;
  const model = highs.createModel({
    numCols: m.numCols, numRows: m.numRows, sense: C.objectiveSense.minimize, offset: 0,
    colCost: m.colCost.map((c) => -c), colLower: m.colLower, colUpper: m.colUpper, rowLower: m.rowLower, rowUpper: m.rowUpper,
    matrix: { format: "csc", numRows: m.numRows, numCols: m.numCols, starts: m.starts, indices: m.indices, values: m.values },
    integrality: Int32Array.from(m.integer),
  });
  const path = join(dir, "m.mps");
  writeFileSync(path, model.exportModel("mps"));
  model.dispose();
  return path;
}

/** CBC's answer: its log `out` and its solution file, read back into the model's columns. */
export function readCbcSolution(m: LinearModel, out: string, solution: string): BackendResult {
  if (/infeasible/i.test(out.match(/Result - (.*)/)?.[1] ?? "")) return { status: "infeasible" };
  const text = readFileSync(solution, "utf8");
  const head = text.split("\n")[0] ?? "";
  if (/^Infeasible|^Integer infeasible/.test(head)) return { status: "infeasible" };
  if (/no integer solution/i.test(head)) return { status: "timeout", message: "no integer solution in the limit" };
  const x = new Float64Array(m.numCols);
  for (const line of text.split("\n").slice(1)) {
    const parts = line.trim().replace(/^\*\*/, "").trim().split(/\s+/);
    if (parts.length < 3) continue;
    const j = Number(parts[1].slice(1)); // HiGHS names columns c0, c1, …
    if (Number.isInteger(j)) x[j] = Number(parts[2]);
  }
  let objective = m.offset;
  for (let j = 0; j < m.numCols; j++) objective += m.colCost[j] * x[j];
  const optimal = /Optimal solution found/.test(out);
  const bestPossible = Number(out.match(/best possible (-?[\d.e+]+)/i)?.[1]);
  const bound = optimal ? objective : Number.isFinite(bestPossible) ? m.offset - bestPossible : undefined;
  return { status: optimal ? "optimal" : "timeout", x, objective, bound };
}

export const cbcBackend: Backend = {
  name: "cbc",
  async solve(m: LinearModel, options): Promise<BackendResult> {
    const dir = mkdtempSync(join(tmpdir(), "jinxiu-cbc-"));
    try {
      const mps = await writeMps(m, dir);
      const sec = options.timeLimitMs !== undefined ? Math.max(1, Math.round(options.timeLimitMs / 1000)) : 3600;
      const run = spawnSync("cbc", [mps, "-sec", String(sec), "-threads", "1", ...(options.relGap ? ["-ratioGap", String(options.relGap)] : []), "-solve", "-solu", join(dir, "sol.txt"), "-quit"], { encoding: "utf8", maxBuffer: 1 << 26 });
      return readCbcSolution(m, run.stdout ?? "", join(dir, "sol.txt"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
