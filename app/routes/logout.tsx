import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useFocusOnReply } from "#app/components/ui/use-focus-on-reply";
import { Form, useActionData } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { getSessionUser, signOutRedirect } from "#app/auth/session.server";
import { serverT } from "#app/i18n/i18next.server";
import { localizedTitle } from "#app/i18n/meta";
import { useT } from "#app/i18n/useT";
import { buttonClass } from "#app/components/ui/Field";
import { FormError } from "#app/components/ui/FormError";
import { translatedReply } from "#app/utils/form-reply";

export const meta: MetaFunction = ({ matches }) => [{ title: localizedTitle(matches, "signOut.title", "Sign out") }];

/** The Sign out button's intent; any other POST signs nothing out and says so (a key, translated). */
const SignOutForm = z.object({
  intent: z.literal("logout", { errorMap: () => ({ message: "signOut.useButton" }) }),
});

/**
 * Sign-out is POST only (a GET link could be triggered cross-site). One reply shape: conform's result,
 * whose form error is shown on this page with the button (JavaScript or not); success redirects to /login.
 */
export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData().catch(() => new FormData()), { schema: SignOutForm });
  if (submission.status !== "success")
    return json({ result: translatedReply(submission.reply(), await serverT(request)) }, { status: 400 });
  return signOutRedirect(request);
}

/** Opened directly: a signed-in person gets the Sign out button; anyone else goes home. */
export async function loader({ request }: LoaderFunctionArgs) {
  if (!(await getSessionUser(request))) return redirect("/");
  return json({});
}

export default function SignOut() {
  const reply = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useForm({ id: "sign-out", lastResult: reply?.result, shouldValidate: "onSubmit" });
  const heading = useFocusOnReply<HTMLHeadingElement>(reply);
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 ref={heading} tabIndex={-1} className="text-3xl font-bold outline-none">
        {t("signOut.title")}
      </h1>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormError id={form.errorId} errors={form.errors ?? fields.intent.errors} />
        <p>{t("signOut.question")}</p>
        <button type="submit" name="intent" value="logout" className={buttonClass}>
          {t("nav.signOut")}
        </button>
      </Form>
    </div>
  );
}
