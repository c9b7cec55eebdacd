/**
 * The clock of one solve: the time limit (from the call) and the caller's
 * AbortSignal, seen the same way by every phase.
 *
 * Synchronous loops (candidates, formulation, greedy, pricing's walks) ask
 * `expired()`; the engines get `signal`, which fires on the caller's abort at
 * once and shortly after the engines' deadline (a grace period that lets
 * HiGHS stop on its own time limit and keep its warm worker), and then stop
 * at once with their best incumbent. The engines' deadline keeps a reserve
 * before the deadline for extracting and verifying the plan.
 */
import { describeValue as describe } from "../model/args.js";
import { UsageError } from "../model/errors.js";

/** Longest time limit accepted: one week. */
export const MAX_TIME_LIMIT_MS = 604_800_000;

export class Clock {
  /** Wall-clock deadline (ms since the epoch), when there is a time limit. */
  readonly deadline?: number;
  /** Aborted on the caller's abort, and a grace period after `engineDeadline`. */
  readonly signal: AbortSignal;
  /**
   * When the engines should be done (ms since the epoch): the deadline less a
   * reserve for extracting and verifying the plan (10 % of the limit, at most 2 s).
   */
  readonly engineDeadline?: number;
  private readonly controller = new AbortController();
  private readonly timer?: ReturnType<typeof setTimeout>;
  private readonly onAbort = () => this.controller.abort();
  private lastYield = Date.now();

  constructor(
    t0: number,
    timeLimitMs: number | undefined,
    private readonly caller: AbortSignal | undefined,
  ) {
    this.signal = this.controller.signal;
    if (timeLimitMs !== undefined) {
      this.deadline = t0 + timeLimitMs;
      this.engineDeadline = this.deadline - Math.min(2000, 0.1 * timeLimitMs);
      // Engines stop on their own limit at engineDeadline; the signal stops one that overruns it.
      const grace = Math.min(250, 50 + 0.02 * timeLimitMs);
      this.timer = setTimeout(this.onAbort, Math.max(0, this.engineDeadline + grace - Date.now()));
      // The timer never keeps a process alive on its own.
      this.timer.unref?.();
    }
    if (caller?.aborted) this.controller.abort();
    else caller?.addEventListener("abort", this.onAbort, { once: true });
  }

  /** Whether the solve must stop now: the deadline passed or the caller aborted. */
  expired(): boolean {
    return this.signal.aborted || this.caller?.aborted === true || (this.deadline !== undefined && Date.now() >= this.deadline);
  }

  /** Whether the engines' time is up (`engineDeadline` passed, or stopped): no further engine call is worth starting. */
  enginesDone(): boolean {
    return this.expired() || (this.engineDeadline !== undefined && Date.now() >= this.engineDeadline);
  }

  /** Whether the caller aborted (as opposed to the time limit). */
  get aborted(): boolean {
    return this.caller?.aborted === true;
  }

  /** Time left for an engine call (at least 1 ms, up to `engineDeadline`), or undefined without a limit and abort. */
  remaining(): number | undefined {
    if (this.aborted) return 1;
    return this.engineDeadline !== undefined ? Math.max(1, this.engineDeadline - Date.now()) : undefined;
  }

  /**
   * Lets the event loop run (a SIGINT handler calling `abort()`, a timer)
   * at most every 50 ms of a long synchronous phase; cheap to call often.
   */
  async tick(): Promise<void> {
    const now = Date.now();
    if (now - this.lastYield < 50) return;
    // setImmediate in Node; a browser has none, and a zero timeout does the same there.
    await new Promise<void>((resolve) => (typeof setImmediate === "function" ? setImmediate(resolve) : setTimeout(resolve, 0)));
    this.lastYield = Date.now();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.caller?.removeEventListener("abort", this.onAbort);
  }
}

/** `options.timeLimitMs` and `options.signal` checked (a UsageError naming the option otherwise). */
export function checkClockOptions(fn: string, timeLimitMs: unknown, signal: unknown): void {
  if (timeLimitMs !== undefined) {
    if (typeof timeLimitMs !== "number" || !Number.isFinite(timeLimitMs) || timeLimitMs <= 0 || timeLimitMs > MAX_TIME_LIMIT_MS)
      throw new UsageError(
        `${fn}: options.timeLimitMs must be a positive finite number of milliseconds, at most ${MAX_TIME_LIMIT_MS} (one week), or absent for no limit; got ${describe(timeLimitMs)}`,
      );
  }
  if (signal !== undefined) {
    const s = signal as { aborted?: unknown; addEventListener?: unknown };
    if (!s || typeof s !== "object" || typeof s.aborted !== "boolean" || typeof s.addEventListener !== "function")
      throw new UsageError(`${fn}: options.signal must be an AbortSignal, got ${describe(signal)}`);
  }
}
