ALTER TABLE "account_course" DROP COLUMN "adoption_before";--> statement-breakpoint
ALTER TABLE "account_course" DROP COLUMN "adoption_after";--> statement-breakpoint
ALTER TABLE "account_course" DROP COLUMN "expansion_after";