import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { requireRole } from "#app/auth/gate.server";
import { getDb } from "#app/utils/db.server";
import {
  createWebhook,
  deleteWebhook,
  listWebhooks,
  sendTestEvent,
  setWebhookActive,
} from "#app/learning/webhooks/admin.server";
import { deliverDue } from "#app/learning/webhooks/deliver.server";
import { WEBHOOK_EVENTS } from "#app/learning/webhooks/events";
import { publicDeliveryError } from "#app/learning/webhooks/target.server";
import { ErrorPage } from "#app/components/ui/ErrorPage";
import { Field, buttonClass, secondaryButtonClass } from "#app/components/ui/Field";

export const meta: MetaFunction = () => [{ title: "Webhooks · Admin · Uplift Academy" }];

const CreateForm = z.object({
  url: z
    .string()
    .trim()
    .url("Enter a full URL, e.g. https://hooks.example.com/uplift")
    .refine((u) => /^https?:\/\//.test(u), "Use an http(s) URL."),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, "Choose at least one event."),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const db = await getDb();
  const { hooks, deliveries } = await listWebhooks(db);
  return json({
    hooks: hooks.map((h) => ({
      id: h.id,
      url: h.url,
      events: h.events,
      active: h.active,
      createdAt: h.createdAt.toISOString(),
    })),
    deliveries: deliveries.map((d) => ({
      id: d.id,
      webhookId: d.webhookId,
      event: d.event,
      status: d.status,
      attempts: d.attempts,
      lastStatusCode: d.lastStatusCode,
      lastError: publicDeliveryError(d.lastError),
      createdAt: d.createdAt.toISOString(),
    })),
    events: WEBHOOK_EVENTS,
  });
}

/**
 * The action's one reply: the create form's conform result (field errors, the values to show again) and
 * the new webhook's secret, shown once. The row buttons (toggle, delete, test) answer with no result.
 */
const reply = (result: SubmissionResult<string[]> | null, opts: { status?: number; secret?: string } = {}) =>
  json({ result, secret: opts.secret ?? null }, { status: opts.status ?? 200 });

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const form = await request.formData();
  const intent = form.get("intent");
  const db = await getDb();
  if (intent === "create") {
    const submission = parseWithZod(form, { schema: CreateForm });
    if (submission.status !== "success") return reply(submission.reply(), { status: 400 });
    const created = await createWebhook(db, { ...submission.value, actorId: admin.id });
    if (!created.ok) return reply(submission.reply({ fieldErrors: { url: [created.error] } }), { status: 400 });
    return reply(submission.reply({ resetForm: true }), { secret: created.secret });
  }
  const id = z.string().uuid().safeParse(form.get("id"));
  if (!id.success) return reply(null, { status: 400 });
  if (intent === "toggle") await setWebhookActive(db, id.data, form.get("active") === "true", admin.id);
  else if (intent === "delete") await deleteWebhook(db, id.data, admin.id);
  else if (intent === "test") {
    if ((await sendTestEvent(db, id.data, admin.id)).status === "not_found") return reply(null, { status: 404 });
    await deliverDue(db, { limit: 5 }); // send right away so the log shows the result
  } else return reply(null, { status: 400 });
  return reply(null);
}

const badge: Record<string, string> = {
  delivered: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  pending: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  failed: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
};

export default function WebhooksAdmin() {
  const { hooks, deliveries, events } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  // conform: the server's result (also without JavaScript) and, once JS runs, the same schema in the browser.
  const [form, fields] = useForm({
    lastResult: result?.result,
    constraint: getZodConstraint(CreateForm),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateForm }),
  });
  const { key: urlKey, ...urlProps } = getInputProps(fields.url, { type: "url" });
  return (
    <div className="space-y-8">
      <div>
        <nav className="text-sm text-slate-600 dark:text-slate-400">
          <Link to="/admin" className="hover:underline">
            Admin
          </Link>{" "}
          / Webhooks
        </nav>
        <h1 className="mt-2 text-3xl font-bold">Webhooks</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-300">
          Uplift POSTs JSON to your URL when learners complete lessons and courses, earn certificates or submit quizzes.
          Each request carries <code>X-Uplift-Signature: t=…,v1=…</code>: HMAC-SHA256 of{" "}
          <code>"&lt;t&gt;.&lt;body&gt;"</code> with the webhook secret. Failed deliveries are retried with exponential
          backoff (up to 8 attempts). Endpoints must be public addresses: private, local and cloud-metadata addresses
          are refused unless the server allows them with <code>WEBHOOK_ALLOWED_HOSTS</code>.
        </p>
      </div>
      {result?.secret ? (
        <div
          role="status"
          className="rounded-lg border border-emerald-300 bg-emerald-50 p-4 dark:border-emerald-700 dark:bg-emerald-950"
        >
          <p className="font-semibold">Webhook created. Copy its signing secret now — it is not shown again:</p>
          <code
            className="mt-2 block break-all rounded bg-white p-2 text-sm dark:bg-slate-900"
            data-testid="webhook-secret"
          >
            {result.secret}
          </code>
        </div>
      ) : null}
      <Form
        method="post"
        {...getFormProps(form)}
        className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900"
      >
        <h2 className="text-lg font-semibold">Add a webhook</h2>
        <input type="hidden" name="intent" value="create" />
        <Field label="Endpoint URL" {...urlProps} key={urlKey} name={fields.url.name} error={fields.url.errors?.[0]} />
        <fieldset>
          <legend className="text-sm font-medium">Events</legend>
          <div className="mt-2 flex flex-wrap gap-4">
            {events.map((e) => (
              <label key={e} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name={fields.events.name} value={e} defaultChecked /> <code>{e}</code>
              </label>
            ))}
          </div>
          {fields.events.errors?.length ? (
            <p id={fields.events.errorId} className="mt-1 text-sm text-red-700 dark:text-red-400">
              {fields.events.errors[0]}
            </p>
          ) : null}
        </fieldset>
        <button type="submit" className={buttonClass} disabled={busy}>
          Add webhook
        </button>
      </Form>
      <section>
        <h2 className="text-lg font-semibold">Endpoints</h2>
        {hooks.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">No webhooks yet.</p>
        ) : (
          <ul className="mt-3 space-y-3">
            {hooks.map((h) => (
              <li
                key={h.id}
                className="flex flex-wrap items-center gap-3 rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
              >
                <div className="min-w-0 flex-1">
                  <p className="break-all font-medium">{h.url}</p>
                  <p className="text-xs text-slate-600 dark:text-slate-400">
                    {h.events.join(", ")} · {h.active ? "active" : "paused"}
                  </p>
                </div>
                <Form method="post">
                  <input type="hidden" name="id" value={h.id} />
                  <input type="hidden" name="intent" value="test" />
                  <button className={secondaryButtonClass} type="submit">
                    Send test event
                  </button>
                </Form>
                <Form method="post">
                  <input type="hidden" name="id" value={h.id} />
                  <input type="hidden" name="intent" value="toggle" />
                  <input type="hidden" name="active" value={String(!h.active)} />
                  <button className={secondaryButtonClass} type="submit">
                    {h.active ? "Pause" : "Resume"}
                  </button>
                </Form>
                <Form method="post">
                  <input type="hidden" name="id" value={h.id} />
                  <input type="hidden" name="intent" value="delete" />
                  <button className={secondaryButtonClass} type="submit">
                    Delete
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h2 className="text-lg font-semibold">Delivery log</h2>
        <div className="relative mt-3 overflow-x-auto" tabIndex={0} role="region" aria-label="Delivery log table">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-200 dark:border-slate-800">
                <th className="py-2 pr-3">#</th>
                <th className="pr-3">Event</th>
                <th className="pr-3">Status</th>
                <th className="pr-3">Attempts</th>
                <th className="pr-3">Response</th>
                <th>Queued</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id} className="border-b border-slate-100 dark:border-slate-800">
                  <td className="py-2 pr-3">{d.id}</td>
                  <td className="pr-3">
                    <code>{d.event}</code>
                  </td>
                  <td className="pr-3">
                    <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${badge[d.status] ?? ""}`}>
                      {d.status}
                    </span>
                  </td>
                  <td className="pr-3">{d.attempts}</td>
                  <td className="pr-3">{d.lastStatusCode ?? d.lastError ?? "—"}</td>
                  <td>{new Date(d.createdAt).toLocaleString("en-GB", { timeZone: "UTC" })} UTC</td>
                </tr>
              ))}
            </tbody>
          </table>
          {deliveries.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">No deliveries yet.</p>
          ) : null}
        </div>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
