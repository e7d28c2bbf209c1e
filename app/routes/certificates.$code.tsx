import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import { useEffect, useState } from "react";
import { getDb } from "#app/utils/db.server";
import { getEnv } from "#app/env.server";
import { findCertificate } from "#app/learning/certificates.server";
import { ErrorPage } from "#app/components/ui/ErrorPage";
import { secondaryButtonClass } from "#app/components/ui/Field";
import { requestLocale } from "#app/i18n/i18next.server";
import { courseWords } from "#app/learning/translations.server";
import { useLocale, useT } from "#app/i18n/useT";
import { linkedInAddToProfileUrl } from "#app/learning/credentials/linkedin";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `Certificate: ${data.certificate.courseTitle} · ${data.certificate.learnerName}`
      : "Certificate not found · Uplift Academy",
  },
  { name: "robots", content: "noindex" },
];

/**
 * Public verification page: deliberately no gate (anyone holding the link may verify it). The code
 * is 100 random bits, so certificates cannot be enumerated; unknown codes are a 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = await getDb();
  const found = await findCertificate(db, params.code ?? "");
  if (!found) throw new Response("Not found", { status: 404 });
  // The course named in the reader's language when translated (one certificate, whatever the language).
  const locale = await requestLocale(request);
  const words = (await courseWords(db, locale)).get(found.courseId);
  const certificate = words ? { ...found, courseTitle: words.title, courseSummary: words.summary } : found;
  const origin = (getEnv().PUBLIC_URL ?? new URL(request.url).origin).replace(/\/$/, "");
  const verifyUrl = `${origin}/certificates/${certificate.code}`;
  return json({
    certificate,
    verifyUrl,
    linkedInUrl: linkedInAddToProfileUrl(certificate, verifyUrl),
    credentialUrl: `${verifyUrl}.json`,
  });
}

export default function CertificatePage() {
  const { certificate: c, verifyUrl, linkedInUrl, credentialUrl } = useLoaderData<typeof loader>();
  const [canPrint, setCanPrint] = useState(false);
  useEffect(() => setCanPrint(true), []);
  const t = useT();
  const locale = useLocale();
  const dateFormat = new Intl.DateTimeFormat(locale === "en" ? "en-US" : locale, {
    year: "numeric",
    month: "long",
    day: "numeric",
    timeZone: "UTC",
  });
  return (
    <div className="mx-auto max-w-4xl">
      {c.status === "valid" ? (
        <p
          role="status"
          className="no-print mb-4 flex flex-wrap items-center gap-2 rounded-lg border border-emerald-300 bg-emerald-50 px-4 py-3 text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-50"
        >
          <span
            aria-hidden
            className="flex h-6 w-6 items-center justify-center rounded-full bg-emerald-700 text-sm font-bold text-white"
          >
            ✓
          </span>
          <strong>{t("certificatePage.valid")}</strong>{" "}
          {t(c.expiresAt ? "certificatePage.issuedToUntil" : "certificatePage.issuedTo", {
            name: c.learnerName,
            date: dateFormat.format(new Date(c.issuedAt)),
            until: c.expiresAt ? dateFormat.format(new Date(c.expiresAt)) : "",
          })}
        </p>
      ) : (
        <p
          role="status"
          data-testid="certificate-status"
          className="no-print mb-4 flex flex-wrap items-center gap-2 rounded-lg border border-amber-400 bg-amber-50 px-4 py-3 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50"
        >
          <span
            aria-hidden
            className="flex h-6 w-6 items-center justify-center rounded-full bg-amber-700 text-sm font-bold text-white"
          >
            !
          </span>
          {c.status === "revoked" ? (
            <>
              <strong>{t("certificatePage.revoked")}</strong>{" "}
              {t("certificatePage.revokedText", { date: dateFormat.format(new Date(c.revokedAt!)) })}
            </>
          ) : (
            <>
              <strong>{t("certificatePage.expired")}</strong>{" "}
              {t("certificatePage.expiredText", { date: dateFormat.format(new Date(c.expiresAt!)) })}
            </>
          )}
        </p>
      )}
      <article className="certificate relative overflow-hidden rounded-2xl border-4 border-double border-brand-600 bg-white px-6 py-10 text-center text-slate-900 shadow-sm sm:px-12 sm:py-14 dark:border-brand-500 dark:bg-slate-900 dark:text-slate-100">
        <p className="text-sm font-semibold uppercase tracking-[0.25em] text-brand-700 dark:text-brand-100">
          Uplift Academy
        </p>
        <h1 className="mt-4 text-3xl font-bold sm:text-4xl">{t("certificatePage.title")}</h1>
        <p className="mt-8 text-slate-700 dark:text-slate-300">{t("certificatePage.certifies")}</p>
        <p className="mt-2 font-serif text-3xl font-semibold sm:text-4xl" data-testid="certificate-learner">
          {c.learnerName}
        </p>
        <p className="mt-2 text-slate-700 dark:text-slate-300">
          {t("certificatePage.of")}{" "}
          <span className="font-semibold" data-testid="certificate-company">
            {c.companyName}
          </span>
        </p>
        <p className="mt-6 text-slate-700 dark:text-slate-300">{t("certificatePage.completed")}</p>
        <p className="mt-2 text-2xl font-bold text-brand-700 dark:text-brand-100" data-testid="certificate-course">
          {c.courseTitle}
        </p>
        <p className="mx-auto mt-2 max-w-xl text-sm text-slate-600 dark:text-slate-400">{c.courseSummary}</p>
        <dl className="mx-auto mt-10 grid max-w-2xl gap-4 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-600 dark:text-slate-400">{t("certificatePage.date")}</dt>
            <dd className="font-semibold">{dateFormat.format(new Date(c.issuedAt))}</dd>
            {c.expiresAt ? (
              <dd className="text-xs text-slate-600 dark:text-slate-400">
                {c.status === "expired" ? t("certificatePage.expiredLabel") : t("certificatePage.validUntil")}{" "}
                {dateFormat.format(new Date(c.expiresAt))}
              </dd>
            ) : null}
          </div>
          <div>
            <dt className="text-slate-600 dark:text-slate-400">{t("certificatePage.stage")}</dt>
            <dd className="font-semibold">
              <span className="capitalize">{t(`stage.${c.stage}`)}</span> ·{" "}
              {t("card.minutes", { count: c.estimatedMinutes })}
            </dd>
          </div>
          <div>
            <dt className="text-slate-600 dark:text-slate-400">{t("certificatePage.id")}</dt>
            <dd className="font-mono font-semibold">{c.code}</dd>
          </div>
        </dl>
        <p className="mt-8 break-all text-xs text-slate-600 dark:text-slate-400">
          {t("certificatePage.verifyAt", { url: verifyUrl })}
        </p>
      </article>
      <div className="no-print mt-6 flex flex-wrap items-center gap-3">
        {canPrint ? (
          <button type="button" onClick={() => window.print()} className={secondaryButtonClass}>
            {t("certificatePage.print")}
          </button>
        ) : null}
        {c.status === "valid" ? (
          <a
            href={linkedInUrl}
            target="_blank"
            rel="noopener noreferrer"
            className={secondaryButtonClass}
            data-testid="linkedin-add"
          >
            {t("certificatePage.linkedIn")}
          </a>
        ) : null}
        <a href={credentialUrl} className={secondaryButtonClass}>
          {t("certificatePage.openBadges")}
        </a>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {canPrint ? t("certificatePage.share") : t("certificatePage.shareNoJs")}
        </p>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <div className="mx-auto max-w-xl py-16 text-center">
        <h1 className="text-2xl font-bold">{t("certificatePage.notFound")}</h1>
        <p className="mt-3 text-slate-700 dark:text-slate-300">{t("certificatePage.notFoundText")}</p>
      </div>
    );
  }
  return <ErrorPage error={error} />;
}
