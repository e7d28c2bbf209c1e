import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { createUserSession } from "#app/auth/session.server";
import { signInWithProductToken } from "#app/auth/sso-jwt.server";
import { safeRedirect } from "#app/utils/safe-redirect";

export const meta: MetaFunction = () => [
  { title: "Signing in · Uplift Academy" },
  { name: "referrer", content: "no-referrer" },
];

/**
 * GET /sso/jwt?token=<JWT>[&redirectTo=/courses/…] — sign-in from the vendor's product. Public by design:
 * the signed, short-lived, single-use token is the credential. Failures render a page and create nothing.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const token = url.searchParams.get("token") ?? "";
  if (!token || token.length > 8192) return json({ error: "This sign-in link has no valid token." }, { status: 400 });
  const result = await signInWithProductToken(token);
  if (!result.ok) return json({ error: result.error }, { status: result.status });
  const cookie = await createUserSession(request, result.user);
  return redirect(safeRedirect(url.searchParams.get("redirectTo"), "/"), {
    headers: { "Set-Cookie": cookie, "Referrer-Policy": "no-referrer" },
  });
}

export default function ProductSignIn() {
  const { error } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-md py-8">
      <h1 className="text-2xl font-bold">We couldn't sign you in</h1>
      <p role="alert" className="mt-6 rounded-md bg-red-50 p-4 text-red-800 dark:bg-red-950 dark:text-red-200">
        {error}
      </p>
      <p className="mt-4 text-sm">
        <Link className="text-brand-700 underline dark:text-brand-100" to="/login">
          Sign in with your email and password
        </Link>{" "}
        instead.
      </p>
    </div>
  );
}
