CREATE TABLE "grid_map_state" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grids" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"level" smallint NOT NULL,
	"parent_code" text,
	"region_code" text NOT NULL,
	"path" text NOT NULL,
	"geometry" jsonb NOT NULL,
	"min_lon" double precision NOT NULL,
	"min_lat" double precision NOT NULL,
	"max_lon" double precision NOT NULL,
	"max_lat" double precision NOT NULL,
	"area_m2" double precision NOT NULL,
	"households" integer DEFAULT 0 NOT NULL,
	"people" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"valid_from" timestamp with time zone DEFAULT now() NOT NULL,
	"valid_to" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "absences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "grid_posts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grid_code" text NOT NULL,
	"role" text NOT NULL,
	"holder_user_id" uuid NOT NULL,
	"backup_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "geometry" jsonb;--> statement-breakpoint
ALTER TABLE "grids" ADD CONSTRAINT "grids_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "absences" ADD CONSTRAINT "absences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "absences" ADD CONSTRAINT "absences_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_posts" ADD CONSTRAINT "grid_posts_holder_user_id_users_id_fk" FOREIGN KEY ("holder_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_posts" ADD CONSTRAINT "grid_posts_backup_user_id_users_id_fk" FOREIGN KEY ("backup_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "grids_current_code_idx" ON "grids" USING btree ("code") WHERE "grids"."valid_to" IS NULL;--> statement-breakpoint
CREATE INDEX "grids_code_idx" ON "grids" USING btree ("code","valid_from");--> statement-breakpoint
CREATE INDEX "grids_parent_idx" ON "grids" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "grids_region_idx" ON "grids" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "grids_path_prefix_idx" ON "grids" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "grids_bbox_idx" ON "grids" USING btree ("min_lon","max_lon","min_lat","max_lat");--> statement-breakpoint
CREATE INDEX "absences_user_idx" ON "absences" USING btree ("user_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "grid_posts_grid_role_idx" ON "grid_posts" USING btree ("grid_code","role");--> statement-breakpoint
CREATE INDEX "grid_posts_holder_idx" ON "grid_posts" USING btree ("holder_user_id");--> statement-breakpoint
CREATE INDEX "grid_posts_backup_idx" ON "grid_posts" USING btree ("backup_user_id");--> statement-breakpoint
INSERT INTO "grid_map_state" ("id", "version") VALUES (1, 0);
