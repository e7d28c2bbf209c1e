CREATE TABLE "report_snapshots" (
	"filters_key" text NOT NULL,
	"data_version" text NOT NULL,
	"code_version" text NOT NULL,
	"progress_version" text NOT NULL,
	"report" text NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "report_snapshots_filters_key_data_version_code_version_pk" PRIMARY KEY("filters_key","data_version","code_version")
);
