-- The audit log becomes several parallel hash chains ("lanes"): rows written so far form
-- lane 0 at positions equal to their ids; new ids come from a sequence (order only).
CREATE SEQUENCE IF NOT EXISTS "audit_log_id_seq" AS bigint OWNED BY "audit_log"."id";--> statement-breakpoint
SELECT setval('audit_log_id_seq', COALESCE((SELECT max("id") FROM "audit_log"), 0) + 1, false);--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "id" SET DEFAULT nextval('audit_log_id_seq');--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "lane" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "lane_seq" bigint;--> statement-breakpoint
-- The append-only trigger refuses the backfill; it is off only inside this migration's transaction.
ALTER TABLE "audit_log" DISABLE TRIGGER "audit_log_append_only";--> statement-breakpoint
UPDATE "audit_log" SET "lane_seq" = "id";--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE TRIGGER "audit_log_append_only";--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "lane_seq" SET NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_lane_seq_idx" ON "audit_log" USING btree ("lane","lane_seq");
