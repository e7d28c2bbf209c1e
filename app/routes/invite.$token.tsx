import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { createUserSession, getSessionUser } from "#app/auth/session.server";
import { getDb } from "#app/utils/db.server";
import { acceptInvitation, getInvitation } from "#app/learning/invitations.server";
import { passwordHashBudget, reserveAttempt } from "#app/auth/throttle.server";
import { clientAddress } from "#app/utils/request.server";
import { ErrorPage } from "#app/components/ui/ErrorPage";
import { Field, buttonClass } from "#app/components/ui/Field";
import { ConformField } from "#app/components/ui/ConformField";
import { serverT } from "#app/i18n/i18next.server";
import { localizedTitle } from "#app/i18n/meta";
import { useT } from "#app/i18n/useT";
import { localizedWait } from "#app/i18n/wait-text";
import { translatedReply } from "#app/utils/form-reply";

export const meta: MetaFunction = ({ matches }) => [
  { title: localizedTitle(matches, "invite.title", "Join your team") },
  { name: "robots", content: "noindex" },
];

/** Message keys per failure (app/i18n/messages: invite.*). */
const MESSAGES = {
  expired: { title: "invite.expiredTitle", text: "invite.expiredText" },
  used: { title: "invite.usedTitle", text: "invite.usedText" },
  unknown: { title: "invite.unknownTitle", text: "invite.unknownText" },
  email_taken: { title: "invite.takenTitle", text: "invite.takenText" },
} as const;

/** Public by design: the random token in the URL is the credential (only its hash is stored). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const invitation = await getInvitation(await getDb(), params.token ?? "");
  const current = await getSessionUser(request);
  return json({ invitation, signedInAs: current?.email ?? null });
}

const AcceptForm = z.object({
  name: z.string({ required_error: "invite.enterName" }).trim().min(1, "invite.enterName").max(100),
  password: z.string({ required_error: "invite.tooShort" }).min(10, "invite.tooShort").max(200),
});

/**
 * One reply shape: conform's result (field errors and the name typed; never the password) and the
 * invitation's failure when the link went stale meanwhile (410).
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: AcceptForm });
  const t = await serverT(request);
  const hideFields = ["password"];
  if (submission.status !== "success")
    return json({ result: translatedReply(submission.reply({ hideFields }), t), failure: null }, { status: 400 });
  const db = await getDb();
  const token = params.token ?? "";
  // The token before anything costly: a bogus link is answered without hashing or spending a budget.
  const invitation = await getInvitation(db, token);
  if (invitation.status !== "valid")
    return json({ result: submission.reply({ hideFields }), failure: invitation.status }, { status: 410 });
  const budget = await reserveAttempt(db, [passwordHashBudget(clientAddress(context))]);
  if (!budget.ok) {
    const error = t("wait.tooMany", { wait: localizedWait(t, budget.retryAfterSeconds) });
    return json(
      { result: submission.reply({ fieldErrors: { password: [error] }, hideFields }), failure: null },
      { status: 429, headers: { "Retry-After": String(budget.retryAfterSeconds) } },
    );
  }
  const result = await acceptInvitation(db, token, submission.value);
  if (!result.ok) return json({ result: submission.reply({ hideFields }), failure: result.reason }, { status: 410 });
  // "?welcome": the home page greets a first visit with "Welcome", not "Welcome back".
  return redirect("/?welcome", { headers: { "Set-Cookie": await createUserSession(request, result.user) } });
}

export default function AcceptInvitation() {
  const { invitation, signedInAs } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const t = useT();
  const [form, fields] = useForm({ lastResult: data?.result, shouldValidate: "onSubmit" });
  const failure = data?.failure ?? (invitation.status !== "valid" ? invitation.status : null);
  if (failure || invitation.status !== "valid") {
    const m = MESSAGES[failure ?? "unknown"];
    return (
      <div className="mx-auto max-w-md py-12 text-center">
        <h1 className="text-2xl font-bold">{t(m.title)}</h1>
        <p className="mt-3 text-slate-700 dark:text-slate-300">{t(m.text)}</p>
        <Link to="/login" className={`${buttonClass} mt-6`}>
          {t("invite.goSignIn")}
        </Link>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md py-8">
      <h1 className="text-2xl font-bold">{t("invite.heading", { team: invitation.accountName })}</h1>
      <p className="mt-1 text-slate-600 dark:text-slate-300">
        {invitation.inviterName ? t("invite.invitedBy", { inviter: invitation.inviterName }) : t("invite.finish")}{" "}
        {t("invite.setName")}
      </p>
      {signedInAs ? (
        <p className="mt-3 rounded-md bg-amber-50 p-3 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-50">
          {t("invite.signedInAs", { email: signedInAs })}
        </p>
      ) : null}
      <Form
        method="post"
        {...getFormProps(form)}
        className="mt-6 space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900"
        noValidate
      >
        <Field label={t("invite.email")} name="email-display" type="email" value={invitation.email} readOnly disabled />
        <ConformField label={t("invite.name")} meta={fields.name} type="text" autoComplete="name" required />
        <ConformField
          label={t("invite.password")}
          meta={fields.password}
          type="password"
          autoComplete="new-password"
          required
        />
        <button type="submit" className={`${buttonClass} w-full`} disabled={busy}>
          {busy ? t("invite.joining") : t("invite.submit")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
