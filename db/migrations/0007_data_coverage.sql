CREATE TABLE "data_coverage" (
	"source" text PRIMARY KEY NOT NULL,
	"first_month" date NOT NULL,
	"last_month" date NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
