import { type Static, Type } from 'typebox';
import { LocaleSchema, RoleSchema } from './common.js';
import { NewPassword } from './users.js';

export const LoginBody = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 256 }),
  totpCode: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
});
export type LoginBody = Static<typeof LoginBody>;

/** What the browser learns about the signed-in account; also the body of GET /api/auth/session. */
export const SessionInfo = Type.Object({
  user: Type.Object({
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    roles: Type.Array(RoleSchema),
    locale: LocaleSchema,
    scope: Type.Object({ regionCode: Type.String(), regionName: Type.String(), regionNameEn: Type.String() }),
    unit: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
    totpEnabled: Type.Boolean(),
  }),
  permissions: Type.Array(Type.String()),
  csrfToken: Type.String(),
  /** True while an admin who must use a second factor has not enrolled one yet. */
  totpEnrollmentRequired: Type.Boolean(),
  /** True while the account still holds a one-time password: only changing it (or signing out) is allowed. */
  mustChangePassword: Type.Boolean(),
});
export type SessionInfo = Static<typeof SessionInfo>;

export const TotpSetupResponse = Type.Object({ secret: Type.String(), otpauthUrl: Type.String() });
export type TotpSetupResponse = Static<typeof TotpSetupResponse>;
export const TotpCodeBody = Type.Object({ code: Type.String({ pattern: '^[0-9]{6}$' }) });

export const PreferencesBody = Type.Object({ locale: LocaleSchema });

/** POST /api/auth/change-password: the current password again, and a new one by the password rules. */
export const ChangePasswordBody = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
  newPassword: NewPassword,
});
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;
