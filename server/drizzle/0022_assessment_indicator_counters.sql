CREATE TABLE "assessment_counted_periods" (
	"scope_path" text NOT NULL,
	"period_kind" text NOT NULL,
	"first_day" date NOT NULL,
	"period_to" timestamp with time zone NOT NULL,
	"cases" integer NOT NULL,
	"counted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_counted_periods_scope_path_period_kind_first_day_pk" PRIMARY KEY("scope_path","period_kind","first_day")
);
--> statement-breakpoint
CREATE TABLE "assessment_indicator_counter_cursor" (
	"id" integer PRIMARY KEY NOT NULL,
	"last_event_id" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_indicator_counters" (
	"scope_path" text NOT NULL,
	"period_kind" text NOT NULL,
	"first_day" date NOT NULL,
	"level" text NOT NULL,
	"unit_key" text NOT NULL,
	"counters" jsonb NOT NULL,
	CONSTRAINT "assessment_indicator_counters_scope_path_period_kind_first_day_level_unit_key_pk" PRIMARY KEY("scope_path","period_kind","first_day","level","unit_key")
);
--> statement-breakpoint
CREATE INDEX "assessment_counted_periods_to_idx" ON "assessment_counted_periods" USING btree ("period_to");