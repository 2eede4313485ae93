import { HotlineWorkOrder, HotlineWorkOrderAccepted } from '@yiwang/contracts';
import type { FastifyRequest } from 'fastify';
import type { HotlineConfig } from '../../platform/config.js';
import { DomainError } from '../../platform/errors.js';
import type { App } from '../../platform/http.js';
import { statusOf } from '../../platform/write-result.js';
import type { CaseDeps } from '../cases/index.js';
import { verifyHotlineSignature } from './signature.js';
import { receiveWorkOrder } from './use-cases/receive-work-order.js';
import { refuseWorkOrder } from './use-cases/refuse-work-order.js';

/** The body as received: the signature is checked on these bytes before anything is parsed or stored. */
interface SignedBody {
  raw: Buffer;
  json: { ok: true; value: unknown } | { ok: false };
}

const header = (request: FastifyRequest, name: string) => {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * The 12345 hotline webhook. Its own plugin, so only here is JSON read as raw bytes: a
 * missing or wrong signature (or a stale timestamp) is answered 401 before the body is
 * parsed, and leaves only an audit row ('hotline.rejected', 'denied', with the reason).
 */
export async function hotlineRoutes(app: App, deps: CaseDeps, hotline: HotlineConfig) {
  // biome-ignore lint/nursery/noMisusedPromises: Fastify awaits async plugins (FastifyPluginAsync); Biome picks the callback overload.
  await app.register(async (scope: App) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, raw, done) => {
      const buffer = raw as Buffer;
      let json: SignedBody['json'];
      try {
        json = { ok: true, value: JSON.parse(buffer.toString('utf8')) };
      } catch {
        json = { ok: false };
      }
      done(null, { raw: buffer, json } satisfies SignedBody);
    });

    scope.post(
      '/integrations/hotline/work-orders',
      {
        schema: {
          tags: ['integrations'],
          summary: '12345 hotline: receive a work order (HMAC-signed; see README)',
          security: [],
          body: HotlineWorkOrder,
          response: { 200: HotlineWorkOrderAccepted, 201: HotlineWorkOrderAccepted },
        },
        preValidation: async (request) => {
          const signed = request.body as unknown as SignedBody | undefined;
          const check = verifyHotlineSignature({
            secret: hotline.secret,
            signature: header(request, 'x-hotline-signature'),
            timestamp: header(request, 'x-hotline-timestamp'),
            body: signed?.raw ?? Buffer.alloc(0),
            now: new Date(),
            maxSkewSeconds: hotline.maxSkewSeconds,
          });
          if (!check.ok) {
            await refuseWorkOrder(deps, {
              context: { actor: null, requestId: String(request.id) },
              reason: check.reason,
            });
            throw new DomainError('unauthenticated');
          }
          if (!signed?.json.ok) throw new DomainError('validation', {}, [{ field: 'body', code: 'json' }]);
          request.body = signed.json.value as typeof request.body;
        },
      },
      async (request, reply) => {
        const result = await receiveWorkOrder(deps, {
          context: { actor: null, requestId: String(request.id) },
          order: request.body,
          now: new Date(),
        });
        return reply.status(statusOf(result.kind)).send(result.value);
      },
    );
  });
}
