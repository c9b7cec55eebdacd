/**
 * The planner's page: load a workbook or instance JSON, see its problems by cell or path,
 * solve with live progress and a stop button, read the plan, download the forms.
 * Everything runs in this browser; nothing is sent anywhere.
 */
import {
  DEPT_LABELS, InstanceError, type Instance, type Issue, type Plan, REASON_LABELS, STATUS_LABELS, type SolveProgress,
  buildForms, formsToCsv, formsToXlsx, instanceWarnings, label, parseInstance, renderHtmlReport, serializePlan, workbookToInstance,
} from "jinxiu";
import exampleUrl from "../../lianyungang-2024.json?url";
import type { FromWorker, ToWorker } from "./solver.worker.ts";
import "./style.css";

const $ = <T extends HTMLElement = HTMLElement>(sel: string): T => {
  const el = document.querySelector<T>(sel);
  if (!el) throw new Error(`missing ${sel}`);
  return el;
};

let instance: Instance | undefined;
let sourceName = "";
let plan: Plan | undefined;
let reportHtml = "";
let worker: Worker | undefined;

// ---------------------------------------------------------------- loading

async function loadBytes(name: string, bytes: Uint8Array): Promise<void> {
  resetResult();
  $("#issues").hidden = true;
  $("#warnings").hidden = true;
  $("#run").hidden = true;
  instance = undefined;
  const loaded = $("#loaded");
  loaded.hidden = false;
  loaded.textContent = `正在读取 ${name}…`;
  try {
    // An .xlsx is a zip (PK); anything else is read as JSON text.
    const isWorkbook = /\.xlsx$/i.test(name) || (bytes[0] === 0x50 && bytes[1] === 0x4b);
    instance = isWorkbook ? (await workbookToInstance(bytes)).instance : parseJson(bytes);
  } catch (e) {
    loaded.textContent = `${name}：未能载入`;
    showIssues(e instanceof InstanceError ? e.issues : [{ path: name, message: String((e as Error)?.message ?? e) }]);
    return;
  }
  sourceName = name.replace(/\.(xlsx|json)$/i, "");
  const programmes = instance.programmes.map((p) => p.name ?? p.id).join("、");
  loaded.textContent = `已载入 ${name}：${programmes}；学员 ${instance.trainees.length} 人，单位 ${instance.units.length} 个。`;
  showWarnings(instanceWarnings(instance));
  $("#run").hidden = false;
}

function parseJson(bytes: Uint8Array): Instance {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new InstanceError([{ path: "(文件)", message: "不是 UTF-8 编码的文本，也不是 .xlsx 工作簿" }]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new InstanceError([{ path: "(文件)", message: `不是有效的 JSON：${(e as Error).message}` }]);
  }
  return parseInstance(value);
}

function showIssues(issues: readonly Issue[]): void {
  const box = $("#issues");
  const body = box.querySelector("tbody")!;
  body.replaceChildren(...issues.map((i) => row([i.path, i.message])));
  box.querySelector("h3")!.textContent = `数据有 ${issues.length} 处问题，请按位置修改后重新载入`;
  box.hidden = false;
}

function showWarnings(warnings: readonly Issue[]): void {
  const box = $<HTMLDetailsElement>("#warnings");
  if (!warnings.length) return;
  box.querySelector("summary")!.textContent = `提示 ${warnings.length} 条（不影响求解）`;
  box.querySelector("ul")!.replaceChildren(...warnings.map((w) => el("li", `${w.path}：${w.message}`)));
  box.hidden = false;
}

function row(cells: readonly (string | number)[], tag: "td" | "th" = "td"): HTMLTableRowElement {
  const tr = document.createElement("tr");
  for (const c of cells) tr.append(el(tag, String(c)));
  return tr;
}

function el(tag: string, text: string): HTMLElement {
  const e = document.createElement(tag);
  e.textContent = text;
  return e;
}

const fileInput = $<HTMLInputElement>("#file");
fileInput.addEventListener("change", async () => {
  const f = fileInput.files?.[0];
  if (f) await loadBytes(f.name, new Uint8Array(await f.arrayBuffer()));
  fileInput.value = "";
});
const drop = $("#drop");
drop.addEventListener("dragover", (e) => {
  e.preventDefault();
  drop.classList.add("over");
});
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", async (e) => {
  e.preventDefault();
  drop.classList.remove("over");
  const f = e.dataTransfer?.files[0];
  if (f) await loadBytes(f.name, new Uint8Array(await f.arrayBuffer()));
});
$("#example").addEventListener("click", async () => {
  const res = await fetch(exampleUrl);
  await loadBytes("lianyungang-2024.json", new Uint8Array(await res.arrayBuffer()));
});

// ---------------------------------------------------------------- solving

