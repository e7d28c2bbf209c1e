import { openApiDocument } from "#app/customers/openapi";

/** Public API description (documentation only; every described operation needs a token). */
export async function loader({ request }: { request: Request }) {
  return new Response(JSON.stringify(openApiDocument(new URL(request.url).origin), null, 2), {
    headers: { "Content-Type": "application/json", "Cache-Control": "public, max-age=300" },
  });
}
