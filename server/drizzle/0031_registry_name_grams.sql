-- Registry search: a name's lower-cased characters and character pairs, for 1- and 2-character
-- fragments (a surname alone, a two-character given name) that pg_trgm's trigrams cannot serve.
-- Hand-written function first (drizzle cannot express it), then the index drizzle generated.
CREATE OR REPLACE FUNCTION registry_name_grams(name text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
    SELECT coalesce(array_agg(DISTINCT g), '{}'::text[]) FROM (
      SELECT substr(lower(name), i, 1) AS g FROM generate_series(1, char_length(name)) AS i
      UNION ALL
      SELECT substr(lower(name), i, 2) FROM generate_series(1, char_length(name) - 1) AS i
    ) AS grams
  $$;--> statement-breakpoint
CREATE INDEX "registry_people_name_grams" ON "registry_people" USING gin (registry_name_grams("name"));
