import { credentialJwks } from "#app/learning/credentials/signing-key.server";

/** GET /.well-known/jwks.json — the public key(s) that verify the academy's Open Badges credentials. */
export async function loader() {
  return new Response(JSON.stringify(await credentialJwks()), {
    headers: {
      "Content-Type": "application/json",
      "Cache-Control": "public, max-age=300",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
