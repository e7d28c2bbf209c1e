import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { canAuthor, requireUser } from "#app/auth/gate.server";
import { getDb } from "#app/utils/db.server";
import { MAX_QUERY_LENGTH, searchAcademy } from "#app/learning/search.server";
import { SearchBox } from "#app/components/learning/SearchBox";
import { Highlighted } from "#app/components/learning/Highlighted";
import { StageBadge } from "#app/components/ui/StageBadge";
import { localizedTitle } from "#app/i18n/meta";
import { useT } from "#app/i18n/useT";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: `${data?.query ? `“${data.query}” · ` : ""}${localizedTitle(matches, "searchPage.title", "Search")}` },
];

const SearchParams = z.object({ q: z.string().trim().max(MAX_QUERY_LENGTH).catch("") });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { q } = SearchParams.parse({ q: new URL(request.url).searchParams.get("q") ?? "" });
  const hits = q ? await searchAcademy(await getDb(), q, { includeDrafts: canAuthor(user) }) : [];
  return json({ query: q, hits });
}

export default function SearchPage() {
  const { query, hits } = useLoaderData<typeof loader>();
  const searching = useNavigation().location?.pathname === "/search";
  const t = useT();
  return (
    <div className="mx-auto max-w-3xl">
      <nav aria-label={t("nav.breadcrumb")} className="text-sm text-slate-600 dark:text-slate-400">
        <Link to="/" className="hover:underline">
          {t("nav.courses")}
        </Link>{" "}
        / {t("searchPage.title")}
      </nav>
      <h1 className="mt-2 text-3xl font-bold">{t("searchPage.heading")}</h1>
      <div className="mt-4">
        <SearchBox key={query} defaultValue={query} />
      </div>
      <div aria-live="polite" className={`mt-6 ${searching ? "opacity-60" : ""}`}>
        {query ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {searching
              ? t("searchPage.searching")
              : hits.length === 0
                ? t("searchPage.none", { query })
                : t("searchPage.results", { count: hits.length, query })}
          </p>
        ) : null}
        {query && hits.length === 0 && !searching ? (
          <p className="mt-3 text-slate-700 dark:text-slate-300">
            {t("searchPage.tryOther")}
            <Link to="/" className="text-brand-700 underline dark:text-brand-100">
              {t("searchPage.browse")}
            </Link>
            {t("searchPage.after")}
          </p>
        ) : null}
        <ol className="mt-4 space-y-3">
          {hits.map((h) => (
            <li
              key={`${h.kind}-${h.lessonId ?? h.courseId}`}
              className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
            >
              <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
                <StageBadge stage={h.stage} />
                {h.draft ? (
                  <span className="rounded-full bg-amber-100 px-2 py-0.5 font-semibold text-amber-900">
                    {t("card.draft")}
                  </span>
                ) : null}
                <span>
                  {h.kind === "course" ? (
                    t("searchPage.course")
                  ) : (
                    <>
                      {t("searchPage.lessonIn")}
                      <Link to={`/courses/${h.courseId}`} className="underline">
                        {h.courseTitle}
                      </Link>
                    </>
                  )}
                </span>
              </div>
              <h2 className="mt-1 text-lg font-semibold">
                <Link
                  to={h.lessonId ? `/courses/${h.courseId}/${h.lessonId}` : `/courses/${h.courseId}`}
                  className="hover:underline"
                >
                  <Highlighted parts={h.title} />
                </Link>
              </h2>
              <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
                <Highlighted parts={h.snippet} />
              </p>
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}
