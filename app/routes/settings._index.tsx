import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { requireUser } from "#app/auth/gate.server";
import { getDb } from "#app/utils/db.server";
import { setLanguagePreference } from "#app/learning/language-preference.server";
import { serverT } from "#app/i18n/i18next.server";
import { LOCALE_NAMES, UI_LOCALES } from "#app/i18n/locales";
import { useT } from "#app/i18n/useT";
import { buttonClass } from "#app/components/ui/Field";
import { translatedReply } from "#app/utils/form-reply";

export const meta: MetaFunction = () => [{ title: "Language · Uplift Academy" }];

/** Any signed-in person's own settings (only their own: the user comes from the session). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ language: user.language ?? "" });
}

/** One of the UI languages, or none (the empty "automatic" choice, which conform reads as absent). */
const LanguageForm = z.object({
  language: z.enum(UI_LOCALES, { errorMap: () => ({ message: "settings.invalidLanguage" }) }).optional(),
});

/** One reply shape: conform's result (the language's error, the choice sent) and whether it was saved. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: LanguageForm });
  if (submission.status !== "success")
    return json({ result: translatedReply(submission.reply(), await serverT(request)), saved: false }, { status: 400 });
  await setLanguagePreference(await getDb(), user.id, submission.value.language ?? null);
  return json({ result: submission.reply(), saved: true });
}

export default function Settings() {
  const { language } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    lastResult: result?.result,
    defaultValue: { language },
    shouldValidate: "onSubmit",
  });
  const { key: languageKey, ...languageProps } = getSelectProps(fields.language);
  const error = fields.language.errors?.[0];
  const errorId = fields.language.errorId;
  const helpId = fields.language.descriptionId;
  return (
    <div className="max-w-xl space-y-6">
      <h1 className="text-3xl font-bold">{t("settings.language")}</h1>
      <Form
        method="post"
        {...getFormProps(form)}
        className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900"
      >
        <div className="space-y-1">
          <label htmlFor={fields.language.id} className="block text-sm font-medium">
            {t("settings.language")}
          </label>
          <select
            {...languageProps}
            key={languageKey}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${helpId}${error ? ` ${errorId}` : ""}`}
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
          >
            <option value="">{t("settings.automatic")}</option>
            {UI_LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </select>
          <p id={helpId} className="text-sm text-slate-600 dark:text-slate-400">
            {t("settings.languageHelp")}
          </p>
          {error ? (
            <p id={errorId} className="text-sm text-red-700 dark:text-red-400">
              {error}
            </p>
          ) : null}
        </div>
        <div className="flex items-center gap-3">
          <button type="submit" className={buttonClass} disabled={busy}>
            {t("settings.save")}
          </button>
          {result?.saved ? (
            <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
              {t("settings.saved")}
            </p>
          ) : null}
        </div>
      </Form>
      <p className="text-sm">
        <Link to="/settings/notifications" className="text-brand-700 underline dark:text-brand-100">
          {t("nav.emailSettings")}
        </Link>
      </p>
    </div>
  );
}
