import { type Static, Type } from 'typebox';
import { RegionLevelSchema } from './common.js';

export const Region = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  level: RegionLevelSchema,
  parentCode: Type.Union([Type.String(), Type.Null()]),
  path: Type.String(),
  childCount: Type.Integer(),
});
export type Region = Static<typeof Region>;

export const RegionDetail = Type.Object({
  region: Region,
  ancestors: Type.Array(Region),
  children: Type.Array(Region),
});
export type RegionDetail = Static<typeof RegionDetail>;

export const RegionCodeParams = Type.Object({ code: Type.String({ pattern: '^[0-9]{6,12}$' }) });
