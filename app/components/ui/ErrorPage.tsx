import { isRouteErrorResponse, Link } from "@remix-run/react";
import { useT } from "#app/i18n/useT";

/**
 * Shared error boundary body: friendly message, never a stack trace. In the served language when the root
 * loader's messages are there; English when the root itself failed (no messages: `t` returns the key).
 */
export function ErrorPage({ error }: { error: unknown }) {
  const t = useT();
  const tr = (key: string, english: string) => {
    const text = t(key);
    return text === key ? english : text;
  };
  let title = tr("error.title", "Something went wrong");
  let message = tr("error.text", "An unexpected error occurred. Please try again.");
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = tr("error.notFoundTitle", "Page not found");
      message = tr("error.notFound", "We couldn't find that page.");
    } else if (error.status === 403) {
      title = tr("error.forbiddenTitle", "Not allowed");
      message =
        typeof error.data === "string" ? error.data : tr("error.forbidden", "You don't have access to this page.");
    } else {
      title = `${error.status} ${error.statusText}`;
      message = typeof error.data === "string" ? error.data : message;
    }
  }
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <h1 className="text-2xl font-bold">{title}</h1>
      <p className="mt-3 text-slate-600 dark:text-slate-300">{message}</p>
      <Link
        to="/"
        className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
      >
        {tr("error.back", "Back to the academy")}
      </Link>
    </div>
  );
}
