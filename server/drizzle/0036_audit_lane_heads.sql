CREATE TABLE "audit_lane_heads" (
	"lane" smallint PRIMARY KEY NOT NULL,
	"lane_seq" bigint NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
-- One head per lane (AUDIT_LANES = 16 in audit.repository.ts), where each lane ends now; an
-- empty lane starts at position 0 after the genesis hash. Writers took a lane with an
-- advisory lock before; from here on they take it by updating its head.
INSERT INTO "audit_lane_heads" ("lane", "lane_seq", "hash")
SELECT l, coalesce(last.lane_seq, 0), coalesce(last.hash, repeat('0', 64))
FROM generate_series(0, 15) AS l
LEFT JOIN LATERAL (
  SELECT lane_seq, hash FROM audit_log WHERE lane = l ORDER BY lane_seq DESC LIMIT 1
) AS last ON true;
