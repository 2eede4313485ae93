import multipart from '@fastify/multipart';
import { IdempotencyHeaders, IdParams, PHOTO_CONTENT_TYPES, Photo, PhotoOriginalQuery } from '@yiwang/contracts';
import type { FastifyError, FastifyRequest } from 'fastify';
import { sha256Hex } from '../../platform/crypto.js';
import { handleError } from '../../platform/error-handler.js';
import { DomainError } from '../../platform/errors.js';
import type { App } from '../../platform/http.js';
import { auditContextOf, authorize } from '../accounts/index.js';
import { idempotencyClaimOf, sendIdempotent } from '../idempotency/index.js';
import { megabytes } from './photos.settings.js';
import { presentPhoto } from './present-photo.js';
import type { PhotoDeps } from './use-cases/deps.js';
import { findReadablePhoto, readSharedPhotoFile, type SharedVariant } from './use-cases/read-photo.js';
import { uploadPhoto } from './use-cases/upload-photo.js';
import { viewOriginalPhoto } from './use-cases/view-original-photo.js';

/** The shared copies never change for an id; the browser may keep them, but only for this user. */
const SHARED_CACHE = 'private, max-age=86400';
const EXTENSION = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;
const binary = (contentType: string, description: string) => ({
  description,
  content: { [contentType]: { schema: { type: 'string', format: 'binary' } } },
});

export async function photosRoutes(app: App, deps: PhotoDeps) {
  // biome-ignore lint/nursery/noMisusedPromises: Fastify awaits async plugins (FastifyPluginAsync); Biome picks the callback overload.
  await app.register((scope: App) => uploadRoute(scope, deps));

  app.get(
    '/photos/:id',
    { schema: { tags: ['photos'], summary: 'A photo’s metadata', params: IdParams, response: { 200: Photo } } },
    async (request) => {
      const actor = authorize(request, 'photos.read');
      return presentPhoto(await findReadablePhoto(deps, actor, request.params.id));
    },
  );

  const sharedFile = (variant: SharedVariant, summary: string) =>
    app.get(
      `/photos/:id/${variant}`,
      {
        schema: {
          tags: ['photos'],
          summary,
          params: IdParams,
          response: { 200: binary('image/jpeg', 'JPEG without any metadata') },
        },
      },
      async (request, reply) => {
        const actor = authorize(request, 'photos.read');
        const bytes = await readSharedPhotoFile(deps, await findReadablePhoto(deps, actor, request.params.id), variant);
        return reply.type('image/jpeg').header('cache-control', SHARED_CACHE).send(bytes);
      },
    );
  sharedFile('image', 'The photo as others see it: upright, at most 2048 px, EXIF (GPS) removed');
  sharedFile('thumbnail', 'The photo’s thumbnail: at most 320 px, no metadata');

  app.get(
    '/photos/:id/original',
    {
      schema: {
        tags: ['photos'],
        summary: 'The original as uploaded (EXIF and GPS included): evidence; every access is audited with its purpose',
        params: IdParams,
        querystring: PhotoOriginalQuery,
        response: { 200: binary('image/*', 'The original bytes, unchanged') },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'photos.original');
      const { bytes, contentType } = await viewOriginalPhoto(deps, actor, auditContextOf(request), {
        id: request.params.id,
        purpose: request.query.purpose,
      });
      return reply
        .type(contentType)
        .header('cache-control', 'no-store')
        .header('content-disposition', `inline; filename="photo-${request.params.id}.${EXTENSION[contentType]}"`)
        .send(bytes);
    },
  );
}

/**
 * POST /photos in its own encapsulated scope: the multipart parser, the raw-image
 * parsers and the larger body limit apply to this route only.
 */
async function uploadRoute(scope: App, deps: PhotoDeps) {
  const { maxBytes } = deps.settings;
  await scope.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 10, parts: 12 } });
  // Simple clients may send the image itself as the body; its type is still judged by content.
  scope.addContentTypeParser(
    [...PHOTO_CONTENT_TYPES, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: maxBytes },
    (_request, body, done) => done(null, body),
  );
  // Say what the limit and the accepted types are instead of a bare 413/415.
  scope.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.code === 'FST_REQ_FILE_TOO_LARGE' || error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return handleError(new DomainError('photo-too-large', { limitMb: megabytes(maxBytes) }), request, reply);
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return handleError(new DomainError('photo-type-not-accepted'), request, reply);
    }
    return handleError(error, request, reply);
  });

  scope.post(
    '/photos',
    {
      bodyLimit: maxBytes,
      schema: {
        tags: ['photos'],
        summary: `Upload a photo (JPEG, PNG or WebP by content; at most ${megabytes(maxBytes)} MB): multipart field "file", or the image itself as the body. The same file re-sent by its uploader answers 200 with the earlier photo. Idempotency-Key: the same key and file again gets the first answer.`,
        consumes: ['multipart/form-data', ...PHOTO_CONTENT_TYPES, 'application/octet-stream'],
        headers: IdempotencyHeaders,
        response: { 200: Photo, 201: Photo },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'photos.upload');
      const bytes = await receivedFile(request);
      // The file's hash stands for the body: a key re-sent with another photo is refused.
      const idempotency = idempotencyClaimOf(request, actor, { sha256: sha256Hex(bytes) });
      const outcome = await uploadPhoto(deps, {
        actor,
        context: auditContextOf(request),
        bytes,
        idempotency,
      });
      reply.header('location', `/api/photos/${outcome.value.id}`);
      return sendIdempotent(reply, outcome);
    },
  );
}

/** The uploaded file: the multipart field `file`, or the raw body. */
async function receivedFile(request: FastifyRequest): Promise<Buffer> {
  if (request.isMultipart()) {
    try {
      const file = await request.file();
      if (file?.fieldname === 'file') return await file.toBuffer(); // FST_REQ_FILE_TOO_LARGE past the limit
    } catch (error) {
      // The multipart parser reports a malformed body (no boundary, cut short) as a plain Error.
      if (error instanceof DomainError || (error as Partial<FastifyError>).statusCode) throw error;
      throw new DomainError('validation', {}, [{ field: 'file', code: 'invalid' }]);
    }
    throw new DomainError('validation', {}, [{ field: 'file', code: 'required' }]);
  }
  if (Buffer.isBuffer(request.body) && request.body.length > 0) return request.body;
  if (request.body === undefined || Buffer.isBuffer(request.body)) {
    throw new DomainError('validation', {}, [{ field: 'file', code: 'required' }]);
  }
  throw new DomainError('photo-type-not-accepted'); // e.g. JSON
}
