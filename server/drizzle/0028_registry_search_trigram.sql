-- Trigram indexes for registry search (pg_trgm ships with PostgreSQL contrib and as a PGlite extension, loaded in db/client.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "registry_address_aliases_alias_trgm" ON "registry_address_aliases" USING gin ("alias" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "registry_addresses_text_trgm" ON "registry_addresses" USING gin ("text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "registry_buildings_name_trgm" ON "registry_buildings" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "registry_organizations_name_trgm" ON "registry_organizations" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "registry_organizations_initials_trgm" ON "registry_organizations" USING gin ("name_initials" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "registry_organizations_licence_trgm" ON "registry_organizations" USING gin ("licence_number" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "registry_people_name_trgm" ON "registry_people" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "registry_people_initials_trgm" ON "registry_people" USING gin ("name_initials" gin_trgm_ops);