CREATE TABLE "content_translations" (
	"kind" text NOT NULL,
	"id" text NOT NULL,
	"course_id" text NOT NULL,
	"locale" text NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"objectives" text[] DEFAULT '{}'::text[] NOT NULL,
	"source_path" text NOT NULL,
	"source_hash" text NOT NULL,
	"content_hash" text NOT NULL,
	"compiled_code" text NOT NULL,
	"headings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"quiz" jsonb,
	"plain_text" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "content_translations_kind_id_locale_pk" PRIMARY KEY("kind","id","locale")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "language" text;--> statement-breakpoint
ALTER TABLE "lesson_progress" ADD COLUMN "locale" text;--> statement-breakpoint
CREATE INDEX "content_translations_course_idx" ON "content_translations" USING btree ("course_id","locale");