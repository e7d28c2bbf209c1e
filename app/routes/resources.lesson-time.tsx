import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireLearner } from "#app/auth/gate.server";
import { getDb } from "#app/utils/db.server";
import { recordLessonTime } from "#app/learning/progress.server";
import { RESUME_POSITION } from "#app/learning/lesson-time";

const Heartbeat = z.object({
  lessonId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/)
    .max(200),
  seconds: z.coerce.number().int().min(0).max(86_400),
  position: z.string().regex(RESUME_POSITION).optional(),
});

/** Heartbeat of an open lesson page (time on lesson + last heading reached); always the signed-in learner's own row. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireLearner(request);
  const parsed = Heartbeat.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return new Response("Invalid heartbeat", { status: 400 });
  const db = await getDb();
  await recordLessonTime(db, { id: user.id, accountId: user.accountId }, parsed.data.lessonId, {
    seconds: parsed.data.seconds,
    position: parsed.data.position ?? null,
  });
  return new Response(null, { status: 204 });
}
