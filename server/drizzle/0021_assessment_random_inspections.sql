CREATE TABLE "inspection_draw_pairs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"draw_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"target_kind" text NOT NULL,
	"target_code" text NOT NULL,
	"target_path" text NOT NULL,
	"inspector_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_draws" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"path" text NOT NULL,
	"period" text NOT NULL,
	"seed" text NOT NULL,
	"seed_source" text NOT NULL,
	"parameters" jsonb NOT NULL,
	"snapshot" jsonb NOT NULL,
	"snapshot_hash" text NOT NULL,
	"previous_draw_id" uuid,
	"unstaffed" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pair_id" uuid NOT NULL,
	"found_count" integer NOT NULL,
	"reported_count" integer NOT NULL,
	"found_case_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"note" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspectors" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"enrolled_by" uuid,
	"enrolled_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "inspection_draw_pairs" ADD CONSTRAINT "inspection_draw_pairs_draw_id_inspection_draws_id_fk" FOREIGN KEY ("draw_id") REFERENCES "public"."inspection_draws"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_draw_pairs" ADD CONSTRAINT "inspection_draw_pairs_inspector_id_users_id_fk" FOREIGN KEY ("inspector_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_draws" ADD CONSTRAINT "inspection_draws_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_findings" ADD CONSTRAINT "inspection_findings_pair_id_inspection_draw_pairs_id_fk" FOREIGN KEY ("pair_id") REFERENCES "public"."inspection_draw_pairs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_findings" ADD CONSTRAINT "inspection_findings_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspectors" ADD CONSTRAINT "inspectors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspectors" ADD CONSTRAINT "inspectors_enrolled_by_users_id_fk" FOREIGN KEY ("enrolled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_draw_pairs_position_idx" ON "inspection_draw_pairs" USING btree ("draw_id","position");--> statement-breakpoint
CREATE INDEX "inspection_draw_pairs_inspector_idx" ON "inspection_draw_pairs" USING btree ("inspector_id");--> statement-breakpoint
CREATE INDEX "inspection_draws_path_idx" ON "inspection_draws" USING btree ("path" text_pattern_ops,"created_at");--> statement-breakpoint
CREATE INDEX "inspection_findings_pair_idx" ON "inspection_findings" USING btree ("pair_id","recorded_at");