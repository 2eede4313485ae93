-- Matters seeded before the public listing existed: the seed's rule (listedPubliclyBySeedRule in
-- catalog/data/matter-catalog.ts), applied once to every version. Only things in public space
-- (城市管理, 其他), no disputes, a lead department that does not deal with people or security.
UPDATE "matters" SET "listed_publicly" = true
WHERE "category" IN ('urban_management', 'other')
  AND "name" !~ '纠纷|矛盾'
  AND NOT ("owner_unit_codes"[1] = ANY (ARRAY['police', 'petition', 'justice', 'civil']));
