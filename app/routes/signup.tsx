import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { getSessionUser } from "#app/auth/session.server";
import { reserveAttempt } from "#app/auth/throttle.server";
import { requestSignUp } from "#app/learning/sign-up.server";
import { getDb } from "#app/utils/db.server";
import { publicUrl } from "#app/utils/public-url.server";
import { clientAddress } from "#app/utils/request.server";
import { Field, buttonClass } from "#app/components/ui/Field";
import { serverT } from "#app/i18n/i18next.server";
import { localizedTitle } from "#app/i18n/meta";
import { useT } from "#app/i18n/useT";
import { localizedWait } from "#app/i18n/wait-text";

export const meta: MetaFunction = ({ matches }) => [
  { title: localizedTitle(matches, "signup.title", "Create account") },
];

const SignUpForm = z.object({
  email: z.string().trim().email("signup.invalidEmail").max(254),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect("/");
  return json({});
}

/** The same answer for every valid address: what applies goes by email (app/learning/sign-up.server.ts). */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = Object.fromEntries(await request.formData());
  const parsed = SignUpForm.safeParse(form);
  const email = String(form.email ?? "");
  const t = await serverT(request);
  if (!parsed.success)
    return json(
      { emailError: t(parsed.error.issues[0]?.message ?? "signup.invalidEmail"), sentTo: null, email },
      { status: 400 },
    );
  const db = await getDb();
  // Each request sends an email: at most 10 per address and 3 per recipient in a window.
  const address = clientAddress(context);
  const budget = await reserveAttempt(db, [
    { key: `signup-email:${parsed.data.email.toLowerCase()}`, max: 3, windowMs: 60 * 60_000 },
    { key: `signup:${address}`, max: 10, windowMs: 15 * 60_000 },
  ]);
  if (!budget.ok) {
    return json(
      {
        emailError: t("signup.tooMany", { wait: localizedWait(t, budget.retryAfterSeconds) }),
        sentTo: null,
        email,
      },
      { status: 429, headers: { "Retry-After": String(budget.retryAfterSeconds) } },
    );
  }
  const sent = await requestSignUp(db, parsed.data.email, { baseUrl: publicUrl() });
  return json({ emailError: null, sentTo: sent.email, email: "" });
}

export default function SignUp() {
  const data = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const t = useT();
  return (
    <div className="mx-auto max-w-md py-8">
      <h1 className="text-2xl font-bold">{t("signup.heading")}</h1>
      <p className="mt-1 text-slate-600 dark:text-slate-300">{t("signup.intro")}</p>
      {data?.sentTo ? (
        <div
          role="status"
          className="mt-6 rounded-xl border border-emerald-300 bg-emerald-50 p-6 text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-50"
        >
          <h2 className="text-lg font-semibold">{t("signup.checkInbox")}</h2>
          <p className="mt-2 text-sm">
            {t("signup.sentBefore")}
            <strong className="[overflow-wrap:anywhere]">{data.sentTo}</strong>
            {t("signup.sentAfter")}
          </p>
        </div>
      ) : (
        <Form
          method="post"
          className="mt-6 space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900"
          noValidate
        >
          <Field
            label={t("signup.workEmail")}
            name="email"
            type="email"
            autoComplete="email"
            required
            defaultValue={data?.email}
            error={data?.emailError ?? undefined}
          />
          <button type="submit" className={`${buttonClass} w-full`} disabled={busy}>
            {busy ? t("signup.sending") : t("signup.submit")}
          </button>
        </Form>
      )}
      <p className="mt-4 text-sm">
        {t("signup.haveAccount")}{" "}
        <Link className="text-brand-700 underline dark:text-brand-100" to="/login">
          {t("signup.signIn")}
        </Link>
      </p>
    </div>
  );
}
