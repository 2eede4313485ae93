import rateLimit from '@fastify/rate-limit';
import type { Locale } from '@yiwang/contracts';
import { Open311ApiKeyQuery, Open311FileParams, Open311PostRequestBody, Open311RequestsQuery } from '@yiwang/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { domainErrorOf, presentFields } from '../../platform/error-handler.js';
import { DomainError, httpStatusOf } from '../../platform/errors.js';
import type { App } from '../../platform/http.js';
import { translate } from '../../platform/i18n.js';
import { statusOf } from '../../platform/write-result.js';
import type { CaseDeps } from '../cases/index.js';
import type { FormAnswersInput } from '../catalog/index.js';
import type { PhotoStorage } from '../photos/index.js';
import {
  discoveryXml,
  errorsXml,
  type Open311Discovery,
  type Open311Error,
  requestsXml,
  serviceDefinitionXml,
  servicesXml,
} from './present-open311.js';
import { describeService, listServices } from './use-cases/describe-services.js';
import { findToken, getRequest, listRequests, readReportedPhoto } from './use-cases/query-requests.js';
import { submitServiceRequest } from './use-cases/submit-request.js';
import { type XmlElement, xmlDocument } from './xml.js';

const PREFIX = '/open311/v2';
const FORMATS = ['json', 'xml'] as const;
type Format = (typeof FORMATS)[number];

/** `{id}.json` / `{id}.xml` → the id and format; anything else is not a resource here. */
function fileOf(file: string): { id: string; format: Format } {
  const match = /^(.+)\.(json|xml)$/.exec(file);
  if (!match) throw new DomainError('not-found');
  return { id: match[1] as string, format: match[2] as Format };
}

const formatOfUrl = (url: string): Format => ((url.split('?')[0] ?? '').endsWith('.xml') ? 'xml' : 'json');

function send(reply: FastifyReply, format: Format, status: number, json: unknown, xml: XmlElement) {
  reply.status(status);
  return format === 'xml'
    ? reply.type('text/xml; charset=utf-8').send(xmlDocument(xml))
    : reply.type('application/json; charset=utf-8').send(JSON.stringify(json));
}

/** GeoReport's numeric fields: a form body is text, and JSON bodies are not coerced (input-guard.ts). */
const NUMERIC_FIELDS = new Set(['lat', 'long']);

/** Form bodies (the GeoReport way): repeated keys and `attribute[code][]` become lists; lat and long numbers. */
function parseForm(text: string): Record<string, string | string[] | number> {
  const out: Record<string, string | string[] | number> = {};
  for (const [rawKey, value] of new URLSearchParams(text)) {
    // An empty optional field (`email=`) is no field, as in the query (see dropEmptyQueryValues).
    if (value === '') continue;
    const key = rawKey.endsWith('[]') ? rawKey.slice(0, -2) : rawKey;
    const existing = out[key];
    if (existing === undefined) out[key] = rawKey.endsWith('[]') ? [value] : value;
    else out[key] = Array.isArray(existing) ? [...existing, value] : [String(existing), value];
  }
  for (const key of NUMERIC_FIELDS) {
    const text = out[key];
    // Anything but a plain number stays text, and the schema names the field.
    if (typeof text === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(text)) out[key] = Number(text);
  }
  return out;
}

/** attribute[code]=value pairs of a form body, or an `attribute` object of a JSON body. */
function attributesOf(body: Record<string, unknown>): FormAnswersInput {
  const answers: Record<string, string | string[] | number> = {};
  const nested = body.attribute;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) Object.assign(answers, nested);
  for (const [key, value] of Object.entries(body)) {
    const match = /^attribute\[([^\]]+)\]$/.exec(key);
    if (match && (typeof value === 'string' || Array.isArray(value))) answers[match[1] as string] = value as string;
  }
  return answers;
}

