/**
 * Plays "another server process is computing these views" against the running e2e server (a CLI works
 * through the server's PGlite): `hold` moves the report's data on (an account edited) and claims the
 * default report and the report for trained=coverage&coverage=35 in report_computations for the new data and the
 * server's build, as a second process would; the server then serves older figures (labelled) or
 * "computing" while it waits for that process. `release` removes the claims: the server computes them.
 */
import { eq, sql } from "drizzle-orm";
import { closeDb, getDbHandle } from "../../db/index";
import { accounts, reportComputations } from "../../db/schema/index";
import { dataVersion } from "../../app/analytics/report/cache.server";
import { parseReportFilters } from "../../app/analytics/report/filters";
import { serverCodeVersion } from "../../app/analytics/report/snapshots.server";

const OWNER = "e2e: another server process";
const HOUR_AHEAD = sql`now() + interval '1 hour'`;
const keyOf = (query: string) => `report:${JSON.stringify(parseReportFilters(new URLSearchParams(query)).filters)}`;

async function main() {
  const { db } = await getDbHandle();
  if (process.argv[2] === "hold") {
    const [one] = await db.select({ id: accounts.id }).from(accounts).limit(1);
    await db
      .update(accounts)
      .set({ updatedAt: sql`now()` })
      .where(eq(accounts.id, one!.id));
    const version = await dataVersion(db);
    const code = await serverCodeVersion();
    for (const viewKey of [keyOf(""), keyOf("trained=coverage&coverage=35")])
      await db
        .insert(reportComputations)
        // A heartbeat an hour ahead: the claim outlives the test's slow steps (axe) until `release`.
        .values({ viewKey, dataVersion: version.hard, codeVersion: code, owner: OWNER, heartbeatAt: HOUR_AHEAD })
        .onConflictDoUpdate({
          target: reportComputations.viewKey,
          set: { dataVersion: version.hard, codeVersion: code, owner: OWNER, heartbeatAt: HOUR_AHEAD },
        });
  } else await db.delete(reportComputations).where(eq(reportComputations.owner, OWNER));
}

main()
  .then(() => closeDb())
  .catch(async (err) => {
    console.error(err);
    await closeDb();
    process.exit(1);
  });
