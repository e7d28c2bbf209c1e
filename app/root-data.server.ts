import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getSessionUser } from "#app/auth/session.server";
import { messagesFor, requestLocale } from "#app/i18n/i18next.server";

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
