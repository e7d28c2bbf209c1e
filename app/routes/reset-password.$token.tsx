import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { resetPassword, resetTokenIsValid } from "#app/auth/password-reset.server";
import { passwordHashBudget, reserveAttempt, waitText } from "#app/auth/throttle.server";
import { getDb } from "#app/utils/db.server";
import { clientAddress } from "#app/utils/request.server";
import { Field, buttonClass } from "#app/components/ui/Field";

export const meta: MetaFunction = () => [
  { title: "Choose a new password · Uplift Academy" },
  { name: "referrer", content: "no-referrer" },
];

const ResetForm = z
  .object({
    password: z.string().min(10, "Use at least 10 characters.").max(200, "Use at most 200 characters."),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords differ." });

/** Public: the unguessable single-use token is the credential. */
export async function loader({ params }: LoaderFunctionArgs) {
  return json({ valid: await resetTokenIsValid(params.token ?? "") });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const parsed = ResetForm.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    const fe = parsed.error.flatten().fieldErrors;
    return json(
      { fieldErrors: { password: fe.password?.[0], confirm: fe.confirm?.[0] }, formError: null as string | null },
      { status: 400 },
    );
  }
  // A valid link spends one password hash of this address's budget (a bogus one costs nothing).
  if (await resetTokenIsValid(params.token ?? "")) {
    const budget = await reserveAttempt(await getDb(), [passwordHashBudget(clientAddress(context))]);
    if (!budget.ok) {
      const formError = `Too many attempts from your network. Try again in ${waitText(budget.retryAfterSeconds)}.`;
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
  return (
    <div className="mx-auto max-w-md py-8">
      <h1 className="text-2xl font-bold">Choose a new password</h1>
      {!valid && !data ? (
        <p role="alert" className="mt-6 rounded-md bg-red-50 p-4 text-red-800 dark:bg-red-950 dark:text-red-200">
          This reset link is invalid, used or expired.{" "}
          <Link className="underline" to="/forgot-password">
            Ask for a new one
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
            label="New password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            error={fe.password}
          />
          <Field
            label="Repeat the new password"
            name="confirm"
            type="password"
            autoComplete="new-password"
            required
            error={fe.confirm}
          />
          <button type="submit" className={`${buttonClass} w-full`} disabled={busy}>
            {busy ? "Saving…" : "Save and sign in again"}
          </button>
        </Form>
      )}
    </div>
  );
}
