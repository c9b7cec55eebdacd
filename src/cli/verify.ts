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
    const en = opts.lang === "en";
    if (!v.objectiveMatches)
      io.out(en ? `OBJECTIVE: the plan states ${plan.objective}, the §7 formula gives ${v.objective}` : `OBJECTIVE: 方案写明的目标值为 ${plan.objective}，按规则计算应为 ${v.objective}`);
    for (const w of v.warnings) io.out(`${en ? "warning" : "提示"}: ${w.message}`);
    // The planner's words by default; the engineer's (`--lang en`) keep the line scripts read.
    io.out(v.valid && v.objectiveMatches
      ? (en ? `valid: objective ${v.objective}` : `方案有效：目标值 ${v.objective}`)
      : (en ? `invalid: ${v.violations.length} violation(s); objective ${v.objective}` : `方案无效：${v.violations.length} 处违反规则；目标值 ${v.objective}`));
  }
  return v.valid && v.objectiveMatches ? 0 : 1;
}
