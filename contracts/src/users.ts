import { type Static, Type } from 'typebox';
import { LocaleSchema, Offset, RoleSchema, UnitKindSchema } from './common.js';

export const User = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(RoleSchema),
  scopeRegionCode: Type.String(),
  scopeRegionName: Type.String(),
  unitId: Type.Union([Type.String(), Type.Null()]),
  unitName: Type.Union([Type.String(), Type.Null()]),
  locale: LocaleSchema,
  disabled: Type.Boolean(),
  lockedUntil: Type.Union([Type.String(), Type.Null()]),
  totpEnabled: Type.Boolean(),
  /** A resident's mobile number, masked (138****5678); the number itself is stored only sealed. */
  phoneMasked: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});
export type User = Static<typeof User>;

export const Username = Type.String({ minLength: 3, maxLength: 64, pattern: '^[a-zA-Z0-9_.-]+$' });
/** At least 10 characters with letters and digits (等保 2.0 asks for password complexity). */
export const NewPassword = Type.String({ minLength: 10, maxLength: 256, pattern: '^(?=.*[A-Za-z])(?=.*[0-9]).+$' });

export const CreateUserBody = Type.Object({
  username: Username,
  displayName: Type.String({ minLength: 1, maxLength: 64 }),
  password: NewPassword,
  roles: Type.Array(RoleSchema, { minItems: 1, uniqueItems: true }),
  scopeRegionCode: Type.String({ pattern: '^[0-9]{6,12}$' }),
  unitId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
  locale: Type.Optional(LocaleSchema),
});
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object({
  displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  roles: Type.Optional(Type.Array(RoleSchema, { minItems: 1, uniqueItems: true })),
  scopeRegionCode: Type.Optional(Type.String({ pattern: '^[0-9]{6,12}$' })),
  unitId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
  disabled: Type.Optional(Type.Boolean()),
  password: Type.Optional(NewPassword),
  unlock: Type.Optional(Type.Boolean()),
});
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const UserList = Type.Object({ items: Type.Array(User), total: Type.Integer() });
export type UserList = Static<typeof UserList>;

export const UserListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 64 })),
  role: Type.Optional(RoleSchema),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Type.Optional(Offset),
});

export const Unit = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  kind: UnitKindSchema,
  regionCode: Type.String(),
  regionName: Type.String(),
  createdAt: Type.String(),
});
export type Unit = Static<typeof Unit>;

export const CreateUnitBody = Type.Object({
  code: Type.String({ minLength: 2, maxLength: 32, pattern: '^[A-Za-z0-9_-]+$' }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  kind: UnitKindSchema,
  regionCode: Type.String({ pattern: '^[0-9]{6,12}$' }),
});
export type CreateUnitBody = Static<typeof CreateUnitBody>;
export const UpdateUnitBody = Type.Partial(Type.Omit(CreateUnitBody, ['code']));
export type UpdateUnitBody = Static<typeof UpdateUnitBody>;
export const UnitList = Type.Object({ items: Type.Array(Unit), total: Type.Integer() });
export type UnitList = Static<typeof UnitList>;

export const ApiKey = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String(),
  roles: Type.Array(RoleSchema),
  scopeRegionCode: Type.String(),
  createdAt: Type.String(),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
});
export type ApiKey = Static<typeof ApiKey>;
export const CreateApiKeyBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  roles: Type.Array(RoleSchema, { minItems: 1, uniqueItems: true }),
  scopeRegionCode: Type.String({ pattern: '^[0-9]{6,12}$' }),
});
/** The secret is shown once, at creation; only its hash is stored. */
export const CreatedApiKey = Type.Object({ apiKey: ApiKey, secret: Type.String() });
export type CreatedApiKey = Static<typeof CreatedApiKey>;
