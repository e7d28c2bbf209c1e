import { PostgresJsSession } from "drizzle-orm/postgres-js/session";

/**
 * Lets postgres.js reuse its per-connection prepared statements for drizzle's ordinary queries.
 *
 * drizzle 0.45 runs every query not built with `.prepare(name)` as `unsafe(sql, params, { prepare:
 * false })` (drizzle-orm issue #6096, fix pending in PR #6098). postgres.js then cannot know the
 * parameter types from a cached statement, so it sends Parse/Describe, waits for the answer, and only
 * then Bind/Execute: two round trips for every statement with a parameter, which is most of them. A
 * lesson completion was 9 socket writes instead of 4 (bench/ and tests/integration/db/
 * prepared-statements.test.ts). With statements prepared, postgres.js describes each distinct SQL text
 * once per connection and afterwards sends Bind/Execute straight away.
 *
 * Plans: PostgreSQL plans a prepared statement's first five executions for their parameters, then
 * keeps a generic plan when it costs no more (plan_cache_mode = auto, the default). The pool used to
 * force a custom plan on every execution (as unnamed statements get); that re-planned the lesson
 * page's one big statement on each view: 1.3 ms of database CPU per view instead of 0.4, and 30%
 * fewer views per second (npm run bench, 2026-12-03). Should a generic plan ever misjudge a query,
 * `ALTER ROLE … SET plan_cache_mode = force_custom_plan` restores the old behaviour without code.
 * Behind a transaction-mode pooler (PgBouncer < 1.21) set DATABASE_PREPARE=false.
 *
 * Process-wide (drizzle builds a session per transaction, and postgres.js transaction and reserved
 * connections carry no options to ask): createDb() calls this with the pool's setting.
 */
const state = { enabled: true, installed: false };

export function usePreparedStatements(enabled: boolean) {
  state.enabled = enabled;
  if (state.installed) return;
  const proto = PostgresJsSession.prototype as unknown as {
    prepareQuery: (query: unknown, fields: unknown, name: string | undefined, ...rest: unknown[]) => unknown;
  };
  const original = proto.prepareQuery;
  // drizzle turns `name !== undefined` into `prepare: true`; this driver does not use the name itself.
  proto.prepareQuery = function (this: unknown, query, fields, name, ...rest) {
    return original.call(this, query, fields, name ?? (state.enabled ? "" : undefined), ...rest);
  };
  state.installed = true;
}
