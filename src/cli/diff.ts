/** `jinxiu diff`: what changed from one plan of an instance to another (SPEC §11.2), as text, JSON, or a 变更通知 workbook / CSV. */
import { join } from "node:path";
import { diff } from "../plan/diff.js";
import { changeNotice, diffSummary } from "../report/diff.js";
import { CliInputError, type Io, checkOutput, writeOutput } from "./io.js";
import { fileLabel, loadInstance, loadPlan, oneStdin } from "./load.js";

export interface DiffCliOptions {
  json?: boolean;
  xlsx?: string;
  csv?: string;
  lang?: string;
}

export async function diffCommand(instFile: string, beforeFile: string, afterFile: string, opts: DiffCliOptions, io: Io): Promise<number> {
  oneStdin(instFile, beforeFile, afterFile);
  const inputs = [instFile, beforeFile, afterFile].filter((f) => f !== "-");
  if (opts.xlsx === "-") throw new CliInputError("--xlsx: a workbook cannot go to standard output; name a file", [{ path: "--xlsx", message: "cannot be standard output" }]);
  if (opts.xlsx !== undefined) checkOutput(opts.xlsx, { option: "--xlsx", inputs });
  const inst = await loadInstance(instFile, io);
  const before = await loadPlan(beforeFile, io);
  const after = await loadPlan(afterFile, io);
  const lang = opts.lang === "en" ? "en" : "zh";
  const d = diff(inst, before, after);
  const written: string[] = [];
  if (opts.xlsx !== undefined) {
    const { tablesToXlsx } = await import("../report/xlsx.js");
    writeOutput(opts.xlsx, await tablesToXlsx([changeNotice(inst, d, { lang })]), { option: "--xlsx", inputs });
    written.push(opts.xlsx);
  }
  if (opts.csv !== undefined) {
    const { mkdirSync } = await import("node:fs");
    const { tableToCsv } = await import("../report/csv.js");
    try {
      mkdirSync(opts.csv, { recursive: true });
    } catch {
      throw new CliInputError(`${opts.csv}: cannot create the folder`, [{ path: "--csv", message: "cannot create the folder" }]);
    }
    const file = join(opts.csv, "变更通知.csv");
    writeOutput(file, tableToCsv(changeNotice(inst, d, { lang })), { option: "--csv", inputs });
    written.push(file);
  }
  if (opts.json) io.out(JSON.stringify(d, null, 2));
  else {
    io.out(`${fileLabel(beforeFile)} → ${fileLabel(afterFile)}`);
    io.out(diffSummary(inst, d, { lang }));
    for (const f of written) io.out(lang === "zh" ? `已写入 ${f}` : `wrote ${f}`);
  }
  return 0;
}
