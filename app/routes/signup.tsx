import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { createUserSession, getSessionUser } from "#app/auth/session.server";
import { signUp } from "#app/auth/sign-in.server";
import { Field, buttonClass } from "#app/components/ui/Field";

export const meta: MetaFunction = () => [{ title: "Create account · Uplift Academy" }];

const SignUpForm = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(100),
  email: z.string().trim().email("Enter a valid work email address."),
  password: z.string().min(10, "Use at least 10 characters.").max(200),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect("/");
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const form = Object.fromEntries(await request.formData());
  const parsed = SignUpForm.safeParse(form);
  const values = { name: String(form.name ?? ""), email: String(form.email ?? "") };
  if (!parsed.success) {
    const fe = parsed.error.flatten().fieldErrors;
    return json({ fieldErrors: { name: fe.name?.[0], email: fe.email?.[0], password: fe.password?.[0] }, values }, { status: 400 });
  }
  const result = await signUp(parsed.data);
  if (!result.ok) return json({ fieldErrors: result.fieldErrors as Record<string, string | undefined>, values }, { status: 400 });
  // "?welcome": the home page greets a first visit with "Welcome", not "Welcome back".
  return redirect("/?welcome", { headers: { "Set-Cookie": await createUserSession(request, result.user) } });
}

export default function SignUp() {
  const data = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="mx-auto max-w-md py-8">
      <h1 className="text-2xl font-bold">Create your learner account</h1>
      <p className="mt-1 text-slate-600 dark:text-slate-300">Use your work email: you join your company's academy automatically.</p>
      <Form method="post" className="mt-6 space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900" noValidate>
        <Field label="Your name" name="name" autoComplete="name" required defaultValue={data?.values.name} error={data?.fieldErrors.name} />
        <Field label="Work email" name="email" type="email" autoComplete="email" required defaultValue={data?.values.email} error={data?.fieldErrors.email} />
        <Field label="Password" name="password" type="password" autoComplete="new-password" required error={data?.fieldErrors.password} />
        <button type="submit" className={`${buttonClass} w-full`} disabled={busy}>{busy ? "Creating…" : "Create account"}</button>
      </Form>
      <p className="mt-4 text-sm">Already have an account? <Link className="text-brand-700 underline dark:text-brand-100" to="/login">Sign in</Link></p>
    </div>
  );
}
