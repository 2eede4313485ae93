import {
  ApiKey,
  CreateApiKeyBody,
  CreatedApiKey,
  CreateUserBody,
  IdParams,
  RevealPhoneBody,
  RevealPhoneResult,
  UpdateUserBody,
  User,
  UserList,
  UserListQuery,
} from '@yiwang/contracts';
import { Type } from 'typebox';
import { DomainError } from '../../platform/errors.js';
import type { App, ModuleContext } from '../../platform/http.js';
import { sendWorkbook, XLSX_RESPONSE } from '../../platform/spreadsheet.js';
import { auditContextOf, authorize } from './authorize.js';
import { exportUsers } from './use-cases/export-users.js';
import { createApiKey, revokeApiKey } from './use-cases/manage-api-keys.js';
import { createUser, updateUser } from './use-cases/manage-users.js';
import { getUser, listApiKeys, listUsers, userFilterOf } from './use-cases/read-accounts.js';
import { revealUserPhone } from './use-cases/reveal-user-phone.js';

type UserView = Awaited<ReturnType<typeof getUser>>;
const presentUser = (u: UserView) => ({
  ...u,
  roles: u.roles as User['roles'],
  lockedUntil: u.lockedUntil && u.lockedUntil > new Date() ? u.lockedUntil.toISOString() : null,
  createdAt: u.createdAt.toISOString(),
});
type ApiKeyRow = Awaited<ReturnType<typeof listApiKeys>>[number];
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
        filter: userFilterOf(config.secretKey, request.query),
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
      const result = await listUsers(
        { db, secretKey: config.secretKey },
        { actor, filter: { q, role }, page: { limit, offset } },
      );
      return { items: result.items.map(presentUser), total: result.total };
    },
  );

  app.get('/users/:id', { schema: { tags: ['users'], params: IdParams, response: { 200: User } } }, async (request) => {
    const actor = authorize(request, 'users.read');
    return presentUser(await getUser({ db }, { actor, id: request.params.id }));
  });

  app.post(
    '/users',
    { schema: { tags: ['users'], body: CreateUserBody, response: { 201: User } } },
    async (request, reply) => {
      const actor = authorize(request, 'users.manage');
      const user = await createUser({ db }, { actor, context: auditContextOf(request), data: request.body });
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
      const keys = await listApiKeys({ db }, { actor });
      return { items: keys.map(presentKey) };
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
