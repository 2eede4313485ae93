import { PERSON_TAGS, type PersonTag, type Role } from '@yiwang/contracts';
import type { Db, Executor } from '../../../db/client.js';
import type { DemoContext, DemoTally } from '../../../platform/http.js';
import { type AreaGeometry, gridsLookups } from '../../grids/index.js';
import { regionsLookups } from '../../regions/index.js';
import { registryRepository } from '../registry.repository.js';
import { sealIdNumber, sealPhone } from '../registry-secrets.js';
import {
  type CommunityInput,
  type GeneratedRegistry,
  generateCommunityRegistry,
} from './generate-community-registry.js';

/** The demo's one fully populated community: 文定社区, where the demo grid worker works. */
export const DEMO_REGISTRY_COMMUNITY = '320281001001';
/** 16 buildings × 24 flats: about 360 households and 1 000 people, small enough for every test template. */
export const DEMO_REGISTRY_BUILDINGS = 16;
export const DEMO_GROUP_RENTALS = 3;
const SEED = 11_2026;
const CARE_GROUPS: PersonTag[] = ['elderly_alone', 'disabled', 'subsistence_allowance', 'left_behind_child'];
/** Who sees which tags in the demo: admins all; the community workstation the care groups; grid workers none. */
const DEMO_TAG_GRANTS: { role: Role; tags: readonly PersonTag[] }[] = [
  { role: 'admin', tags: PERSON_TAGS },
  { role: 'workstation_staff', tags: CARE_GROUPS },
];

/** A community's registry input: its region and base grids with their areas, as the database holds them. */
export async function communityInput(db: Executor, code: string): Promise<CommunityInput | null> {
  const region = await regionsLookups.findByCode(db, code);
  if (!region) return null;
  const town = region.parentCode ? await regionsLookups.findByCode(db, region.parentCode) : undefined;
  const grids = await gridsLookups.currentWithGeometryInScope(db, { level: 3, regionCode: code }, region.path);
  return {
    code,
    name: region.name,
    townName: town?.name ?? '',
    path: region.path,
    grids: grids.map((g) => ({ code: g.code, path: g.path, geometry: g.geometry as AreaGeometry, people: g.people })),
  };
}

/** Writes a generated registry, its ID numbers and phones sealed under `secretKey` like any real data. */
export async function writeGeneratedRegistry(
  tx: Executor,
  registry: GeneratedRegistry,
  secretKey: Buffer,
): Promise<void> {
  await registryRepository.insertAddresses(tx, registry.addresses);
  await registryRepository.insertAliases(tx, registry.aliases);
  await registryRepository.insertBuildings(tx, registry.buildings);
  await registryRepository.insertDwellings(tx, registry.dwellings);
  await registryRepository.insertHouseholds(tx, registry.households);
  await registryRepository.insertPeople(
    tx,
    registry.people.map(({ idNumber, phone, ...p }) => {
      const sealedPhone = phone ? sealPhone(secretKey, phone) : null;
      return {
        ...p,
        ...sealIdNumber(secretKey, idNumber),
        phoneSealed: sealedPhone?.sealed ?? null,
        phoneIndex: sealedPhone?.index ?? null,
        phoneMasked: sealedPhone?.masked ?? null,
      };
    }),
  );
  await registryRepository.insertTags(tx, registry.tags);
  await registryRepository.insertOrganizations(
    tx,
    registry.organizations.map(({ contactPhone, ...o }) => {
      const sealed = sealPhone(secretKey, contactPhone);
      return {
        ...o,
        contactPhoneSealed: sealed.sealed,
        contactPhoneIndex: sealed.index,
        contactPhoneMasked: sealed.masked,
      };
    }),
  );
  await registryRepository.insertFacilities(tx, registry.facilities);
}

/** The demo registry as the generator makes it (tests compare the database with it). */
export async function demoRegistry(db: Executor): Promise<GeneratedRegistry | null> {
  const community = await communityInput(db, DEMO_REGISTRY_COMMUNITY);
  if (!community) return null;
  return generateCommunityRegistry(community, {
    seed: SEED,
    buildings: DEMO_REGISTRY_BUILDINGS,
    groupRentals: DEMO_GROUP_RENTALS,
    // The demo's ages are fixed to one day, so a person's age (and the tags that follow) never drifts.
    today: '2026-01-01',
  });
}

/** The demo registry: one community fully populated, with the demo's tag grants. */
export async function loadDemoRegistry(tx: Db, context: DemoContext): Promise<DemoTally> {
  const registry = await demoRegistry(tx);
  if (!registry) return {};
  await writeGeneratedRegistry(tx, registry, context.secretKey);
  await registryRepository.insertTagGrants(
    tx,
    DEMO_TAG_GRANTS.flatMap(({ role, tags }) => tags.map((tag) => ({ tag, role }))),
  );
  return {
    registryAddresses: registry.addresses.length,
    registryBuildings: registry.buildings.length,
    registryDwellings: registry.dwellings.length,
    registryHouseholds: registry.households.length,
    registryPeople: registry.people.length,
    registryOrganizations: registry.organizations.length,
    registryFacilities: registry.facilities.length,
  };
}