/** GeoReport answers a missing or unknown api_key with 403 and this, whatever the desk would say. */
const API_KEY_REFUSED: Readonly<Record<Locale, string>> = {
  'zh-CN': '缺少 api_key 或 api_key 无效，请向平台管理员申请（系统管理 → API 密钥）。',
  'en-US': 'Invalid or missing api_key; ask the platform administrator for one (System → API keys).',
};

/**
 * GeoReport errors: [{code, description}] with the HTTP status as code (400 bad input, 403
 * api_key, 404 unknown …), one error per problem (each field at fault its own), described
 * in the reader's language and naming the field.
 */
function open311ErrorsOf(
  error: FastifyError | DomainError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): Open311Error[] | null {
  const locale = request.locale;
  const domain = domainErrorOf(error, reply);
  if (!domain) return null;
  if (domain.code === 'forbidden' || domain.code === 'unauthenticated')
    return [{ code: 403, description: API_KEY_REFUSED[locale] }];
  const status = httpStatusOf(domain.code);
  if (status >= 500) return null;
  const colon = locale === 'zh-CN' ? '：' : ': ';
  const summary = translate(locale, domain.code, domain.params);
  const fields = presentFields(
    locale,
    domain.fields.map((f) => ({ ...f, field: f.field.replace(/^formAnswers\./, 'attribute.') })),
  );
  if (fields.length === 0) return [{ code: status, description: summary }];
  return fields.map((f) => ({ code: status, description: `${summary} ${f.field}${colon}${f.message}` }));
}

/**
 * GeoReport clients send optional parameters empty (`?status=&service_code=`): an empty
 * value is no filter, not a bad one.
 */
function dropEmptyQueryValues(request: FastifyRequest) {
  const query = request.query as Record<string, unknown> | undefined;
  if (!query || typeof query !== 'object') return;
  for (const [key, value] of Object.entries(query)) if (value === '') delete query[key];
}

/**
 * The Open311 GeoReport v2 server: discovery, services, service definitions, POST and
 * GET requests, tokens, in .json and .xml. Reads are public, limited per address, list only
 * the cases of matters listed publicly and show no personal data;
 * POST takes an API key as `api_key`. Its own plugin, with GeoReport's error format and
 * a form-body parser.
 */
/** This server's origin as the caller reached it (behind a proxy, with YIWANG_TRUST_PROXY). */
const originOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/** The public reads (requests, tokens, media) count towards this per-address limit. */
const PUBLIC_READ = { config: { rateLimit: {} } } as const;

