/** `jinxiu verify`: check a plan against an instance and every SPEC §5 rule; exit 1 when a rule is broken. */
import { verifyPlan } from "../verify.js";
import { CliInputError, type Io } from "./io.js";
import { fileLabel, loadInstance, loadPlan, oneStdin } from "./load.js";
import { foreignPlan } from "./match.js";

export async function verifyCommand(instFile: string, planFile: string, opts: { json?: boolean; lang?: string }, io: Io): Promise<number> {
  oneStdin(instFile, planFile);
  const inst = await loadInstance(instFile, io);
  const plan = await loadPlan(planFile, io);
  const foreign = foreignPlan(inst, plan);
  if (foreign) throw new CliInputError(`${fileLabel(planFile)}: ${foreign}`, [{ file: fileLabel(planFile), path: "", message: foreign }]);
  const v = verifyPlan(inst, plan, { lang: opts.lang === "en" ? "en" : "zh" });
  if (opts.json) io.out(JSON.stringify({ ok: true, ...v }, null, 2));
  else {
    for (const x of v.violations) io.out(`${x.code}: ${x.message}`);
    if (!v.objectiveMatches) io.out(`OBJECTIVE: the plan states ${plan.objective}, the §7 formula gives ${v.objective}`);
    io.out(v.valid && v.objectiveMatches ? `valid: objective ${v.objective}` : `invalid: ${v.violations.length} violation(s); objective ${v.objective}`);
  }
  return v.valid && v.objectiveMatches ? 0 : 1;
}
