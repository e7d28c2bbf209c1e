/**
 * npm run import -- <kind> <file.csv> [--mapping mapping.json] [--source name] [--date-format fmt] [--skip-invalid] [--save-mapping]
 * Same engine as the admin UI and the API. Nothing is written unless every row is valid (or --skip-invalid).
 */
import { parseArgs } from "node:util";
import { prepareDatabase } from "../app/bootstrap.server";
import { runImport } from "../app/customers/import/engine.server";
import { DATE_FORMATS, type DateFormat } from "../app/customers/import/fields";
import { KIND_NAMES } from "../app/customers/import/kinds";
import { loadSavedMapping, readMappingFile, saveMapping } from "../app/customers/import/mappings.server";
import { closeDb } from "../db/index";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    mapping: { type: "string" },
    source: { type: "string" },
    "date-format": { type: "string" },
    "skip-invalid": { type: "boolean", default: false },
    "save-mapping": { type: "boolean", default: false },
  },
});
const [kind, file] = positionals;
if (!kind || !file || !KIND_NAMES.includes(kind)) {
  console.error(
    `usage: npm run import -- <kind> <file.csv> [--mapping file.json] [--source name] [--date-format ${DATE_FORMATS.join("|")}] [--skip-invalid]\nkinds: ${KIND_NAMES.join(", ")}`,
  );
  process.exit(2);
}

async function main() {
  const handle = await prepareDatabase({ seed: false, log: () => {}, source: "npm run import" });
  const saved = values.mapping
    ? await readMappingFile(values.mapping)
    : values.source
      ? await loadSavedMapping(handle.db, values.source, kind!)
      : null;
  const dateFormat = (values["date-format"] ?? saved?.dateFormat ?? "yyyy-MM-dd") as DateFormat;
  if (!DATE_FORMATS.includes(dateFormat)) throw new Error(`--date-format must be one of ${DATE_FORMATS.join(", ")}`);
  console.log(`importing ${kind} from ${file}${saved ? " with a saved mapping" : " (columns matched automatically)"}`);
  const result = await runImport(handle.db, {
    kind: kind!,
    filePath: file!,
    mapping: saved?.mapping,
    dateFormat,
    skipInvalid: values["skip-invalid"],
    source: values.source ?? "cli",
    log: (m) => console.log(m),
    onProgress: (p) =>
      process.stdout.write(`\r  ${p.phase} ${p.rows} rows, ${Math.round(p.fraction * 100)}% of the file`),
  });
  process.stdout.write("\n");
  // File-level reasons (not CSV, wrong encoding, duplicate columns, a database failure) carry their own wording.
  for (const e of result.errors.slice(0, 20))
    console.log(
      e.field || result.rowsTotal ? `  row ${e.row}${e.field ? ` [${e.field}]` : ""}: ${e.message}` : `  ${e.message}`,
    );
  if (result.errors.length > 20) console.log(`  … and ${result.errors.length - 20} more`);
  if (values["save-mapping"] && values.source)
    await saveMapping(handle.db, values.source, kind!, { mapping: result.mapping, dateFormat });
  console.log(
    `${result.status}: ${result.rowsAccepted} rows imported, ${result.rowsRejected} rejected of ${result.rowsTotal} (import ${result.importId})`,
  );
  await closeDb();
  if (result.status !== "committed") process.exit(1);
}

main().catch(async (err) => {
  console.error(`import failed: ${err instanceof Error ? err.message : err}`);
  await closeDb().catch(() => {});
  process.exit(1);
});
