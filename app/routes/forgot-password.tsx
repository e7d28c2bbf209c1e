import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { getSessionUser } from "#app/auth/session.server";
import { requestPasswordReset, RESET_TOKEN_MINUTES } from "#app/auth/password-reset.server";
import { Field, buttonClass } from "#app/components/ui/Field";

export const meta: MetaFunction = () => [{ title: "Forgot password · Uplift Academy" }];

const ForgotForm = z.object({ email: z.string().trim().email("Enter a valid email address.").max(254) });

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect("/");
  return json({});
}

/** Same answer whether or not the email has an account: the page never tells who is registered. */
export async function action({ request }: ActionFunctionArgs) {
  const parsed = ForgotForm.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success)
    return json({ sent: false, error: parsed.error.flatten().fieldErrors.email?.[0] }, { status: 400 });
  await requestPasswordReset(parsed.data.email);
  return json({ sent: true, error: undefined });
}

export default function ForgotPassword() {
  const data = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="mx-auto max-w-md py-8">
      <h1 className="text-2xl font-bold">Reset your password</h1>
      {data?.sent ? (
        <p
          role="status"
          className="mt-6 rounded-md bg-green-50 p-4 text-green-900 dark:bg-green-950 dark:text-green-100"
        >
          If an account uses that address, we sent it a link to choose a new password. The link works once, for{" "}
          {RESET_TOKEN_MINUTES} minutes.
        </p>
      ) : (
        <Form
          method="post"
          className="mt-6 space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900"
          noValidate
        >
          <p className="text-sm text-slate-700 dark:text-slate-300">
            Enter the email you sign in with. We'll send you a link to choose a new password.
          </p>
          <Field label="Email" name="email" type="email" autoComplete="email" required error={data?.error} />
          <button type="submit" className={`${buttonClass} w-full`} disabled={busy}>
            {busy ? "Sending…" : "Send reset link"}
          </button>
        </Form>
      )}
      <p className="mt-4 text-sm">
        <Link className="text-brand-700 underline dark:text-brand-100" to="/login">
          Back to sign in
        </Link>
      </p>
    </div>
  );
}
