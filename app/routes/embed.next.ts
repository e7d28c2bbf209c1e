import type { LoaderFunctionArgs } from "@remix-run/node";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { getDb } from "#app/utils/db.server";
import { publicBaseUrl } from "#app/utils/public-url.server";
import { verifyEmbedToken } from "#app/auth/embed-token.server";
import { embedWidgetFor } from "#app/learning/embed-widget.server";
import { EmbedDocument, EmbedMessage, EmbedWidget } from "#app/components/learning/EmbedWidget";

/**
 * GET /embed/next?token=<product-signed JWT> — the "next course for you" widget, framed by the
 * customer's product (docs/embedding.md). The token is the only credential (third-party iframes get no
 * cookies); only origins in EMBED_ALLOWED_ORIGINS may frame it (app/server/security-headers.server.ts).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const academyUrl = publicBaseUrl();
  const identity = await verifyEmbedToken(new URL(request.url).searchParams.get("token"));
  if (!identity.ok)
    return page(
      identity.status,
      createElement(EmbedMessage, { heading: "Your courses could not be shown", text: identity.error, academyUrl }),
    );
  const model = await embedWidgetFor(await getDb(), identity.email, identity.accountExternalId);
  if (!model)
    return page(
      404,
      createElement(EmbedMessage, {
        heading: "Learn at Uplift Academy",
        text: "Courses that help you get more out of the product are waiting for you.",
        academyUrl,
      }),
    );
  return page(200, createElement(EmbedWidget, { model, academyUrl }));
}

function page(status: number, body: React.ReactElement): Response {
  const html = `<!DOCTYPE html>${renderToStaticMarkup(createElement(EmbedDocument, { title: "Your next course · Uplift Academy", children: body }))}`;
  // no-referrer: the token in this URL never leaves in a Referer header; no-store: never cached.
  return new Response(html, {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer",
    },
  });
}
