ALTER TABLE "audit_log" ADD COLUMN "scope_path" text;--> statement-breakpoint
CREATE INDEX "audit_scope_path_idx" ON "audit_log" USING btree ("scope_path" text_pattern_ops);