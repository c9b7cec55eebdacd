/**
 * JSON text in, a value or issues out — the words a person needs: syntax errors
 * by line and column (not "at position 6358"), duplicate keys by their path
 * (JSON.parse silently keeps the last one), files saved as UTF-16 or UTF-32 named
 * as such instead of parsed as mojibake. A UTF-8 byte-order mark (Excel, Notepad)
 * is accepted.
 *
 * The value itself always comes from `JSON.parse` (exact numbers, `__proto__` as
 * a plain key); jsonc-parser's scanner only locates syntax errors and duplicate
 * keys, in strict JSON mode (no comments, no trailing commas).
 */
import { visit } from "jsonc-parser";
import { type Issue, formatPath } from "./errors.js";

export type JsonEncoding = "utf-8" | "utf-16le" | "utf-16be" | "utf-32le" | "utf-32be";

/** The encoding of a JSON file from its first bytes: byte-order mark, else the NUL pattern of `{`/`[` (RFC 4627 §3). */
export function detectEncoding(bytes: Uint8Array): JsonEncoding {
  const [a, b, c, d] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (a === 0x00 && b === 0x00 && c === 0xfe && d === 0xff) return "utf-32be";
  if (a === 0xff && b === 0xfe && c === 0x00 && d === 0x00) return "utf-32le";
  if (a === 0xfe && b === 0xff) return "utf-16be";
  if (a === 0xff && b === 0xfe) return "utf-16le";
  if (bytes.length >= 4 && a === 0 && b === 0 && c === 0 && d !== 0) return "utf-32be";
  if (bytes.length >= 4 && a !== 0 && b === 0 && c === 0 && d === 0) return "utf-32le";
  if (bytes.length >= 2 && a === 0 && b !== 0) return "utf-16be";
  if (bytes.length >= 2 && a !== 0 && b === 0) return "utf-16le";
  return "utf-8";
}

const wrongEncoding = (what: string, enc: JsonEncoding) =>
  `the ${what} file is ${enc.toUpperCase().replace(/(LE|BE)$/, " $1")}; save it as UTF-8 (文件编码为 ${enc.toUpperCase().replace(/(LE|BE)$/, "")}，请另存为 UTF-8)`;

/**
 * Decodes the bytes of a JSON file as UTF-8, or says which other encoding it is in.
 * A UTF-8 byte-order mark is dropped; invalid UTF-8 is an issue, not replacement characters.
 */
export function decodeJson(bytes: Uint8Array, what: string): { text?: string; issues: Issue[] } {
  const enc = detectEncoding(bytes);
  if (enc !== "utf-8") return { issues: [{ path: "", message: wrongEncoding(what, enc) }] };
  try {
    return { text: stripBom(new TextDecoder("utf-8", { fatal: true }).decode(bytes)), issues: [] };
  } catch {
    return { issues: [{ path: "", message: `the ${what} file is not UTF-8 (perhaps GBK); save it as UTF-8 (文件不是 UTF-8 编码，请另存为 UTF-8)` }] };
  }
}

/** Drops a leading UTF-8 byte-order mark. */
export const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** Text that is really UTF-16/32 bytes read as UTF-8: NULs between the characters. */
function mojibake(text: string): JsonEncoding | undefined {
  const head = text.slice(0, 8);
  if (!head.includes("\u0000")) return undefined;
  const bom = head.startsWith("\uFFFD\uFFFD") ? 2 : 0;
  const bytes = Uint8Array.from(head.slice(bom), (ch) => ch.charCodeAt(0) & 0xff);
  const enc = detectEncoding(bytes);
  return enc === "utf-8" ? (bom ? "utf-16le" : undefined) : enc;
}

const SYNTAX: Record<number, string> = {
  1: "unexpected character",
  2: "not a valid number",
  3: "expected a key in double quotes",
  4: "expected a value",
  5: "expected a colon after the key",
  6: "expected a comma",
  7: "expected a comma or }",
  8: "expected a comma or ]",
  9: "unexpected text after the end of the JSON",
  10: "comments are not allowed in JSON",
  11: "comments are not allowed in JSON",
  12: "a string is not closed",
  13: "a number is cut off",
  14: "invalid \\u escape",
  15: "invalid escape in a string",
  16: "a control character (tab, line break) inside a string",
};

/** `line L, column C` (both from 1, columns in characters) of a UTF-16 offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

function near(text: string, offset: number): string {
  if (offset >= text.length) return "the end of the file";
  const s = text.slice(offset, offset + 12).split(/[\r\n]/)[0];
  return s ? JSON.stringify(s) : "a line break";
}

/**
 * Parses JSON text: the value, or issues with their path. A syntax error is one
 * root issue (`path` ""), `not valid JSON at line 3, column 7: expected a comma or }`;
 * each duplicate key is an issue at its path.
 *
 * @example
 * parseJson('{"a": 1, "a": 2}', "instance").issues
 * // [{ path: "a", message: 'duplicate key "a" (line 1, column 10); each key may appear once' }]
 */
export function parseJson(text: string, what: string): { value?: unknown; issues: Issue[] } {
  const enc = mojibake(text);
  if (enc) return { issues: [{ path: "", message: wrongEncoding(what, enc) }] };
  const body = stripBom(text);
  if (body.trim() === "") return { issues: [{ path: "", message: `${what} is not valid JSON: the file is empty` }] };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    return { issues: [{ path: "", message: `${what} is not valid JSON: ${syntaxError(body, (e as Error).message)}` }] };
  }
  return { value, issues: duplicateKeys(body) };
}

function syntaxError(text: string, v8: string): string {
  let first: { code: number; offset: number } | undefined;
  visit(text, { onError: (code, offset) => void (first ??= { code, offset }) }, { disallowComments: true, allowTrailingComma: false });
  // jsonc-parser and JSON.parse agree on JSON; should they not, V8's offset is still turned into a line and column.
  const offset = first?.offset ?? Number(/position (\d+)/.exec(v8)?.[1] ?? NaN);
  if (!Number.isFinite(offset)) return v8;
  const { line, column } = lineColumn(text, offset);
  const trailing = first && (first.code === 3 || first.code === 4) && (text[offset] === "}" || text[offset] === "]");
  const why = trailing ? `a comma before ${text[offset]} (trailing commas are not allowed in JSON)` : first ? SYNTAX[first.code] ?? "syntax error" : v8.replace(/ in JSON at position \d+.*$/, "");
  return `line ${line}, column ${column}: ${why} (at ${near(text, offset)})`;
}

function duplicateKeys(text: string): Issue[] {
  const issues: Issue[] = [];
  const open: Set<string>[] = [];
  visit(text, {
    onObjectBegin: () => void open.push(new Set()),
    onObjectEnd: () => void open.pop(),
    onObjectProperty: (key, _offset, _length, line, character, pathOf) => {
      const keys = open[open.length - 1];
      if (!keys.has(key)) return void keys.add(key);
      issues.push({
        path: formatPath([...pathOf(), key]),
        message: `duplicate key "${key}" (line ${line + 1}, column ${character + 1}); each key may appear once`,
      });
    },
  });
  return issues;
}
