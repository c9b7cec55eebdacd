/** `jinxiu validate`: parse an instance and say whether it is valid. */
import type { Io } from "./io.js";
import { fileLabel, loadInstance } from "./load.js";

export async function validateCommand(file: string, opts: { json?: boolean }, io: Io): Promise<number> {
  const inst = await loadInstance(file, io);
  const counts = { units: inst.units.length, trainees: inst.trainees.length, programmes: inst.programmes.length };
  if (opts.json) io.out(JSON.stringify({ ok: true, valid: true, ...counts }));
  else io.out(`${fileLabel(file)}: valid (${counts.units} units, ${counts.trainees} trainees, ${counts.programmes} programme(s))`);
  return 0;
}
