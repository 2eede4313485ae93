DROP INDEX "photos_unattached_upload_idx";--> statement-breakpoint
ALTER TABLE "photos" ADD COLUMN "upload_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "photos_unattached_upload_idx" ON "photos" USING btree ("uploaded_by","scope_path","sha256") WHERE "photos"."case_id" IS NULL AND "photos"."upload_key" IS NULL;