/**
 * What a planner reads: names instead of ids (mentors included, SPEC §3 `mentors[].name`),
 * quotas and filters in words instead of JSON, reasons as the code's label plus the
 * message, Chinese by default and English with `lang: "en"` — in the forms, the summary and
 * the HTML report alike.
 */
import { describe, expect, it } from "vitest";
import type { Instance, Plan } from "../../src/model/types.js";
import { buildForms } from "../../src/report/forms.js";
import { renderHtmlReport } from "../../src/report/html.js";
import { summarizePlan } from "../../src/report/summary.js";
import { namesOf, quotaWords, reasonWords, whereWords } from "../../src/report/words.js";
import { contextOf } from "../../src/rules/context.js";
import { COUNTY, mutate, PROGRAMME, tinyInstance, tinyPlan } from "../helpers/tiny.js";

/** The tiny instance with a named mentor m-01 (the one both placements name) and county quotas. */
function named(): Instance {
  return mutate(tinyInstance(), (i) => {
    (i.units[1].mentors![0] as { name?: string }).name = "赵主任";
    i.programmes[0].quotas = [
      { where: { homeRegion: ["donghai"] }, min: 10, hard: false },
      { where: { receivingTier: ["city"], receivingKind: ["general"] }, maxShare: 0.3 },
      { where: { homeDept: ["general-practice", "internal"], role: ["backbone"] }, max: 5 },
      {},
    ];
  });
}

/** Visible text of an HTML page: tags, attributes and the style sheet removed. */
const textOf = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, "").replace(/<[^>]*>/g, " ").replace(/&[a-z#0-9]+;/g, " ");

describe("names and words", () => {
  const inst = named();
  const plan = tinyPlan();
  const ctx = contextOf(inst);

  it("quotas and filters read as words, not JSON", () => {
    const zh = namesOf(ctx, "zh"), en = namesOf(ctx, "en");
    const q = inst.programmes[0].quotas!;
    expect(quotaWords(zh, { where: { homeRegion: ["donghai"] }, min: 10 })).toBe("东海县 的名额（至少 10）");
    expect(quotaWords(zh, q[0])).toBe("东海县 的名额（软性最低 10）");
    expect(quotaWords(zh, q[1])).toBe("接收医院级别：市级；接收医院类型：综合医院 的名额（占比至多 30%）");
    expect(quotaWords(zh, q[2])).toBe("原科室：全科、内科；人员角色：业务骨干 的名额（至多 5）");
    expect(quotaWords(zh, q[3])).toBe("全部学员 的名额（不限）");
    expect(quotaWords(en, q[0])).toBe("quota for 东海县 (soft minimum 10)");
    expect(whereWords(en, q[2].where)).toBe("home department: general practice, internal medicine; role: backbone");
    for (const x of q) expect(quotaWords(zh, x)).not.toMatch(/[{}[\]"]/);
  });

  it("reasons read as the rule's label and the message", () => {
    expect(reasonWords({ code: "R-CAPACITY", message: "满员" }, "zh")).toBe("接收容量：满员");
    expect(reasonWords({ code: "CAPACITY-COMPETITION", message: "…" }, "en")).toBe("lost to better placements: …");
    expect(reasonWords({ code: "X-NEW", message: "m" }, "zh")).toBe("X-NEW：m");
  });

  it("mentors appear by name with their title; without a name, by id", () => {
    const zh = namesOf(ctx, "zh");
    expect(zh.mentor("m-01")).toBe("赵主任（副高级）");
    expect(zh.mentor("m-02")).toBe("m-02（正高级）");
    expect(namesOf(ctx, "en").mentor("m-01")).toBe("赵主任 (associate senior)");
    const forms = buildForms(inst, plan);
    for (const r of forms.registration.rows) expect(r[11]).toContain("带教：赵主任（副高级）");
    for (const r of forms.perTrainee.rows.filter((x) => x[5] === "已安排")) expect(r[10]).toBe("赵主任（副高级）");
    for (const r of forms.receiving.rows) expect(r[7]).toBe("赵主任（副高级）");
    const html = renderHtmlReport(inst, plan);
    expect(html.match(/data-testid="gantt-mentor">[^<]*赵主任（副高级）/g)).toHaveLength(2);
    expect(textOf(html)).not.toContain("m-01");
  });

  it("the Chinese report shows no rule codes, English hints or JSON to the planner", () => {
    const text = textOf(renderHtmlReport(inst, plan));
    expect(text).not.toMatch(/R-[A-Z]+|CAPACITY-COMPETITION|INFEASIBLE/);
    expect(text).not.toMatch(/\b(placed|unplaced|trainees|quota|mentor)\b/);
    expect(text).not.toMatch(/homeRegion|receivingTier|[{}]/);
    expect(text).toContain("竞争落选");
    expect(text).toContain("东海县 的名额（软性最低 10）".split(" 的")[0]);
  });

  it("lang: \"en\" gives English headers, labels and words", () => {
    const forms = buildForms(inst, plan, { lang: "en" });
    expect(forms.registration.headers[0]).toBe("county");
    expect(forms.registration.title).toMatch(/^Form 1: /);
    expect(forms.perTrainee.rows.find((r) => r[0] === "t-003")![12]).toBe("lost to better placements: lost to capacity: county-hosp-01 internal");
    expect(forms.registration.rows[0][8]).toBe("internal medicine");
    const html = renderHtmlReport(inst, plan, { lang: "en" });
    expect(html).toContain('<html lang="en">');
    const text = textOf(html);
    expect(text).not.toMatch(/已安排|未安排|带教|接收名单|名额/);
    expect(text).toContain("Arrivals per receiving hospital");
    const summary = summarizePlan(inst, plan, { lang: "en" });
    expect(summary).toMatch(/^status: optimal/);
    expect(summary).toContain("quota for 东海县 (soft minimum 10): 2");
    expect(summarizePlan(inst, plan)).toMatch(/^状态：最优/);
    expect(summarizePlan(inst, plan)).toContain("东海县 的名额（软性最低 10）：2");
  });

  it("an infeasible plan's conflicts show their labels, and the reasons their words", () => {
    const bad: Plan = {
      version: 1, status: "infeasible", objective: 0, placements: [], support: [],
      unplaced: inst.trainees.map((t) => ({ trainee: t.id, reasons: [{ code: "INFEASIBLE", message: "无可行方案" }] })),
      shortfalls: [], conflicts: [{ code: "R-QUOTA", ids: [PROGRAMME, "quotas[0]", COUNTY], message: "东海县 的名额无法满足" }],
    };
    const text = textOf(renderHtmlReport(inst, bad));
    expect(text).toContain("名额分配");
    expect(text).toContain("东海县 的名额无法满足");
    expect(text).not.toContain("quotas[0]");
    expect(summarizePlan(inst, bad)).toContain("冲突：名额分配：东海县 的名额无法满足");
  });
});
