CREATE TABLE "hotline_callbacks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"event_id" bigint NOT NULL,
	"order_no" text NOT NULL,
	"payload" jsonb NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hotline_outbox_cursor" (
	"id" integer PRIMARY KEY NOT NULL,
	"last_event_id" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "hotline_callbacks" ADD CONSTRAINT "hotline_callbacks_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "hotline_callbacks_event_order_idx" ON "hotline_callbacks" USING btree ("event_id","order_no");--> statement-breakpoint
CREATE INDEX "hotline_callbacks_pending_idx" ON "hotline_callbacks" USING btree ("order_no","event_id") WHERE "hotline_callbacks"."delivered_at" IS NULL AND "hotline_callbacks"."failed_at" IS NULL;