import type { Address, Building, Dwelling, Household } from '@yiwang/contracts';
import { expect } from 'vitest';
import type { Client, TestApp } from '../../test/app.js';
import { interiorPointOf } from '../grids/index.js';
import { communityInput } from './demo/load-demo-registry.js';
import { makeIdNumber } from './domain/id-number.js';

/** Test support: a building with one flat (1单元101室) on 测试路 in a community, made through the API by `client`. */
export async function placeFlat(t: TestApp, client: Client, community: string, number: number) {
  const grid = (await communityInput(t.database.db, community))?.grids[0];
  if (!grid) throw new Error('no grid');
  const [lon, lat] = interiorPointOf(grid.geometry);
  const parts = { regionCode: community, road: '测试路', roadCode: 99, number, building: 1 };
  const address = await client.post('/api/registry/addresses', { ...parts, lon, lat });
  expect(address.statusCode, address.body).toBe(201);
  const flatAddress = await client.post('/api/registry/addresses', { ...parts, unit: 1, room: 101 });
  expect(flatAddress.statusCode, flatAddress.body).toBe(201);
  const building = await client.post('/api/registry/buildings', {
    addressId: address.json<Address>().id,
    name: `测试路${number}号1幢`,
    lon,
    lat,
    floors: 5,
    use: 'residential',
  });
  expect(building.statusCode, building.body).toBe(201);
  const dwelling = await client.post('/api/registry/dwellings', {
    buildingId: building.json<Building>().id,
    addressId: flatAddress.json<Address>().id,
    use: 'owner_occupied',
    areaM2: 88.5,
    rooms: 3,
  });
  expect(dwelling.statusCode, dwelling.body).toBe(201);
  return { building: building.json<Building>(), dwelling: dwelling.json<Dwelling>() };
}

/** Test support: a household of these names (the first its head) in a dwelling, with valid fake ID numbers from `serial`. */
export async function settleHousehold(client: Client, dwellingId: string, names: readonly string[], serial: number) {
  const made = await client.post('/api/registry/households', {
    kind: 'actual',
    dwellingId,
    members: names.map((name, i) => ({
      name,
      relation: i === 0 ? 'head' : 'other',
      residence: 'floating',
      idNumber: makeIdNumber('340221', '19900101', serial + i),
    })),
  });
  expect(made.statusCode, made.body).toBe(201);
  return made.json<Household>();
}
