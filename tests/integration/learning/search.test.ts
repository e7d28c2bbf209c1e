import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "#db/index";
import { searchAcademy } from "#app/learning/search.server";
import { loader as searchLoader } from "#app/routes/search";
import { useTestDatabase } from "../../support/test-db";
import { createAccount, createUser } from "../../support/factories";
import { createCourse } from "../../support/learning";
import { get, run, sessionCookieFor } from "../../support/requests";

const text = (parts: { text: string }[]) => parts.map((p) => p.text).join("");
const hits = (parts: { text: string; hit: boolean }[]) => parts.filter((p) => p.hit).map((p) => p.text.toLowerCase());

describe("academy search (PostgreSQL full-text)", () => {
  const handle = useTestDatabase();
  beforeAll(async () => {
    await createCourse(handle.db, {
      id: "alerts-course",
      title: "Alerts that people act on",
      summary: "Set thresholds and route notifications to the right channel.",
      stage: "adoption",
      lessons: [
        {
          id: "alerts-thresholds",
          title: "Choosing thresholds",
          plainText:
            "A threshold decides when an alert fires. Pick thresholds from last month's baseline so alerts stay rare and meaningful.",
        },
        {
          id: "alerts-routing",
          title: "Routing to Slack",
          plainText:
            "Send each alert to a Slack channel the owning team reads. <script>alert(1)</script> is shown as text, never run.",
        },
      ],
    });
    await createCourse(handle.db, {
      id: "dash-course",
      title: "Dashboards for everyone",
      summary: "Build and share dashboards.",
      stage: "onboarding",
      lessons: [
        {
          id: "dash-first",
          title: "Your first dashboard",
          plainText: "Add a chart, then share the dashboard. You can also add an alert to any chart.",
        },
        { id: "dash-archived", title: "Legacy widgets", plainText: "Quokka widgets were removed.", archived: true },
      ],
    });
    await createCourse(handle.db, {
      id: "draft-course",
      title: "Quokka secrets (draft)",
      status: "draft",
      lessons: [{ id: "draft-lesson", title: "Quokka draft lesson", plainText: "quokka alerts" }],
    });
    await createCourse(handle.db, {
      id: "gone-course",
      title: "Quokka archived course",
      archived: true,
      lessons: [{ id: "gone-lesson", title: "Quokka gone lesson", plainText: "quokka alerts" }],
    });
  });

  it("finds courses and lessons by title and text, title matches ranked first", async () => {
    const results = await searchAcademy(handle.db, "alerts");
    const ids = results.map((r) => r.lessonId ?? r.courseId);
    expect(ids).toEqual(expect.arrayContaining(["alerts-course", "alerts-thresholds", "alerts-routing", "dash-first"]));
    // The course titled "Alerts…" outranks a lesson that only mentions an alert in passing.
    expect(ids.indexOf("alerts-course")).toBeLessThan(ids.indexOf("dash-first"));
    const first = results.find((r) => r.lessonId === "dash-first")!;
    expect(first.courseTitle).toBe("Dashboards for everyone");
  });

  it("highlights matches (stemmed) in titles and snippets as separate parts, never as HTML", async () => {
    const [top] = await searchAcademy(handle.db, "threshold");
    expect(top?.lessonId).toBe("alerts-thresholds");
    expect(hits(top!.title)).toEqual(["thresholds"]);
    expect(hits(top!.snippet)).toEqual(expect.arrayContaining(["threshold", "thresholds"]));
    expect(text(top!.snippet)).toContain("decides when an alert fires");
    const slack = (await searchAcademy(handle.db, "slack channel")).find((r) => r.lessonId === "alerts-routing")!;
    expect(text(slack.snippet)).not.toContain("\u0002");
    expect(text(slack.snippet)).not.toContain("\u0003");
    expect(slack.snippet.every((p) => typeof p.text === "string")).toBe(true);
  });

  it("understands web search syntax: quoted phrases and exclusions", async () => {
    const phrase = await searchAcademy(handle.db, '"share the dashboard"');
    expect(phrase.map((r) => r.lessonId)).toEqual(["dash-first"]);
    const excluded = await searchAcademy(handle.db, "alert -slack");
    expect(excluded.map((r) => r.lessonId)).not.toContain("alerts-routing");
    expect(excluded.map((r) => r.lessonId)).toContain("alerts-thresholds");
  });

  it("never returns drafts, archived courses or archived lessons", async () => {
    const results = await searchAcademy(handle.db, "quokka");
    expect(results).toEqual([]);
    const all = await searchAcademy(handle.db, "alerts OR quokka OR dashboard OR lesson", { limit: 100 });
    const ids = all.map((r) => r.lessonId ?? r.courseId);
    for (const hidden of ["draft-course", "draft-lesson", "gone-course", "gone-lesson", "dash-archived"])
      expect(ids).not.toContain(hidden);
  });

  it("treats odd input as words: empty, stop words only, quotes and SQL-looking text", async () => {
    expect(await searchAcademy(handle.db, "   ")).toEqual([]);
    expect(await searchAcademy(handle.db, "the and of")).toEqual([]);
    for (const q of ["'; drop table lessons; --", '"unbalanced', "a:b & c | !d <-> e", "x".repeat(500)]) {
      await expect(searchAcademy(handle.db, q)).resolves.toBeInstanceOf(Array);
    }
    expect((await searchAcademy(handle.db, "alerts")).length).toBeGreaterThan(0);
  });

  it("uses the GIN expression indexes", async () => {
    const plans = await handle.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const lesson = await queryRows<{ "QUERY PLAN": string }>(
        tx as never,
        sql`explain select id from lessons
        where (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', plain_text), 'B')) @@ websearch_to_tsquery('english', 'alerts')`,
      );
      const course = await queryRows<{ "QUERY PLAN": string }>(
        tx as never,
        sql`explain select id from courses
        where (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', summary), 'B')) @@ websearch_to_tsquery('english', 'alerts')`,
      );
      return [lesson, course].map((rows) => rows.map((r) => r["QUERY PLAN"]).join("\n"));
    });
    expect(plans[0]).toContain("lessons_search_idx");
    expect(plans[1]).toContain("courses_search_idx");
  });

  it("the /search page needs a signed-in user and returns hits for ?q=", async () => {
    const anonymous = await run(() => searchLoader({ request: get("/search?q=alerts"), params: {}, context: {} }));
    expect(anonymous.status).toBe(302);
    const account = await createAccount(handle.db);
    const cookie = await sessionCookieFor(await createUser(handle.db, { accountId: account.id }));
    const res = await run(() => searchLoader({ request: get("/search?q=routing", cookie), params: {}, context: {} }));
    const body = (await res.json()) as { query: string; hits: { lessonId: string }[] };
    expect(body.query).toBe("routing");
    expect(body.hits[0]?.lessonId).toBe("alerts-routing");
  });
});
