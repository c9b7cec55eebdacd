import type { Instance } from "../model/types.js";
import type { Io } from "./io.js";

/** Placeholder until the solver lands. */
export async function solveCommand(_inst: Instance, _opts: Record<string, unknown>, io: Io): Promise<number> {
  io.err("jinxiu solve: not available yet");
  return 2;
}
