/**
 * npm run token:create -- --name NAME --scopes import:write,xapi:read
 * Creates an API token for operators and scripts on the configured database (DATABASE_URL, else PGlite
 * at PGLITE_DIR). The token is printed once on stdout; only its SHA-256 is stored, as on /admin/tokens.
 */
import { parseArgs } from "node:util";
import { closeDb, getDbHandle } from "../db/index";
import { auditLog } from "../db/schema/index";
import { API_SCOPES, createApiToken, type ApiScope } from "../app/auth/api-token.server";

const USAGE = `usage: npm run token:create -- --name NAME --scopes ${API_SCOPES.join(",")}`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

async function main() {
  let values: { name?: string; scopes?: string };
  try {
    ({ values } = parseArgs({ options: { name: { type: "string" }, scopes: { type: "string" } } }));
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  const name = values.name?.trim();
  if (!name || name.length > 100) fail("--name is required (at most 100 characters)");
  const scopes = (values.scopes ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (!scopes.length) fail("--scopes is required");
  const unknown = scopes.filter((s) => !(API_SCOPES as readonly string[]).includes(s));
  if (unknown.length) fail(`unknown scope(s): ${unknown.join(", ")}`);
  const handle = await getDbHandle();
  try {
    const created = await createApiToken({ name, scopes: scopes as ApiScope[], createdBy: null });
    await handle.db
      .insert(auditLog)
      .values({ action: "api_token.created", target: created.token.id, details: { name, scopes, via: "cli" } });
    process.stdout.write(`${created.value}\n`);
    console.error(
      `created token "${name}" (${created.token.tokenPrefix}…) with scopes ${scopes.join(", ")}; it is shown only once`,
    );
  } finally {
    await closeDb();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
