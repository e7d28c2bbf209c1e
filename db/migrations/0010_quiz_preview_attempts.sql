CREATE TABLE "quiz_preview_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"lesson_id" text NOT NULL,
	"attempt_number" integer NOT NULL,
	"answers" jsonb NOT NULL,
	"correct" jsonb NOT NULL,
	"score" real NOT NULL,
	"passed" boolean NOT NULL,
	"content_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quiz_preview_attempts_user_lesson_n_uq" UNIQUE("user_id","lesson_id","attempt_number")
);
--> statement-breakpoint
ALTER TABLE "quiz_preview_attempts" ADD CONSTRAINT "quiz_preview_attempts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_preview_attempts" ADD CONSTRAINT "quiz_preview_attempts_lesson_id_lessons_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."lessons"("id") ON DELETE no action ON UPDATE no action;