import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { getSessionUser } from "#app/auth/session.server";
import { requestPasswordReset, RESET_TOKEN_MINUTES } from "#app/auth/password-reset.server";
import { buttonClass } from "#app/components/ui/Field";
import { ConformField } from "#app/components/ui/ConformField";
import { serverT } from "#app/i18n/i18next.server";
import { localizedTitle } from "#app/i18n/meta";
import { useT } from "#app/i18n/useT";
import { translatedReply } from "#app/utils/form-reply";

export const meta: MetaFunction = ({ matches }) => [
  { title: localizedTitle(matches, "forgot.title", "Forgot password") },
];

const ForgotForm = z.object({
  email: z.string({ required_error: "forgot.invalidEmail" }).trim().email("forgot.invalidEmail").max(254),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect("/");
  return json({});
}

/**
 * Same answer whether or not the email has an account: the page never tells who is registered. One
 * reply shape: conform's result (the email's error and what was typed), whether the link went out, and
 * its lifetime (RESET_TOKEN_MINUTES lives in a server module, undefined in the browser).
 */
export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ForgotForm });
  if (submission.status !== "success") {
    const result = translatedReply(submission.reply(), await serverT(request));
    return json({ result, sent: false, minutes: RESET_TOKEN_MINUTES }, { status: 400 });
  }
  await requestPasswordReset(submission.value.email);
  return json({ result: submission.reply({ resetForm: true }), sent: true, minutes: RESET_TOKEN_MINUTES });
}

export default function ForgotPassword() {
  const data = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const t = useT();
  const [form, fields] = useForm({ lastResult: data?.result, shouldValidate: "onSubmit" });
  return (
    <div className="mx-auto max-w-md py-8">
      <h1 className="text-2xl font-bold">{t("forgot.heading")}</h1>
      {data?.sent ? (
        <p
          role="status"
          className="mt-6 rounded-md bg-green-50 p-4 text-green-900 dark:bg-green-950 dark:text-green-100"
        >
          {t("forgot.sent", { minutes: data.minutes })}
        </p>
      ) : (
        <Form
          method="post"
          {...getFormProps(form)}
          className="mt-6 space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900"
        >
          <p className="text-sm text-slate-700 dark:text-slate-300">{t("forgot.intro")}</p>
          <ConformField label={t("forgot.email")} meta={fields.email} type="email" autoComplete="email" required />
          <button type="submit" className={`${buttonClass} w-full`} disabled={busy}>
            {busy ? t("forgot.sending") : t("forgot.submit")}
          </button>
        </Form>
      )}
      <p className="mt-4 text-sm">
        <Link className="text-brand-700 underline dark:text-brand-100" to="/login">
          {t("forgot.back")}
        </Link>
      </p>
    </div>
  );
}
