/**
 * Native CBC for the monolithic 住培 reference, with a hard deadline.
 *
 * bench/cbc.ts runs `cbc` synchronously with `-sec`, which CBC checks only in
 * branch and bound and in CPU time: on the monolithic residency model its
 * preprocessing and root LP alone outlast the limit by minutes (measured: a
 * 102-resident base ran past 10 min with `-sec 15`). Here `cbc` runs as a child
 * process with wall-clock `-timeMode elapsed`; past 1.1 × the limit + 5 s it is
 * killed and the result is "no plan in the limit". The model goes over as MPS
 * written by HiGHS (negated objective: CBC minimises), like bench/cbc.ts.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Backend, BackendResult, LinearModel } from "jinxiu";

// biome-ignore lint: the highs loader is untyped here
let highs: any;

export const cbcDeadlineBackend: Backend = {
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
    const dir = mkdtempSync(join(tmpdir(), "jinxiu-rescbc-"));
    try {
      writeFileSync(join(dir, "m.mps"), model.exportModel("mps"));
      model.dispose();
      const limitMs = options.timeLimitMs ?? 3_600_000;
      const sec = Math.max(1, Math.round(limitMs / 1000));
      const args = [join(dir, "m.mps"), "-timeMode", "elapsed", "-sec", String(sec), "-threads", "1", ...(options.relGap ? ["-ratioGap", String(options.relGap)] : []), "-solve", "-solu", join(dir, "sol.txt"), "-quit"];
      const { out, killed } = await new Promise<{ out: string; killed: boolean }>((resolve) => {
        const child = spawn("cbc", args, { stdio: ["ignore", "pipe", "ignore"] });
        let out = "";
        let killed = false;
        child.stdout.on("data", (d) => (out = (out + d).slice(-20_000)));
        const timer = setTimeout(() => {
          killed = true;
          child.kill("SIGKILL");
        }, limitMs * 1.1 + 5000);
        child.on("close", () => {
          clearTimeout(timer);
          resolve({ out, killed });
        });
      });
      if (killed || !existsSync(join(dir, "sol.txt"))) return { status: "timeout", message: killed ? "killed at the hard deadline" : "no solution file" };
      if (/infeasible/i.test(out.match(/Result - (.*)/)?.[1] ?? "")) return { status: "infeasible" };
      const text = readFileSync(join(dir, "sol.txt"), "utf8");
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
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
