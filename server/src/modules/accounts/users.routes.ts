import {
  ApiKey,
  CreateApiKeyBody,
  CreatedApiKey,
  CreateUserBody,
  IdParams,
  RevealPhoneBody,
  RevealPhoneResult,
  type Role,
  UpdateUserBody,
  User,
  UserList,
  UserListQuery,
} from '@yiwang/contracts';
import { Type } from 'typebox';
import { DomainError } from '../../platform/errors.js';
import type { App, ModuleContext } from '../../platform/http.js';
import { isMainlandMobile, phoneIndex } from '../../platform/phone.js';
import { sendWorkbook, XLSX_RESPONSE } from '../../platform/spreadsheet.js';
import { accountsRepository } from './accounts.repository.js';
import { auditContextOf, authorize } from './authorize.js';
import { exportUsers } from './use-cases/export-users.js';
import { createApiKey, revokeApiKey } from './use-cases/manage-api-keys.js';
import { createUser, updateUser } from './use-cases/manage-users.js';
import { revealUserPhone } from './use-cases/reveal-user-phone.js';

type UserView = NonNullable<Awaited<ReturnType<typeof accountsRepository.findUserInScope>>>;
const presentUser = (u: UserView) => ({
  ...u,
  roles: u.roles as User['roles'],
  lockedUntil: u.lockedUntil && u.lockedUntil > new Date() ? u.lockedUntil.toISOString() : null,
  createdAt: u.createdAt.toISOString(),
});
type ApiKeyRow = Awaited<ReturnType<typeof accountsRepository.insertApiKey>>;
const presentKey = (k: ApiKeyRow) => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  roles: k.roles as ApiKey['roles'],
  scopeRegionCode: k.scopeRegionCode,
  createdAt: k.createdAt.toISOString(),
  revokedAt: k.revokedAt?.toISOString() ?? null,
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
});

/** The list's search: a mobile number also finds the resident who signs in with it (by its blind index). */
function userFilter(secretKey: Buffer, query: { q?: string | undefined; role?: Role | undefined }) {
  const q = query.q?.trim();
  return { ...query, ...(q && isMainlandMobile(q) ? { phoneIndex: phoneIndex(secretKey, q) } : {}) };
}

export function usersRoutes(app: App, { database: { db }, config }: ModuleContext) {
  app.get(
    '/users/export.xlsx',
    {
      // An admin may search by a resident's phone number or a person's name.
      config: { sensitiveQuery: true },
      schema: {
        tags: ['users'],
        summary: 'The accounts of the list (same q and role filters) as an Excel workbook; audited',
        querystring: Type.Omit(UserListQuery, ['limit', 'offset']),
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'users.read');
      const now = new Date();
      const bytes = await exportUsers(db, actor, auditContextOf(request), {
        filter: userFilter(config.secretKey, request.query),
        maxRows: config.exportMaxRows,
        locale: request.locale,
        now,
      });
      const name = { ascii: 'users', localized: { 'zh-CN': '用户', 'en-US': 'users' } };
      return sendWorkbook(reply, bytes, name, request.locale, now);
    },
  );

  app.get(
    '/users',
    {
      config: { sensitiveQuery: true },
      schema: {
        tags: ['users'],
        summary: 'Accounts in the caller’s scope',
        querystring: UserListQuery,
        response: { 200: UserList },
      },
    },
    async (request) => {
      const actor = authorize(request, 'users.read');
      const { q, role, limit = 50, offset = 0 } = request.query;
      const result = await accountsRepository.listUsersInScope(
        db,
        actor.scopePath,
        userFilter(config.secretKey, { q, role }),
        { limit, offset },
      );
      return { items: result.items.map(presentUser), total: result.total };
    },
  );

  app.get('/users/:id', { schema: { tags: ['users'], params: IdParams, response: { 200: User } } }, async (request) => {
    const actor = authorize(request, 'users.read');
    const user = await accountsRepository.findUserInScope(db, request.params.id, actor.scopePath);
    if (!user) throw new DomainError('not-found');
    return presentUser(user);
  });

  app.post(
    '/users',
    { schema: { tags: ['users'], body: CreateUserBody, response: { 201: User } } },
    async (request, reply) => {
      const actor = authorize(request, 'users.manage');
      const created = await createUser(db, actor, auditContextOf(request), request.body);
      const user = await accountsRepository.findUserInScope(db, created.id, actor.scopePath);
      if (!user) throw new Error('created user not readable');
      return reply.status(201).send(presentUser(user));
    },
  );

  app.patch(
    '/users/:id',
    { schema: { tags: ['users'], params: IdParams, body: UpdateUserBody, response: { 200: User } } },
    async (request) => {
      const actor = authorize(request, 'users.manage');
      const user = await updateUser(db, actor, auditContextOf(request), request.params.id, request.body);
      if (!user) throw new DomainError('not-found');
      return presentUser(user);
    },
  );

  app.post(
    '/users/:id/reveal-phone',
    {
      schema: {
        tags: ['users'],
        summary: "A resident account's full phone number for a stated purpose (audited)",
        params: IdParams,
        body: RevealPhoneBody,
        response: { 200: RevealPhoneResult },
      },
    },
    async (request) => {
      const actor = authorize(request, 'users.manage');
      return revealUserPhone(db, config.secretKey, actor, auditContextOf(request), {
        id: request.params.id,
        purpose: request.body.purpose,
      });
    },
  );

  app.get(
    '/api-keys',
    { schema: { tags: ['api-keys'], response: { 200: Type.Object({ items: Type.Array(ApiKey) }) } } },
    async (request) => {
      const actor = authorize(request, 'api-keys.manage');
      const rows = await accountsRepository.listApiKeysInScope(db, actor.scopePath);
      return { items: rows.map((r) => presentKey(r.key)) };
    },
  );

  app.post(
    '/api-keys',
    { schema: { tags: ['api-keys'], body: CreateApiKeyBody, response: { 201: CreatedApiKey } } },
    async (request, reply) => {
      const actor = authorize(request, 'api-keys.manage');
      const { key, secret } = await createApiKey(db, actor, auditContextOf(request), request.body);
      return reply.status(201).send({ apiKey: presentKey(key), secret });
    },
  );

  app.delete(
    '/api-keys/:id',
    { schema: { tags: ['api-keys'], params: IdParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      const actor = authorize(request, 'api-keys.manage');
      await revokeApiKey(db, actor, auditContextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
