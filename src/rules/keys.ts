/**
 * Keys for maps indexed by several user-given strings (unit and department,
 * programme and row …). Parts are joined with U+0000 after escaping U+0000 and
 * U+0001 inside them, so two different lists of parts never give one key,
 * whatever the ids contain (`|`, `/`, `__proto__`, control characters). Keys
 * are only ever looked up, never split again: what a key stands for is kept
 * beside it where it is needed.
 */
const escape = (s: string) => (s.includes("\u0000") || s.includes("\u0001") ? s.replace(/\u0001/g, "\u0001\u0001").replace(/\u0000/g, "\u00010") : s);

/** A collision-free key for a list of parts. */
export function key(...parts: readonly (string | number)[]): string {
  let out = "";
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    out += (i ? "\u0000" : "") + (typeof p === "number" ? String(p) : escape(p));
  }
  return out;
}
