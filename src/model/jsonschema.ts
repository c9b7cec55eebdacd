/**
 * JSON Schemas (draft 2020-12) of the instance and plan formats, generated
 * from the zod schemas (zod 4's `z.toJSONSchema`), for editors and other
 * tools. They carry the structure, types, enums, required keys and numeric
 * limits; cross-reference rules (dangling ids, overlaps …) and a few value
 * rules (real calendar dates, ids without control characters) are only
 * `parseInstance`'s. `npm run schema` writes them to `docs/schema/*.schema.json`
 * (shipped); a test checks the shipped files equal a fresh generation.
 */
import { z } from "zod";
import { instanceSchema, planSchema } from "./schema.js";

/** A name, not an address: the package ships the files (docs/schema/), and editors reach them by path. */
const BASE = "urn:jinxiu:schema";

function generate(schema: z.ZodType, name: string, title: string): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return { $schema: json.$schema, $id: `${BASE}:${name}`, title, ...json };
}

export function instanceJsonSchema(): Record<string, unknown> {
  return generate(instanceSchema, "instance", "jinxiu instance (SPEC §3–4)");
}

export function planJsonSchema(): Record<string, unknown> {
  return generate(planSchema, "plan", "jinxiu plan (SPEC §6)");
}
