import { Link } from "@remix-run/react";

/** The page an external sign-in (OIDC, SAML) ends on when it is refused: the reason, and a way back. */
export function SignInProblem({ error }: { error: string }) {
  return (
    <div className="mx-auto max-w-md py-8">
      <h1 className="text-2xl font-bold">We couldn't sign you in</h1>
      <p role="alert" className="mt-6 rounded-md bg-red-50 p-4 text-red-800 dark:bg-red-950 dark:text-red-200">
        {error}
      </p>
      <p className="mt-4 text-sm">
        <Link className="text-brand-700 underline dark:text-brand-100" to="/login">
          Back to the sign-in page
        </Link>
      </p>
    </div>
  );
}
