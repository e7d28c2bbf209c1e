import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import { useEffect, useState } from "react";
import { getDb } from "#app/utils/db.server";
import { getEnv } from "#app/env.server";
import { findCertificate } from "#app/learning/certificates.server";
import { ErrorPage } from "#app/components/ui/ErrorPage";
import { secondaryButtonClass } from "#app/components/ui/Field";
import { linkedInAddToProfileUrl } from "#app/learning/credentials/linkedin";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Certificate: ${data.certificate.courseTitle} · ${data.certificate.learnerName}` : "Certificate not found · Uplift Academy" },
  { name: "robots", content: "noindex" },
];

/**
 * Public verification page: deliberately no gate (anyone holding the link may verify it). The code
 * is 100 random bits, so certificates cannot be enumerated; unknown codes are a 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const certificate = await findCertificate(await getDb(), params.code ?? "");
  if (!certificate) throw new Response("Not found", { status: 404 });
  const origin = (getEnv().PUBLIC_URL ?? new URL(request.url).origin).replace(/\/$/, "");
  const verifyUrl = `${origin}/certificates/${certificate.code}`;
  return json({ certificate, verifyUrl, linkedInUrl: linkedInAddToProfileUrl(certificate, verifyUrl), credentialUrl: `${verifyUrl}.json` });
}

const dateFormat = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });

export default function CertificatePage() {
  const { certificate: c, verifyUrl, linkedInUrl, credentialUrl } = useLoaderData<typeof loader>();
  const [canPrint, setCanPrint] = useState(false);
  useEffect(() => setCanPrint(true), []);
  return (
    <div className="mx-auto max-w-4xl">
      {c.status === "valid" ? (
        <p role="status" className="no-print mb-4 flex flex-wrap items-center gap-2 rounded-lg border border-emerald-300 bg-emerald-50 px-4 py-3 text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-50">
          <span aria-hidden className="flex h-6 w-6 items-center justify-center rounded-full bg-emerald-700 text-sm font-bold text-white">✓</span>
          <strong>Valid certificate.</strong> Issued by Uplift Academy to {c.learnerName} on {dateFormat.format(new Date(c.issuedAt))}{c.expiresAt ? `, valid until ${dateFormat.format(new Date(c.expiresAt))}` : ""}.
        </p>
      ) : (
        <p role="status" data-testid="certificate-status" className="no-print mb-4 flex flex-wrap items-center gap-2 rounded-lg border border-amber-400 bg-amber-50 px-4 py-3 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50">
          <span aria-hidden className="flex h-6 w-6 items-center justify-center rounded-full bg-amber-700 text-sm font-bold text-white">!</span>
          {c.status === "revoked"
            ? <><strong>Revoked certificate.</strong> Uplift Academy withdrew this certificate on {dateFormat.format(new Date(c.revokedAt!))}: it is no longer valid.</>
            : <><strong>Expired certificate.</strong> It was valid until {dateFormat.format(new Date(c.expiresAt!))}. Retaking the course renews it.</>}
        </p>
      )}
      <article className="certificate relative overflow-hidden rounded-2xl border-4 border-double border-brand-600 bg-white px-6 py-10 text-center text-slate-900 shadow-sm sm:px-12 sm:py-14 dark:border-brand-500 dark:bg-slate-900 dark:text-slate-100">
        <p className="text-sm font-semibold uppercase tracking-[0.25em] text-brand-700 dark:text-brand-100">Uplift Academy</p>
        <h1 className="mt-4 text-3xl font-bold sm:text-4xl">Certificate of completion</h1>
        <p className="mt-8 text-slate-700 dark:text-slate-300">This certifies that</p>
        <p className="mt-2 font-serif text-3xl font-semibold sm:text-4xl" data-testid="certificate-learner">{c.learnerName}</p>
        <p className="mt-2 text-slate-700 dark:text-slate-300">of <span className="font-semibold" data-testid="certificate-company">{c.companyName}</span></p>
        <p className="mt-6 text-slate-700 dark:text-slate-300">has completed the course</p>
        <p className="mt-2 text-2xl font-bold text-brand-700 dark:text-brand-100" data-testid="certificate-course">{c.courseTitle}</p>
        <p className="mx-auto mt-2 max-w-xl text-sm text-slate-600 dark:text-slate-400">{c.courseSummary}</p>
        <dl className="mx-auto mt-10 grid max-w-2xl gap-4 text-sm sm:grid-cols-3">
          <div><dt className="text-slate-600 dark:text-slate-400">Date</dt><dd className="font-semibold">{dateFormat.format(new Date(c.issuedAt))}</dd>{c.expiresAt ? <dd className="text-xs text-slate-600 dark:text-slate-400">{c.status === "expired" ? "Expired" : "Valid until"} {dateFormat.format(new Date(c.expiresAt))}</dd> : null}</div>
          <div><dt className="text-slate-600 dark:text-slate-400">Stage</dt><dd className="font-semibold"><span className="capitalize">{c.stage}</span> · {c.estimatedMinutes} min</dd></div>
          <div><dt className="text-slate-600 dark:text-slate-400">Certificate ID</dt><dd className="font-mono font-semibold">{c.code}</dd></div>
        </dl>
        <p className="mt-8 break-all text-xs text-slate-600 dark:text-slate-400">Verify at {verifyUrl}</p>
      </article>
      <div className="no-print mt-6 flex flex-wrap items-center gap-3">
        {canPrint ? <button type="button" onClick={() => window.print()} className={secondaryButtonClass}>Print or save as PDF</button> : null}
        {c.status === "valid" ? <a href={linkedInUrl} target="_blank" rel="noopener noreferrer" className={secondaryButtonClass} data-testid="linkedin-add">Add to LinkedIn profile</a> : null}
        <a href={credentialUrl} className={secondaryButtonClass}>Open Badges credential (JSON)</a>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {canPrint ? "Share this page's address: anyone can open it to verify the certificate." : "Use your browser's Print command to print it or save it as a PDF. Share this page's address to let anyone verify it."}
        </p>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <div className="mx-auto max-w-xl py-16 text-center">
        <h1 className="text-2xl font-bold">Certificate not found</h1>
        <p className="mt-3 text-slate-700 dark:text-slate-300">No certificate issued by Uplift Academy has this code, so it cannot be verified. Check the address for typos.</p>
      </div>
    );
  }
  return <ErrorPage error={error} />;
}