const PHASES: Record<string, string> = {
  candidates: "生成候选安排", formulate: "建立模型", greedy: "构造初始方案", solve: "求解器搜索中",
  "relaxation bound": "计算松弛上界", conflicts: "分析冲突", extract: "整理并核验方案",
};
function phaseLabel(phase: string): string {
  const m = /^(pricing|restricted MILP) (\d+)$/.exec(phase);
  if (m) return m[1] === "pricing" ? `列生成 第 ${m[2]} 轮` : `受限整数规划 第 ${m[2]} 轮`;
  return PHASES[phase] ?? phase;
}

const num = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? "—" : v.toLocaleString("zh-CN", { maximumFractionDigits: 1 }));
let best: { incumbent?: number; bound?: number } = {};

function showProgress(p: SolveProgress): void {
  if (p.incumbent !== undefined && Number.isFinite(p.incumbent) && (best.incumbent === undefined || p.incumbent > best.incumbent)) best.incumbent = p.incumbent;
  if (p.bound !== undefined && Number.isFinite(p.bound) && (best.bound === undefined || p.bound < best.bound)) best.bound = p.bound;
  $("#p-phase").textContent = phaseLabel(p.phase);
  renderBest();
  $("#p-elapsed").textContent = `${(p.elapsedMs / 1000).toFixed(1)} 秒`;
}

function renderBest(): void {
  $("#p-incumbent").textContent = num(best.incumbent);
  $("#p-bound").textContent = num(best.bound);
  const { incumbent: i, bound: b } = best;
  $("#p-gap").textContent = i !== undefined && b !== undefined ? `${((Math.max(0, b - i) / Math.max(1, Math.abs(b))) * 100).toFixed(2)}%` : "—";
}

function theWorker(): Worker {
  worker ??= new Worker(new URL("./solver.worker.ts", import.meta.url), { type: "module", name: "jinxiu-solve" });
  return worker;
}

const solveButton = $<HTMLButtonElement>("#solve");
const stopButton = $<HTMLButtonElement>("#stop");
solveButton.addEventListener("click", () => {
  if (!instance) return;
  resetResult();
  best = {};
  $("#progress").hidden = false;
  $("#run-error").hidden = true;
  for (const id of ["#p-incumbent", "#p-bound", "#p-gap", "#p-elapsed"]) $(id).textContent = "—";
  $("#p-phase").textContent = "启动求解器";
  solveButton.disabled = true;
  stopButton.disabled = false;
  document.body.dataset.state = "solving";
  const w = theWorker();
  const limitS = Number($<HTMLInputElement>("#limit").value);
  const gapPct = Number($<HTMLInputElement>("#gap").value);
  const current = instance;
  w.onmessage = (e: MessageEvent<FromWorker>) => {
    const m = e.data;
    if (m.type === "progress") return showProgress(m.progress);
    solveButton.disabled = false;
    stopButton.disabled = true;
    if (m.type === "error") {
      document.body.dataset.state = "error";
      const box = $("#run-error");
      box.textContent = `求解未完成：${m.message}`;
      box.hidden = false;
      return;
    }
    $("#p-phase").textContent = m.plan.status === "timeout-feasible" ? "已停止（保留当前最好方案）" : "完成";
    // The plan's own figures: its objective, and its bound when it has one.
    best = { incumbent: m.plan.objective, bound: m.plan.bound };
    renderBest();
    $("#p-elapsed").textContent = `${(m.stats.elapsedMs / 1000).toFixed(1)} 秒`;
    showPlan(current, m.plan, m.stats.elapsedMs);
    document.body.dataset.state = "done";
  };
  w.postMessage({ type: "solve", instance: current, timeLimitMs: Number.isFinite(limitS) && limitS > 0 ? limitS * 1000 : undefined,
    relGap: Number.isFinite(gapPct) && gapPct > 0 ? Math.min(1, gapPct / 100) : undefined } satisfies ToWorker);
});
stopButton.addEventListener("click", () => {
  stopButton.disabled = true;
  $("#p-phase").textContent = "正在停止，保留当前最好方案…";
  worker?.postMessage({ type: "stop" } satisfies ToWorker);
});

// ---------------------------------------------------------------- the plan

function resetResult(): void {
  plan = undefined;
  reportHtml = "";
  $("#result").hidden = true;
}

interface Row {
  readonly cells: readonly string[];
}
const COLUMNS = ["学员", "派出单位", "接收单位", "科室", "开始", "结束", "带教老师"] as const;
let rows: Row[] = [];
let sortBy = { col: 4, dir: 1 };

