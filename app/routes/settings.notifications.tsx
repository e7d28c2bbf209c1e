import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { requireUser } from "#app/auth/gate.server";
import { getDb } from "#app/utils/db.server";
import { kindsFor, preferencesOf, setPreferences } from "#app/notifications/preferences.server";
import { ErrorPage } from "#app/components/ui/ErrorPage";
import { buttonClass } from "#app/components/ui/Field";
import { localizedTitle } from "#app/i18n/meta";
import { useT } from "#app/i18n/useT";
import { serverT } from "#app/i18n/i18next.server";
import { translatedReply } from "#app/utils/form-reply";

export const meta: MetaFunction = ({ matches }) => [
  { title: localizedTitle(matches, "emailSettings.title", "Email settings") },
];

/** The signed-in person's own email settings: each kind of email they can receive, on or off. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const prefs = await preferencesOf(await getDb(), user.id);
  return json({
    email: user.email,
    kinds: kindsFor(user).map((k) => ({ kind: k, enabled: prefs[k] })),
  });
}

/** Each kind this person can receive: a ticked box ("on") or nothing (an unticked box is absent from the form). */
const preferencesForm = (kinds: readonly string[]) =>
  z.object(
    Object.fromEntries(
      kinds.map((k) => [k, z.enum(["on"], { errorMap: () => ({ message: "emailSettings.invalid" }) }).optional()]),
    ),
  );

/** One reply shape: conform's result (a box's error, the boxes sent) and whether they were saved. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const kinds = kindsFor(user);
  const submission = parseWithZod(await request.formData(), { schema: preferencesForm(kinds) });
  if (submission.status !== "success")
    return json({ result: translatedReply(submission.reply(), await serverT(request)), saved: false }, { status: 400 });
  // Every kind the person can receive is set, on or off.
  await setPreferences(await getDb(), user.id, Object.fromEntries(kinds.map((k) => [k, submission.value[k] === "on"])));
  return json({ result: submission.reply(), saved: true });
}

export default function NotificationSettings() {
  const { email, kinds } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const saved = result?.saved;
  const busy = useNavigation().state === "submitting";
  const t = useT();
  // Validated on the server; the boxes start as saved (after a refused submit: as sent).
  const [form, fields] = useForm<Record<string, string>>({
    id: "email-settings",
    lastResult: result?.result,
    defaultValue: Object.fromEntries(kinds.map((k) => [k.kind, k.enabled ? "on" : ""])),
    shouldValidate: "onSubmit",
  });
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <h1 className="text-3xl font-bold">{t("emailSettings.title")}</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-300">{t("emailSettings.intro", { email })}</p>
      </div>
      {saved ? (
        <p
          role="status"
          className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-900 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-100"
        >
          {t("emailSettings.saved")}
        </p>
      ) : null}
      {kinds.length === 0 ? (
        <p className="text-slate-600 dark:text-slate-400">{t("emailSettings.none")}</p>
      ) : (
        <Form
          method="post"
          {...getFormProps(form)}
          className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900"
        >
          <fieldset className="space-y-4">
            <legend className="sr-only">{t("emailSettings.legend")}</legend>
            {kinds.map((k) => {
              const meta = fields[k.kind]!;
              const { key, ...props } = getInputProps(meta, { type: "checkbox", ariaDescribedBy: meta.descriptionId });
              return (
                <div key={k.kind} className="flex items-start gap-3">
                  <input {...props} key={key} className="mt-1 h-4 w-4" />
                  <div>
                    <label htmlFor={meta.id} className="font-medium">
                      {t(`emailSettings.kinds.${k.kind}.label`)}
                    </label>
                    <p id={meta.descriptionId} className="text-sm text-slate-600 dark:text-slate-400">
                      {t(`emailSettings.kinds.${k.kind}.help`)}
                    </p>
                    {meta.errors?.length ? (
                      <p id={meta.errorId} className="text-sm text-red-700 dark:text-red-400">
                        {meta.errors[0]}
                      </p>
                    ) : null}
                  </div>
                </div>
              );
            })}
          </fieldset>
          <button type="submit" className={buttonClass} disabled={busy}>
            {busy ? t("emailSettings.saving") : t("emailSettings.save")}
          </button>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
