import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFocusOnReply } from "#app/components/ui/use-focus-on-reply";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { getDb } from "#app/utils/db.server";
import { setPreferences, verifyUnsubscribeToken } from "#app/notifications/preferences.server";
import { ErrorPage } from "#app/components/ui/ErrorPage";
import { buttonClass } from "#app/components/ui/Field";
import { FormError } from "#app/components/ui/FormError";
import { serverT } from "#app/i18n/i18next.server";
import { translatedReply } from "#app/utils/form-reply";
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
 * body `List-Unsubscribe=One-Click`, or the page's button — unsubscribes, without sign-in or CSRF token;
 * a POST with neither body is refused.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const who = verifyUnsubscribeToken(params.token ?? "");
  if (!who) throw new Response("This unsubscribe link isn't valid.", { status: 404 });
  return json({ kind: who.kind });
}

/**
 * The page's button (intent=unsubscribe) or the mail client's RFC 8058 body; anything else switches
 * nothing off and is refused with a form error beside the button (the message is a key, translated).
 */
const UnsubscribeForm = z
  .object({ intent: z.string().optional(), "List-Unsubscribe": z.string().optional() })
  .refine((v) => v.intent === "unsubscribe" || v["List-Unsubscribe"] === "One-Click", "unsubscribe.useButton");

/** One reply shape: conform's result (the form error) and the kind of email switched off. */
export async function action({ request, params }: ActionFunctionArgs) {
  const who = verifyUnsubscribeToken(params.token ?? "");
  if (!who) throw new Response("This unsubscribe link isn't valid.", { status: 404 });
  // A body that is not a form (none at all, JSON) holds neither: refused like an unknown one.
  const form = await request.formData().catch(() => new FormData());
  const submission = parseWithZod(form, { schema: UnsubscribeForm });
  if (submission.status !== "success")
    return json(
      { result: translatedReply(submission.reply(), await serverT(request)), unsubscribed: null },
      { status: 400 },
    );
  await setPreferences(await getDb(), who.userId, { [who.kind]: false });
  return json({ result: submission.reply(), unsubscribed: who.kind });
}

export default function Unsubscribe() {
  const { kind } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const done = reply?.unsubscribed;
  const t = useT();
  const label = (k: string) => t(`emailSettings.kinds.${k}.label`);
  const [form] = useForm({ id: "unsubscribe", lastResult: reply?.result, shouldValidate: "onSubmit" });
  // After a keyboard submit the button is gone (done) or the error is new: focus goes to the answer, not <body>.
  const answer = useFocusOnReply<HTMLHeadingElement>(reply);
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 ref={answer} tabIndex={-1} className="text-3xl font-bold outline-none">
        {done ? t("unsubscribe.done") : t("unsubscribe.title")}
      </h1>
      {done ? (
        <p role="status">
          {t("unsubscribe.noLonger", { kind: label(done) })}
          <Link to="/settings/notifications" className="text-brand-700 underline dark:text-brand-100">
            {t("unsubscribe.settingsLink")}
          </Link>
          {t("unsubscribe.after")}
        </p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <FormError id={form.errorId} errors={form.errors} />
          <p>
            {t("unsubscribe.stop")}
            <strong>{label(kind)}</strong>?
          </p>
          <button type="submit" name="intent" value="unsubscribe" className={buttonClass}>
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
