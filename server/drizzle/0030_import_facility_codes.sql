CREATE TABLE "registry_import_facility_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"facility_id" uuid NOT NULL,
	"path" text NOT NULL
);
