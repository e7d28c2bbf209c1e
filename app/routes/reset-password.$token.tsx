import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { resetPassword, resetTokenIsValid } from "#app/auth/password-reset.server";
import { passwordHashBudget, reserveAttempt } from "#app/auth/throttle.server";
import { getDb } from "#app/utils/db.server";
import { clientAddress } from "#app/utils/request.server";
import { buttonClass } from "#app/components/ui/Field";
import { ConformField } from "#app/components/ui/ConformField";
import { serverT } from "#app/i18n/i18next.server";
import { localizedTitle } from "#app/i18n/meta";
import { useT } from "#app/i18n/useT";
import { localizedWait } from "#app/i18n/wait-text";
import { translatedReply } from "#app/utils/form-reply";
import { FormError } from "#app/components/ui/FormError";

export const meta: MetaFunction = ({ matches }) => [
  { title: localizedTitle(matches, "reset.title", "Choose a new password") },
  { name: "referrer", content: "no-referrer" },
];

const ResetForm = z
  .object({
    password: z.string({ required_error: "reset.tooShort" }).min(10, "reset.tooShort").max(200, "reset.tooLong"),
    confirm: z.string({ required_error: "reset.differ" }),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "reset.differ" });

/** Public: the unguessable single-use token is the credential. */
export async function loader({ params }: LoaderFunctionArgs) {
  return json({ valid: await resetTokenIsValid(params.token ?? "") });
}

/** One reply shape: conform's result (field errors or the refusal as the form's error; never the passwords). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ResetForm });
  const t = await serverT(request);
  const hideFields = ["password", "confirm"];
  if (submission.status !== "success")
    return json({ result: translatedReply(submission.reply({ hideFields }), t) }, { status: 400 });
  // A valid link spends one password hash of this address's budget (a bogus one costs nothing).
  if (await resetTokenIsValid(params.token ?? "")) {
    const budget = await reserveAttempt(await getDb(), [passwordHashBudget(clientAddress(context))]);
    if (!budget.ok) {
      const tooMany = t("wait.tooMany", { wait: localizedWait(t, budget.retryAfterSeconds) });
      return json(
        { result: submission.reply({ formErrors: [tooMany], hideFields }) },
        { status: 429, headers: { "Retry-After": String(budget.retryAfterSeconds) } },
      );
    }
  }
  const result = await resetPassword(params.token ?? "", submission.value.password);
  if (!result.ok)
    return json({ result: submission.reply({ formErrors: [result.error], hideFields }) }, { status: 400 });
  return redirect("/login?reset=1");
}

export default function ResetPassword() {
  const { valid } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [form, fields] = useForm({ lastResult: data?.result, shouldValidate: "onSubmit" });
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
          {...getFormProps(form)}
          className="mt-6 space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900"
        >
          <FormError id={form.errorId} errors={form.errors} />
          <ConformField
            label={t("reset.password")}
            meta={fields.password}
            type="password"
            autoComplete="new-password"
            required
          />
          <ConformField
            label={t("reset.confirm")}
            meta={fields.confirm}
            type="password"
            autoComplete="new-password"
            required
          />
          <button type="submit" className={`${buttonClass} w-full`} disabled={busy}>
            {busy ? t("reset.saving") : t("reset.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}
