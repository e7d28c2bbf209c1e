import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { signOutRedirect } from "#app/auth/session.server";

/** Sign-out is POST only (a GET link could be triggered cross-site). */
export async function action({ request }: ActionFunctionArgs) {
  return signOutRedirect(request);
}

export async function loader() {
  return redirect("/");
}
