import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import { z } from "zod";
import { createUserSession, getSessionUser } from "#app/auth/session.server";
import { getDb } from "#app/utils/db.server";
import { acceptInvitation, getInvitation } from "#app/learning/invitations.server";
import { passwordHashBudget, reserveAttempt, waitText } from "#app/auth/throttle.server";
import { clientAddress } from "#app/utils/request.server";
import { ErrorPage } from "#app/components/ui/ErrorPage";
import { Field, buttonClass } from "#app/components/ui/Field";

export const meta: MetaFunction = () => [
  { title: "Join your team · Uplift Academy" },
  { name: "robots", content: "noindex" },
];

const MESSAGES = {
  expired: {
    title: "This invitation has expired",
    text: "Invitation links work for 7 days. Ask the colleague who invited you to send a new one.",
  },
  used: {
    title: "This invitation has already been used",
    text: "Each link works once. If you accepted it, sign in with the email it was sent to.",
  },
  unknown: {
    title: "This invitation link isn't valid",
    text: "Check that you copied the whole link, or ask for a new invitation.",
  },
  email_taken: {
    title: "You already have an account",
    text: "An academy account with this email exists. Sign in instead.",
  },
} as const;

/** Public by design: the random token in the URL is the credential (only its hash is stored). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const invitation = await getInvitation(await getDb(), params.token ?? "");
  const current = await getSessionUser(request);
  return json({ invitation, signedInAs: current?.email ?? null });
}

const AcceptForm = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(100),
  password: z.string().min(10, "Use at least 10 characters.").max(200),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = Object.fromEntries(await request.formData());
  const parsed = AcceptForm.safeParse(form);
  if (!parsed.success) {
    const fe = parsed.error.flatten().fieldErrors;
    return json(
      { fieldErrors: { name: fe.name?.[0], password: fe.password?.[0] }, failure: null, name: String(form.name ?? "") },
      { status: 400 },
    );
  }
  const db = await getDb();
  const token = params.token ?? "";
  // The token before anything costly: a bogus link is answered without hashing or spending a budget.
  const invitation = await getInvitation(db, token);
  if (invitation.status !== "valid")
    return json({ fieldErrors: {}, failure: invitation.status, name: parsed.data.name }, { status: 410 });
  const budget = await reserveAttempt(db, [passwordHashBudget(clientAddress(context))]);
  if (!budget.ok) {
    const error = `Too many attempts from your network. Try again in ${waitText(budget.retryAfterSeconds)}.`;
    return json(
      { fieldErrors: { password: error }, failure: null, name: parsed.data.name },
      { status: 429, headers: { "Retry-After": String(budget.retryAfterSeconds) } },
    );
  }
  const result = await acceptInvitation(db, token, parsed.data);
  if (!result.ok) return json({ fieldErrors: {}, failure: result.reason, name: parsed.data.name }, { status: 410 });
  // "?welcome": the home page greets a first visit with "Welcome", not "Welcome back".
  return redirect("/?welcome", { headers: { "Set-Cookie": await createUserSession(request, result.user) } });
}

export default function AcceptInvitation() {
  const { invitation, signedInAs } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const failure = data?.failure ?? (invitation.status !== "valid" ? invitation.status : null);
  if (failure || invitation.status !== "valid") {
    const m = MESSAGES[failure ?? "unknown"];
    return (
      <div className="mx-auto max-w-md py-12 text-center">
        <h1 className="text-2xl font-bold">{m.title}</h1>
        <p className="mt-3 text-slate-700 dark:text-slate-300">{m.text}</p>
        <Link to="/login" className={`${buttonClass} mt-6`}>
          Go to sign in
        </Link>
      </div>
    );
  }
  const fe = (data?.fieldErrors ?? {}) as { name?: string; password?: string };
  return (
    <div className="mx-auto max-w-md py-8">
      <h1 className="text-2xl font-bold">Join {invitation.accountName} on Uplift Academy</h1>
      <p className="mt-1 text-slate-600 dark:text-slate-300">
        {invitation.inviterName
          ? `${invitation.inviterName} invited you to learn with your team.`
          : "Finish creating your account."}{" "}
        Set your name and a password to get started.
      </p>
      {signedInAs ? (
        <p className="mt-3 rounded-md bg-amber-50 p-3 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-50">
          You are signed in as {signedInAs}. Accepting signs you in as the invited person instead.
        </p>
      ) : null}
      <Form
        method="post"
        className="mt-6 space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900"
        noValidate
      >
        <Field label="Email" name="email-display" type="email" value={invitation.email} readOnly disabled />
        <Field label="Your name" name="name" autoComplete="name" required defaultValue={data?.name} error={fe.name} />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          error={fe.password}
        />
        <button type="submit" className={`${buttonClass} w-full`} disabled={busy}>
          {busy ? "Joining…" : "Join the academy"}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
