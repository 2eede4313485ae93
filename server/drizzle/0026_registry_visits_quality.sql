CREATE TABLE "registry_household_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"household_id" uuid NOT NULL,
	"dwelling_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"visited_at" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	"note" text,
	"changes" jsonb NOT NULL,
	"person_ids" uuid[] NOT NULL,
	"path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_quality_daily" (
	"day" date NOT NULL,
	"grid_code" text NOT NULL,
	"path" text NOT NULL,
	"expected_households" integer NOT NULL,
	"expected_people" integer NOT NULL,
	"households" integer NOT NULL,
	"people" integer NOT NULL,
	"visited" integer NOT NULL,
	"confirmed" integer NOT NULL,
	"dwellings_without_household" integer NOT NULL,
	"households_never_visited" integer NOT NULL,
	"people_without_id_number" integer NOT NULL,
	CONSTRAINT "registry_quality_daily_day_grid_code_pk" PRIMARY KEY("day","grid_code")
);
--> statement-breakpoint
CREATE TABLE "registry_visit_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visit_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"person_id" uuid,
	"kind" text NOT NULL,
	"summary" text NOT NULL,
	"former_head_relation" text,
	"id_number_sealed" text,
	"state" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "registry_history" ADD COLUMN "visit_id" uuid;--> statement-breakpoint
ALTER TABLE "registry_household_visits" ADD CONSTRAINT "registry_household_visits_household_id_registry_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."registry_households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_household_visits" ADD CONSTRAINT "registry_household_visits_dwelling_id_registry_dwellings_id_fk" FOREIGN KEY ("dwelling_id") REFERENCES "public"."registry_dwellings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_household_visits" ADD CONSTRAINT "registry_household_visits_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_visit_reviews" ADD CONSTRAINT "registry_visit_reviews_visit_id_registry_household_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."registry_household_visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_visit_reviews" ADD CONSTRAINT "registry_visit_reviews_household_id_registry_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."registry_households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_visit_reviews" ADD CONSTRAINT "registry_visit_reviews_person_id_registry_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."registry_people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_visit_reviews" ADD CONSTRAINT "registry_visit_reviews_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "registry_household_visits_household_idx" ON "registry_household_visits" USING btree ("household_id","visited_at");--> statement-breakpoint
CREATE INDEX "registry_household_visits_path_idx" ON "registry_household_visits" USING btree ("path" text_pattern_ops,"visited_at");--> statement-breakpoint
CREATE INDEX "registry_household_visits_people_idx" ON "registry_household_visits" USING gin ("person_ids");--> statement-breakpoint
CREATE INDEX "registry_visit_reviews_path_idx" ON "registry_visit_reviews" USING btree ("path" text_pattern_ops,"state");