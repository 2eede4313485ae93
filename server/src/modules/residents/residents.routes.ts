import rateLimit from '@fastify/rate-limit';
import {
  FollowQuery,
  MyReportList,
  MyReportsQuery,
  PlaceQuery,
  PublicCaseParams,
  PublicCaseView,
  PublicPhotoParams,
  RegisterResidentBody,
  ResidentMap,
  ResidentPlace,
  SessionInfo,
} from '@yiwang/contracts';
import { DomainError } from '../../platform/errors.js';
import type { App, ModuleContext } from '../../platform/http.js';
import { authorize, sessionTokenOf, setSessionCookie } from '../accounts/index.js';
import { gridLocatorFor } from '../grids/index.js';
import { photoStorageFor } from '../photos/index.js';
import { describePlace } from './use-cases/describe-place.js';
import { followCase, followedCasePhotoThumbnail } from './use-cases/follow-case.js';
import { listMyReports } from './use-cases/list-my-reports.js';
import { residentMap } from './use-cases/resident-map.js';
import { signUpResident } from './use-cases/sign-up-resident.js';

type Limit = { max: number; windowSeconds: number };

/** Registers `routes` in a scope where every route counts towards a per-IP limit, answered as a clear 429. */
async function rateLimited(app: App, limit: Limit, routes: (scope: App) => void) {
  // biome-ignore lint/nursery/noMisusedPromises: Fastify awaits async plugins (FastifyPluginAsync); Biome picks the callback overload.
  await app.register(async (scope: App) => {
    await scope.register(rateLimit, {
      global: false,
      max: limit.max,
      timeWindow: limit.windowSeconds * 1000,
      errorResponseBuilder: (_request, context) =>
        new DomainError('rate-limited', { seconds: Math.ceil(context.ttl / 1000) }),
    });
    routes(scope);
  });
}

export async function residentsRoutes(app: App, { config, database }: ModuleContext) {
  const { db } = database;
  const storage = photoStorageFor(config);
  const locator = gridLocatorFor(database);

  // Sign-up is open to anyone, so it is limited per address: it costs a password hash and makes an account.
  await rateLimited(app, config.registerRateLimit, (scope) =>
    scope.post(
      '/auth/register-resident',
      {
        config: { rateLimit: {}, csrfExempt: true },
        schema: {
          tags: ['auth', 'residents'],
          summary:
            'A resident signs up with their mobile number (they sign in with it from then on; it is stored only sealed, masked and blind-indexed) and is signed in; the account may report anywhere in the county and sees only its own cases',
          body: RegisterResidentBody,
          response: { 201: SessionInfo },
        },
      },
      async (request, reply) => {
        const { token, locale, session } = await signUpResident(
          { db, config },
          {
            input: request.body,
            ip: request.ip,
            userAgent: request.headers['user-agent'],
            previousToken: sessionTokenOf(request, config),
            requestId: String(request.id),
          },
        );
        setSessionCookie(reply, config, token);
        request.locale = locale;
        return reply.status(201).send(session);
      },
    ),
  );

  // Following a case needs no account: the per-address limit is what stops guessing keys.
  await rateLimited(app, config.publicRateLimit, (scope) => {
    scope.get(
      '/public/cases/:code',
      {
        config: { rateLimit: {} },
        schema: {
          tags: ['residents'],
          summary:
            'Follow a case by its code and follow key, without signing in: public facts only (no people, units or notes). A wrong or missing key is 404, like an unknown code.',
          security: [],
          params: PublicCaseParams,
          querystring: FollowQuery,
          response: { 200: PublicCaseView },
        },
      },
      async (request) => followCase(db, request.params.code, request.query.key),
    );
    scope.get(
      '/public/cases/:code/photos/:photoId/thumbnail',
      {
        config: { rateLimit: {} },
        schema: {
          tags: ['residents'],
          summary: "Thumbnail (no metadata) of one of the unit's feedback photos of a followed, closed case",
          security: [],
          params: PublicPhotoParams,
          querystring: FollowQuery,
        },
      },
      async (request, reply) => {
        const bytes = await followedCasePhotoThumbnail(
          { db, storage },
          { code: request.params.code, key: request.query.key, photoId: request.params.photoId },
        );
        return reply.type('image/jpeg').header('cache-control', 'private, max-age=3600').send(bytes);
      },
    );
  });

  app.get(
    '/residents/me/reports',
    {
      schema: {
        tags: ['residents'],
        summary: 'My reports: the cases I reported, in public wording, with follow keys and whether my rating is due',
        querystring: MyReportsQuery,
        response: { 200: MyReportList },
      },
    },
    async (request) => {
      const actor = authorize(request, 'cases.read-own');
      return listMyReports(db, actor, request.query);
    },
  );

  app.get(
    '/residents/place',
    {
      schema: {
        tags: ['residents'],
        summary:
          'Where a pin lies (grid, community, town), or why intake would refuse it (outside the county, no grid)',
        querystring: PlaceQuery,
        response: { 200: ResidentPlace },
      },
    },
    async (request) => {
      authorize(request, 'cases.report');
      return describePlace(locator, request.query);
    },
  );

  app.get(
    '/residents/map',
    {
      schema: {
        tags: ['residents'],
        summary: 'What the pin map draws: base tiles (if configured) and the towns of the county',
        response: { 200: ResidentMap },
      },
    },
    async (request) => {
      authorize(request, 'cases.report');
      return residentMap(db, config);
    },
  );
}
