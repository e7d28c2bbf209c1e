import type { LinksFunction } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { SiteHeader } from "#app/components/ui/SiteHeader";
import { ErrorPage } from "#app/components/ui/ErrorPage";
import { useNonce } from "#app/utils/nonce";
import stylesheet from "./tailwind.css?url";
import type { loader } from "./root-data.server";

// The loader lives in a *.server.ts file so every page's browser bundle holds no stubs for its imports.
export { loader } from "./root-data.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "data:," },
];

// Lesson heartbeats (time on lesson) change nothing the header shows.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, defaultShouldRevalidate }) =>
  formAction === "/resources/lesson-time" ? false : defaultShouldRevalidate;

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  const locale = (useRouteLoaderData("root") as { locale?: string } | undefined)?.locale ?? "en";
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { user } = useLoaderData<typeof loader>();
  return (
    <>
      <SiteHeader user={user} />
      {/* tabIndex -1: the skip link moves focus into main (not only the scroll position). */}
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl px-4 py-6 outline-none sm:px-6">
        <Outlet />
      </main>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
