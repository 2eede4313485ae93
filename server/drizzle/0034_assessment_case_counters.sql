CREATE TABLE "assessment_case_counters" (
	"scope_path" text NOT NULL,
	"period_kind" text NOT NULL,
	"first_day" date NOT NULL,
	"case_id" uuid NOT NULL,
	"code" text NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"worker_key" text,
	"grid_key" text,
	"community_key" text,
	"town_key" text,
	"department_key" text,
	"county_key" text,
	"counters" jsonb NOT NULL,
	CONSTRAINT "assessment_case_counters_scope_path_period_kind_first_day_case_id_pk" PRIMARY KEY("scope_path","period_kind","first_day","case_id")
);
--> statement-breakpoint
CREATE INDEX "assessment_case_counters_worker_idx" ON "assessment_case_counters" USING btree ("scope_path","period_kind","first_day","worker_key");--> statement-breakpoint
CREATE INDEX "assessment_case_counters_grid_idx" ON "assessment_case_counters" USING btree ("scope_path","period_kind","first_day","grid_key");--> statement-breakpoint
CREATE INDEX "assessment_case_counters_community_idx" ON "assessment_case_counters" USING btree ("scope_path","period_kind","first_day","community_key");--> statement-breakpoint
CREATE INDEX "assessment_case_counters_town_idx" ON "assessment_case_counters" USING btree ("scope_path","period_kind","first_day","town_key");--> statement-breakpoint
CREATE INDEX "assessment_case_counters_department_idx" ON "assessment_case_counters" USING btree ("scope_path","period_kind","first_day","department_key");--> statement-breakpoint
-- Periods counted before this table existed have no per-case rows: forget them, so the counter job
-- counts them again (sums and each case's part together) and they are folded until it has.
DELETE FROM "assessment_indicator_counters";--> statement-breakpoint
DELETE FROM "assessment_counted_periods";
