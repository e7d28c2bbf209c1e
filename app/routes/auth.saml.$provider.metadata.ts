import type { LoaderFunctionArgs } from "@remix-run/node";
import { samlProvider, serviceProvider } from "#app/auth/saml/saml.server";

/** GET /auth/saml/<provider>/metadata — public: the SP metadata an IdP admin uploads (entity id, ACS URL). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const provider = samlProvider(params.provider ?? "");
  if (!provider)
    return new Response("This sign-in method is not configured on this academy.", {
      status: 404,
      headers: { "Content-Type": "text/plain" },
    });
  const xml = serviceProvider(request, provider).generateServiceProviderMetadata(null, null);
  return new Response(xml, {
    headers: { "Content-Type": "application/samlmetadata+xml; charset=utf-8", "Cache-Control": "no-cache" },
  });
}
