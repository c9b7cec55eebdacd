/** `jinxiu recommend`: where could this trainee still go, everyone else staying (SPEC §11.3)? Text or the §11.3 JSON. */
import { UsageError } from "../model/errors.js";
import { recommend } from "../plan/recommend.js";
import { namesOf, reasonWords } from "../report/words.js";
import { contextOf } from "../rules/context.js";
import { CliInputError, type Io } from "./io.js";
import { loadInstanceAndPlan } from "./load.js";

export async function recommendCommand(instFile: string, planFile: string, trainee: string, opts: { json?: boolean; limit?: string; lang?: string }, io: Io): Promise<number> {
  const { inst, plan, limit, lang } = await loadInstanceAndPlan(instFile, planFile, opts, 10, io);
  let r;
  try {
    r = recommend(inst, plan, trainee, { limit, lang });
  } catch (e) {
    if (e instanceof UsageError) throw new CliInputError(e.message.replace(/^recommend: /, ""), [{ path: "<trainee>", message: e.message }]);
    throw e;
  }
  if (opts.json) {
    io.out(JSON.stringify(r, null, 2));
    return 0;
  }
  const n = namesOf(contextOf(inst), lang);
  const zh = lang === "zh";
  io.out(zh ? `${n.trainee(trainee)} 可去（按总分排序，共列 ${r.options.length} 项）：` : `${n.trainee(trainee)} could go (best first, ${r.options.length} listed):`);
  r.options.forEach((o, i) => {
    const p = o.placement;
    const sup = o.support.length ? (zh ? `；需下沉支援 ${o.support.map((s) => `${n.unit(s.from)} ×${s.count} ${s.start}—${s.end}`).join("、")}` : `; support ${o.support.map((s) => `${n.unit(s.from)} ×${s.count} ${s.start}–${s.end}`).join(", ")}`) : "";
    io.out(`  ${i + 1}. ${n.unit(p.unit)} ${n.dept(p.dept)} ${p.start}—${p.end}${p.mentor ? (zh ? `，带教 ${n.mentor(p.mentor)}` : `, mentor ${n.mentor(p.mentor)}`) : ""}：${zh ? "总分" : "objective"} ${o.objective}（${o.delta >= 0 ? "+" : ""}${o.delta}）${sup}`);
  });
  if (r.excluded.length) {
    io.out(zh ? "意向中不可去的：" : "wanted but ruled out:");
    for (const x of r.excluded) io.out(`  ${n.unit(x.unit)} ${n.dept(x.dept)}：${x.reasons.map((q) => reasonWords(q, lang)).join(zh ? "；" : "; ")}`);
  }
  return 0;
}
