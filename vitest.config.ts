import path from "node:path";
import { defineConfig } from "vitest/config";

const integration = ["tests/integration/**/*.test.ts"];
/** Integration tests that generate thousands of accounts with the synthetic data generator (minutes each). */
const generators = [
  "tests/integration/analytics/demo-story.test.ts",
  "tests/integration/analytics/generator-effect.test.ts",
  "tests/integration/analytics/planted-effect.test.ts",
  "tests/integration/customers/generator.test.ts",
];

// Unit tests run once; integration tests run on PGlite always and on PostgreSQL when TEST_DATABASE_URL is set.
// The generator tests are their own projects (generators, generators-postgres) with the long setup time
// they need; every other project keeps short limits so a hung hook fails fast.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^#app\/(.*)$/, replacement: path.resolve("app") + "/$1" },
      { find: /^#db\/(.*)$/, replacement: path.resolve("db") + "/$1" },
    ],
  },
  test: {
    setupFiles: ["tests/support/setup.ts"],
    // The machine has 2 cores and some integration tests spawn servers and CLIs: generous time limits
    // (no test asserts on speed; benchmarks measure it).
    testTimeout: 120_000,
    hookTimeout: 300_000,
    maxWorkers: 2,
    env: { SESSION_SECRET: "test-session-secret-0123456789", DATA_DIR: ".cache/test-data", NODE_ENV: "test" },
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"] } },
      {
        extends: true,
        test: { name: "pglite", include: integration, exclude: generators, env: { TEST_DB_KIND: "pglite" } },
      },
      {
        extends: true,
        test: { name: "generators", include: generators, hookTimeout: 900_000, env: { TEST_DB_KIND: "pglite" } },
      },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              extends: true as const,
              test: { name: "postgres", include: integration, exclude: generators, env: { TEST_DB_KIND: "postgres" } },
            },
            {
              extends: true as const,
              test: {
                name: "generators-postgres",
                include: generators,
                hookTimeout: 900_000,
                env: { TEST_DB_KIND: "postgres" },
              },
            },
          ]
        : []),
    ],
  },
});
