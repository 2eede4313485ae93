CREATE INDEX "registry_buildings_name_idx" ON "registry_buildings" USING btree ("name");--> statement-breakpoint
CREATE INDEX "registry_people_name_order" ON "registry_people" USING btree (("name" COLLATE "C"),"id");--> statement-breakpoint
CREATE INDEX "registry_people_initials_order" ON "registry_people" USING btree (("name_initials" COLLATE "C"),("name" COLLATE "C"),"id");