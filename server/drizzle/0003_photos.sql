CREATE TABLE "photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sha256" text NOT NULL,
	"content_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"original_key" text NOT NULL,
	"redacted_key" text NOT NULL,
	"thumbnail_key" text NOT NULL,
	"uploaded_by" uuid,
	"scope_path" text NOT NULL,
	"case_id" uuid,
	"taken_at" timestamp with time zone,
	"has_location" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "photos" ADD CONSTRAINT "photos_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "photos_scope_path_idx" ON "photos" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "photos_case_idx" ON "photos" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "photos_unattached_upload_idx" ON "photos" USING btree ("uploaded_by","scope_path","sha256") WHERE "photos"."case_id" IS NULL;