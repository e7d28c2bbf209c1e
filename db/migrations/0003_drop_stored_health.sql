ALTER TABLE "account_month" DROP COLUMN "nps_average";--> statement-breakpoint
ALTER TABLE "account_month" DROP COLUMN "health_score";--> statement-breakpoint
ALTER TABLE "account_month" DROP COLUMN "health_breakdown";