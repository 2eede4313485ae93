ALTER TABLE "users" ADD COLUMN "phone_index" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "phone_sealed" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "phone_masked" text;--> statement-breakpoint
CREATE UNIQUE INDEX "users_phone_index_idx" ON "users" USING btree ("phone_index");