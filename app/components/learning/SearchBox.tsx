import { Form } from "@remix-run/react";
import { useT } from "#app/i18n/useT";

/** A plain GET form to /search: works without JavaScript, and the URL is shareable. */
export function SearchBox({ defaultValue = "" }: { defaultValue?: string }) {
  const t = useT();
  return (
    <Form method="get" action="/search" role="search" className="flex w-full max-w-md gap-2">
      <label htmlFor="search-q" className="sr-only">
        {t("search.label")}
      </label>
      <input
        id="search-q"
        name="q"
        type="search"
        defaultValue={defaultValue}
        maxLength={200}
        placeholder={t("search.label")}
        className="min-w-0 flex-1 rounded-md border border-slate-400 bg-white px-3 py-2 text-slate-900 placeholder:text-slate-600 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-400"
      />
      <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
        {t("search.submit")}
      </button>
    </Form>
  );
}
