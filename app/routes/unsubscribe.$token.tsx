import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { getDb } from "#app/utils/db.server";
import { setPreferences, verifyUnsubscribeToken } from "#app/notifications/preferences.server";
import { ErrorPage } from "#app/components/ui/ErrorPage";
import { buttonClass } from "#app/components/ui/Field";
import { localizedTitle } from "#app/i18n/meta";
import { useT } from "#app/i18n/useT";

export const meta: MetaFunction = ({ matches }) => [
  { title: localizedTitle(matches, "unsubscribe.title", "Unsubscribe") },
  { name: "robots", content: "noindex" },
];

/**
 * One-click unsubscribe (RFC 8058). Public by design: the signed token in the URL names the person and
 * the kind of email, and can only switch that kind off. GET shows a confirmation page (a link scanner
 * that follows links must not unsubscribe anyone); POST — the mail client's one-click request with the
 * body `List-Unsubscribe=One-Click`, or the page's button — unsubscribes, without sign-in or CSRF token.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const who = verifyUnsubscribeToken(params.token ?? "");
  if (!who) throw new Response("This unsubscribe link isn't valid.", { status: 404 });
  return json({ kind: who.kind });
}

export async function action({ params }: ActionFunctionArgs) {
  const who = verifyUnsubscribeToken(params.token ?? "");
  if (!who) throw new Response("This unsubscribe link isn't valid.", { status: 404 });
  await setPreferences(await getDb(), who.userId, { [who.kind]: false });
  return json({ unsubscribed: who.kind });
}

export default function Unsubscribe() {
  const { kind } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const t = useT();
  const label = (k: string) => t(`emailSettings.kinds.${k}.label`);
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-3xl font-bold">{done ? t("unsubscribe.done") : t("unsubscribe.title")}</h1>
      {done ? (
        <p role="status">
          {t("unsubscribe.noLonger", { kind: label(done.unsubscribed) })}
          <Link to="/settings/notifications" className="text-brand-700 underline dark:text-brand-100">
            {t("unsubscribe.settingsLink")}
          </Link>
          {t("unsubscribe.after")}
        </p>
      ) : (
        <Form method="post" className="space-y-4">
          <p>
            {t("unsubscribe.stop")}
            <strong>{label(kind)}</strong>?
          </p>
          <button type="submit" className={buttonClass}>
            {t("unsubscribe.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
