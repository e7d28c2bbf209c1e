/** npm run db:seed — migrate, sync content and load the demo academy if the database is empty. */
import { prepareDatabase } from "../app/bootstrap.server";
import { closeDb } from "../db/index";

prepareDatabase()
  .then(() => closeDb())
  .catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
