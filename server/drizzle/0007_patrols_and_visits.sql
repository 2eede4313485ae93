CREATE TABLE "patrol_points" (
	"patrol_id" uuid NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"lon" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"accuracy_m" double precision,
	"grid_code" text,
	"path" text NOT NULL,
	CONSTRAINT "patrol_points_patrol_id_at_pk" PRIMARY KEY("patrol_id","at")
);
--> statement-breakpoint
CREATE TABLE "patrols" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"distance_m" double precision DEFAULT 0 NOT NULL,
	"point_count" integer DEFAULT 0 NOT NULL,
	"last_at" timestamp with time zone,
	"last_lon" double precision,
	"last_lat" double precision,
	"last_grid_code" text,
	"last_path" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"address" text NOT NULL,
	"due_on" date NOT NULL,
	"note" text,
	"grid_code" text NOT NULL,
	"path" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"visit_id" uuid,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"address" text NOT NULL,
	"note" text NOT NULL,
	"lon" double precision,
	"lat" double precision,
	"grid_code" text,
	"path" text NOT NULL,
	"visited_at" timestamp with time zone NOT NULL,
	"patrol_id" uuid,
	"plan_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "patrol_points" ADD CONSTRAINT "patrol_points_patrol_id_patrols_id_fk" FOREIGN KEY ("patrol_id") REFERENCES "public"."patrols"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrols" ADD CONSTRAINT "patrols_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_plans" ADD CONSTRAINT "visit_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_patrol_id_patrols_id_fk" FOREIGN KEY ("patrol_id") REFERENCES "public"."patrols"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_plan_id_visit_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."visit_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "patrol_points_path_at_idx" ON "patrol_points" USING btree ("path" text_pattern_ops,"at");--> statement-breakpoint
CREATE INDEX "patrols_user_idx" ON "patrols" USING btree ("user_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "patrols_one_open_idx" ON "patrols" USING btree ("user_id") WHERE "patrols"."ended_at" IS NULL;--> statement-breakpoint
CREATE INDEX "patrols_open_idx" ON "patrols" USING btree ("last_path" text_pattern_ops,"last_at") WHERE "patrols"."ended_at" IS NULL;--> statement-breakpoint
CREATE INDEX "patrols_retention_idx" ON "patrols" USING btree (coalesce("ended_at", "last_at", "started_at"));--> statement-breakpoint
CREATE INDEX "visit_plans_open_idx" ON "visit_plans" USING btree ("path" text_pattern_ops,"due_on") WHERE "visit_plans"."visit_id" IS NULL;--> statement-breakpoint
CREATE INDEX "visits_path_idx" ON "visits" USING btree ("path" text_pattern_ops,"visited_at");--> statement-breakpoint
CREATE INDEX "visits_user_idx" ON "visits" USING btree ("user_id","visited_at");--> statement-breakpoint
CREATE INDEX "visits_patrol_idx" ON "visits" USING btree ("patrol_id");