import { type Static, Type } from 'typebox';
import { LOCALES, REGION_LEVELS, ROLES, UNIT_KINDS } from './roles.js';

export const RoleSchema = Type.Enum(ROLES);
export const UnitKindSchema = Type.Enum(UNIT_KINDS);
export const RegionLevelSchema = Type.Enum(REGION_LEVELS);
export const LocaleSchema = Type.Enum(LOCALES);

/** Every 4xx/5xx body. `details` lists field-level problems of bad input. */
export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    requestId: Type.String(),
    details: Type.Optional(
      Type.Array(Type.Object({ field: Type.String(), code: Type.String(), message: Type.String() })),
    ),
  }),
});
export type ErrorBody = Static<typeof ErrorBody>;

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** Rows skipped by a list: bounded, so no request reaches the database with a number it cannot hold. Deeper than this, filter. */
export const Offset = Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 });

export const Page = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Type.Optional(Offset),
});

/** GET /api/health: whether this node can reach its database. */
export const HealthStatus = Type.Object({
  status: Type.Enum(['ok', 'unavailable']),
  database: Type.Enum(['ok', 'unavailable']),
});
export type HealthStatus = Static<typeof HealthStatus>;
