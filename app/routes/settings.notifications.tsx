import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import { requireUser } from "#app/auth/gate.server";
import { getDb } from "#app/utils/db.server";
import { kindsFor, preferencesOf, setPreferences } from "#app/notifications/preferences.server";
import { ErrorPage } from "#app/components/ui/ErrorPage";
import { buttonClass } from "#app/components/ui/Field";
import { localizedTitle } from "#app/i18n/meta";
import { useT } from "#app/i18n/useT";

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

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  // Unchecked boxes are absent from the form: every kind the person can receive is set, on or off.
  await setPreferences(
    await getDb(),
    user.id,
    Object.fromEntries(kindsFor(user).map((k) => [k, form.get(k) === "on"])),
  );
  return json({ saved: true });
}

export default function NotificationSettings() {
  const { email, kinds } = useLoaderData<typeof loader>();
  const saved = useActionData<typeof action>()?.saved;
  const busy = useNavigation().state === "submitting";
  const t = useT();
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
          className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900"
        >
          <fieldset className="space-y-4">
            <legend className="sr-only">{t("emailSettings.legend")}</legend>
            {kinds.map((k) => (
              <div key={k.kind} className="flex items-start gap-3">
                <input
                  id={`pref-${k.kind}`}
                  type="checkbox"
                  name={k.kind}
                  defaultChecked={k.enabled}
                  aria-describedby={`pref-${k.kind}-help`}
                  className="mt-1 h-4 w-4"
                />
                <div>
                  <label htmlFor={`pref-${k.kind}`} className="font-medium">
                    {t(`emailSettings.kinds.${k.kind}.label`)}
                  </label>
                  <p id={`pref-${k.kind}-help`} className="text-sm text-slate-600 dark:text-slate-400">
                    {t(`emailSettings.kinds.${k.kind}.help`)}
                  </p>
                </div>
              </div>
            ))}
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
