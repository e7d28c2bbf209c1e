CREATE TABLE "report_computations" (
	"view_key" text PRIMARY KEY NOT NULL,
	"data_version" text NOT NULL,
	"code_version" text NOT NULL,
	"owner" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL
);
