import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { getSessionUser } from "#app/auth/session.server";
import { requestPasswordReset, RESET_TOKEN_MINUTES } from "#app/auth/password-reset.server";
import { Field, buttonClass } from "#app/components/ui/Field";
import { serverT } from "#app/i18n/i18next.server";
import { localizedTitle } from "#app/i18n/meta";
import { useT } from "#app/i18n/useT";

export const meta: MetaFunction = ({ matches }) => [
  { title: localizedTitle(matches, "forgot.title", "Forgot password") },
];

const ForgotForm = z.object({ email: z.string().trim().email("forgot.invalidEmail").max(254) });

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect("/");
  return json({});
}

/** Same answer whether or not the email has an account: the page never tells who is registered. */
export async function action({ request }: ActionFunctionArgs) {
  const parsed = ForgotForm.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    const t = await serverT(request);
    const error = parsed.error.flatten().fieldErrors.email?.[0];
    return json({ sent: false, error: error ? t(error) : undefined, minutes: RESET_TOKEN_MINUTES }, { status: 400 });
  }
  await requestPasswordReset(parsed.data.email);
  // The minutes travel in the reply: RESET_TOKEN_MINUTES lives in a server module (undefined in the browser).
  return json({ sent: true, error: undefined, minutes: RESET_TOKEN_MINUTES });
}

export default function ForgotPassword() {
  const data = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const t = useT();
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
          className="mt-6 space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900"
          noValidate
        >
          <p className="text-sm text-slate-700 dark:text-slate-300">{t("forgot.intro")}</p>
          <Field
            label={t("forgot.email")}
            name="email"
            type="email"
            autoComplete="email"
            required
            error={data?.error}
          />
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
