import path from "node:path";
import { flatRoutes } from "@remix-run/dev/dist/config/flat-routes.js";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../../support/test-db";
import { syncFixtureContent } from "../../support/content";
import { ACTORS, buildWorld, type Actor, type World } from "./actors";
import { ROUTE_POLICIES, type Outcome, type RoutePolicy } from "./route-policies";
import { TEST_IDP_CERT } from "../../support/saml-test-idp";

// One OIDC and one SAML provider, so their routes answer as configured (the OIDC issuer is unreachable:
// its login answers 502 to everyone, which no role can turn into more). Before anything reads the env.
process.env.OIDC_PROVIDERS = JSON.stringify([
  { id: "matrix-oidc", label: "Matrix OIDC", issuer: "http://127.0.0.1:9/", clientId: "matrix" },
]);
process.env.SAML_PROVIDERS = JSON.stringify([
  { id: "matrix-saml", label: "Matrix SAML", entryPoint: "https://idp.matrix.example/sso", idpCert: TEST_IDP_CERT },
]);

// The Remix route manifest, built the same way the compiler builds it: a new route cannot be forgotten.
const manifest = flatRoutes(path.resolve("app"), ["**/.*", "**/*.test.*"]);
// Signing out destroys the actors' sessions, so the logout route is checked last.
const routeIds = ["root", ...Object.keys(manifest).filter((id) => id !== "routes/logout"), "routes/logout"];
const modules = import.meta.glob(["/app/routes/**/*.tsx", "/app/routes/**/*.ts", "!/app/routes/**/*.server.ts"]);

function moduleFor(id: string): Promise<Record<string, unknown>> {
  const file = id === "root" ? "/app/root.tsx" : `/app/${manifest[id]!.file}`;
  if (id === "root") return import("#app/root") as Promise<Record<string, unknown>>;
  const load = modules[file];
  if (!load) throw new Error(`route module ${file} not found`);
  return load() as Promise<Record<string, unknown>>;
}

async function classify(call: () => Promise<unknown>): Promise<{ outcome: Outcome; detail: string }> {
  let res: unknown;
  try {
    res = await call();
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown; // a crash is a bug, never "allowed"
    res = thrown;
  }
  if (!(res instanceof Response)) return { outcome: "allow", detail: "data" };
  const location = res.headers.get("Location") ?? "";
  if (res.status >= 300 && res.status < 400 && location.startsWith("/login"))
    return { outcome: "login", detail: `${res.status} ${location}` };
  if ([401, 403, 404].includes(res.status)) return { outcome: "deny", detail: String(res.status) };
  return { outcome: "allow", detail: `${res.status} ${location}` };
}

describe("authorization matrix: every route × every role", () => {
  const handle = useTestDatabase();
  let world: World;
  beforeAll(async () => {
    await syncFixtureContent(handle.db);
    world = await buildWorld(handle.db);
  });

  it("every route module in the manifest has a policy", () => {
    const missing = routeIds.filter((id) => !ROUTE_POLICIES[id]);
    expect(missing, "add these routes to tests/integration/security/route-policies.ts").toEqual([]);
    const stale = Object.keys(ROUTE_POLICIES).filter((id) => !routeIds.includes(id));
    expect(stale, "policies for routes that no longer exist").toEqual([]);
  });

  it.each(routeIds)("%s answers each role as its policy says", async (id) => {
    const policy: RoutePolicy | undefined = ROUTE_POLICIES[id];
    if (!policy) return; // reported by the test above
    const mod = await moduleFor(id);
    const params = policy.params?.(world) ?? {};
    const urlPath = policy.path?.(world) ?? "/x";
    const mismatches: string[] = [];
    for (const kind of ["loader", "action"] as const) {
      const fn = mod[kind] as ((args: unknown) => Promise<unknown>) | undefined;
      const expected = policy[kind];
      if (!fn) {
        expect(expected, `${id} has no ${kind} but its policy lists one`).toBeUndefined();
        continue;
      }
      expect(expected, `${id} exports a ${kind}: give it a policy`).toBeDefined();
      for (const actor of ACTORS) {
        const headers = new Headers(world.headers[actor as Actor]);
        let request: Request;
        if (kind === "loader") {
          request = new Request(`http://localhost${urlPath}`, { headers });
        } else {
          headers.set("Content-Type", "application/x-www-form-urlencoded");
          request = new Request(`http://localhost${urlPath}`, {
            method: "POST",
            headers,
            body: new URLSearchParams(policy.form ?? {}),
          });
        }
        const { outcome, detail } = await classify(() => fn({ request, params, context: {} }));
        if (outcome !== expected![actor])
          mismatches.push(`${kind} as ${actor}: expected ${expected![actor]}, got ${outcome} (${detail})`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
