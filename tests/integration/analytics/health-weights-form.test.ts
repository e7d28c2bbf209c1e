import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, healthWeights } from "#db/schema/index";
import { action } from "#app/routes/admin.health-weights/route";
import { useTestDatabase } from "../../support/test-db";
import { createUser } from "../../support/factories";
import { post, run, sessionCookieFor } from "../../support/requests";

/** Issue 18 (forms): the health-weights form answers with conform's reply; a refused form writes nothing. */
describe("health-score weights form (/admin/health-weights)", () => {
  const handle = useTestDatabase();
  let cookie: string;
  beforeAll(async () => {
    cookie = await sessionCookieFor(await createUser(handle.db, { role: "admin" }));
  });
  const save = (fields: Record<string, string>) =>
    run(() => action({ request: post("/admin/health-weights", fields, cookie), params: {}, context: {} }));
  const weights = { usage: "40", support: "20", feedback: "20", community: "10", marketing: "10" };
  const written = async () => ({
    versions: (await handle.db.select().from(healthWeights)).length,
    audit: (await handle.db.select().from(auditLog).where(eq(auditLog.action, "health_weights.updated"))).length,
  });

  it("refuses bad weights beside their fields, keeps what was typed and writes nothing", async () => {
    const before = await written();
    const res = await save({ ...weights, usage: "", support: "150", feedback: "2.5", note: "x".repeat(201) });
    expect(res.status).toBe(400);
    const { result, version } = await res.json();
    expect(version).toBeNull();
    expect(result.error).toMatchObject({
      usage: ["Enter a weight (0 to leave this input out)."],
      support: ["At most 100."],
      feedback: ["Use a whole number."],
      note: ["Keep the note under 200 characters."],
    });
    expect(result.initialValue).toMatchObject({ support: "150", feedback: "2.5" });
    expect(await written()).toEqual(before);
  });

  it("refuses all zeros as a form error, writing nothing", async () => {
    const before = await written();
    const zeros = { usage: "0", support: "0", feedback: "0", community: "0", marketing: "0" };
    const res = await save(zeros);
    expect(res.status).toBe(400);
    expect((await res.json()).result.error).toEqual({ "": ["At least one weight must be above 0."] });
    expect(await written()).toEqual(before);
  });

  it("saves a new version with the note and an audit row", async () => {
    const before = await written();
    const res = await save({ ...weights, note: "  More weight on usage  " });
    expect(res.status).toBe(200);
    const { version } = await res.json();
    expect(version).toBeGreaterThan(0);
    const [row] = await handle.db.select().from(healthWeights).where(eq(healthWeights.version, version));
    expect(row).toMatchObject({
      weights: { usage: 40, support: 20, feedback: 20, community: 10, marketing: 10 },
      note: "More weight on usage",
    });
    expect(await written()).toEqual({ versions: before.versions + 1, audit: before.audit + 1 });
  });
});
