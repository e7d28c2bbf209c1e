import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { requireLearner } from "#app/auth/gate.server";
import { getDb } from "#app/utils/db.server";
import { recordVideoWatch } from "#app/learning/video-progress.server";
import { VIDEO_KEY } from "#app/content/video-key";

const seconds = z.number().finite().min(0).max(86_400);
const WatchReport = z.object({
  lessonId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/)
    .max(200),
  videoKey: z.string().regex(VIDEO_KEY),
  duration: z.coerce.number().finite().positive().max(86_400),
  intervals: z
    .string()
    .max(20_000)
    .transform((raw, ctx) => {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "intervals must be JSON" });
        return z.NEVER;
      }
    })
    .pipe(z.array(z.tuple([seconds, seconds])).max(500)),
});

/** A <Video>'s watched intervals (app/components/mdx/watch-session.ts); always the signed-in learner's own record. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireLearner(request);
  const form = await request.formData();
  const claimedUser = form.get("userId");
  if (claimedUser !== null && claimedUser !== user.id) throw new Response("Forbidden", { status: 403 });
  const parsed = WatchReport.safeParse(Object.fromEntries(form));
  if (!parsed.success) return json({ error: "Invalid watch report." }, { status: 400 });
  const { lessonId, videoKey, duration, intervals } = parsed.data;
  const result = await recordVideoWatch(
    await getDb(),
    { id: user.id, accountId: user.accountId },
    {
      lessonId,
      videoKey,
      durationSeconds: duration,
      intervals: intervals as [number, number][],
    },
  );
  switch (result.status) {
    case "not_found":
      return json({ error: "No such video in a lesson you have opened." }, { status: 404 });
    case "beyond_duration":
      return json({ error: `Intervals past the video's ${result.durationSeconds} s.` }, { status: 422 });
    case "too_fast":
      return json({ error: "More watching than time has passed; send it again later." }, { status: 429 });
    default:
      return json({
        percent: result.percent,
        watchedSeconds: result.watchedSeconds,
        durationSeconds: result.durationSeconds,
      });
  }
}
