import { sql } from "drizzle-orm";
import { queryRows, type Db } from "#db/index";
import { courses, lessons } from "#db/schema/index";
import { splitHighlights, HIGHLIGHT_START, HIGHLIGHT_STOP, type SnippetPart } from "./search-snippet";

/*
 * Full-text search over published course titles/summaries and lesson titles/text, on PostgreSQL and
 * PGlite alike: websearch_to_tsquery (quotes, OR, -exclusions as people type them), ts_rank with titles
 * weighted above body text, ts_headline for the snippet. The two tsvector expressions are exactly
 * those of the GIN indexes courses_search_idx and lessons_search_idx (db/schema/learning.ts).
 */
const COURSE_VECTOR = sql`(setweight(to_tsvector('english', ${courses.title}), 'A') || setweight(to_tsvector('english', ${courses.summary}), 'B'))`;
const LESSON_VECTOR = sql`(setweight(to_tsvector('english', ${lessons.title}), 'A') || setweight(to_tsvector('english', ${lessons.plainText}), 'B'))`;

// Control characters as highlight markers: they never occur in lesson text, so the snippet can be
// split into plain text and hits and rendered escaped by React (no HTML from the database).
const SNIPPET_OPTIONS = `StartSel="${HIGHLIGHT_START}", StopSel="${HIGHLIGHT_STOP}", MaxWords=28, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
const TITLE_OPTIONS = `StartSel="${HIGHLIGHT_START}", StopSel="${HIGHLIGHT_STOP}", HighlightAll=true`;

export const MAX_QUERY_LENGTH = 200;

export interface SearchHit {
  kind: "course" | "lesson";
  courseId: string;
  courseTitle: string;
  lessonId: string | null;
  stage: string;
  rank: number;
  /** A draft course (or its lesson): only found by authors and admins (includeDrafts). */
  draft: boolean;
  title: SnippetPart[];
  snippet: SnippetPart[];
}

type Row = {
  kind: "course" | "lesson";
  course_id: string;
  course_title: string;
  lesson_id: string | null;
  stage: string;
  draft: boolean;
  rank: number;
  title_hl: string;
  snippet_hl: string;
};

/**
 * Ranked hits for what the reader typed; archived courses and lessons never appear, drafts only with
 * includeDrafts (authors and admins, who can open them).
 */
export async function searchAcademy(
  db: Db,
  rawQuery: string,
  opts: { limit?: number; includeDrafts?: boolean } = {},
): Promise<SearchHit[]> {
  const q = rawQuery.trim().slice(0, MAX_QUERY_LENGTH);
  if (!q) return [];
  const limit = Math.min(Math.max(opts.limit ?? 25, 1), 100);
  const query = sql`websearch_to_tsquery('english', ${q})`;
  const visible = opts.includeDrafts
    ? sql`${courses.status} in ('published', 'draft')`
    : sql`${courses.status} = 'published'`;
  // Rank and limit first, then build headlines only for the rows shown (ts_headline re-parses text).
  const rows = await queryRows<Row>(
    db,
    sql`
    select hits.kind, hits.course_id, hits.course_title, hits.lesson_id, hits.stage, hits.draft, hits.rank,
      ts_headline('english', hits.title, ${query}, ${TITLE_OPTIONS}) as title_hl,
      ts_headline('english', hits.body, ${query}, ${SNIPPET_OPTIONS}) as snippet_hl
    from (
      select 'course' as kind, ${courses.id} as course_id, ${courses.title} as course_title, null::text as lesson_id,
        ${courses.stage} as stage, ${courses.status} <> 'published' as draft, ${courses.title} as title, ${courses.summary} as body,
        ts_rank(${COURSE_VECTOR}, ${query}) * 1.2 as rank, ${courses.position} as position
      from ${courses}
      where ${COURSE_VECTOR} @@ ${query} and ${visible} and ${courses.archivedAt} is null
      union all
      select 'lesson', ${courses.id}, ${courses.title}, ${lessons.id}, ${courses.stage}, ${courses.status} <> 'published', ${lessons.title},
        case when ${lessons.plainText} = '' then ${courses.summary} else ${lessons.plainText} end,
        ts_rank(${LESSON_VECTOR}, ${query}), ${courses.position}
      from ${lessons} join ${courses} on ${courses.id} = ${lessons.courseId}
      where ${LESSON_VECTOR} @@ ${query} and ${lessons.archivedAt} is null
        and ${visible} and ${courses.archivedAt} is null
      order by rank desc, position, title
      limit ${limit}
    ) hits
    order by hits.rank desc, hits.position, hits.title`,
  );
  return rows.map((r) => ({
    kind: r.kind,
    courseId: r.course_id,
    courseTitle: r.course_title,
    lessonId: r.lesson_id,
    stage: r.stage,
    draft: !!r.draft,
    rank: Number(r.rank),
    title: splitHighlights(r.title_hl),
    snippet: splitHighlights(r.snippet_hl),
  }));
}
