import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyRequest } from 'fastify';
import { allowCachedLookups } from './db/cached-lookup.js';
import type { Database } from './db/client.js';
import { authenticate } from './modules/accounts/authenticate.js';
import { modules } from './modules/index.js';
import type { Config } from './platform/config.js';
import { clientErrorHandler, frameworkErrorHandler, handleError, requestIdOf } from './platform/error-handler.js';
import { DomainError } from './platform/errors.js';
import type { App, ModuleContext } from './platform/http.js';
import { DEFAULT_LOCALE, localeFromAcceptLanguage } from './platform/i18n.js';
import { buildValidator } from './platform/input-guard.js';
import { urlForLog } from './platform/request-log.js';
import { helmetOptions, securityHeadersOf } from './platform/security-headers.js';

export interface AppOptions {
  config: Config;
  database: Database;
  /** false silences request logs (tests); a stream receives them instead of stdout (tests of the log). */
  logger?: boolean | { stream: NodeJS.WritableStream };
}

function defaultWebDist(): string | undefined {
  const candidate = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/dist');
  return existsSync(join(candidate, 'index.html')) ? candidate : undefined;
}

const isApiPath = (url: string) => url.startsWith('/api/') || url === '/api' || url.startsWith('/open311/');

/** The router's longest path parameter (Fastify's default, set here so the check below agrees with it). */
const MAX_PARAM_LENGTH = 100;
/**
 * A path segment the router would not take as a parameter. With the web app served, such a
 * path falls through to the static files' wildcard instead of the router's 414, so the
 * not-found handler says it again: an over-long id is too long, not missing.
 */
const hasOverlongSegment = (path: string) => path.split('/').some((segment) => segment.length > MAX_PARAM_LENGTH);

export async function buildApp({ config, database, logger = true }: AppOptions): Promise<App> {
  const fixedSecurityHeaders = securityHeadersOf(helmetOptions(config));
  const app = Fastify({
    logger: logger
      ? {
          level: config.logLevel,
          ...(typeof logger === 'object' ? { stream: logger.stream } : {}),
          // Never log credentials, even if a header is logged by someone later.
          redact: [
            'req.headers.cookie',
            'req.headers.authorization',
            'req.headers["x-api-key"]',
            'req.headers["x-csrf-token"]',
          ],
          serializers: {
            req: (req: FastifyRequest) => ({
              method: req.method,
              url: urlForLog(req.url, req.routeOptions?.config?.sensitiveQuery === true),
              remoteAddress: req.ip,
            }),
          },
        }
      : false,
    trustProxy: config.trustProxy,
    genReqId: (req) => requestIdOf(req.headers['x-request-id']),
    ajv: { customOptions: { allErrors: true } },
    // Strict JSON bodies, coerced query strings, no NUL or lone surrogate anywhere (input-guard.ts).
    schemaController: { compilersFactory: { buildValidator } },
    // Errors met before any hook (bad URL encoding; headers or URL too long for Node) answer like all others.
    frameworkErrors: frameworkErrorHandler(fixedSecurityHeaders),
    clientErrorHandler: clientErrorHandler(fixedSecurityHeaders),
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const ctx: ModuleContext = { config, database };
  allowCachedLookups(database);

  app.decorateRequest('actor', null);
  app.decorateRequest('locale', DEFAULT_LOCALE);
  app.setErrorHandler(handleError);

  await app.register(cookie);

  app.addHook('onRequest', async (request, reply) => {
    // Helmet's headers, worked out once: they depend only on the config, and helmet itself
    // rebuilt them on every request (a tenth of an intake's CPU, bench/intake.bench.ts).
    reply.headers(fixedSecurityHeaders);
    reply.header('x-request-id', request.id);
    request.locale = localeFromAcceptLanguage(request.headers['accept-language']);
    if (isApiPath(request.url)) reply.header('cache-control', 'no-store');
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Yiwang (一网) API', version: '0.1.0', description: 'Grid-based community governance platform' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'yw_session' },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        },
      },
      security: [{ session: [] }, { apiKey: [] }],
    },
  });
  // The OpenAPI document is always built (app.swagger(), the fuzz test); served only when configured.
  if (config.apiDocs) await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  await app.register(
    // biome-ignore lint/nursery/noMisusedPromises: Fastify awaits async plugins (FastifyPluginAsync); Biome picks the callback overload.
    async (api: App) => {
      api.addHook('onRequest', (request) => authenticate(request, ctx));
      for (const module of modules) if (module.apiRoutes) await module.apiRoutes(api, ctx);
    },
    { prefix: '/api' },
  );
  for (const module of modules) {
    // biome-ignore lint/nursery/noMisusedPromises: Fastify awaits async plugins (FastifyPluginAsync); Biome picks the callback overload.
    if (module.rootRoutes) await app.register(async (root: App) => module.rootRoutes?.(root, ctx));
  }

  const webDist = config.webDistDir ?? defaultWebDist();
  if (webDist) {
    await app.register(fastifyStatic, {
      root: webDist,
      // Looked up per request, so a rebuilt web app is served without a restart.
      wildcard: true,
      setHeaders: (res, path) => {
        // Hashed assets never change; index.html must be revalidated to pick up a new build.
        res.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    // A missing script or asset is a 404, never index.html (a stale tab must not run HTML as JS).
    const isFile = /\.[A-Za-z0-9]+$/.test(path);
    if (isApiPath(request.url) && hasOverlongSegment(path)) throw new DomainError('uri-too-long');
    if (!webDist || isApiPath(request.url) || request.method !== 'GET' || isFile) throw new DomainError('not-found');
    // Client-side routes of each app: the worker app under /m, the resident portal under /r, the big screen under /screen, else the desk.
    return reply.header('cache-control', 'no-cache').sendFile(appEntryFor(path));
  });

  return app;
}

/** The HTML entry of the app that owns a client-side route. */
export function appEntryFor(path: string): string {
  if (path === '/m' || path.startsWith('/m/')) return 'm/index.html';
  if (path === '/r' || path.startsWith('/r/')) return 'r/index.html';
  if (path === '/screen' || path.startsWith('/screen/')) return 'screen/index.html';
  return 'index.html';
}
