/**
 * docs/schema/instance.schema.json and docs/schema/plan.schema.json: generated from the
 * zod schemas, shipped, and current; a JSON Schema validator (ajv) accepts
 * every example and every plan jinxiu writes, and refuses what the zod schema
 * refuses structurally.
 */
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { instanceJsonSchema, planJsonSchema } from "../../src/model/jsonschema.js";
import { checkInstance, parseInstance } from "../../src/model/parse.js";
import { solve } from "../../src/solve/index.js";
import { mutate, tinyInstance } from "../helpers/tiny.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const shippedPath = (name: string) => join(ROOT, "docs", "schema", `${name}.schema.json`);
const shipped = (name: string) => JSON.parse(readFileSync(shippedPath(name), "utf8"));
const ajv = new Ajv2020({ allErrors: true, strict: false });
const validInstance = ajv.compile(instanceJsonSchema());
const validPlan = ajv.compile(planJsonSchema());

describe("the shipped JSON Schemas", () => {
  it("equal a fresh generation (run `npm run schema` after changing src/model/schema.ts)", () => {
    // `npm run schema` sets JINXIU_UPDATE_SCHEMA: the files are written anew first.
    if (process.env.JINXIU_UPDATE_SCHEMA)
      for (const [name, schema] of [["instance", instanceJsonSchema()], ["plan", planJsonSchema()]] as const) writeFileSync(shippedPath(name), `${JSON.stringify(schema, null, 2)}\n`);
    expect(shipped("instance")).toEqual(instanceJsonSchema());
    expect(shipped("plan")).toEqual(planJsonSchema());
  });

  it("are shipped in the npm package", () => {
    expect(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).files).toContain("docs");
  });

  it("carry the documented limits", () => {
    const receive = (instanceJsonSchema() as any).properties.units.items.properties.receive.items.properties;
    expect(receive.capacity).toMatchObject({ type: "integer", minimum: 0, maximum: 1_000_000 });
    expect((instanceJsonSchema() as any).properties.trainees.items.properties.priority).toMatchObject({ minimum: 0, maximum: 1e9 });
  });
});

describe("a JSON Schema validator agrees with parseInstance", () => {
  const examples = readdirSync(join(ROOT, "examples")).filter((f) => f.endsWith(".json"));
  it.each(examples)("accepts examples/%s", (file) => {
    const json = JSON.parse(readFileSync(join(ROOT, "examples", file), "utf8"));
    expect(validInstance(json), JSON.stringify(validInstance.errors?.slice(0, 3))).toBe(true);
  });

  it("accepts a plan solve writes", async () => {
    const plan = JSON.parse(JSON.stringify(await solve(parseInstance(tinyInstance()))));
    expect(validPlan(plan), JSON.stringify(validPlan.errors?.slice(0, 3))).toBe(true);
  });

  it.each<[string, (i: any) => void]>([
    ["an unknown key", (i) => void (i.extra = 1)],
    ["a capacity over the limit", (i) => void (i.units[1].receive[0].capacity = 1e7)],
    ["a fractional staff count", (i) => void (i.units[0].departments[0].staff = 2.5)],
    ["a malformed date", (i) => void (i.calendar.start = "July 2024")],
    ["an empty id", (i) => void (i.trainees[0].id = "")],
    ["an id with NUL", (i) => void (i.trainees[0].id = "t\u0000")],
    ["an unknown tier", (i) => void (i.units[0].tier = "village-ish")],
  ])("both refuse %s", (_what, edit) => {
    const bad = mutate(tinyInstance(), edit as never);
    expect(checkInstance(bad).length).toBeGreaterThan(0);
    expect(validInstance(bad)).toBe(false);
  });
});

describe('"$schema"', () => {
  it("is accepted as a top-level key of an instance and kept", () => {
    const raw = { $schema: "../docs/schema/instance.schema.json", ...tinyInstance() };
    expect(checkInstance(raw)).toEqual([]);
    expect(JSON.stringify(parseInstance(raw))).toBe(JSON.stringify(raw));
    expect(validInstance(raw)).toBe(true);
  });

  it("must be a string", () => {
    expect(checkInstance({ $schema: 5, ...tinyInstance() }).map((i) => i.path)).toEqual(["$schema"]);
  });
});
