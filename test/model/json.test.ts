/** JSON text → value or issues: line/column syntax errors, duplicate keys by path, UTF-16/32 named, a UTF-8 BOM accepted. */
import { describe, expect, it } from "vitest";
import { decodeJson, detectEncoding, lineColumn, parseJson } from "../../src/model/json.js";
import { checkInstance, parsePlan } from "../../src/model/parse.js";

const enc = (text: string, e: "utf16le" | "utf16be" | "utf32le" | "utf32be") => {
  const le = Buffer.from(text, "utf16le");
  if (e === "utf16le") return le;
  if (e === "utf16be") return Buffer.from(le).swap16();
  const cps = [...text].map((c) => c.codePointAt(0)!);
  const b = Buffer.alloc(cps.length * 4);
  cps.forEach((cp, i) => (e === "utf32le" ? b.writeUInt32LE(cp, i * 4) : b.writeUInt32BE(cp, i * 4)));
  return b;
};

describe("syntax errors by line and column", () => {
  it("a missing comma on line 3 is reported at line 3, column 3, not as a position", () => {
    const r = parseJson('{\n  "a": 1\n  "b": 2\n}', "instance");
    expect(r.value).toBeUndefined();
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0].path).toBe("");
    expect(r.issues[0].message).toMatch(/^instance is not valid JSON: line 3, column 3: expected a comma/);
    expect(r.issues[0].message).not.toMatch(/position/);
  });

  it("a trailing comma is named as such, at the closing brace", () => {
    expect(parseJson('{\n  "a": 1,\n}', "plan").issues[0].message).toMatch(/line 3, column 1: a comma before \} \(trailing commas are not allowed/);
  });

  it("an unclosed string, NaN, a comment and an empty file each get words", () => {
    expect(parseJson('{"a": "x', "instance").issues[0].message).toMatch(/line 1, column 7: a string is not closed/);
    expect(parseJson('{"a": NaN}', "instance").issues[0].message).toMatch(/line 1, column 7: unexpected character/);
    expect(parseJson('{"a": 1 // note\n}', "instance").issues[0].message).toMatch(/line 1, column 9: comments are not allowed/);
    expect(parseJson("  \n", "instance").issues[0].message).toBe("instance is not valid JSON: the file is empty");
  });

  it("columns count characters, so Chinese text before the error does not shift them", () => {
    expect(parseJson('{"name": "东海县" "x": 1}', "instance").issues[0].message).toMatch(/line 1, column 16:/);
  });

  it("lineColumn is 1-based", () => {
    expect(lineColumn("ab\ncd", 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
  });
});

describe("duplicate keys", () => {
  it("each duplicate is an issue at its path (JSON.parse would keep the last silently)", () => {
    const r = parseJson('{"a": 1, "b": {"c": [ {"x": 1}, {"x": 1, "x": 2} ]}, "a": 3}', "instance");
    expect(r.issues.map((i) => i.path)).toEqual(["b.c[1].x", "a"]);
    expect(r.issues[1].message).toMatch(/duplicate key "a" \(line 1, column 54\)/);
  });

  it("the same key in sibling objects is not a duplicate", () => {
    expect(parseJson('[{"id": 1}, {"id": 2}]', "instance").issues).toEqual([]);
  });

  it("checkInstance and parsePlan report them with the path", () => {
    const dup = checkInstance('{"version": 1, "version": 1, "calendar": {"start": "2024-07-01", "end": "2024-08-01", "granularity": "month"}, "regions": [], "units": [], "trainees": [], "programmes": []}');
    expect(dup).toContainEqual(expect.objectContaining({ path: "version", message: expect.stringMatching(/duplicate key "version"/) }));
    expect(() => parsePlan('{"version": 1, "status": "optimal", "status": "feasible", "objective": 0, "placements": [], "support": [], "unplaced": [], "shortfalls": [], "conflicts": []}')).toThrow(/status: duplicate key "status"/);
  });

  it("__proto__ stays a plain key", () => {
    const r = parseJson('{"__proto__": {"polluted": 1}}', "instance");
    expect(r.issues).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(r.value as object)).toEqual(["__proto__"]);
  });
});

describe("encodings", () => {
  const text = '{"version": 1}';
  for (const [e, name] of [["utf16le", "UTF-16 LE"], ["utf16be", "UTF-16 BE"], ["utf32le", "UTF-32 LE"], ["utf32be", "UTF-32 BE"]] as const) {
    it(`${name}, with and without a byte-order mark, is named (bytes)`, () => {
      for (const t of [text, `\uFEFF${text}`]) {
        const r = decodeJson(enc(t, e), "instance");
        expect(r.text).toBeUndefined();
        expect(r.issues).toEqual([{ path: "", message: expect.stringMatching(new RegExp(`^the instance file is ${name}; save it as UTF-8`)) }]);
      }
    });
  }

  it("UTF-16 bytes read as UTF-8 text (readFileSync(f, 'utf8')) are named, not parsed as mojibake", () => {
    for (const t of [text, `\uFEFF${text}`]) {
      const mangled = enc(t, "utf16le").toString("utf8");
      expect(parseJson(mangled, "instance").issues[0].message).toMatch(/^the instance file is UTF-16 LE; save it as UTF-8/);
    }
    expect(parseJson(enc(text, "utf16be").toString("utf8"), "instance").issues[0].message).toMatch(/UTF-16 BE/);
  });

  it("a UTF-8 byte-order mark is accepted (bytes and text)", () => {
    expect(decodeJson(Buffer.from(`\uFEFF${text}`, "utf8"), "instance")).toEqual({ text, issues: [] });
    expect(parseJson(`\uFEFF${text}`, "instance")).toEqual({ value: { version: 1 }, issues: [] });
  });

  it("bytes that are not UTF-8 (GBK) are an issue, not replacement characters", () => {
    const gbk = Buffer.from([0x7b, 0x22, 0xb6, 0xab, 0xba, 0xa3, 0x22, 0x3a, 0x31, 0x7d]); // {"东海":1} in GBK
    expect(decodeJson(gbk, "instance").issues[0].message).toMatch(/not UTF-8/);
  });

  it("plain UTF-8 JSON with Chinese text is UTF-8", () => {
    expect(detectEncoding(Buffer.from('{"name":"东海县"}'))).toBe("utf-8");
    expect(detectEncoding(Buffer.from("7"))).toBe("utf-8");
  });
});
