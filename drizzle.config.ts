import { defineConfig } from "drizzle-kit";

// Migrations are generated from the schema files and committed; the same SQL runs on PGlite and PostgreSQL.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
});
