/**
 * The label table (src/model/labels.ts): every closed union of the spec has a label for
 * each member, every department code the examples, generators and seed programmes use has
 * a Chinese name, and lookups never read inherited properties.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generate, zhejiang } from "../../bench/generate.js";
import {
  CATEGORY_LABELS, DEPT_LABELS, EDUCATION_LABELS, KIND_LABELS, LICENSE_LABELS, type LabelTable, OUTCOME_LABELS,
  PRACTICE_LABELS, REASON_LABELS, RELATION_LABELS, RULE_LABELS, SEX_LABELS, STATUS_LABELS, TIER_LABELS, TITLE_LABELS,
  WHERE_KEY_LABELS, deptLabel, hasLabel, label, labelWithCode,
} from "../../src/model/labels.js";
import {
  CATEGORIES, EDUCATIONS, KINDS, LICENSES, PRACTICES, RELATION_TYPES, SEXES, TIERS, TITLES, WHERE_KEYS,
} from "../../src/model/types.js";
import { RULE_CODES } from "../../src/rules/index.js";

const CJK = /[\u3400-\u9fff]/;
const TABLES: Record<string, LabelTable> = {
  TIER_LABELS, KIND_LABELS, TITLE_LABELS, LICENSE_LABELS, CATEGORY_LABELS, PRACTICE_LABELS, SEX_LABELS,
  EDUCATION_LABELS, RELATION_LABELS, STATUS_LABELS, WHERE_KEY_LABELS, RULE_LABELS, OUTCOME_LABELS, DEPT_LABELS,
};

/** Every department code in a JSON value: `dept`, `depts`, `homeDept`, `studyDept` anywhere. */
function deptCodes(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) deptCodes(v, out);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "dept" && typeof v === "string") out.add(v);
      else if ((k === "depts" || k === "homeDept" || k === "studyDept") && Array.isArray(v)) for (const d of v) out.add(String(d));
      else deptCodes(v, out);
    }
  }
  return out;
}

describe("label tables", () => {
  it("label every member of the spec's closed unions, and nothing else", () => {
    const keys = (t: object) => Object.keys(t).sort();
    expect(keys(TIER_LABELS)).toEqual([...TIERS].sort());
    expect(keys(KIND_LABELS)).toEqual([...KINDS].sort());
    expect(keys(TITLE_LABELS)).toEqual([...TITLES].sort());
    expect(keys(LICENSE_LABELS)).toEqual([...LICENSES].sort());
    expect(keys(CATEGORY_LABELS)).toEqual([...CATEGORIES].sort());
    expect(keys(PRACTICE_LABELS)).toEqual([...PRACTICES].sort());
    expect(keys(SEX_LABELS)).toEqual([...SEXES].sort());
    expect(keys(EDUCATION_LABELS)).toEqual([...EDUCATIONS].sort());
    expect(keys(WHERE_KEY_LABELS)).toEqual([...WHERE_KEYS].sort());
    // SPEC §10 adds `training` to the relation types.
    expect(keys(RELATION_LABELS)).toEqual([...new Set([...RELATION_TYPES, "training"])].sort());
  });

  it("label every rule code the rule registry has, and the §10 and outcome codes", () => {
    for (const code of RULE_CODES) expect(hasLabel(RULE_LABELS, code), code).toBe(true);
    for (const code of ["R-CURRICULUM", "R-SITE", "R-SERVICE", "R-MANAGERS", "CAPACITY-COMPETITION", "INFEASIBLE", "PLAN-FORMAT"])
      expect(hasLabel(REASON_LABELS, code), code).toBe(true);
    const spec = readFileSync(new URL("../../docs/spec.md", import.meta.url), "utf8");
    for (const code of new Set(spec.match(/\bR-[A-Z]+\b/g))) expect(hasLabel(RULE_LABELS, code), code).toBe(true);
  });

  it("give every code a Chinese and an English word", () => {
    for (const [name, t] of Object.entries(TABLES)) {
      for (const [code, l] of Object.entries(t)) {
        expect(l.zh, `${name}.${code}.zh`).toMatch(CJK);
        expect(l.en.trim(), `${name}.${code}.en`).not.toBe("");
        expect(l.en, `${name}.${code}.en`).not.toMatch(CJK);
      }
    }
  });

  it("name every department the examples, the generators and the seed programmes use", () => {
    const used = new Set<string>(["cardiology", "respiratory", "gastro", "icu", "emergency", "general-practice"]); // SPEC §10
    const dir = new URL("../../examples/", import.meta.url);
    for (const f of readdirSync(dir).filter((x) => x.endsWith(".json"))) deptCodes(JSON.parse(readFileSync(new URL(f, dir), "utf8")), used);
    deptCodes(generate({ seed: 7, trainees: 200, months: 12, duration: [3, 6] }), used);
    deptCodes(zhejiang({ seed: 1, years: 3, scale: 0.05 }), used);
    expect(used.size).toBeGreaterThan(20);
    const missing = [...used].filter((d) => !hasLabel(DEPT_LABELS, d));
    expect(missing).toEqual([]);
  });
});

describe("label", () => {
  it("gives Chinese by default and English on request", () => {
    expect(label(TIER_LABELS, "city")).toBe("市级");
    expect(label(TIER_LABELS, "city", "en")).toBe("city level");
    expect(label(TITLE_LABELS, "associate-senior")).toBe("副高级");
    expect(label(DEPT_LABELS, "cardiology")).toBe("心血管内科");
    expect(label(RULE_LABELS, "R-CAPACITY")).toBe("接收容量");
    expect(labelWithCode(REASON_LABELS, "R-CAPACITY")).toBe("接收容量（R-CAPACITY）");
    expect(labelWithCode(REASON_LABELS, "R-CAPACITY", "en")).toBe("receiving capacity (R-CAPACITY)");
  });

  it("shows an unknown code as it is", () => {
    expect(label(DEPT_LABELS, "内科")).toBe("内科");
    expect(label(DEPT_LABELS, "")).toBe("");
    expect(labelWithCode(REASON_LABELS, "X-NEW")).toBe("X-NEW");
  });

  it("never reads inherited properties (constructor, toString, __proto__ …)", () => {
    for (const code of ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf", "__defineGetter__", "isPrototypeOf"]) {
      for (const t of Object.values(TABLES)) {
        expect(hasLabel(t, code)).toBe(false);
        expect(label(t, code)).toBe(code);
        expect(label(t, code, "en")).toBe(code);
        expect(labelWithCode(t, code)).toBe(code);
      }
      expect(deptLabel(code)).toBe(code);
    }
  });

  it("lets a planner's own department names win", () => {
    const own = new Map([["internal", "大内科"], ["constructor", "构造科"]]);
    expect(deptLabel("internal", "zh", own)).toBe("大内科");
    expect(deptLabel("constructor", "zh", own)).toBe("构造科");
    expect(deptLabel("surgery", "zh", own)).toBe("外科");
    expect(deptLabel("surgery", "en")).toBe("surgery");
  });

  it("tables are frozen", () => {
    expect(Object.isFrozen(DEPT_LABELS)).toBe(true);
    expect(() => {
      (DEPT_LABELS as unknown as Record<string, unknown>).x = 1;
    }).toThrow();
  });
});
