/** Writes schema/instance.schema.json and schema/plan.schema.json from the zod schemas (`npm run schema`). */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { instanceJsonSchema, planJsonSchema } from "../src/model/jsonschema.js";

const dir = join(dirname(fileURLToPath(import.meta.url)), "../schema");
mkdirSync(dir, { recursive: true });
for (const [name, schema] of [["instance", instanceJsonSchema()], ["plan", planJsonSchema()]] as const) {
  writeFileSync(join(dir, `${name}.schema.json`), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote schema/${name}.schema.json`);
}
