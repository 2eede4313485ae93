import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { Photo } from '@yiwang/contracts';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../test/app.js';
import { startTestBucket } from '../../test/s3-server.js';
import { auditLog } from '../audit/audit.tables.js';
import { readExifFacts } from './exif.js';
import { photoStorageFor } from './photo-storage-for.js';
import { createS3PhotoStorage } from './photo-storage-s3.js';
import { photosRepository } from './photos.repository.js';
import { photos } from './photos.tables.js';
import { attachPhotosToCase } from './use-cases/attach-photos-to-case.js';

let t: TestApp;
let admin: Client;
let operator: Client;
let workstation: Client;
let gridworker: Client;
let resident: Client;
/** workstation_staff of 云亭街道's first community: another town, another community. */
let otherWorkstation: Client;

beforeAll(async () => {
  t = await createTestApp();
  [admin, operator, workstation, gridworker, resident] = await Promise.all([
    t.login('admin'),
    t.login('operator'),
    t.login('workstation'),
    t.login('gridworker'),
    t.login('resident'),
  ]);
  const created = await admin.post('/api/users', {
    username: 'ws-other',
    displayName: '其他社区工作站',
    password: 'Other-community-2026',
    roles: ['workstation_staff'],
    scopeRegionCode: '320281004001',
  });
  expect(created.statusCode).toBe(201);
  otherWorkstation = await t.login('ws-other', 'Other-community-2026');
});
afterAll(async () => {
  await t.close();
  await rm(t.config.dataDir, { recursive: true, force: true });
});

// ── test images ─────────────────────────────────────────────────────────────────────

/**
 * 3000 × 1000 as stored, left half red and right half blue, with EXIF orientation 6
 * (display rotated 90° clockwise: 1000 × 3000, red on top), a GPS position and a time.
 */
const phonePhoto = (serial = 1) =>
  sharp({ create: { width: 3000, height: 1000, channels: 3, background: { r: 220, g: 20, b: 20 } } })
    .composite([
      {
        input: { create: { width: 1500, height: 1000, channels: 3, background: { r: 20, g: 20, b: 220 } } },
        left: 1500,
        top: 0,
      },
    ])
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'TestPhone', Model: `Grid PAD ${serial}` },
      IFD2: { DateTimeOriginal: '2025:06:01 09:30:00', OffsetTimeOriginal: '+08:00' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '31/1 54/1 3000/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '120/1 17/1 0/1',
      },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();

const smallPng = (seed: number) =>
  sharp({ create: { width: 50, height: 40, channels: 4, background: { r: seed % 256, g: 100, b: 50, alpha: 0.5 } } })
    .png()
    .toBuffer();

