import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
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
import { getSessionUser } from "#app/auth/session.server";
import { SiteHeader } from "#app/components/ui/SiteHeader";
import { ErrorPage } from "#app/components/ui/ErrorPage";
import { useNonce } from "#app/utils/nonce";
import { messagesFor, requestLocale } from "#app/i18n/i18next.server";
import stylesheet from "./tailwind.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "data:," },
];

/**
 * Public: returns only the signed-in person's own name and role (or null) for the header, and the served
 * language with its UI strings (profile setting, else Accept-Language, else English).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const locale = await requestLocale(request);
  return json({
    locale,
    messages: messagesFor(locale),
    user: user
      ? {
          id: user.id,
          name: user.name,
          email: user.email,
          role: user.role,
          isAccountAdmin: user.isAccountAdmin,
          hasAccount: !!user.accountId,
        }
      : null,
  });
}

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
