import type { MetaFunction } from "@remix-run/node";
import { useRouteError } from "@remix-run/react";
import { ErrorPage } from "#app/components/ui/ErrorPage";
import { localizedTitle } from "#app/i18n/meta";

// Also used while the error boundary shows: every page has a title (WCAG 2.4.2).
export const meta: MetaFunction = ({ matches }) => [
  { title: localizedTitle(matches, "error.notFoundTitle", "Page not found") },
];

/** Unknown URLs get a real 404 page. */
export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
