import path from "node:path";
import { defineConfig } from "vitest/config";

const integration = ["tests/integration/**/*.test.ts"];

// Unit tests run once; integration tests run on PGlite always and on PostgreSQL when TEST_DATABASE_URL is set.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^#app\/(.*)$/, replacement: path.resolve("app") + "/$1" },
      { find: /^#db\/(.*)$/, replacement: path.resolve("db") + "/$1" },
    ],
  },
  test: {
    setupFiles: ["tests/support/setup.ts"],
    // The machine has 2 cores and some integration tests spawn servers and CLIs or generate thousands of
    // accounts: generous time limits (no test asserts on speed; benchmarks measure it).
    testTimeout: 120_000,
    hookTimeout: 900_000,
    maxWorkers: 2,
    env: { SESSION_SECRET: "test-session-secret-0123456789", DATA_DIR: ".cache/test-data", NODE_ENV: "test" },
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"] } },
      { extends: true, test: { name: "pglite", include: integration, env: { TEST_DB_KIND: "pglite" } } },
      ...(process.env.TEST_DATABASE_URL
        ? [{ extends: true as const, test: { name: "postgres", include: integration, env: { TEST_DB_KIND: "postgres" } } }]
        : []),
    ],
  },
});
