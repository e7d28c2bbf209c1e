CREATE TABLE "account_signal_state" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"stage_reached" text DEFAULT 'none' NOT NULL,
	"ready_for_expansion" boolean DEFAULT false NOT NULL,
	"at_risk" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "revoked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "certificate_valid_months" integer;--> statement-breakpoint
ALTER TABLE "account_signal_state" ADD CONSTRAINT "account_signal_state_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;