import type { LoaderFunctionArgs } from "@remix-run/node";
import { canAuthor, requireUser } from "#app/auth/gate.server";
import { getDb } from "#app/utils/db.server";
import { getCourseOutline } from "#app/learning/catalog.server";
import { mdxScriptResponse } from "#app/content/mdx-script.server";

/** A course overview's compiled content as a script (app/components/mdx/compiled-mdx.ts), for whoever may open the course page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // ?lang=<tag>: the overview's translation into that language, when there is one.
  const lang = new URL(request.url).searchParams.get("lang") ?? undefined;
  const outline = await getCourseOutline(await getDb(), params.courseId ?? "", user.id, {
    includeDrafts: canAuthor(user),
    locale: lang,
  });
  if (!outline?.course.overviewCode) throw new Response("Not found", { status: 404 });
  return mdxScriptResponse(outline.course.overviewCode, request);
}
