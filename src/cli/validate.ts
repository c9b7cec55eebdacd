/** `jinxiu validate`: parse an instance and say whether it is valid; list the warnings (suspicious but allowed inputs). */
import { instanceWarnings } from "../model/warnings.js";
import type { Io } from "./io.js";
import { fileLabel, loadInstance } from "./load.js";

export async function validateCommand(file: string, opts: { json?: boolean }, io: Io): Promise<number> {
  const inst = await loadInstance(file, io);
  const counts = { units: inst.units.length, trainees: inst.trainees.length, programmes: inst.programmes.length };
  const warnings = instanceWarnings(inst);
  if (opts.json) io.out(JSON.stringify({ ok: true, valid: true, ...counts, warnings }));
  else {
    io.out(`${fileLabel(file)}: valid — 有效 (${counts.units} units 单位, ${counts.trainees} trainees 人员, ${counts.programmes} programme(s) 项目)`);
    for (const w of warnings) io.err(`warning 提醒: ${w.path}: ${w.message}`);
  }
  return 0;
}
