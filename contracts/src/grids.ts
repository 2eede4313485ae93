import { type Static, Type } from 'typebox';
import { Offset } from './common.js';
import { GRID_TEAM_ROLES } from './roles.js';

/** GeoJSON Polygon or MultiPolygon in WGS84 (lon, lat). Validated in depth by the server's geometry code. */
export const AreaGeometry = Type.Object({
  type: Type.Enum(['Polygon', 'MultiPolygon']),
  coordinates: Type.Array(Type.Any()),
});

export const GridLevelSchema = Type.Integer({ minimum: 1, maximum: 3 });

export const GridSummary = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  level: GridLevelSchema,
  parentCode: Type.Union([Type.String(), Type.Null()]),
  regionCode: Type.String(),
  bbox: Type.Array(Type.Number(), { minItems: 4, maxItems: 4 }),
  areaSquareMeters: Type.Number(),
  households: Type.Integer(),
  people: Type.Integer(),
  version: Type.Integer(),
  validFrom: Type.String(),
  validTo: Type.Union([Type.String(), Type.Null()]),
});
export type GridSummary = Static<typeof GridSummary>;

export const GridList = Type.Object({ items: Type.Array(GridSummary), total: Type.Integer() });
export type GridList = Static<typeof GridList>;

export const GridListQuery = Type.Object({
  level: Type.Optional(GridLevelSchema),
  parentCode: Type.Optional(Type.String({ maxLength: 24 })),
  regionCode: Type.Optional(Type.String({ maxLength: 12 })),
  q: Type.Optional(Type.String({ maxLength: 64 })),
  limit: Type.Integer({ minimum: 1, maximum: 2000, default: 100 }),
  offset: Offset,
});

export const GridTeamRoleSchema = Type.Enum(GRID_TEAM_ROLES);
const Person = Type.Object({ id: Type.String(), username: Type.String(), displayName: Type.String() });

export const GridPost = Type.Object({
  id: Type.String(),
  gridCode: Type.String(),
  gridName: Type.String(),
  gridNameEn: Type.String(),
  role: GridTeamRoleSchema,
  holder: Person,
  backup: Person,
  /** Who does the post's work at the moment asked about (A unless absent, then B). */
  current: Type.Object({
    userId: Type.Union([Type.String(), Type.Null()]),
    by: Type.Enum(['holder', 'backup', 'nobody']),
    absenceEndsAt: Type.Union([Type.String(), Type.Null()]),
  }),
});
export type GridPost = Static<typeof GridPost>;

export const GridDetail = Type.Object({
  grid: Type.Intersect([GridSummary, Type.Object({ geometry: AreaGeometry })]),
  ancestors: Type.Array(GridSummary),
  childCount: Type.Integer(),
  posts: Type.Array(GridPost),
  history: Type.Array(GridSummary),
});
export type GridDetail = Static<typeof GridDetail>;

export const CRS_NAMES = ['WGS84', 'CGCS2000', 'GCJ02', 'BD09'] as const;
export const GridAtQuery = Type.Object({
  lon: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  crs: Type.Enum(CRS_NAMES, { default: 'WGS84' }),
  /** ISO date or date-time: which grid held the point then. */
  date: Type.Optional(Type.String({ format: 'date-time' })),
});
export const GridAtResponse = Type.Object({
  point: Type.Array(Type.Number(), { minItems: 2, maxItems: 2 }),
  grid: GridSummary,
  ancestors: Type.Array(GridSummary),
});
export type GridAtResponse = Static<typeof GridAtResponse>;

const Piece = Type.Object({ geometry: AreaGeometry, areaSquareMeters: Type.Number() });
export const CoverageReport = Type.Object({
  parent: Type.Object({ code: Type.String(), name: Type.String(), kind: Type.Enum(['region', 'grid']) }),
  childCount: Type.Integer(),
  gaps: Type.Array(Piece),
  overlaps: Type.Array(Type.Intersect([Piece, Type.Object({ codes: Type.Array(Type.String()) })])),
  outside: Type.Array(Type.Intersect([Piece, Type.Object({ code: Type.String() })])),
  toleranceSquareMeters: Type.Number(),
});
export type CoverageReport = Static<typeof CoverageReport>;

export const SizingQuery = Type.Object({
  parentCode: Type.Optional(Type.String({ maxLength: 24 })),
  minHouseholds: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 200 }),
  maxHouseholds: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 300 }),
  minPeople: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 600 }),
  maxPeople: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 900 }),
  householdsPerWorker: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 300 }),
  peoplePerWorker: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1500 }),
  onlyProblems: Type.Boolean({ default: false }),
});
export type SizingQuery = Static<typeof SizingQuery>;

