import type { Instance } from "../../src/model/types.js";

/** A mentor as the forms and report name it: its `name`, else its id. */
export const mentorShown = (inst: Instance, id: string): string => {
  for (const u of inst.units) for (const m of u.mentors ?? []) if (m.id === id) return m.name ?? id;
  return id;
};
