ALTER TABLE "case_reports" ADD COLUMN "follow_key" text;--> statement-breakpoint
-- Reports made before follow keys existed get one too (8 hex digits, a subset of the key alphabet).
UPDATE "case_reports" SET "follow_key" = upper(substr(md5(gen_random_uuid()::text), 1, 8)) WHERE "follow_key" IS NULL;
