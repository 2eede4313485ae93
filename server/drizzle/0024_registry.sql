CREATE TABLE "registry_address_aliases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"address_id" uuid NOT NULL,
	"alias" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registry_address_aliases_alias_unique" UNIQUE("alias")
);
--> statement-breakpoint
CREATE TABLE "registry_addresses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"region_code" text NOT NULL,
	"path" text NOT NULL,
	"road" text NOT NULL,
	"number" text NOT NULL,
	"building" text,
	"unit" text,
	"room" text,
	"text" text NOT NULL,
	"lon" double precision,
	"lat" double precision,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registry_addresses_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "registry_buildings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"address_id" uuid NOT NULL,
	"name" text NOT NULL,
	"lon" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"floors" integer NOT NULL,
	"use" text NOT NULL,
	"grid_code" text NOT NULL,
	"path" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registry_buildings_address_id_unique" UNIQUE("address_id"),
	CONSTRAINT "registry_buildings_floors" CHECK ("registry_buildings"."floors" > 0)
);
--> statement-breakpoint
CREATE TABLE "registry_dwellings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"building_id" uuid NOT NULL,
	"address_id" uuid NOT NULL,
	"use" text NOT NULL,
	"area_m2" double precision NOT NULL,
	"rooms" integer NOT NULL,
	"path" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registry_dwellings_address_id_unique" UNIQUE("address_id"),
	CONSTRAINT "registry_dwellings_size" CHECK ("registry_dwellings"."area_m2" > 0 AND "registry_dwellings"."rooms" > 0)
);
--> statement-breakpoint
CREATE TABLE "registry_facilities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"class_code" text NOT NULL,
	"name" text NOT NULL,
	"lon" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"state" text NOT NULL,
	"owner_unit" text NOT NULL,
	"grid_code" text NOT NULL,
	"path" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"record_kind" text NOT NULL,
	"record_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"state" jsonb NOT NULL,
	"changed_by" uuid,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_to" timestamp with time zone NOT NULL,
	"ended_by" uuid,
	"path" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_households" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"dwelling_id" uuid NOT NULL,
	"path" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"name_initials" text NOT NULL,
	"address_id" uuid NOT NULL,
	"licence_number" text,
	"contact_name" text,
	"contact_phone_sealed" text,
	"contact_phone_index" text,
	"contact_phone_masked" text,
	"sealed_with" text DEFAULT 'platform' NOT NULL,
	"grid_code" text NOT NULL,
	"path" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"household_id" uuid NOT NULL,
	"relation" text NOT NULL,
	"name" text NOT NULL,
	"name_initials" text NOT NULL,
	"id_number_sealed" text,
	"id_number_index" text,
	"id_number_masked" text,
	"sex" text NOT NULL,
	"birth_date" date NOT NULL,
	"phone_sealed" text,
	"phone_index" text,
	"phone_masked" text,
	"sealed_with" text DEFAULT 'platform' NOT NULL,
	"residence" text NOT NULL,
	"moved_in_on" date,
	"moved_out_on" date,
	"path" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_person_tags" (
	"person_id" uuid NOT NULL,
	"tag" text NOT NULL,
	"path" text NOT NULL,
	"added_by" uuid,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registry_person_tags_person_id_tag_pk" PRIMARY KEY("person_id","tag")
);
--> statement-breakpoint
CREATE TABLE "registry_sharing_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"record_kind" text NOT NULL,
	"fields" text[] NOT NULL,
	"tag" text,
	"purpose" text NOT NULL,
	"valid_until" date NOT NULL,
	"granted_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "registry_tag_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tag" text NOT NULL,
	"role" text,
	"unit_id" uuid,
	"granted_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "registry_tag_grants_who" CHECK (("registry_tag_grants"."role" IS NULL) <> ("registry_tag_grants"."unit_id" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "registry_address_aliases" ADD CONSTRAINT "registry_address_aliases_address_id_registry_addresses_id_fk" FOREIGN KEY ("address_id") REFERENCES "public"."registry_addresses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_addresses" ADD CONSTRAINT "registry_addresses_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_addresses" ADD CONSTRAINT "registry_addresses_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_buildings" ADD CONSTRAINT "registry_buildings_address_id_registry_addresses_id_fk" FOREIGN KEY ("address_id") REFERENCES "public"."registry_addresses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_buildings" ADD CONSTRAINT "registry_buildings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_dwellings" ADD CONSTRAINT "registry_dwellings_building_id_registry_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."registry_buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_dwellings" ADD CONSTRAINT "registry_dwellings_address_id_registry_addresses_id_fk" FOREIGN KEY ("address_id") REFERENCES "public"."registry_addresses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_dwellings" ADD CONSTRAINT "registry_dwellings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_facilities" ADD CONSTRAINT "registry_facilities_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_history" ADD CONSTRAINT "registry_history_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_history" ADD CONSTRAINT "registry_history_ended_by_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_households" ADD CONSTRAINT "registry_households_dwelling_id_registry_dwellings_id_fk" FOREIGN KEY ("dwelling_id") REFERENCES "public"."registry_dwellings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_households" ADD CONSTRAINT "registry_households_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_organizations" ADD CONSTRAINT "registry_organizations_address_id_registry_addresses_id_fk" FOREIGN KEY ("address_id") REFERENCES "public"."registry_addresses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_organizations" ADD CONSTRAINT "registry_organizations_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_people" ADD CONSTRAINT "registry_people_household_id_registry_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."registry_households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_people" ADD CONSTRAINT "registry_people_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_person_tags" ADD CONSTRAINT "registry_person_tags_person_id_registry_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."registry_people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_person_tags" ADD CONSTRAINT "registry_person_tags_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_sharing_grants" ADD CONSTRAINT "registry_sharing_grants_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_sharing_grants" ADD CONSTRAINT "registry_sharing_grants_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_tag_grants" ADD CONSTRAINT "registry_tag_grants_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_tag_grants" ADD CONSTRAINT "registry_tag_grants_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "registry_address_aliases_address_idx" ON "registry_address_aliases" USING btree ("address_id");--> statement-breakpoint
