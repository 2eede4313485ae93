ALTER TABLE "audit_log" ADD COLUMN "scope_path" text;--> statement-breakpoint
ALTER TABLE "matters" ADD COLUMN "listed_publicly" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_scope_path_idx" ON "audit_log" USING btree ("scope_path" text_pattern_ops);