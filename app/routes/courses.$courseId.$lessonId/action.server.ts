import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { canAuthor, requireLearner, requireUser } from "#app/auth/gate.server";
import { getDb } from "#app/utils/db.server";
import { completeLesson } from "#app/learning/completion.server";
import { submitQuiz, type QuizSubmission } from "#app/learning/quiz.server";
import type { LessonReply } from "#app/learning/lesson-reply";
import { submitPreviewQuiz } from "#app/learning/quiz-preview.server";
import { secondsSince } from "#app/learning/lesson-time";
import { watchRuleText } from "#app/learning/video-watch";
import { requestLocale, serverT } from "#app/i18n/i18next.server";
import { handleFeedbackIntent } from "./feedback.server";

/** The action's one reply shape (app/learning/lesson-reply.ts), with its HTTP status. */
const reply = (body: LessonReply, status = 200) => json(body, { status });
const notFound = () => new Response("Not found", { status: 404 });

/** A quiz grading result as the page's reply; a quiz that is not there is a 404 page. */
function quizReply(r: QuizSubmission) {
  if (r.ok) return reply({ intent: "quiz", status: "graded" });
  if (r.status === 404) throw notFound();
  return reply({ intent: "quiz", status: "refused", error: r.error }, r.status);
}

/**
 * The lesson page's forms (intent = complete | quiz | rate | survey). Completion is always for the
 * signed-in learner; ids come from the URL, never from the body. Kept out of route.tsx so the page's
 * browser bundle carries no trace of the server modules it uses.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const signedIn = await requireUser(request);
  const courseId = params.courseId ?? "";
  const lessonId = params.lessonId ?? "";
  // Authors and admins may try a quiz in preview (stored apart, never counted); nothing else.
  if (!signedIn.accountId && canAuthor(signedIn)) {
    const form = await request.formData();
    if (form.get("intent") !== "quiz")
      throw new Response("Previewing as staff: progress is not recorded.", { status: 403 });
    return quizReply(await submitPreviewQuiz(await getDb(), signedIn, courseId, lessonId, form));
  }
  const user = await requireLearner(request);
  const form = await request.formData();
  const locale = await requestLocale(request);
  const t = await serverT(request);
  const claimedUser = form.get("userId");
  if (claimedUser !== null && claimedUser !== user.id) throw new Response("Forbidden", { status: 403 });
  const learner = { id: user.id, accountId: user.accountId, locale };
  const intent = form.get("intent");
  if (intent === "quiz") return quizReply(await submitQuiz(await getDb(), learner, courseId, lessonId, form));
  if (intent === "rate" || intent === "survey") {
    const saved = await handleFeedbackIntent(await getDb(), learner, intent, form, courseId, lessonId);
    switch (saved.status) {
      case "not_found":
        throw notFound();
      case "locked":
        throw new Response("This course is locked.", { status: 403 });
      case "invalid":
        return reply(saved, 400);
      case "refused":
        return reply(saved, 409);
      case "saved":
        return reply(saved);
    }
  }
  if (intent !== "complete") return reply({ intent: null, status: "refused", error: "Unknown action." }, 400);
  const result = await completeLesson(await getDb(), learner, courseId, lessonId, {
    elapsedSeconds: secondsSince(form.get("openedAt")),
  });
  const refused = (error: string, status: number) => reply({ intent: "complete", status: "refused", error }, status);
  switch (result.status) {
    case "not_found":
      throw notFound();
    case "quiz_required":
      return refused(t("lesson.quizRequired"), 409);
    case "watch_required":
      return refused(`${watchRuleText(result)}: you have watched ${result.percent}%.`, 409);
    case "locked":
      return refused(t("lesson.locked", { courses: result.missing.map((m) => m.title).join(", ") }), 403);
    case "completed":
      return reply({ intent: "complete", status: "completed", certificateCode: result.certificateCode });
  }
}