CREATE INDEX "registry_addresses_path_idx" ON "registry_addresses" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "registry_addresses_text_idx" ON "registry_addresses" USING btree ("text");--> statement-breakpoint
CREATE INDEX "registry_buildings_path_idx" ON "registry_buildings" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "registry_dwellings_building_idx" ON "registry_dwellings" USING btree ("building_id");--> statement-breakpoint
CREATE INDEX "registry_dwellings_path_idx" ON "registry_dwellings" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "registry_facilities_path_idx" ON "registry_facilities" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "registry_facilities_class_idx" ON "registry_facilities" USING btree ("class_code");--> statement-breakpoint
CREATE INDEX "registry_history_record_idx" ON "registry_history" USING btree ("record_kind","record_id","version");--> statement-breakpoint
CREATE INDEX "registry_households_dwelling_idx" ON "registry_households" USING btree ("dwelling_id");--> statement-breakpoint
CREATE INDEX "registry_households_path_idx" ON "registry_households" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "registry_organizations_path_idx" ON "registry_organizations" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "registry_organizations_name_idx" ON "registry_organizations" USING btree ("name");--> statement-breakpoint
CREATE INDEX "registry_people_household_idx" ON "registry_people" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "registry_people_path_idx" ON "registry_people" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "registry_people_name_idx" ON "registry_people" USING btree ("name");--> statement-breakpoint
CREATE INDEX "registry_people_initials_idx" ON "registry_people" USING btree ("name_initials");--> statement-breakpoint
CREATE UNIQUE INDEX "registry_people_id_number_key" ON "registry_people" USING btree ("id_number_index");--> statement-breakpoint
CREATE INDEX "registry_people_phone_idx" ON "registry_people" USING btree ("phone_index");--> statement-breakpoint
CREATE UNIQUE INDEX "registry_people_one_head" ON "registry_people" USING btree ("household_id") WHERE "registry_people"."relation" = 'head' AND "registry_people"."moved_out_on" IS NULL;--> statement-breakpoint
CREATE INDEX "registry_person_tags_tag_idx" ON "registry_person_tags" USING btree ("tag","path");--> statement-breakpoint
CREATE INDEX "registry_sharing_grants_unit_idx" ON "registry_sharing_grants" USING btree ("unit_id");