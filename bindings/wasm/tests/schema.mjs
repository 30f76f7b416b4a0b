// Validates documents against the published JSON Schemas in docs/schema/ (Ajv, draft 2020-12).
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "docs", "schema");
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);

/** Problems of `doc` against `docs/schema/<name>.schema.json` (empty when valid). */
export function validateAgainstSchema(name, doc) {
  const schema = JSON.parse(readFileSync(path.join(dir, `${name}.schema.json`), "utf8"));
  // schemars annotates integer widths as formats (uint8, double, ...): annotations, not checks.
  for (const f of JSON.stringify(schema).matchAll(/"format":"([a-z0-9]+)"/g)) if (!ajv.formats[f[1]]) ajv.addFormat(f[1], true);
  const validate = ajv.compile(schema);
  return validate(doc) ? [] : validate.errors.map((e) => `${e.instancePath} ${e.message}`);
}
