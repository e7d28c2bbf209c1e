/** npm run content:sync — compile content/ and publish it to the configured database in one transaction. */
import { prepareDatabase } from "../app/bootstrap.server";
import { closeDb } from "../db/index";

prepareDatabase({ seed: false, source: "npm run content:sync" })
  .then(() => closeDb())
  .catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
