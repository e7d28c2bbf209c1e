import type { LoaderFunctionArgs } from "@remix-run/node";
import { canAuthor, requireUser } from "#app/auth/gate.server";
import { getDb } from "#app/utils/db.server";
import { loadLessonView } from "#app/learning/lesson-view.server";
import { mdxScriptResponse } from "#app/content/mdx-script.server";
import { lessonLockedBy } from "#app/learning/lesson-view.server";
import { courseTranslation } from "#app/learning/translations.server";

/**
 * A lesson's compiled content as a script (see app/components/mdx/compiled-mdx.ts), for exactly who
 * may see the lesson page's body: a signed-in person, the lesson published (or an author), and for a
 * learner the course unlocked. `?lang=` serves the lesson's translation into that language.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const found = await loadLessonView(await getDb(), user.id, params.courseId ?? "", params.lessonId ?? "", {
    includeDrafts: canAuthor(user),
  });
  if (!found) throw new Response("Not found", { status: 404 });
  if (lessonLockedBy(user, found).length > 0) throw new Response("This course is locked.", { status: 403 });
  // ?lang=<tag>: the lesson's translation (same gate as the source); unknown languages get the source.
  const lang = new URL(request.url).searchParams.get("lang");
  const translated = lang
    ? (await courseTranslation(await getDb(), found.course.id, lang, found.lesson.id)).lessons.get(found.lesson.id)
        ?.code
    : null;
  return mdxScriptResponse(translated ?? found.lesson.compiledCode, request);
}
