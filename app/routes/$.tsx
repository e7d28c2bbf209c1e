import { useRouteError } from "@remix-run/react";
import { ErrorPage } from "#app/components/ui/ErrorPage";

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
