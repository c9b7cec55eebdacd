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

export const cbcBackend: Backend = {
  name: "cbc",
  async solve(m: LinearModel, options): Promise<BackendResult> {
    highs ??= await createRequire(import.meta.url)("highs")();
    const C = highs.constants;
    const model = highs.createModel({
      numCols: m.numCols, numRows: m.numRows, sense: C.objectiveSense.minimize, offset: 0,
      colCost: m.colCost.map((c) => -c), colLower: m.colLower, colUpper: m.colUpper, rowLower: m.rowLower, rowUpper: m.rowUpper,
      matrix: { format: "csc", numRows: m.numRows, numCols: m.numCols, starts: m.starts, indices: m.indices, values: m.values },
      integrality: Int32Array.from(m.integer),
    });
    const dir = mkdtempSync(join(tmpdir(), "jinxiu-cbc-"));
    try {
      writeFileSync(join(dir, "m.mps"), model.exportModel("mps"));
      model.dispose();
      const sec = options.timeLimitMs !== undefined ? Math.max(1, Math.round(options.timeLimitMs / 1000)) : 3600;
      const run = spawnSync("cbc", [join(dir, "m.mps"), "-sec", String(sec), "-threads", "1", ...(options.relGap ? ["-ratioGap", String(options.relGap)] : []), "-solve", "-solu", join(dir, "sol.txt"), "-quit"], { encoding: "utf8", maxBuffer: 1 << 26 });
      const out = run.stdout ?? "";
      if (/infeasible/i.test(out.match(/Result - (.*)/)?.[1] ?? "")) return { status: "infeasible" };
      const text = readFileSync(join(dir, "sol.txt"), "utf8");
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
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