export const SizingItem = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  households: Type.Integer(),
  people: Type.Integer(),
  status: Type.Enum(['ok', 'too-large', 'too-small']),
  /** For too-large grids: into how many parts to split so each meets the maximum. */
  splitInto: Type.Union([Type.Integer(), Type.Null()]),
  /** For too-small grids: the neighbouring sibling to merge into. */
  mergeInto: Type.Union([
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      nameEn: Type.String(),
      households: Type.Integer(),
      people: Type.Integer(),
    }),
    Type.Null(),
  ]),
  workers: Type.Integer(),
  workersNeeded: Type.Integer(),
});
export type SizingItem = Static<typeof SizingItem>;
export const SizingReport = Type.Object({
  standard: Type.Omit(SizingQuery, ['parentCode', 'onlyProblems']),
  summary: Type.Object({
    total: Type.Integer(),
    ok: Type.Integer(),
    tooLarge: Type.Integer(),
    tooSmall: Type.Integer(),
    understaffed: Type.Integer(),
  }),
  items: Type.Array(SizingItem),
});
export type SizingReport = Static<typeof SizingReport>;

export const ImportMode = Type.Enum(['strict', 'valid-only', 'validate'], { default: 'strict' });
export const ImportFeatureReport = Type.Object({
  index: Type.Integer(),
  code: Type.Union([Type.String(), Type.Null()]),
  status: Type.Enum(['new', 'changed', 'unchanged', 'invalid']),
  reasons: Type.Array(Type.Object({ code: Type.String(), message: Type.String() })),
});
export type ImportFeatureReport = Static<typeof ImportFeatureReport>;
export const ImportReport = Type.Object({
  mode: ImportMode,
  /** Whether anything was written. */
  applied: Type.Boolean(),
  counts: Type.Object({
    new: Type.Integer(),
    changed: Type.Integer(),
    unchanged: Type.Integer(),
    invalid: Type.Integer(),
  }),
  features: Type.Array(ImportFeatureReport),
  /** Coverage faults the file would create (gap in a parent, overlap of siblings, part outside the parent). */
  coverage: Type.Array(
    Type.Object({
      parentCode: Type.String(),
      kind: Type.Enum(['gap', 'overlap', 'outside']),
      codes: Type.Array(Type.String()),
      areaSquareMeters: Type.Number(),
      geometry: AreaGeometry,
      message: Type.String(),
    }),
  ),
  /** Parent grids whose households and people follow their children's change. */
  parentTotals: Type.Array(
    Type.Object({
      code: Type.String(),
      households: Type.Object({ from: Type.Integer(), to: Type.Integer() }),
      people: Type.Object({ from: Type.Integer(), to: Type.Integer() }),
    }),
  ),
});
export type ImportReport = Static<typeof ImportReport>;

export const AssignPostBody = Type.Object({
  holderUserId: Type.String({ format: 'uuid' }),
  backupUserId: Type.String({ format: 'uuid' }),
});
export const Absence = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  userName: Type.String(),
  username: Type.String(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  reason: Type.String(),
});
export type Absence = Static<typeof Absence>;
export const CreateAbsenceBody = Type.Object({
  userId: Type.String({ format: 'uuid' }),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  reason: Type.String({ minLength: 1, maxLength: 200 }),
});
export type CreateAbsenceBody = Static<typeof CreateAbsenceBody>;

export const MapConfig = Type.Object({
  /** null: no base tiles configured — draw grids on a plain background, request nothing external. */
  tiles: Type.Union([
    Type.Object({
      kind: Type.Enum(['xyz', 'wmts']),
      url: Type.String(),
      crs: Type.Enum(['WGS84', 'GCJ02']),
      attribution: Type.String(),
      maxZoom: Type.Integer(),
      /** A label layer over the tiles (Tianditu's annotation tiles: cva_w / cia_w), same kind and CRS. */
      labelsUrl: Type.Union([Type.String(), Type.Null()]),
    }),
    Type.Null(),
  ]),
});
export type MapConfig = Static<typeof MapConfig>;

/**
 * The offline base layer: the county outline, its towns and its communities with their names
 * (properties kind, code, name, nameEn; WGS84), drawn with labels when no tiles are configured.
 */
export const BaseLayer = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      id: Type.String(),
      properties: Type.Object({
        kind: Type.Enum(['county', 'town', 'community']),
        code: Type.String(),
        name: Type.String(),
        nameEn: Type.String(),
      }),
      geometry: AreaGeometry,
    }),
  ),
});
export type BaseLayer = Static<typeof BaseLayer>;
