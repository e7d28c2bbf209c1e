CREATE TABLE "account_course" (
	"account_id" uuid NOT NULL,
	"course_id" text NOT NULL,
	"learners_completed" integer DEFAULT 0 NOT NULL,
	"first_completed_on" date NOT NULL,
	"adoption_before" real,
	"adoption_after" real,
	"expansion_after" numeric(14, 2),
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_course_account_id_course_id_pk" PRIMARY KEY("account_id","course_id")
);
--> statement-breakpoint
ALTER TABLE "account_month" ADD COLUMN "feedback_score" real;--> statement-breakpoint
ALTER TABLE "account_month" ADD COLUMN "feedback_responses" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "account_month" ADD COLUMN "course_starts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "account_month" ADD COLUMN "onboarding_completions" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "account_month" ADD COLUMN "adoption_completions" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "account_month" ADD COLUMN "expansion_completions" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "account_month" ADD COLUMN "onboarding_learners" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "account_month" ADD COLUMN "adoption_learners" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "account_month" ADD COLUMN "expansion_learners" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "account_course" ADD CONSTRAINT "account_course_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_course" ADD CONSTRAINT "account_course_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_course_course_idx" ON "account_course" USING btree ("course_id","first_completed_on");