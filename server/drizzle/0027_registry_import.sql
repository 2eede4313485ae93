CREATE TABLE "registry_import_households" (
	"dwelling_id" uuid NOT NULL,
	"household_key" text NOT NULL,
	"household_id" uuid NOT NULL,
	CONSTRAINT "registry_import_households_dwelling_id_household_key_pk" PRIMARY KEY("dwelling_id","household_key")
);
--> statement-breakpoint
CREATE TABLE "registry_import_rows" (
	"file_sha256" text NOT NULL,
	"row" integer NOT NULL,
	"import_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"person_id" uuid,
	CONSTRAINT "registry_import_rows_file_sha256_row_pk" PRIMARY KEY("file_sha256","row")
);
--> statement-breakpoint
CREATE TABLE "registry_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"state" text DEFAULT 'checked' NOT NULL,
	"headers" jsonb NOT NULL,
	"mapping" jsonb NOT NULL,
	"rows" jsonb NOT NULL,
	"problems" jsonb NOT NULL,
	"run_failures" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"total" integer NOT NULL,
	"valid" integer NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"stored" integer DEFAULT 0 NOT NULL,
	"existing" integer DEFAULT 0 NOT NULL,
	"clashes" integer DEFAULT 0 NOT NULL,
	"path" text NOT NULL,
	"created_by" uuid,
	"actor_id" text NOT NULL,
	"actor_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "registry_merge_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"import_id" uuid NOT NULL,
	"row" integer NOT NULL,
	"person_id" uuid NOT NULL,
	"incoming_sealed" text NOT NULL,
	"incoming_masked" jsonb NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"path" text NOT NULL,
	"decided_by" uuid,
	"decided_by_label" text,
	"decided_at" timestamp with time zone,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "registry_import_rows" ADD CONSTRAINT "registry_import_rows_import_id_registry_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."registry_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_imports" ADD CONSTRAINT "registry_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_merge_reviews" ADD CONSTRAINT "registry_merge_reviews_import_id_registry_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."registry_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_merge_reviews" ADD CONSTRAINT "registry_merge_reviews_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "registry_imports_state_idx" ON "registry_imports" USING btree ("state","created_at");--> statement-breakpoint
CREATE INDEX "registry_merge_reviews_state_idx" ON "registry_merge_reviews" USING btree ("state","created_at");--> statement-breakpoint
CREATE INDEX "registry_merge_reviews_path_idx" ON "registry_merge_reviews" USING btree ("path" text_pattern_ops);