import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { getDb } from "#app/utils/db.server";
import { KIND_LABELS, setPreferences, verifyUnsubscribeToken } from "#app/notifications/preferences.server";
import { ErrorPage } from "#app/components/ui/ErrorPage";
import { buttonClass } from "#app/components/ui/Field";

export const meta: MetaFunction = () => [
  { title: "Unsubscribe · Uplift Academy" },
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
  return json({ label: KIND_LABELS[who.kind].label });
}

export async function action({ params }: ActionFunctionArgs) {
  const who = verifyUnsubscribeToken(params.token ?? "");
  if (!who) throw new Response("This unsubscribe link isn't valid.", { status: 404 });
  await setPreferences(await getDb(), who.userId, { [who.kind]: false });
  return json({ unsubscribed: KIND_LABELS[who.kind].label });
}

export default function Unsubscribe() {
  const { label } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-3xl font-bold">{done ? "You are unsubscribed" : "Unsubscribe"}</h1>
      {done ? (
        <p role="status">
          You will no longer receive: {done.unsubscribed}. You can switch it back on in your{" "}
          <Link to="/settings/notifications" className="text-brand-700 underline dark:text-brand-100">
            email settings
          </Link>
          .
        </p>
      ) : (
        <Form method="post" className="space-y-4">
          <p>
            Stop receiving: <strong>{label}</strong>?
          </p>
          <button type="submit" className={buttonClass}>
            Unsubscribe
          </button>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
