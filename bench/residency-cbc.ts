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
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Backend, BackendResult, LinearModel } from "jinxiu";
import { readCbcSolution, writeMps } from "./cbc.js";

export const cbcDeadlineBackend: Backend = {
  name: "cbc",
  async solve(m: LinearModel, options): Promise<BackendResult> {
    const dir = mkdtempSync(join(tmpdir(), "jinxiu-rescbc-"));
    try {
      await writeMps(m, dir);
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
      return readCbcSolution(m, out, join(dir, "sol.txt"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
