/** npm run content:schema — regenerate content/schema/*.schema.json from the zod frontmatter schemas. */
import fs from "node:fs";
import path from "node:path";
import { SCHEMA_FILES, frontmatterJsonSchemas, schemaFileText } from "../app/content/json-schema";

const schemas = frontmatterJsonSchemas();
for (const [kind, file] of Object.entries(SCHEMA_FILES) as [keyof typeof SCHEMA_FILES, string][]) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, schemaFileText(schemas[kind]));
  console.log(`wrote ${file}`);
}
