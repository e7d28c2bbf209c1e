import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { getSessionUser } from "#app/auth/session.server";
import { reserveAttempt } from "#app/auth/throttle.server";
import { requestSignUp } from "#app/learning/sign-up.server";
import { getDb } from "#app/utils/db.server";
import { publicUrl } from "#app/utils/public-url.server";
import { clientAddress } from "#app/utils/request.server";
import { buttonClass } from "#app/components/ui/Field";
import { ConformField } from "#app/components/ui/ConformField";
import { serverT } from "#app/i18n/i18next.server";
import { localizedTitle } from "#app/i18n/meta";
import { useT } from "#app/i18n/useT";
import { localizedWait } from "#app/i18n/wait-text";
import { translatedReply } from "#app/utils/form-reply";

export const meta: MetaFunction = ({ matches }) => [
  { title: localizedTitle(matches, "signup.title", "Create account") },
];

const SignUpForm = z.object({
  email: z.string({ required_error: "signup.invalidEmail" }).trim().email("signup.invalidEmail").max(254),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect("/");
  return json({});
}

/**
 * The same answer for every valid address: what applies goes by email (app/learning/sign-up.server.ts).
 * One reply shape: conform's result (the email's error and the address typed) and where the link went.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: SignUpForm });
  const t = await serverT(request);
  if (submission.status !== "success")
    return json({ result: translatedReply(submission.reply(), t), sentTo: null }, { status: 400 });
  const { email } = submission.value;
  const db = await getDb();
  // Each request sends an email: at most 10 per address and 3 per recipient in a window.
  const address = clientAddress(context);
  const budget = await reserveAttempt(db, [
    { key: `signup-email:${email.toLowerCase()}`, max: 3, windowMs: 60 * 60_000 },
    { key: `signup:${address}`, max: 10, windowMs: 15 * 60_000 },
  ]);
  if (!budget.ok) {
    const tooMany = t("signup.tooMany", { wait: localizedWait(t, budget.retryAfterSeconds) });
    return json(
      { result: submission.reply({ fieldErrors: { email: [tooMany] } }), sentTo: null },
      { status: 429, headers: { "Retry-After": String(budget.retryAfterSeconds) } },
    );
  }
  const sent = await requestSignUp(db, email, { baseUrl: publicUrl() });
  return json({ result: submission.reply({ resetForm: true }), sentTo: sent.email });
}

export default function SignUp() {
  const data = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const t = useT();
  const [form, fields] = useForm({ lastResult: data?.result, shouldValidate: "onSubmit" });
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
          {...getFormProps(form)}
          className="mt-6 space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900"
        >
          <ConformField label={t("signup.workEmail")} meta={fields.email} type="email" autoComplete="email" required />
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
