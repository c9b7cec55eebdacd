/**
 * Misuse of the public functions is a UsageError whose message starts with
 * the function and names the argument; an engine's answer is checked before
 * use, so a wrong one is a clear error, never a crash or a wrong plan.
 */
import { describe, expect, it } from "vitest";
import { InternalError, UsageError } from "../../src/model/errors.js";
import { parseInstance } from "../../src/model/parse.js";
import type { Backend } from "../../src/solve/backend.js";
import { highsBackend } from "../../src/solve/highs.js";
import { solve } from "../../src/solve/index.js";
import { verifyPlan } from "../../src/verify.js";
import { tinyInstance, tinyPlan } from "../helpers/tiny.js";

const inst = () => parseInstance(tinyInstance());

describe("solve refuses misuse with a UsageError naming the argument", () => {
  it.each<[string, () => Promise<unknown>, RegExp]>([
    ["a string instance", () => solve("text" as never), /^solve: instance must be an instance object .*got a string "text"/],
    ["null instance", () => solve(null as never), /^solve: instance must be an instance object .*got null/],
    ["null options", () => solve(inst(), null as never), /^solve: options must be an object \(or absent\), got null/],
    ["string options", () => solve(inst(), "fast" as never), /^solve: options must be an object/],
    ["a misspelt option", () => solve(inst(), { timelimit: 5 } as never), /^solve: unknown option options\.timelimit \(known: timeLimitMs/],
    ["an unknown backend name", () => solve(inst(), { backend: "bogus" as never }), /^solve: options\.backend must be "highs", "jslp" or a Backend object, got a string "bogus"/],
    ["a backend without solve", () => solve(inst(), { backend: { name: "x" } as never }), /^solve: options\.backend must be/],
    ["relGap NaN", () => solve(inst(), { relGap: Number.NaN }), /^solve: options\.relGap must be a relative gap from 0 to 1, got NaN/],
    ["relGap −1", () => solve(inst(), { relGap: -1 }), /^solve: options\.relGap/],
    ["onProgress not a function", () => solve(inst(), { onProgress: 5 as never }), /^solve: options\.onProgress must be a function, got 5/],
    ["maxCandidates 0", () => solve(inst(), { maxCandidates: 0 }), /^solve: options\.maxCandidates/],
    ["pricingThreshold NaN", () => solve(inst(), { pricingThreshold: Number.NaN }), /^solve: options\.pricingThreshold/],
    ["an engine option that is an object", () => solve(inst(), { engineOptions: { presolve: {} as never } }), /^solve: options\.engineOptions\.presolve must be a number, boolean or string/],
  ])("%s", async (_what, call, message) => {
    await expect(call()).rejects.toBeInstanceOf(UsageError);
    await expect(call()).rejects.toThrow(message);
  });

  it("the accepted forms still work", async () => {
    const best = (await solve(inst())).objective;
    for (const backend of ["highs", "jslp", highsBackend] as const) {
      const plan = await solve(inst(), { backend, relGap: 0, engineOptions: { presolve: "on" } });
      expect(verifyPlan(inst(), plan).valid).toBe(true);
      expect(plan.objective).toBe(best);
    }
  });
});

describe("verifyPlan refuses misuse with a UsageError naming the argument", () => {
  it.each<[string, () => unknown, RegExp]>([
    ["a string plan", () => verifyPlan(inst(), "y" as never), /^verifyPlan: plan must be a plan object .*got a string "y"/],
    ["a string instance", () => verifyPlan("x" as never, tinyPlan()), /^verifyPlan: instance must be an instance object/],
    ["an array plan", () => verifyPlan(inst(), [] as never), /^verifyPlan: plan must be a plan object .*got an array/],
    ["rules not a list", () => verifyPlan(inst(), tinyPlan(), { rules: "R-ONCE" as never }), /^verifyPlan: options\.rules must be a list of rule codes/],
    ["an unknown rule code", () => verifyPlan(inst(), tinyPlan(), { rules: ["R-ONCE", "R-FOO"] }), /^verifyPlan: options\.rules\[1\] must be a rule code .*got a string "R-FOO"/],
    ["null options", () => verifyPlan(inst(), tinyPlan(), null as never), /^verifyPlan: options must be an object/],
  ])("%s", (_what, call, message) => {
    expect(call).toThrow(UsageError);
    expect(call).toThrow(message);
  });
});

describe("an engine's answer is checked before use", () => {
  /** A backend that answers the MILP with `answer(model)` (and lets HiGHS do the LPs). */
  const answering = (name: string, answer: (m: Parameters<Backend["solve"]>[0]) => unknown): Backend => ({
    name,
    solve: async (m, o) => (m.integer.some((v) => v === 1) ? (answer(m) as never) : highsBackend.solve(m, o)),
  });
  it.each<[string, Backend, RegExp]>([
    ["x of the wrong length", answering("short", (m) => ({ status: "optimal", x: new Float64Array(m.numCols - 1), objective: 0 })), /^solve: the backend "short" answered x of length \d+ for a model of \d+/],
    ["NaN in x", answering("nan", (m) => ({ status: "optimal", x: new Float64Array(m.numCols).fill(Number.NaN), objective: 0 })), /^solve: the backend "nan" answered x\[0\] = NaN/],
    ["a NaN objective", answering("nanobj", (m) => ({ status: "optimal", x: new Float64Array(m.numCols), objective: Number.NaN })), /answered objective NaN/],
    ["an unknown status", answering("odd", () => ({ status: "done" })), /^solve: the backend "odd" answered status a string "done"/],
    ["nothing", answering("void", () => undefined), /^solve: the backend "void" answered undefined, not a result object/],
    ["a solution that breaks the model", answering("wrong", (m) => ({ status: "optimal", x: new Float64Array(m.numCols).fill(1e6), objective: 1 })), /^solve: the backend "wrong" answered a solution that is not one: column \d+ = 1000000 outside/],
    ["an exception", { name: "boom", solve: async () => { throw new Error("engine on fire"); } }, /^solve: the backend "boom" failed: engine on fire/],
  ])("%s is a UsageError naming the backend", async (_what, backend, message) => {
    const p = solve(inst(), { backend, pricingThreshold: Number.POSITIVE_INFINITY });
    await expect(p).rejects.toBeInstanceOf(UsageError);
    await expect(solve(inst(), { backend, pricingThreshold: Number.POSITIVE_INFINITY })).rejects.toThrow(message);
  });

  it("a built-in engine's malformed answer would be an InternalError (checked the same way)", async () => {
    const { checkedBackend } = await import("../../src/solve/checked.js");
    const broken = checkedBackend({ name: "highs", solve: async (m) => ({ status: "optimal", x: new Float64Array(m.numCols + 3), objective: 0 }) }, false);
    const m = { numCols: 1, numRows: 0, offset: 0, colCost: new Float64Array(1), colLower: new Float64Array(1), colUpper: new Float64Array([1]), rowLower: new Float64Array(0), rowUpper: new Float64Array(0), starts: new Int32Array(2), indices: new Int32Array(0), values: new Float64Array(0), integer: new Uint8Array([1]) };
    await expect(broken.solve(m as never, {})).rejects.toBeInstanceOf(InternalError);
  });
});
