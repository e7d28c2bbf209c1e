import { defineConfig } from "knip/config";

/**
 * Dead-code gate (`npm run knip`): no unused files, dependencies or exports. The Remix, Vitest, Playwright,
 * drizzle and ESLint plugins add their own entry points (routes, root, entry files, configs, tests).
 */
export default defineConfig({
  // The stored views worker is started by path (app/analytics/report/view-worker.server.ts).
  entry: ["scripts/*.ts", "tests/e2e/*.ts", "app/analytics/report/view-worker.ts"],
  project: ["app/**/*.{ts,tsx,css}", "db/**/*.ts", "scripts/**/*.ts", "bench/**/*.ts", "tests/**/*.ts"],
  // An export also used inside its own module is not dead code: it only states the module's surface.
  ignoreExportsUsedInFile: true,
  // Tailwind v4 is imported from CSS (`@import "tailwindcss"` in app/tailwind.css).
  compilers: {
    css: (text: string) => [...text.matchAll(/(?<=@)import[^;]+/g)].join("\n"),
  },
});
