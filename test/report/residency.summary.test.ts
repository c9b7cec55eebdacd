/**
 * The text summary and planMetrics of a plan with residents (SPEC §10): residents scheduled
 * and unplaced, service shortfalls and managers — the rules' numbers, in the planner's words.
 */
import { describe, expect, it } from "vitest";
import type { Plan } from "../../src/model/types.js";
import { planMetrics } from "../../src/report/metrics.js";
import { summarizePlan } from "../../src/report/summary.js";
import { verifyPlan } from "../../src/verify.js";
import { mutate } from "../helpers/tiny.js";
import { mixedInstance, mixedPlan, residencyInstance, residencyPlan } from "./residency.fixture.js";

describe("planMetrics counts residents and service shortfalls", () => {
  it("scheduled, unplaced, resident-months short: the objective's shortfall term", () => {
    const inst = residencyInstance();
    const plan = residencyPlan();
    const r = planMetrics(inst, plan).residency!;
    expect(r).toMatchObject({ residents: 3, scheduled: 2, unplaced: 1, serviceShort: 2, softRowsShort: 1, hardRowsBroken: 0 });
    expect([...r.unplacedByCode]).toEqual([["CAPACITY-COMPETITION", 1]]);
    // The short resident-months are the verifier's shortfall rows, priced at `shortfall` each.
    const v = verifyPlan(inst, plan);
    expect(v.shortfalls.reduce((s, x) => s + x.needed - x.got, 0)).toBe(r.serviceShort);
    const noService = mutate(inst, (i) => { i.units[0].service = []; });
    expect(verifyPlan(noService, { ...plan, shortfalls: [] }).objective - v.objective).toBe(50 * r.serviceShort);
  });

  it("no residency block for an instance without residents", () => {
    const inst = mixedInstance();
    const plain = { ...inst, programmes: [inst.programmes[1]], trainees: [inst.trainees[3]] };
    expect(planMetrics(plain, { ...mixedPlan(), residencies: [], unplaced: [], shortfalls: [] }).residency).toBeUndefined();
  });

  it("a hard service row broken is counted, as R-SERVICE reports it", () => {
    const inst = residencyInstance();
    const plan = residencyPlan();
    const broken: Plan = { ...plan, residencies: [plan.residencies![0]], unplaced: [...plan.unplaced, { trainee: "r-002", reasons: [{ code: "CAPACITY-COMPETITION", message: "" }] }] };
    expect(verifyPlan(inst, broken).violations.map((v) => v.code)).toContain("R-SERVICE");
    expect(planMetrics(inst, broken).residency).toMatchObject({ scheduled: 1, unplaced: 2, hardRowsBroken: 1 });
  });
});

describe("summarizePlan says what happened to the residents", () => {
  it("residents alone: scheduled and not, service months short, managers per base; no empty 进修 lines", () => {
    const text = summarizePlan(residencyInstance(), residencyPlan());
    expect(text).toContain("住培：已排 2 人，未排 1 人（竞争落选 1）（住院医师 3 人）");
    expect(text).toContain("住培服务水平：缺口 2 人·月（1 条软性服务要求未达）");
    expect(text).toContain("山东第一医科大学第一附属医院：已排住院医师 2 人，专职管理人员 3 人（可容纳 300 人）");
    expect(text).toContain("未达目标：山东第一医科大学第一附属医院急诊科：住培服务水平（第 1 行）— 需要 6 人月，实际 4，缺口 2");
    expect(text).not.toContain("已安排 0 人");
    expect(text).not.toContain("下沉支援");
  });

  it("residents beside 进修 trainees: the 进修 line counts 进修 trainees only", () => {
    const text = summarizePlan(mixedInstance(), mixedPlan());
    expect(text).toContain("已安排 1 人（报名 1 人）；未安排 0 人");
    expect(text).toContain("项目「济南市基层卫生人员进修」：已安排 1 人");
    expect(text).toContain("住培：已排 2 人，未排 1 人");
  });

  it("in English", () => {
    const text = summarizePlan(residencyInstance(), residencyPlan(), { lang: "en" });
    expect(text).toContain("residents: 2 scheduled, 1 not scheduled (lost to better placements 1) (of 3)");
    expect(text).toContain("service levels: 2 resident-month(s) short (1 soft row(s) short)");
  });

  it("a base whose managers cannot take its residents says so", () => {
    const inst = mutate(residencyInstance(), (i) => { i.units[0].managers = 2; });
    expect(summarizePlan(inst, residencyPlan())).toContain("已排住院医师 2 人，专职管理人员 2 人（可容纳 0 人） — 超出专职管理人员可管理的人数");
  });
});
