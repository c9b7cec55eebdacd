/** `jinxiu bottlenecks`: the scarce resources ranked by what one more unit buys, each re-solved exactly (SPEC §11.4). */
import { bottlenecks } from "../plan/bottlenecks.js";
import { CliInputError, type Io } from "./io.js";
import { loadInstance, loadPlan, oneStdin } from "./load.js";

export async function bottlenecksCommand(instFile: string, planFile: string, opts: { json?: boolean; limit?: string; lang?: string }, io: Io): Promise<number> {
  oneStdin(instFile, planFile);
  const limit = opts.limit === undefined ? 20 : Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 0) throw new CliInputError(`--limit: must be a whole number ≥ 0, got "${opts.limit}"`, [{ path: "--limit", message: "must be a whole number ≥ 0" }]);
  const inst = await loadInstance(instFile, io);
  const plan = await loadPlan(planFile, io);
  const lang = opts.lang === "en" ? "en" : "zh";
  const list = await bottlenecks(inst, plan, { limit, lang });
  if (opts.json) io.out(JSON.stringify(list, null, 2));
  else {
    io.out(lang === "zh" ? `瓶颈资源（每项多一个单位后重新求解的实际收益，由高到低）：` : "bottlenecks (the exact gain of one more unit, re-solved, best first):");
    list.forEach((b, i) => io.out(`  ${i + 1}. ${b.resource.label}：${lang === "zh" ? "总分" : "objective"} ${b.gain >= 0 ? "+" : ""}${b.gain}，${lang === "zh" ? "多安排" : "placed"} ${b.placedGain >= 0 ? "+" : ""}${b.placedGain}`));
    if (!list.length) io.out(lang === "zh" ? "  （没有用满的资源）" : "  (no resource is used to its limit)");
  }
  return 0;
}
