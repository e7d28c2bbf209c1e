import { pingDatabase } from "#app/utils/db.server";

/** Public liveness + database check for load balancers. Reveals nothing but "ok". */
export async function loader() {
  await pingDatabase();
  return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
}
