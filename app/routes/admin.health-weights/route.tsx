import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod";
import { requireRole } from "#app/auth/gate.server";
import { getDb } from "#app/utils/db.server";
import { currentHealthWeights, healthWeightHistory, saveHealthWeights } from "#app/analytics/health-weights.server";
import { HEALTH_INPUTS } from "#app/analytics/health";
import { ErrorPage } from "#app/components/ui/ErrorPage";
import { WeightsForm, weightsOf } from "./weights-form";
import { WeightsCard } from "./WeightsCard";

export const meta: MetaFunction = () => [{ title: "Health-score weights · Admin · Uplift Academy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const db = await getDb();
  const [current, history] = await Promise.all([currentHealthWeights(db), healthWeightHistory(db)]);
  return json({ current, history });
}

/** One reply shape: conform's result (field errors, the values typed) and the version saved. */
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const submission = parseWithZod(await request.formData(), { schema: WeightsForm });
  if (submission.status !== "success") return json({ result: submission.reply(), version: null }, { status: 400 });
  const version = await saveHealthWeights(await getDb(), {
    weights: weightsOf(submission.value),
    note: submission.value.note || null,
    actorId: admin.id,
  });
  return json({ result: submission.reply(), version });
}

export default function HealthWeightsAdmin() {
  const { current, history } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="space-y-8">
      <div>
        <nav className="text-sm text-slate-600 dark:text-slate-400">
          <Link to="/admin" className="hover:underline">
            Admin
          </Link>{" "}
          / Health-score weights
        </nav>
        <h1 className="mt-2 text-3xl font-bold">Health-score weights</h1>
        <p className="mt-1 max-w-3xl text-slate-700 dark:text-slate-300">
          The health score (0–100) is a weighted average of five inputs. Weights are relative: 40 and 20 mean the first
          counts twice as much. Saving creates a new version (the history below is kept and every change is written to
          the audit log); the report and account pages use the newest version for every month at once, so comparisons
          stay consistent.
        </p>
      </div>
      {result?.version ? (
        <p
          role="status"
          className="rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-emerald-900 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-100"
        >
          Saved as version {result.version}. The report now uses these weights.
        </p>
      ) : null}
      <WeightsCard
        key={current.version ?? 0}
        current={current}
        refused={result?.version ? undefined : result?.result}
      />
      <section aria-labelledby="history">
        <h2 id="history" className="text-lg font-semibold">
          History
        </h2>
        {history.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">No versions saved yet: the defaults apply.</p>
        ) : (
          <div className="relative mt-3 overflow-x-auto" tabIndex={0} role="region" aria-label="Health weight versions">
            <table className="w-full min-w-[640px] text-left text-sm [&_td]:border-t [&_td]:border-slate-200 [&_td]:py-2 [&_td]:pr-3 dark:[&_td]:border-slate-800">
              <thead className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Saved</th>
                  <th scope="col">By</th>
                  {HEALTH_INPUTS.map((i) => (
                    <th key={i.key} scope="col">
                      {i.label}
                    </th>
                  ))}
                  <th scope="col">Note</th>
                </tr>
              </thead>
              <tbody>
                {history.map((h) => (
                  <tr key={h.version}>
                    <td>{h.version}</td>
                    <td>{h.createdAt.slice(0, 16).replace("T", " ")}</td>
                    <td>{h.author ?? "—"}</td>
                    {HEALTH_INPUTS.map((i) => (
                      <td key={i.key} className="tabular-nums">
                        {h.weights[i.key]}
                      </td>
                    ))}
                    <td>{h.note ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
