import { isRouteErrorResponse, Link } from "@remix-run/react";

/** Shared error boundary body: friendly message, never a stack trace. */
export function ErrorPage({ error }: { error: unknown }) {
  let title = "Something went wrong";
  let message = "An unexpected error occurred. Please try again.";
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = "Page not found";
      message = "We couldn't find that page.";
    } else if (error.status === 403) {
      title = "Not allowed";
      message = typeof error.data === "string" ? error.data : "You don't have access to this page.";
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
        Back to the academy
      </Link>
    </div>
  );
}
