/**
 * `renderHtmlReport` without a browser: the page references nothing outside itself, every
 * piece of instance text is escaped (a trainee named `<b>&x`), and the output is deterministic.
 * The browser test (html.browser.test.ts) checks the rendered page itself.
 */
import { describe, expect, it } from "vitest";
import type { Instance, Plan } from "../../src/model/types.js";
import { escapeHtml, renderHtmlReport } from "../../src/report/html.js";
import { mutate, tinyInstance, tinyPlan, tinyWeekInstance, tinyWeekPlan } from "../helpers/tiny.js";

/** The tiny instance with hostile names: a trainee `<b>&x`, a unit carrying a URL and quotes. */
function hostile(): Instance {
  return mutate(tinyInstance(), (i) => {
    i.trainees[1].name = "<b>&x";
    i.trainees[2].name = `王"强' <script>alert(1)</script>`;
    i.units[0].name = "东海县某镇 <i>卫生院</i> https://evil.example/x?a=1&b=2";
    i.programmes[0].name = "项目 <b>bold</b> & more";
  });
}

/** Where each occurrence of `http://` / `https://` sits: element text, or an attribute by name. */
function urlContexts(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/https?:\/\//g)) {
    const i = m.index!;
    const lt = html.lastIndexOf("<", i), gt = html.lastIndexOf(">", i);
    if (lt <= gt) {
      out.push("text");
      continue;
    }
    const attr = /([\w:-]+)\s*=\s*"[^"]*$/.exec(html.slice(lt, i));
    out.push(attr ? `attr:${attr[1]}` : "tag");
  }
  return out;
}

describe("renderHtmlReport (no browser)", () => {
  it("is one self-contained page: no external resources, no scripts, no URLs outside text", () => {
    const html = renderHtmlReport(hostile(), tinyPlan());
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).not.toMatch(/<script\b/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/<(img|iframe|object|embed|video|audio|source)\b/i);
    expect(html).not.toMatch(/\bsrc\s*=/i);
    expect(html).not.toMatch(/@import|@font-face|url\s*\(/i);
    // Only in-page anchors.
    for (const m of html.matchAll(/\bhref\s*=\s*"([^"]*)"/gi)) expect(m[1]).toMatch(/^#/);
    // The only URLs come from instance text, and sit in text or in tooltip/data attributes.
    const contexts = urlContexts(html);
    expect(contexts.length).toBeGreaterThan(0);
    for (const c of contexts) expect(c === "text" || c === "attr:title" || c.startsWith("attr:data-")).toBe(true);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? "";
    expect(style).not.toMatch(/https?:/);
    // Without URLs in the instance there are none at all.
    expect(renderHtmlReport(tinyInstance(), tinyPlan())).not.toMatch(/https?:\/\//);
    expect(renderHtmlReport(tinyWeekInstance(), tinyWeekPlan())).not.toMatch(/https?:\/\//);
  });

  it("escapes every name: a trainee named <b>&x appears as text", () => {
    const html = renderHtmlReport(hostile(), tinyPlan());
    expect(html).toContain("&lt;b&gt;&amp;x");
    expect(html).not.toContain("<b>&x");
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<i>卫生院</i>");
    expect(html).not.toContain("<b>bold</b>");
    expect(html).toContain("项目 &lt;b&gt;bold&lt;/b&gt; &amp; more");
    // Attributes too: the bar of t-002 carries its name in the tooltip, escaped.
    expect(html).toMatch(/data-trainee="t-002"[^>]*title="&lt;b&gt;&amp;x/);
    expect(escapeHtml(`<a href="x">&'`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
  });

  it("is deterministic: the same plan gives the same bytes", () => {
    const a = renderHtmlReport(hostile(), tinyPlan());
    const b = renderHtmlReport(hostile(), tinyPlan());
    expect(a).toBe(b);
    // A fresh parse of the same data (no shared objects, no cached context) too.
    const inst = JSON.parse(JSON.stringify(hostile())) as Instance;
    const plan = JSON.parse(JSON.stringify(tinyPlan())) as Plan;
    expect(renderHtmlReport(inst, plan)).toBe(a);
    expect(renderHtmlReport(tinyWeekInstance(), tinyWeekPlan())).toBe(renderHtmlReport(tinyWeekInstance(), tinyWeekPlan()));
  });

  it("marks the key elements with stable test ids", () => {
    const plan = tinyPlan();
    const html = renderHtmlReport(tinyInstance(), plan);
    const count = (id: string) => html.split(`data-testid="${id}"`).length - 1;
    expect(count("gantt")).toBe(1);
    expect(count("gantt-bar")).toBe(plan.placements.length);
    expect(count("unplaced-row")).toBe(plan.unplaced.length);
    expect(html).toMatch(/data-testid="summary-placed">2</);
    expect(html).toMatch(/data-testid="summary-unplaced">1</);
    expect(count("heatmap")).toBe(1);
    // thc-01 internal (4 staff, minimum 3) and county-hosp-01 internal, four month slots each.
    expect(count("heatmap-cell")).toBe(2 * 4);
    expect(html).not.toContain('data-state="below"');
    // The week plan draws its rotations as segments.
    const week = tinyWeekPlan();
    const weekHtml = renderHtmlReport(tinyWeekInstance(), week);
    const segs = week.placements.reduce((n, p) => n + (p.rotations?.length ?? 0), 0);
    expect(segs).toBeGreaterThan(0);
    expect(weekHtml.split('data-testid="gantt-segment"').length - 1).toBe(segs);
  });

  it("renders an infeasible plan with its conflicts and an empty Gantt", () => {
    const inst = tinyInstance();
    const plan: Plan = {
      version: 1, status: "infeasible", objective: 0, placements: [], support: [],
      unplaced: inst.trainees.map((t) => ({ trainee: t.id, reasons: [{ code: "INFEASIBLE", message: "the instance has no valid plan; see conflicts" }] })),
      shortfalls: [], conflicts: [{ code: "R-QUOTA", ids: ["lyg-2024", "quotas[0]"], message: "quota 0 <min> cannot hold" }],
    };
    const html = renderHtmlReport(inst, plan);
    expect(html).toContain('data-testid="conflict"');
    expect(html).toContain("quota 0 &lt;min&gt; cannot hold");
    expect(html).toMatch(/data-testid="summary-placed">0</);
    expect(html.split('data-testid="unplaced-row"').length - 1).toBe(3);
    expect(html).not.toContain('data-testid="gantt-bar"');
  });
});