function showPlan(inst: Instance, p: Plan, elapsedMs: number): void {
  plan = p;
  const units = new Map(inst.units.map((u) => [u.id, u.name ?? u.id]));
  const mentors = new Map(inst.units.flatMap((u) => (u.mentors ?? []).map((m) => [m.id, m.name ?? m.id] as const)));
  const trainees = new Map(inst.trainees.map((t) => [t.id, t]));
  const dept = (d: string) => label(DEPT_LABELS, d);
  rows = p.placements.map((x) => {
    const t = trainees.get(x.trainee);
    return { cells: [t?.name ?? x.trainee, units.get(t?.unit ?? "") ?? t?.unit ?? "", units.get(x.unit) ?? x.unit, dept(x.dept), x.start, x.end, x.mentor ? (mentors.get(x.mentor) ?? x.mentor) : ""] };
  });
  const status = label(STATUS_LABELS, p.status);
  const gap = p.bound !== undefined ? ` · 上界 ${num(p.bound)}` : "";
  const summary = $("#summary");
  summary.textContent = `${status} · 目标值 ${num(p.objective)}${gap} · 已安排 ${p.placements.length} 人 · 未安排 ${p.unplaced.length} 人 · 用时 ${(elapsedMs / 1000).toFixed(1)} 秒`;
  summary.dataset.status = p.status;

  const head = $("#plan-table").querySelector("thead")!;
  head.replaceChildren(row(COLUMNS, "th"));
  head.querySelectorAll("th").forEach((th, i) => {
    th.tabIndex = 0;
    th.title = "点击排序";
    const sort = () => {
      sortBy = { col: i, dir: sortBy.col === i ? -sortBy.dir : 1 };
      renderRows();
    };
    th.addEventListener("click", sort);
    th.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        sort();
      }
    });
  });
  renderRows();

  $("#unplaced-table").querySelector("tbody")!.replaceChildren(
    ...p.unplaced.map((u) => {
      const t = trainees.get(u.trainee);
      return row([t?.name ?? u.trainee, units.get(t?.unit ?? "") ?? "", u.reasons.map((r) => `${label(REASON_LABELS, r.code)}：${r.message}`).join("；")]);
    }),
  );
  ($("[data-tab=unplaced]") as HTMLButtonElement).textContent = `未安排（${p.unplaced.length}）`;

  reportHtml = renderHtmlReport(inst, p, { generatedAt: new Date().toLocaleString("zh-CN", { hour12: false }) });
  const frame = $<HTMLIFrameElement>("#report");
  frame.srcdoc = reportHtml;
  frame.onload = () => fitFrame(frame);

  const forms = buildForms(inst, p);
  const csvs = formsToCsv(forms);
  $("#csvs").replaceChildren(
    ...Object.keys(csvs).map((name) => {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "secondary";
      b.textContent = `下载 ${name}`;
      b.dataset.download = `csv:${name}`;
      return b;
    }),
  );
  downloads = {
    forms: async () => [`${sourceName}-报表.xlsx`, new Blob([(await formsToXlsx(forms)) as BlobPart], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" })],
    plan: async () => [`${sourceName}.plan.json`, new Blob([serializePlan(p)], { type: "application/json" })],
    report: async () => [`${sourceName}-报告.html`, new Blob([reportHtml], { type: "text/html" })],
    ...Object.fromEntries(Object.entries(csvs).map(([name, text]) => [`csv:${name}`, async () => [name, new Blob([text], { type: "text/csv" })] as const])),
  };
  $("#result").hidden = false;
  selectTab("table");
}

function renderRows(): void {
  const q = $<HTMLInputElement>("#filter").value.trim();
  const { col, dir } = sortBy;
  const shown = rows.filter((r) => !q || r.cells.some((c) => c.includes(q)));
  shown.sort((a, b) => dir * a.cells[col].localeCompare(b.cells[col], "zh-CN") || a.cells[0].localeCompare(b.cells[0], "zh-CN"));
  const table = $("#plan-table");
  table.querySelectorAll("th").forEach((th, i) => th.setAttribute("aria-sort", i === col ? (dir > 0 ? "ascending" : "descending") : "none"));
  table.querySelector("tbody")!.replaceChildren(...shown.map((r) => row(r.cells)));
}
$("#filter").addEventListener("input", renderRows);

function fitFrame(frame: HTMLIFrameElement): void {
  const doc = frame.contentDocument;
  if (doc) frame.style.height = `${Math.max(400, doc.documentElement.scrollHeight + 20)}px`;
}

function selectTab(name: string): void {
  document.querySelectorAll<HTMLButtonElement>("[role=tab]").forEach((t) => t.setAttribute("aria-selected", String(t.dataset.tab === name)));
  document.querySelectorAll<HTMLElement>("[data-panel]").forEach((p) => (p.hidden = p.dataset.panel !== name));
  if (name === "report") fitFrame($<HTMLIFrameElement>("#report"));
}
document.querySelectorAll<HTMLButtonElement>("[role=tab]").forEach((t) => t.addEventListener("click", () => selectTab(t.dataset.tab!)));

// ---------------------------------------------------------------- downloads

let downloads: Record<string, () => Promise<readonly [string, Blob]>> = {};
$("#result").addEventListener("click", async (e) => {
  const key = (e.target as HTMLElement).closest<HTMLElement>("[data-download]")?.dataset.download;
  if (!key || !downloads[key] || !plan) return;
  const [name, blob] = await downloads[key]();
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
});
