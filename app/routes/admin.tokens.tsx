import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { requireRole } from "#app/auth/gate.server";
import { API_SCOPES } from "#app/auth/api-token.server";
import { issueApiToken, listApiTokens, revokeApiToken } from "#app/auth/api-token-admin.server";
import { getDb } from "#app/utils/db.server";
import { ErrorPage } from "#app/components/ui/ErrorPage";
import { DataTable } from "#app/components/ui/DataTable";
import { buttonClass, secondaryButtonClass } from "#app/components/ui/Field";
import { ConformField } from "#app/components/ui/ConformField";

export const meta: MetaFunction = () => [{ title: "API tokens · Admin · Uplift Academy" }];

const CreateToken = z.object({
  name: z
    .string({ required_error: "Give the token a name (what uses it)." })
    .trim()
    .min(2, "Give the token a name (what uses it).")
    .max(80),
  scopes: z
    .array(z.enum(API_SCOPES), { required_error: "Choose at least one scope." })
    .min(1, "Choose at least one scope."),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const tokens = await listApiTokens(await getDb());
  return json({
    tokens: tokens.map((t) => ({
      ...t,
      createdAt: t.createdAt.toISOString(),
      lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
      revokedAt: t.revokedAt?.toISOString() ?? null,
    })),
    scopes: API_SCOPES,
  });
}

/**
 * The action's one reply: the create form's conform result (field errors, the values to show again) and
 * the new token, shown once. The revoke buttons answer with no result.
 */
const reply = (result: SubmissionResult<string[]> | null, opts: { status?: number; value?: string } = {}) =>
  json({ result, value: opts.value ?? null }, { status: opts.status ?? 200 });

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const form = await request.formData();
  const db = await getDb();
  if (form.get("intent") === "revoke") {
    const id = z.string().uuid().safeParse(form.get("id"));
    if (!id.success) return reply(null, { status: 400 });
    await revokeApiToken(db, id.data, admin.id);
    return reply(null);
  }
  const submission = parseWithZod(form, { schema: CreateToken });
  if (submission.status !== "success") return reply(submission.reply(), { status: 400 });
  const { value } = await issueApiToken(db, { ...submission.value, actorId: admin.id });
  return reply(submission.reply({ resetForm: true }), { value });
}

export default function Tokens() {
  const { tokens, scopes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // Validated on the server only: API_SCOPES lives in a server module (undefined in the browser).
  const [form, fields] = useForm({ lastResult: result?.result, shouldValidate: "onSubmit" });
  const chosen = new Set([fields.scopes.initialValue ?? []].flat());
  return (
    <div className="space-y-6">
      <nav className="text-sm text-slate-600 dark:text-slate-400">
        <Link to="/admin" className="hover:underline">
          Admin
        </Link>{" "}
        / API tokens
      </nav>
      <h1 className="text-3xl font-bold">API tokens</h1>
      <p className="text-slate-600 dark:text-slate-300">
        Tokens authenticate automation against the{" "}
        <a href="/api/v1/openapi.json" className="underline">
          REST API
        </a>
        . Only a hash is stored: copy a new token when it is shown.
      </p>
      {result?.value ? (
        <div
          role="status"
          className="rounded-lg border border-emerald-300 bg-emerald-50 p-4 dark:border-emerald-700 dark:bg-emerald-950"
        >
          <p className="font-semibold">New token — copy it now, it will not be shown again:</p>
          <code data-testid="new-token" className="mt-2 block break-all rounded bg-white p-2 text-sm dark:bg-slate-900">
            {result.value}
          </code>
        </div>
      ) : null}
      <Form
        method="post"
        {...getFormProps(form)}
        className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900"
      >
        <input type="hidden" name="intent" value="create" />
        <ConformField label="Name" meta={fields.name} type="text" placeholder="e.g. Nightly CRM sync" />
        <fieldset>
          <legend className="text-sm font-medium">Scopes</legend>
          <div className="mt-2 flex flex-wrap gap-4">
            {scopes.map((s) => (
              <label key={s} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name={fields.scopes.name}
                  value={s}
                  defaultChecked={chosen.has(s)}
                  key={`${form.key}-${s}`}
                />{" "}
                <code>{s}</code>
              </label>
            ))}
          </div>
          {fields.scopes.errors?.length ? (
            <p id={fields.scopes.errorId} className="mt-1 text-sm text-red-700 dark:text-red-400">
              {fields.scopes.errors[0]}
            </p>
          ) : null}
        </fieldset>
        <button type="submit" className={buttonClass}>
          Create token
        </button>
      </Form>
      <DataTable
        caption="Tokens"
        head={["Name", "Token", "Scopes", "Created", "Last used", "Status", ""]}
        rows={tokens.map((t) => [
          t.name,
          <code key="p">{t.prefix}…</code>,
          t.scopes.join(", "),
          t.createdAt.slice(0, 10),
          t.lastUsedAt?.slice(0, 16).replace("T", " ") ?? "never",
          t.revokedAt ? "revoked" : "active",
          t.revokedAt ? (
            ""
          ) : (
            <Form key="r" method="post">
              <input type="hidden" name="intent" value="revoke" />
              <input type="hidden" name="id" value={t.id} />
              <button className={secondaryButtonClass} type="submit">
                Revoke
              </button>
            </Form>
          ),
        ])}
        empty="No tokens yet."
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