export async function open311Routes(
  app: App,
  deps: CaseDeps,
  storage: PhotoStorage,
  publicRateLimit: { max: number; windowSeconds: number },
) {
  const { db } = deps;
  await app.register(
    // biome-ignore lint/nursery/noMisusedPromises: Fastify awaits async plugins (FastifyPluginAsync); Biome picks the callback overload.
    async (scope: App) => {
      // Reads need no key: like following a case, they are limited per address (a clear 429).
      await scope.register(rateLimit, {
        global: false,
        max: publicRateLimit.max,
        timeWindow: publicRateLimit.windowSeconds * 1000,
        errorResponseBuilder: (_request, context) =>
          new DomainError('rate-limited', { seconds: Math.ceil(context.ttl / 1000) }),
      });
      scope.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string', bodyLimit: 64 * 1024 },
        (_request, body, done) => done(null, parseForm(body as string)),
      );
      scope.addHook('preValidation', async (request) => dropEmptyQueryValues(request));
      scope.setErrorHandler((error: FastifyError | DomainError | Error, request, reply) => {
        const known = open311ErrorsOf(error, request, reply);
        const errors: Open311Error[] = known ?? [
          { code: 500, description: translate(request.locale, 'internal', { requestId: String(request.id) }) },
        ];
        if (!known) request.log.error({ err: error }, 'unhandled error');
        return send(reply, formatOfUrl(request.url), errors[0]?.code ?? 500, errors, errorsXml(errors));
      });
      scope.setNotFoundHandler((request, reply) => {
        const body: Open311Error = { code: 404, description: translate(request.locale, 'not-found') };
        return send(reply, formatOfUrl(request.url), 404, [body], errorsXml([body]));
      });

      for (const format of FORMATS) {
        scope.get(`/discovery.${format}`, { schema: { tags: ['open311'] } }, async (request, reply) => {
          const discovery: Open311Discovery = {
            changeset: '2026-01-01T00:00:00+08:00',
            contact: 'Yiwang (一网) command center',
            key_service: 'API keys are issued by administrators (系统管理 → API 密钥).',
            endpoints: [
              {
                specification: 'http://wiki.open311.org/GeoReport_v2',
                url: `${originOf(request)}${PREFIX}`,
                changeset: '2026-01-01T00:00:00+08:00',
                type: 'production',
                formats: ['text/xml', 'application/json'],
              },
            ],
          };
          return send(reply, format, 200, discovery, discoveryXml(discovery));
        });

        scope.get(`/services.${format}`, { schema: { tags: ['open311'] } }, async (request, reply) => {
          const services = await listServices(db, request.locale);
          return send(reply, format, 200, services, servicesXml(services));
        });

        scope.post(
          `/requests.${format}`,
          { schema: { tags: ['open311'], body: Open311PostRequestBody, querystring: Open311ApiKeyQuery } },
          async (request, reply) => {
            const body = request.body;
            const result = await submitServiceRequest(deps, {
              apiKey: body.api_key ?? request.query.api_key,
              body,
              attributes: attributesOf(body as Record<string, unknown>),
              requestId: String(request.id),
              locale: request.locale,
              now: new Date(),
            });
            return send(reply, format, statusOf(result.kind), [result.value], requestsXml([result.value]));
          },
        );

        scope.get(
          `/requests.${format}`,
          { ...PUBLIC_READ, schema: { tags: ['open311'], querystring: Open311RequestsQuery } },
          async (request, reply) => {
            const requests = await listRequests(db, request.query, {
              locale: request.locale,
              origin: originOf(request),
              now: new Date(),
            });
            return send(reply, format, 200, requests, requestsXml(requests));
          },
        );
      }

      scope.get(
        '/services/:file',
        { schema: { tags: ['open311'], params: Open311FileParams } },
        async (request, reply) => {
          const { id, format } = fileOf(request.params.file);
          const definition = await describeService(db, id, request.locale);
          return send(reply, format, 200, definition, serviceDefinitionXml(definition));
        },
      );

      scope.get(
        '/requests/:file',
        { ...PUBLIC_READ, schema: { tags: ['open311'], params: Open311FileParams } },
        async (request, reply) => {
          const { id, format } = fileOf(request.params.file);
          const found = await getRequest(db, id, { locale: request.locale, origin: originOf(request) });
          return send(reply, format, 200, [found], requestsXml([found]));
        },
      );

      scope.get(
        '/media/:file',
        {
          ...PUBLIC_READ,
          schema: {
            tags: ['open311'],
            summary:
              'The shared copy (no EXIF, no GPS) of a photo reported with a request: the media_url of requests without their own',
            params: Open311FileParams,
          },
        },
        async (request, reply) => {
          const match = /^([0-9a-f-]{36})\.jpg$/i.exec(request.params.file);
          const bytes = match ? await readReportedPhoto(db, storage, match[1] as string) : null;
          if (!bytes) throw new DomainError('not-found');
          // The bytes of an id never change.
          return reply.type('image/jpeg').header('cache-control', 'public, max-age=86400').send(bytes);
        },
      );

      scope.get(
        '/tokens/:file',
        { ...PUBLIC_READ, schema: { tags: ['open311'], params: Open311FileParams } },
        async (request, reply) => {
          const { id, format } = fileOf(request.params.file);
          const found = await findToken(db, id);
          return send(reply, format, 200, [found], requestsXml([found]));
        },
      );
    },
    { prefix: PREFIX },
  );
}