function multipart(bytes: Buffer, { field = 'file', filename = 'photo.jpg', type = 'image/jpeg' } = {}) {
  const boundary = `----yiwang${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
const uploadForm = (client: Client, bytes: Buffer, options?: Parameters<typeof multipart>[1]) =>
  client.request({ method: 'POST', url: '/api/photos', ...multipart(bytes, options) });
const uploadRaw = (client: Client, bytes: Buffer, type: string) =>
  client.request({ method: 'POST', url: '/api/photos', payload: bytes, headers: { 'content-type': type } });

async function uploaded(client: Client, bytes: Buffer): Promise<Photo> {
  const r = await uploadForm(client, bytes);
  expect(r.statusCode, r.body).toBe(201);
  return r.json<Photo>();
}
const pixel = async (jpeg: Buffer, left: number, top: number) => {
  const [r = 0, g = 0, b = 0] = await sharp(jpeg).extract({ left, top, width: 1, height: 1 }).raw().toBuffer();
  return { r, g, b };
};
const auditRows = (objectId: string, action: string) =>
  t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.objectId, objectId), eq(auditLog.action, action)));

// ── upload ──────────────────────────────────────────────────────────────────────────

describe('uploading a photo', () => {
  it('keeps the original with its GPS, and shows others an upright, smaller copy without any metadata', async () => {
    const original = await phonePhoto();
    expect(readExifFacts((await sharp(original).metadata()).exif).hasLocation).toBe(true);

    const r = await uploadForm(gridworker, original, { filename: 'IMG_0001.JPG' });
    expect(r.statusCode, r.body).toBe(201);
    const photo = r.json<Photo>();
    expect(r.headers.location).toBe(`/api/photos/${photo.id}`);
    expect(photo).toEqual({
      id: expect.any(String),
      contentType: 'image/jpeg',
      width: 1000,
      height: 3000,
      byteSize: original.length,
      takenAt: '2025-06-01T01:30:00.000Z',
      hasLocation: true,
      createdAt: expect.any(String),
      urls: { image: `/api/photos/${photo.id}/image`, thumbnail: `/api/photos/${photo.id}/thumbnail` },
    });

    const image = await gridworker.get(photo.urls.image);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect(image.headers['cache-control']).toBe('private, max-age=86400');
    const thumbnail = await gridworker.get(photo.urls.thumbnail);
    expect(thumbnail.statusCode).toBe(200);
    expect(thumbnail.headers['content-type']).toBe('image/jpeg');

    for (const [copy, longSide] of [
      [image.rawPayload, 2048],
      [thumbnail.rawPayload, 320],
    ] as const) {
      const metadata = await sharp(copy).metadata();
      expect(metadata).toMatchObject({ format: 'jpeg', height: longSide });
      expect(Math.abs(metadata.width - longSide / 3)).toBeLessThanOrEqual(1); // aspect kept
      expect(metadata.exif).toBeUndefined();
      expect(metadata.xmp).toBeUndefined();
      expect(metadata.iptc).toBeUndefined();
      expect(metadata.orientation).toBeUndefined();
      expect(copy.includes('Exif')).toBe(false);
      expect(copy.includes('TestPhone')).toBe(false);
    }
    // Orientation baked into the pixels: the stored left (red) half is now on top.
    expect(await pixel(image.rawPayload, 340, 200)).toMatchObject({ r: expect.toSatisfy((v) => v > 150) });
    expect(await pixel(image.rawPayload, 340, 1800)).toMatchObject({ b: expect.toSatisfy((v) => v > 150) });

    const [audit, ...more] = await auditRows(photo.id, 'photo.upload');
    expect(more).toEqual([]);
    expect(audit?.details).toEqual({
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      contentType: 'image/jpeg',
      byteSize: original.length,
      width: 1000,
      height: 3000,
      hasLocation: true,
    });
  });

  it('shows a bare, upright JPEG (as the apps send, re-encoded on the phone) as it is, and still thumbnails it', async () => {
    const bare = await sharp({
      create: {
        width: 1200,
        height: 900,
        channels: 3,
        background: '#808080',
        noise: { type: 'gaussian', mean: 128, sigma: 30 },
      },
    })
      .jpeg({ quality: 80 })
      .toBuffer();
    const photo = (await uploadForm(gridworker, bare)).json<Photo>();
    const image = await gridworker.get(photo.urls.image);
    expect(image.rawPayload.equals(bare)).toBe(true);
    // One file holds both the original and the shared copy; no thumbnail until it is first asked for.
    const [row] = await t.database.db.select().from(photos).where(eq(photos.id, photo.id));
    expect(row?.redactedKey).toBe(row?.originalKey);
    const storage = photoStorageFor(t.config);
    expect(await storage.get(row?.thumbnailKey as string)).toBeUndefined();
    const first = (await gridworker.get(photo.urls.thumbnail)).rawPayload;
    expect(await sharp(first).metadata()).toMatchObject({ format: 'jpeg', width: 320, height: 240 });
    expect((await storage.get(row?.thumbnailKey as string))?.equals(first)).toBe(true);
    expect((await gridworker.get(photo.urls.thumbnail)).rawPayload.equals(first)).toBe(true);
  });

  it('shows a bare JPEG whose picture data is damaged (accepted undecoded) as its own thumbnail, not an error', async () => {
    const bare = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3366cc' } })
      .jpeg({ quality: 80 })
      .toBuffer();
    // Keep the headers and the end marker; cut the picture data short (no FF byte is written, so the
    // structure still reads as a bare JPEG).
    const sos = bare.indexOf(Buffer.from([0xff, 0xda]));
    const damaged = Buffer.concat([
      bare.subarray(0, sos + 2 + bare.readUInt16BE(sos + 2)),
      Buffer.from([0x12, 0x34, 0xff, 0xd9]),
    ]);
    const r = await uploadForm(gridworker, damaged);
    expect(r.statusCode, r.body).toBe(201);
    const thumbnail = await gridworker.get(r.json<Photo>().urls.thumbnail);
    expect(thumbnail.statusCode).toBe(200);
    expect(thumbnail.rawPayload.equals(damaged)).toBe(true);
  });

  it('accepts a PNG sent as the raw body, and WebP; shows both as JPEG', async () => {
    const png = await smallPng(1);
    const r = await uploadRaw(resident, png, 'image/png');
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({
      contentType: 'image/png',
      width: 50,
      height: 40,
      hasLocation: false,
      takenAt: null,
    });
    const image = await resident.get(r.json().urls.image);
    expect(await sharp(image.rawPayload).metadata()).toMatchObject({ format: 'jpeg', width: 50, height: 40 });

    const webp = await sharp(png).webp().toBuffer();
    const w = await uploadForm(gridworker, webp, { filename: 'x.bin', type: 'application/octet-stream' });
    expect(w.statusCode, w.body).toBe(201);
    expect(w.json().contentType).toBe('image/webp');
  });

  it('judges the type by content: a text file named .jpg is refused with 415 naming the accepted types', async () => {
    const text = Buffer.from('这不是照片 / not a photo\n'.repeat(20));
    const asForm = await uploadForm(gridworker, text, { filename: 'evidence.jpg', type: 'image/jpeg' });
    expect(asForm.statusCode).toBe(415);
    expect(asForm.json().error).toMatchObject({ code: 'photo-type-not-accepted' });
    // Plain words for a person holding a phone, not how the server judges files.
    expect(asForm.json().error.message).toBe(
      '这个文件不是照片，无法上传。请拍一张照片，或从相册里选一张照片（JPG、PNG 或 WebP 格式）。',
    );

    const asRaw = await uploadRaw(gridworker, text, 'image/jpeg');
    expect(asRaw.statusCode).toBe(415);
    const declaredText = await uploadRaw(gridworker, text, 'text/plain');
    expect(declaredText.statusCode).toBe(415);
    expect(declaredText.json().error.code).toBe('photo-type-not-accepted');

    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    const asGif = await uploadRaw(gridworker, gif, 'image/jpeg');
    expect(asGif.statusCode).toBe(415);
    expect(asGif.json().error.code).toBe('photo-type-not-accepted');
  });

  it('refuses more than 10 MB with 413 and says the limit, whether raw or multipart', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
    big.set([0xff, 0xd8, 0xff, 0xe0]);
    const raw = await uploadRaw(gridworker, big, 'image/jpeg');
    expect(raw.statusCode).toBe(413);
    expect(raw.json().error).toMatchObject({ code: 'photo-too-large', message: expect.stringContaining('10 MB') });
    const form = await uploadForm(gridworker, big);
    expect(form.statusCode).toBe(413);
    expect(form.json().error.code).toBe('photo-too-large');
  });

  it('answers 422 for a file that starts like a JPEG but is broken', async () => {
    const broken = (await phonePhoto(3)).subarray(0, 2000);
    const r = await uploadForm(gridworker, broken);
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe('photo-unreadable');
  });

  it('refuses a photo of more pixels than it may decode with 422 saying the limit, not that it is damaged', async () => {
    // A real PNG header for 30000×30000 (900 MP), with a few bytes of picture data: enough
    // for anything that reads the header, as a decompression bomb would be.
    const chunk = (type: string, data: Buffer) => {
      const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
      const length = Buffer.alloc(4);
      length.writeUInt32BE(data.length);
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(crc32(body));
      return Buffer.concat([length, body, crc]);
    };
    const header = Buffer.alloc(13);
    header.writeUInt32BE(30_000, 0);
    header.writeUInt32BE(30_000, 4);
    header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
    const huge = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(Buffer.alloc(90_001))),
      chunk('IEND', Buffer.alloc(0)),
    ]);
    const r = await uploadForm(gridworker, huge, { type: 'image/png', filename: 'huge.png' });
    expect(r.statusCode).toBe(422);
    expect(r.json().error).toMatchObject({
      code: 'photo-too-many-pixels',
      message: '照片尺寸过大（30000×30000 像素），最多 100 百万像素。请缩小后重新上传。',
    });
  });

  it('wants the file in the field `file`, and a signed-in caller', async () => {
    const png = await smallPng(2);
    const wrongField = await uploadForm(gridworker, png, { field: 'photo' });
    expect(wrongField.statusCode).toBe(400);
    expect(wrongField.json().error.details).toEqual([expect.objectContaining({ field: 'file', code: 'required' })]);
    const empty = await uploadRaw(gridworker, Buffer.alloc(0), 'image/png');
    expect(empty.statusCode).toBe(400);
    const { payload, headers } = multipart(png);
    const cutShort = await gridworker.request({
      method: 'POST',
      url: '/api/photos',
      payload: payload.subarray(0, 150),
      headers,
    });
    expect(cutShort.statusCode).toBe(400);
    expect(cutShort.json().error.details).toEqual([expect.objectContaining({ field: 'file', code: 'invalid' })]);
    const noBoundary = await uploadRaw(gridworker, payload, 'multipart/form-data');
    expect(noBoundary.statusCode).toBe(400);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/photos',
      payload: png,
      headers: { 'content-type': 'image/png' },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('answers a re-sent file with the photo already uploaded (200), once per uploader', async () => {
    const png = await smallPng(3);
    const first = await uploadRaw(gridworker, png, 'image/png');
    expect(first.statusCode).toBe(201);
    const again = await uploadForm(gridworker, png, { filename: 'again.png' });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect(await auditRows(first.json().id, 'photo.upload')).toHaveLength(1);
    const byOther = await uploadRaw(workstation, png, 'image/png');
    expect(byOther.statusCode).toBe(201);
    expect(byOther.json().id).not.toBe(first.json().id);
  });

  it('keeps keyed uploads of the same file apart: the key, not the content, names a retry', async () => {
    // The worker app sends one picture for two reports before either is attached: two
    // photos, so that each report can attach its own (merged, the second could not).
    const png = await smallPng(4);
    const send = (key: string) => {
      const form = multipart(png);
      return gridworker.request({
        method: 'POST',
        url: '/api/photos',
        payload: form.payload,
        headers: { ...form.headers, 'idempotency-key': key },
      });
    };
    const one = await send(`photo-${randomUUID()}`);
    const otherKey = `photo-${randomUUID()}`;
    const two = await send(otherKey);
    expect([one.statusCode, two.statusCode]).toEqual([201, 201]);
    expect(two.json().id).not.toBe(one.json().id);
    // A retry under a key still answers its first photo.
    const retry = await send(otherKey);
    expect(retry.statusCode).toBe(201);
    expect(retry.json().id).toBe(two.json().id);
    const scopePath = '320281/320281001/320281001001';
    const attach = (photoId: string) =>
      t.database.db.transaction((tx) =>
        attachPhotosToCase(tx, { caseId: randomUUID(), photoIds: [photoId], scopePath }),
      );
    expect(await attach(one.json().id)).toEqual({ ok: true });
    expect(await attach(two.json().id)).toEqual({ ok: true });
  });
});

// ── reading and scope ───────────────────────────────────────────────────────────────

describe('reading photos', () => {
  let photo: Photo;
  beforeAll(async () => {
    photo = await uploaded(gridworker, await smallPng(10));
  });

  it('is allowed within the uploader’s scope (community 文定社区 and above)', async () => {
    for (const client of [gridworker, workstation, operator, admin]) {
      const r = await client.get(`/api/photos/${photo.id}`);
      expect(r.statusCode).toBe(200);
      expect(r.json()).toEqual(photo);
    }
  });

  it('shows a resident only their own photos (others’ photos of their cases only through the public view), not staff’s', async () => {
    for (const url of [`/api/photos/${photo.id}`, photo.urls.image, photo.urls.thumbnail]) {
      expect((await resident.get(url)).statusCode).toBe(404);
    }
    const own = await uploaded(resident, await smallPng(12));
    expect((await resident.get(`/api/photos/${own.id}`)).statusCode).toBe(200);
    expect((await resident.get(own.urls.thumbnail)).statusCode).toBe(200);
  });

  it('answers 404 outside it: a workstation of another community sees nothing', async () => {
    for (const url of [`/api/photos/${photo.id}`, photo.urls.image, photo.urls.thumbnail]) {
      const r = await otherWorkstation.get(url);
      expect(r.statusCode).toBe(404);
      expect(r.json().error.code).toBe('not-found');
    }
    expect((await gridworker.get(`/api/photos/${randomUUID()}`)).statusCode).toBe(404);
  });

  it('scopes a photo by its uploader’s scope: the county’s photos are not the community’s', async () => {
    const county = await uploaded(admin, await smallPng(11));
    expect((await admin.get(`/api/photos/${county.id}`)).statusCode).toBe(200);
    expect((await operator.get(`/api/photos/${county.id}`)).statusCode).toBe(404);
    expect((await gridworker.get(county.urls.image)).statusCode).toBe(404);
  });
});

describe('the original (evidence)', () => {
  let photo: Photo;
  let original: Buffer;
  beforeAll(async () => {
    original = await phonePhoto(2);
    photo = await uploaded(gridworker, original);
  });
  const originalUrl = (purpose?: string) =>
    `/api/photos/${photo.id}/original${purpose === undefined ? '' : `?purpose=${encodeURIComponent(purpose)}`}`;

  it('needs a stated purpose: 400 with a field error otherwise', async () => {
    for (const url of [originalUrl(), originalUrl('x'), originalUrl('x'.repeat(201)), originalUrl('  ')]) {
      const r = await operator.get(url);
      expect(r.statusCode, url).toBe(400);
      expect(r.json().error.details).toEqual([expect.objectContaining({ field: 'purpose' })]);
    }
    expect(await auditRows(photo.id, 'photo.original.view')).toEqual([]);
  });

  it('gives the unchanged bytes, GPS included, and logs the access with its purpose', async () => {
    const purpose = '复核上报证据（投诉件 2026-0001）';
    const r = await operator.get(originalUrl(purpose));
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('image/jpeg');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.rawPayload.equals(original)).toBe(true);
    expect(readExifFacts((await sharp(r.rawPayload).metadata()).exif).hasLocation).toBe(true);

    const rows = await auditRows(photo.id, 'photo.original.view');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorId: operator.session.user.id,
      objectType: 'photo',
      outcome: 'success',
      requestId: r.headers['x-request-id'],
      details: { purpose },
    });
    await operator.get(originalUrl(purpose));
    expect(await auditRows(photo.id, 'photo.original.view')).toHaveLength(2);
  });

  it('is for operators, supervisors and admins only, and within their scope', async () => {
    const purpose = '核实';
    expect((await admin.get(originalUrl(purpose))).statusCode).toBe(200);
    for (const client of [gridworker, workstation, resident]) {
      const r = await client.get(originalUrl(purpose));
      expect(r.statusCode).toBe(403);
      expect(r.json().error.code).toBe('forbidden');
    }
    const county = await uploaded(admin, await smallPng(20));
    expect((await operator.get(`/api/photos/${county.id}/original?purpose=${purpose}`)).statusCode).toBe(404);
    const supervisor = await admin.post('/api/users', {
      username: 'supervisor-1',
      displayName: '督查员',
      password: 'Supervisor-2026',
      roles: ['supervisor'],
      scopeRegionCode: '320281001001',
    });
    expect(supervisor.statusCode).toBe(201);
    const asSupervisor = await t.login('supervisor-1', 'Supervisor-2026');
    expect((await asSupervisor.get(originalUrl(purpose))).statusCode).toBe(200);
  });
});

// ── for the cases module ─────────────────────────────────────────────────────────────

describe('attachPhotosToCase', () => {
  it('attaches photos in scope to a case, refuses others, and lets a re-sent file become a new photo', async () => {
    const png = await smallPng(30);
    const a = await uploaded(gridworker, png);
    const b = await uploaded(gridworker, await smallPng(31));
    const county = await uploaded(admin, await smallPng(32));
    const scopePath = '320281/320281001/320281001001';
    const caseId = randomUUID();
    const attach = (photoIds: string[], id = caseId, casePath?: string) =>
      t.database.db.transaction((tx) =>
        attachPhotosToCase(tx, { caseId: id, photoIds, scopePath, ...(casePath ? { casePath } : {}) }),
      );

    expect(await attach([county.id, a.id])).toEqual({ ok: false, reason: 'not-found', photoIds: [county.id] });
    expect(await attach([a.id, b.id, a.id])).toEqual({ ok: true });
    expect(await attach([a.id])).toEqual({ ok: true }); // again: no-op
    expect(await attach([a.id], randomUUID())).toEqual({ ok: false, reason: 'attached-elsewhere', photoIds: [a.id] });
    const onCase = await photosRepository.listForCase(t.database.db, caseId, scopePath);
    expect(onCase.map((p) => p.id).sort()).toEqual([a.id, b.id].sort());

    // Attached, the earlier upload is no longer a retry target: the same file is a new photo.
    const again = await uploadRaw(gridworker, png, 'image/png');
    expect(again.statusCode).toBe(201);
    expect(again.json().id).not.toBe(a.id);

    // With the case's path, photos take the case's place (their reads follow the case itself).
    const deeper = `${scopePath}/32028100100101`;
    expect(await attach([again.json().id], randomUUID(), deeper)).toEqual({ ok: true });
    expect((await photosRepository.findById(t.database.db, again.json().id))?.scopePath).toBe(deeper);
  });
});

describe('photos in an S3-compatible bucket (YIWANG_S3_*)', () => {
  it('puts the original and the shared copy in the bucket, none on the disk, and serves them back', async () => {
    const s3 = await startTestBucket();
    const withBucket = await createTestApp({ config: { photoBucket: s3.bucket } });
    try {
      const worker = await withBucket.login('gridworker');
      const r = await uploadRaw(worker, await phonePhoto(), 'image/jpeg');
      expect(r.statusCode, r.body).toBe(201);
      const photo = r.json<Photo>();
      const [row] = await withBucket.database.db.select().from(photos).where(eq(photos.id, photo.id));
      const bucket = createS3PhotoStorage(s3.bucket);
      const original = await bucket.get(row?.originalKey as string);
      const shared = await bucket.get(row?.redactedKey as string);
      expect(readExifFacts((await sharp(original as Buffer).metadata()).exif).hasLocation).toBe(true);
      expect((await worker.get(photo.urls.image)).rawPayload.equals(shared as Buffer)).toBe(true);
      const thumbnail = await worker.get(photo.urls.thumbnail);
      expect(thumbnail.statusCode).toBe(200);
      expect((await bucket.get(row?.thumbnailKey as string))?.equals(thumbnail.rawPayload)).toBe(true);
      expect(existsSync(join(withBucket.config.dataDir, 'photos'))).toBe(false);
    } finally {
      await withBucket.close();
      await rm(withBucket.config.dataDir, { recursive: true, force: true });
      await s3.close();
    }
  });
});
