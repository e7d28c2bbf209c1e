import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { resetPassword, resetTokenIsValid } from "#app/auth/password-reset.server";
import { passwordHashBudget, reserveAttempt } from "#app/auth/throttle.server";
import { getDb } from "#app/utils/db.server";
import { clientAddress } from "#app/utils/request.server";
import { Field, buttonClass } from "#app/components/ui/Field";
import { serverT } from "#app/i18n/i18next.server";
import { localizedTitle } from "#app/i18n/meta";
import { useT } from "#app/i18n/useT";
import { localizedWait } from "#app/i18n/wait-text";

export const meta: MetaFunction = ({ matches }) => [
  { title: localizedTitle(matches, "reset.title", "Choose a new password") },
  { name: "referrer", content: "no-referrer" },
];

const ResetForm = z
  .object({
    password: z.string().min(10, "reset.tooShort").max(200, "reset.tooLong"),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "reset.differ" });

/** Public: the unguessable single-use token is the credential. */
export async function loader({ params }: LoaderFunctionArgs) {
  return json({ valid: await resetTokenIsValid(params.token ?? "") });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const parsed = ResetForm.safeParse(Object.fromEntries(await request.formData()));
  const t = await serverT(request);
  if (!parsed.success) {
    const fe = parsed.error.flatten().fieldErrors;
    const msg = (m: string | undefined) => (m ? t(m) : undefined);
    return json(
      {
        fieldErrors: { password: msg(fe.password?.[0]), confirm: msg(fe.confirm?.[0]) },
        formError: null as string | null,
      },
      { status: 400 },
    );
  }
  // A valid link spends one password hash of this address's budget (a bogus one costs nothing).
  if (await resetTokenIsValid(params.token ?? "")) {
    const budget = await reserveAttempt(await getDb(), [passwordHashBudget(clientAddress(context))]);
    if (!budget.ok) {
      const formError = t("wait.tooMany", { wait: localizedWait(t, budget.retryAfterSeconds) });
      return json(
        { fieldErrors: { password: undefined, confirm: undefined }, formError: formError as string | null },
        { status: 429, headers: { "Retry-After": String(budget.retryAfterSeconds) } },
      );
    }
  }
  const result = await resetPassword(params.token ?? "", parsed.data.password);
  if (!result.ok)
    return json(
      { fieldErrors: { password: undefined, confirm: undefined }, formError: result.error as string | null },
      { status: 400 },
    );
  return redirect("/login?reset=1");
}

export default function ResetPassword() {
  const { valid } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const fe = (data?.fieldErrors ?? {}) as Record<string, string | undefined>;
  const t = useT();
  return (
    <div className="mx-auto max-w-md py-8">
      <h1 className="text-2xl font-bold">{t("reset.title")}</h1>
      {!valid && !data ? (
        <p role="alert" className="mt-6 rounded-md bg-red-50 p-4 text-red-800 dark:bg-red-950 dark:text-red-200">
          {t("reset.invalid")}{" "}
          <Link className="underline" to="/forgot-password">
            {t("reset.askNew")}
          </Link>
          .
        </p>
      ) : (
        <Form
          method="post"
          className="mt-6 space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900"
          noValidate
        >
          {data?.formError ? (
            <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
              {data.formError}
            </p>
          ) : null}
          <Field
            label={t("reset.password")}
            name="password"
            type="password"
            autoComplete="new-password"
            required
            error={fe.password}
          />
          <Field
            label={t("reset.confirm")}
            name="confirm"
            type="password"
            autoComplete="new-password"
            required
            error={fe.confirm}
          />
          <button type="submit" className={`${buttonClass} w-full`} disabled={busy}>
            {busy ? t("reset.saving") : t("reset.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}
