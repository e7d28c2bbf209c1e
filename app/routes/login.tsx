import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { getSessionUser, createUserSession } from "#app/auth/session.server";
import { signIn } from "#app/auth/sign-in.server";
import { safeRedirect } from "#app/utils/safe-redirect";
import { clientAddress } from "#app/utils/request.server";
import { buttonClass } from "#app/components/ui/Field";
import { ConformField } from "#app/components/ui/ConformField";
import { idpButtons } from "#app/auth/idp-buttons.server";
import { safeRedirect as safeTarget } from "#app/utils/safe-redirect";
import { useT } from "#app/i18n/useT";
import { serverT } from "#app/i18n/i18next.server";
import { translatedReply } from "#app/utils/form-reply";
import { FormError } from "#app/components/ui/FormError";

export const meta: MetaFunction = () => [{ title: "Sign in · Uplift Academy" }];

const SignInForm = z.object({
  // Message keys, translated in the action (app/i18n/messages).
  email: z.string({ required_error: "login.invalidEmail" }).trim().email("login.invalidEmail"),
  password: z.string({ required_error: "login.enterPassword" }),
  redirectTo: z.string().optional(),
});

/** Public page; a signed-in visitor is sent home. */
export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect("/");
  return json({ idps: idpButtons(safeTarget(new URL(request.url).searchParams.get("redirectTo"), "/")) });
}

/**
 * One reply shape: conform's submission result (field errors, or the sign-in refusal as the form's
 * error; the email typed, never the password).
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: SignInForm });
  const hideFields = ["password"];
  if (submission.status !== "success") {
    const result = translatedReply(submission.reply({ hideFields }), await serverT(request));
    return json({ result }, { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const signedIn = await signIn(email, password, clientAddress(context));
  if (!signedIn.ok) {
    const headers = signedIn.retryAfterSeconds ? { "Retry-After": String(signedIn.retryAfterSeconds) } : undefined;
    const result = submission.reply({ formErrors: [signedIn.error], hideFields });
    return json({ result }, { status: signedIn.status, headers });
  }
  const cookie = await createUserSession(request, signedIn.user);
  return redirect(safeRedirect(redirectTo, "/"), { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const data = useActionData<typeof action>();
  const { idps } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  // Validated on the server only (its messages are translated there); conform keeps what was typed.
  const [form, fields] = useForm({ lastResult: data?.result, shouldValidate: "onSubmit" });
  const t = useT();
  return (
    <div className="mx-auto max-w-md py-8">
      <h1 className="text-2xl font-bold">{t("login.title")}</h1>
      <p className="mt-1 text-slate-600 dark:text-slate-300">{t("login.tagline")}</p>
      {idps.length ? (
        <ul className="mt-6 space-y-2" aria-label={t("login.withCompany")}>
          {idps.map((idp) => (
            <li key={idp.href}>
              {/* A full page load: the IdP redirect must not go through client-side navigation. */}
              <a href={idp.href} className={`${buttonClass} block w-full text-center`}>
                {t("login.signInWith", { provider: idp.label })}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      <Form
        method="post"
        {...getFormProps(form)}
        className="mt-6 space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900"
      >
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        {params.get("reset") === "1" && !data ? (
          <p
            role="status"
            className="rounded-md bg-green-50 p-3 text-sm text-green-900 dark:bg-green-950 dark:text-green-100"
          >
            {t("login.passwordChanged")}
          </p>
        ) : null}
        <FormError id={form.errorId} errors={form.errors} />
        <ConformField label={t("login.email")} meta={fields.email} type="email" autoComplete="email" required />
        <ConformField
          label={t("login.password")}
          meta={fields.password}
          type="password"
          autoComplete="current-password"
          required
        />
        <button type="submit" className={`${buttonClass} w-full`} disabled={busy}>
          {busy ? t("login.signingIn") : t("login.submit")}
        </button>
        <p className="text-sm">
          <Link className="text-brand-700 underline dark:text-brand-100" to="/forgot-password">
            {t("login.forgot")}
          </Link>
        </p>
      </Form>
      <p className="mt-4 text-sm">
        {t("login.newHere")}{" "}
        <Link className="text-brand-700 underline dark:text-brand-100" to="/signup">
          {t("login.create")}
        </Link>
        {t("login.withWorkEmail")}
      </p>
    </div>
  );
}
