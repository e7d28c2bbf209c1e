import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { benchBareRouteServed } from "#app/env.server";

/** Not served in production unless the benchmark started the server (BENCH_BARE_ROUTE=1). */
function onlyForTheBenchmark() {
  if (!benchBareRouteServed()) throw new Response("Not Found", { status: 404 });
}

export function loader() {
  onlyForTheBenchmark();
  return null;
}

/**
 * A bare route that renders static text inside the app shell: the benchmark's "framework ceiling"
 * (npm run bench compares the lesson page against it). Public and harmless by design, and
 * only served in production when the benchmark starts the server.
 */
export default function BareRoute() {
  return (
    <div>
      <h1 className="text-2xl font-bold">Uplift Academy</h1>
      <p>Static text rendered by Remix, used as the framework ceiling in benchmarks.</p>
    </div>
  );
}

/**
 * The write ceiling: a form POST through the same middleware (CSRF, body limit) and Remix action
 * handling as a lesson completion, which reads the form and changes nothing. Public and harmless.
 */
export async function action({ request }: ActionFunctionArgs) {
  onlyForTheBenchmark();
  const form = await request.formData();
  return json({ ok: true, intent: String(form.get("intent") ?? "") });
}
