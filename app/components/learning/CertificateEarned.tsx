import { Link } from "@remix-run/react";
import { AwardIcon } from "./icons";
import { useT } from "#app/i18n/useT";

/** Shown once the learner has completed every lesson of a course. */
export function CertificateEarned({ code, courseTitle }: { code: string; courseTitle: string }) {
  const t = useT();
  return (
    <section
      aria-labelledby="certificate-earned"
      className="mt-8 flex flex-wrap items-center gap-4 rounded-xl border border-emerald-300 bg-emerald-50 p-5 text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-50"
    >
      <AwardIcon className="h-10 w-10 text-emerald-800 dark:text-emerald-300" />
      <div className="min-w-0 flex-1">
        <h2 id="certificate-earned" className="font-semibold">
          {t("certificate.completed", { title: courseTitle })}
        </h2>
        <p className="text-sm">{t("certificate.ready")}</p>
      </div>
      <Link
        to={`/certificates/${code}`}
        className="rounded-md bg-emerald-800 px-4 py-2 font-medium text-white hover:bg-emerald-900"
      >
        {t("certificate.view")}
      </Link>
    </section>
  );
}
