/** `jinxiu bottlenecks`: the scarce resources ranked by what one more unit buys, each re-solved exactly (SPEC §11.4). */
import { bottlenecks } from "../plan/bottlenecks.js";
import type { Io } from "./io.js";
import { loadInstanceAndPlan } from "./load.js";

export async function bottlenecksCommand(instFile: string, planFile: string, opts: { json?: boolean; limit?: string; lang?: string }, io: Io): Promise<number> {
  const { inst, plan, limit, lang } = await loadInstanceAndPlan(instFile, planFile, opts, 20, io);
  const list = await bottlenecks(inst, plan, { limit, lang });
  if (opts.json) io.out(JSON.stringify(list, null, 2));
  else {
    io.out(lang === "zh" ? `瓶颈资源（每项多一个单位后重新求解的实际收益，由高到低）：` : "bottlenecks (the exact gain of one more unit, re-solved, best first):");
    list.forEach((b, i) => io.out(`  ${i + 1}. ${b.resource.label}：${lang === "zh" ? "总分" : "objective"} ${b.gain >= 0 ? "+" : ""}${b.gain}，${lang === "zh" ? "多安排" : "placed"} ${b.placedGain >= 0 ? "+" : ""}${b.placedGain}`));
    if (!list.length) io.out(lang === "zh" ? "  （没有用满的资源）" : "  (no resource is used to its limit)");
  }
  return 0;
}
