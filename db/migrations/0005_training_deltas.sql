CREATE TABLE "account_training_deltas" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"month" date NOT NULL,
	"learners" integer DEFAULT 0 NOT NULL,
	"lesson_completions" integer DEFAULT 0 NOT NULL,
	"course_starts" integer DEFAULT 0 NOT NULL,
	"course_completions" integer DEFAULT 0 NOT NULL,
	"onboarding_completions" integer DEFAULT 0 NOT NULL,
	"adoption_completions" integer DEFAULT 0 NOT NULL,
	"expansion_completions" integer DEFAULT 0 NOT NULL,
	"onboarding_learners" integer DEFAULT 0 NOT NULL,
	"adoption_learners" integer DEFAULT 0 NOT NULL,
	"expansion_learners" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "account_training_deltas" ADD CONSTRAINT "account_training_deltas_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_training_deltas_account_idx" ON "account_training_deltas" USING btree ("account_id");