/** One problem found in input data: where it is and what is wrong. */
export interface Issue {
  /** Path into the JSON, e.g. `units[3].receive[0].capacity`. */
  readonly path: string;
  readonly message: string;
}

/**
 * Renders issues for people, one `path: message` per line.
 *
 * @example
 * formatIssues([{ path: "units[3].receive[0].capacity", message: "must be ≥ 0, got -2" }]);
 * // "units[3].receive[0].capacity: must be ≥ 0, got -2"
 */
export function formatIssues(issues: readonly Issue[]): string {
  return issues.map((i) => `${i.path || "(root)"}: ${i.message}`).join("\n");
}

/** Base of jinxiu's typed errors; `code` is stable, messages are for people. */
export class JinxiuError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** An instance that is not a valid SPEC §3–4 instance; carries every issue found. */
export class InstanceError extends JinxiuError {
  constructor(readonly issues: readonly Issue[], what = "instance") {
    super("INVALID_INPUT", `parse${what === "plan" ? "Plan" : "Instance"}: ${issues.length} issue${issues.length === 1 ? "" : "s"} in the ${what}\n${formatIssues(issues)}`);
  }
}

/** A plan file that is not a valid SPEC §6 plan. */
export class PlanError extends InstanceError {
  constructor(issues: readonly Issue[]) {
    super(issues, "plan");
  }
}

/** Misuse of the API (wrong arguments). The message starts with the function. */
export class UsageError extends JinxiuError {
  constructor(message: string) {
    super("USAGE", message);
  }
}

/** A bug inside jinxiu, e.g. a solver result that fails verification. Never a user error. */
export class InternalError extends JinxiuError {
  constructor(message: string) {
    super("INTERNAL", message);
  }
}

/** Formats a JSON path from its segments: `["units", 3, "id"]` → `units[3].id`. */
export function formatPath(segments: readonly PropertyKey[]): string {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else out += out ? `.${String(s)}` : String(s);
  }
  return out;
}
