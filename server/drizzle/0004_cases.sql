CREATE SEQUENCE "public"."case_code_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_user_id" uuid,
	"actor_unit_id" uuid,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"reporter_user_id" uuid,
	"reporter_name" text,
	"reporter_phone_sealed" text,
	"reporter_phone_masked" text,
	"anonymous" boolean DEFAULT false NOT NULL,
	"entered_by_user_id" uuid,
	"description" text NOT NULL,
	"lon" double precision,
	"lat" double precision,
	"address" text,
	"photo_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"form_answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"external_id" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_timers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"stage" text,
	"for_due_at" timestamp with time zone,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"state" text NOT NULL,
	"matter_code" text NOT NULL,
	"matter_version" integer NOT NULL,
	"matter_category" text NOT NULL,
	"level" text NOT NULL,
	"region_code" text NOT NULL,
	"grid_code" text,
	"path" text NOT NULL,
	"lon" double precision,
	"lat" double precision,
	"address" text,
	"description" text NOT NULL,
	"channel" text NOT NULL,
	"command_unit_id" uuid NOT NULL,
	"assigned_unit_id" uuid,
	"involved_unit_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"reporter_user_id" uuid,
	"snapshot" jsonb NOT NULL,
	"stage" text,
	"stage_started_at" timestamp with time zone,
	"stage_due_at" timestamp with time zone,
	"time_state" text DEFAULT 'normal' NOT NULL,
	"handle_due_at" timestamp with time zone,
	"supporter_count" integer DEFAULT 0 NOT NULL,
	"kept_apart_case_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"archived_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "cases_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"actor_id" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" text DEFAULT 'processing' NOT NULL,
	"response_status" integer,
	"response_body" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_actor_id_key_pk" PRIMARY KEY("actor_id","key")
);
--> statement-breakpoint
CREATE TABLE "routing_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"position" integer NOT NULL,
	"matter_code" text,
	"matter_category" text,
	"region_path_prefix" text,
	"grid_code" text,
	"unit_id" uuid NOT NULL,
	"post_id" uuid,
	"person_user_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "routing_rules_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "matters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"valid_from" timestamp with time zone DEFAULT now() NOT NULL,
	"valid_to" timestamp with time zone,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"category" text NOT NULL,
	"kind" text NOT NULL,
	"gb_class" text NOT NULL,
	"owner_unit_codes" text[] NOT NULL,
	"handling_level" text NOT NULL,
	"limit_class" text NOT NULL,
	"register_hours" double precision NOT NULL,
	"dispatch_hours" double precision NOT NULL,
	"handle_limit" jsonb NOT NULL,
	"verify_hours" double precision NOT NULL,
	"difficulty" smallint NOT NULL,
	"needs_on_site_verification" boolean NOT NULL,
	"duplicate_radius_m" double precision NOT NULL,
	"duplicate_window_h" double precision NOT NULL,
	"pinyin_initials" text NOT NULL,
	"keywords" text[] NOT NULL,
	"form_fields" jsonb NOT NULL,
	"escalation" jsonb,
	"active" boolean DEFAULT true NOT NULL,
	"changed_by" uuid,
	"change_reason" text
);
--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_reports" ADD CONSTRAINT "case_reports_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_reports" ADD CONSTRAINT "case_reports_reporter_user_id_users_id_fk" FOREIGN KEY ("reporter_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_reports" ADD CONSTRAINT "case_reports_entered_by_user_id_users_id_fk" FOREIGN KEY ("entered_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_timers" ADD CONSTRAINT "case_timers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_command_unit_id_units_id_fk" FOREIGN KEY ("command_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_assigned_unit_id_units_id_fk" FOREIGN KEY ("assigned_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_reporter_user_id_users_id_fk" FOREIGN KEY ("reporter_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_rules" ADD CONSTRAINT "routing_rules_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_rules" ADD CONSTRAINT "routing_rules_person_user_id_users_id_fk" FOREIGN KEY ("person_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "case_reports_case_idx" ON "case_reports" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "case_reports_reporter_idx" ON "case_reports" USING btree ("reporter_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_reports_external_idx" ON "case_reports" USING btree ("channel","external_id") WHERE "case_reports"."external_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "case_timers_due_idx" ON "case_timers" USING btree ("due_at") WHERE "case_timers"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "case_timers_case_idx" ON "case_timers" USING btree ("case_id","status");--> statement-breakpoint
CREATE INDEX "cases_path_prefix_idx" ON "cases" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "cases_state_idx" ON "cases" USING btree ("state","created_at");--> statement-breakpoint
CREATE INDEX "cases_duplicates_idx" ON "cases" USING btree ("matter_category","created_at","lon","lat");--> statement-breakpoint
CREATE INDEX "cases_command_unit_idx" ON "cases" USING btree ("command_unit_id","state");--> statement-breakpoint
CREATE INDEX "cases_assigned_unit_idx" ON "cases" USING btree ("assigned_unit_id","state");--> statement-breakpoint
CREATE INDEX "cases_involved_units_idx" ON "cases" USING gin ("involved_unit_ids");--> statement-breakpoint
CREATE INDEX "cases_time_state_idx" ON "cases" USING btree ("time_state","stage_due_at");--> statement-breakpoint
CREATE INDEX "cases_created_idx" ON "cases" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "routing_rules_position_idx" ON "routing_rules" USING btree ("position");--> statement-breakpoint
CREATE UNIQUE INDEX "matters_current_code_idx" ON "matters" USING btree ("code") WHERE "matters"."valid_to" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "matters_code_version_idx" ON "matters" USING btree ("code","version");--> statement-breakpoint
CREATE INDEX "matters_category_idx" ON "matters" USING btree ("category");