import { sql, type SQL } from "drizzle-orm";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A uuid[] of these ids as ONE bound parameter (`account_id = any(${uuidArray(ids)})`), instead of one
 * parameter per id: batches of thousands stay one short statement. Ids are checked here, so a
 * malformed one fails loudly before it reaches the array literal.
 */
export function uuidArray(ids: readonly string[]): SQL {
  for (const id of ids) if (!UUID.test(id)) throw new Error(`not a uuid: ${JSON.stringify(id)}`);
  return sql`${`{${ids.join(",")}}`}::uuid[]`;
}
