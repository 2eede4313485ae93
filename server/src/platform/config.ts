import type { KeyObject } from 'node:crypto';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadAuditSigningKey } from './signing-key.js';

/** Everything the platform reads from its environment, parsed once at start-up. */
export interface Config {
  port: number;
  host: string;
  /** Where the embedded database, uploads and the generated secret live. */
  dataDir: string;
  /** PostgreSQL server URL; when unset the embedded PGlite database under dataDir is used. */
  databaseUrl: string | undefined;
  /** 32-byte key for encrypting secrets at rest (TOTP secrets, later ID numbers). */
  secretKey: Buffer;
  /** Cookies get `Secure` when the platform is served over https (directly or behind a proxy). */
  secureCookies: boolean;
  trustProxy: boolean;
  session: { idleMinutes: number; absoluteHours: number };
  lockout: { maxFailures: number; minutes: number };
  loginRateLimit: { max: number; windowSeconds: number };
  /** Resident self-registrations per IP (the resident portal). */
  registerRateLimit: { max: number; windowSeconds: number };
  /** Requests per IP to the public, login-free endpoints (following a case by code and key). */
  publicRateLimit: { max: number; windowSeconds: number };
  requireAdminTotp: boolean;
  logLevel: string;
  /** Serve the built web app from web/dist when present. */
  webDistDir: string | undefined;
  loadDemo: boolean;
  /** Base-map tiles for the desk map; null = no tiles (the map still shows grids, and makes no external request). */
  mapTiles: MapTiles | null;
  hotline: HotlineConfig;
  /** Days a patrol's GPS track is kept (personal data); older tracks are deleted by a periodic sweep. */
  patrolRetentionDays: number;
  /** The most rows one Excel export of a list may hold; more is refused with advice to filter. */
  exportMaxRows: number;
  /** Ed25519 private key that signs audit checkpoints; kept outside the database (see signing-key.ts). */
  auditSigningKey: KeyObject;
  /** Minutes between signed audit checkpoints (one more is made at a clean shutdown). */
  auditCheckpointMinutes: number;
  /** Serve the API docs (Swagger UI, OpenAPI JSON) at /api/docs; YIWANG_API_DOCS, default off in production. */
  apiDocs: boolean;
  /**
   * Server processes sharing the port (YIWANG_PROCESSES, default 1). More than one needs the
   * PostgreSQL server: the embedded database belongs to one process.
   */
  processes: number;
  /** An S3-compatible bucket for photo files (YIWANG_S3_*); null = files under dataDir/photos. */
  photoBucket: PhotoBucket | null;
}

/** Where photos go on S3-compatible storage (MinIO, Aliyun OSS, Tencent COS, AWS): path-style URLs. */
export interface PhotoBucket {
  /** e.g. http://minio.internal:9000 — the bucket name is appended as the first path segment. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** All of endpoint, bucket and both keys, or none: half a bucket setting is refused at start-up. */
function loadPhotoBucket(env: NodeJS.ProcessEnv): PhotoBucket | null {
  const names = ['YIWANG_S3_ENDPOINT', 'YIWANG_S3_BUCKET', 'YIWANG_S3_ACCESS_KEY_ID', 'YIWANG_S3_SECRET_ACCESS_KEY'];
  const missing = names.filter((name) => !env[name]);
  if (missing.length === names.length) return null;
  if (missing.length > 0) throw new Error(`photo bucket half configured: also set ${missing.join(', ')}`);
  const endpoint = (env.YIWANG_S3_ENDPOINT as string).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(endpoint))
    throw new Error(`YIWANG_S3_ENDPOINT must be an http(s) URL, got "${env.YIWANG_S3_ENDPOINT}"`);
  return {
    endpoint,
    bucket: env.YIWANG_S3_BUCKET as string,
    region: env.YIWANG_S3_REGION || 'us-east-1',
    accessKeyId: env.YIWANG_S3_ACCESS_KEY_ID as string,
    secretAccessKey: env.YIWANG_S3_SECRET_ACCESS_KEY as string,
  };
}

/** The 12345 hotline integration: inbound work orders and status callbacks, both signed with `secret`. */
export interface HotlineConfig {
  /** Shared HMAC-SHA256 secret; null = the webhook refuses every delivery. */
  secret: string | null;
  /** Where status changes of hotline cases are POSTed; null = no callbacks are queued. */
  callbackUrl: string | null;
  /** Accepted clock difference of X-Hotline-Timestamp. */
  maxSkewSeconds: number;
  /** Deliveries of one callback before it is marked failed. */
  maxAttempts: number;
  /** First retry delay; doubled per attempt (capped at an hour). */
  retryBaseMs: number;
  intervalMs: number;
}

/** Only for the embedded demo; documented in README.md. Set YIWANG_HOTLINE_SECRET in production. */
export const DEMO_HOTLINE_SECRET = 'yw_demo_hotline_secret';

function loadHotline(env: NodeJS.ProcessEnv, demo: boolean): HotlineConfig {
  const callbackUrl = env.YIWANG_HOTLINE_CALLBACK_URL || null;
  if (callbackUrl && !/^https?:\/\//.test(callbackUrl))
    throw new Error('YIWANG_HOTLINE_CALLBACK_URL must be an http(s) URL');
  return {
    secret: env.YIWANG_HOTLINE_SECRET || (demo ? DEMO_HOTLINE_SECRET : null),
    callbackUrl,
    maxSkewSeconds: int(env.YIWANG_HOTLINE_MAX_SKEW_SECONDS, 300, 'YIWANG_HOTLINE_MAX_SKEW_SECONDS'),
    maxAttempts: int(env.YIWANG_HOTLINE_CALLBACK_MAX_ATTEMPTS, 8, 'YIWANG_HOTLINE_CALLBACK_MAX_ATTEMPTS'),
    retryBaseMs: int(env.YIWANG_HOTLINE_CALLBACK_RETRY_MS, 30_000, 'YIWANG_HOTLINE_CALLBACK_RETRY_MS'),
    intervalMs: int(env.YIWANG_HOTLINE_CALLBACK_INTERVAL_MS, 5_000, 'YIWANG_HOTLINE_CALLBACK_INTERVAL_MS'),
  };
}

export interface MapTiles {
  kind: 'xyz' | 'wmts';
  /** URL template with {z}/{x}/{y} (XYZ) or {TileMatrix}/{TileCol}/{TileRow} (WMTS); may hold a key. */
  url: string;
  /** Coordinate system of the tiles: GCJ-02 for most Chinese commercial maps, WGS84 for Tianditu and OSM. */
  crs: 'WGS84' | 'GCJ02';
  attribution: string;
  maxZoom: number;
  /** A label layer drawn over the tiles (Tianditu's cva/cia annotation tiles), same kind and CRS; null = none. */
  labelsUrl: string | null;
}

/**
 * Origin of a tile URL template for the CSP. A templated subdomain ({s}, t{0-7}) becomes
 * a leading wildcard, the only place CSP allows one.
 */
export function tileOrigin(url: string): string | null {
  const match = url.match(/^(https?:\/\/)([^/?#]+)/);
  if (!match) return null;
  const labels = (match[2] ?? '').split('.');
  const lastTemplated = labels.findLastIndex((label) => label.includes('{'));
  const host = lastTemplated >= 0 ? ['*', ...labels.slice(lastTemplated + 1)].join('.') : labels.join('.');
  return `${match[1]}${host}`;
}

function labelsUrlOf(url: string | undefined): string | null {
  if (!url) return null;
  if (!/^https?:\/\//.test(url)) throw new Error('YIWANG_MAP_LABELS_URL must be an http(s) URL template');
  return url;
}

function loadMapTiles(env: NodeJS.ProcessEnv): MapTiles | null {
  const url = env.YIWANG_MAP_TILES_URL;
  if (!url) return null;
  if (!/^https?:\/\//.test(url)) throw new Error('YIWANG_MAP_TILES_URL must be an http(s) URL template');
  const kind = env.YIWANG_MAP_TILES_KIND === 'wmts' ? 'wmts' : 'xyz';
  const crs = env.YIWANG_MAP_TILES_CRS === 'GCJ02' ? 'GCJ02' : 'WGS84';
  return {
    kind,
    url,
    crs,
    attribution: env.YIWANG_MAP_TILES_ATTRIBUTION ?? '',
    maxZoom: int(env.YIWANG_MAP_TILES_MAX_ZOOM, 18, 'YIWANG_MAP_TILES_MAX_ZOOM'),
    labelsUrl: labelsUrlOf(env.YIWANG_MAP_LABELS_URL),
  };
}

const int = (value: string | undefined, fallback: number, name: string): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
};
const bool = (value: string | undefined, fallback: boolean): boolean =>
  value === undefined || value === '' ? fallback : ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());

/** YIWANG_PROCESSES: 1 to 64 processes; several only on a PostgreSQL server. */
function processCount(env: NodeJS.ProcessEnv): number {
  const n = int(env.YIWANG_PROCESSES, 1, 'YIWANG_PROCESSES');
  if (n < 1 || n > 64) throw new Error(`YIWANG_PROCESSES must be between 1 and 64, got "${env.YIWANG_PROCESSES}"`);
  if (n > 1 && !env.DATABASE_URL)
    throw new Error(
      'YIWANG_PROCESSES above 1 needs a PostgreSQL server (set DATABASE_URL): the embedded database can be opened by one process only',
    );
  return n;
}

/** YIWANG_PATROL_RETENTION_DAYS (or PATROL_RETENTION_DAYS), default 180; 0 would delete tracks while recorded. */
function patrolRetentionDays(env: NodeJS.ProcessEnv): number {
  const name = env.YIWANG_PATROL_RETENTION_DAYS ? 'YIWANG_PATROL_RETENTION_DAYS' : 'PATROL_RETENTION_DAYS';
  const days = int(env[name], 180, name);
  if (days < 1) throw new Error(`${name} must be at least 1 (days), got "${env[name]}"`);
  return days;
}

/** YIWANG_SECRET_KEY (64 hex chars) as bytes, or null when unset. */
export function secretKeyFromEnv(env: NodeJS.ProcessEnv): Buffer | null {
  const fromEnv = env.YIWANG_SECRET_KEY;
  if (!fromEnv) return null;
  if (!/^[0-9a-fA-F]{64}$/.test(fromEnv)) throw new Error('YIWANG_SECRET_KEY must be 64 hex characters (32 bytes)');
  return Buffer.from(fromEnv, 'hex');
}

/** The generated secret key's file in the data dir (hex), used when YIWANG_SECRET_KEY is unset. */
export const SECRET_KEY_FILE = 'secret.key';

/** The data dir: YIWANG_DATA_DIR, default ./data. */
export const dataDirOf = (env: NodeJS.ProcessEnv): string => resolve(env.YIWANG_DATA_DIR ?? 'data');

/**
 * The secret key comes from YIWANG_SECRET_KEY (64 hex chars) in production. For a trial
 * install one is generated into the data dir so that restarts can still decrypt.
 */
function loadSecretKey(env: NodeJS.ProcessEnv, dataDir: string): Buffer {
  const fromEnv = secretKeyFromEnv(env);
  if (fromEnv) return fromEnv;
  const file = join(dataDir, SECRET_KEY_FILE);
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex'), { mode: 0o600 });
  return key;
}

/**
 * The demo county (with its published passwords, Open311 key and hotline secret) loads on
 * the embedded database, what `npm start` runs for a trial; on a PostgreSQL server only when
 * YIWANG_LOAD_DEMO=true asks for it, so a production database starts empty.
 */
export const demoRequested = (env: NodeJS.ProcessEnv): boolean => bool(env.YIWANG_LOAD_DEMO, !env.DATABASE_URL);

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const dataDir = overrides.dataDir ? resolve(overrides.dataDir) : dataDirOf(env);
  const base: Config = {
    port: int(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    secretKey: overrides.secretKey ?? loadSecretKey(env, dataDir),
    secureCookies: bool(env.YIWANG_SECURE_COOKIES, false),
    trustProxy: bool(env.YIWANG_TRUST_PROXY, false),
    session: {
      idleMinutes: int(env.YIWANG_SESSION_IDLE_MINUTES, 30, 'YIWANG_SESSION_IDLE_MINUTES'),
      absoluteHours: int(env.YIWANG_SESSION_ABSOLUTE_HOURS, 12, 'YIWANG_SESSION_ABSOLUTE_HOURS'),
    },
    lockout: {
      maxFailures: int(env.YIWANG_LOCKOUT_MAX_FAILURES, 5, 'YIWANG_LOCKOUT_MAX_FAILURES'),
      minutes: int(env.YIWANG_LOCKOUT_MINUTES, 15, 'YIWANG_LOCKOUT_MINUTES'),
    },
    loginRateLimit: {
      max: int(env.YIWANG_LOGIN_RATE_MAX, 30, 'YIWANG_LOGIN_RATE_MAX'),
      windowSeconds: int(env.YIWANG_LOGIN_RATE_WINDOW_SECONDS, 300, 'YIWANG_LOGIN_RATE_WINDOW_SECONDS'),
    },
    registerRateLimit: {
      max: int(env.YIWANG_REGISTER_RATE_MAX, 10, 'YIWANG_REGISTER_RATE_MAX'),
      windowSeconds: int(env.YIWANG_REGISTER_RATE_WINDOW_SECONDS, 3600, 'YIWANG_REGISTER_RATE_WINDOW_SECONDS'),
    },
    publicRateLimit: {
      max: int(env.YIWANG_PUBLIC_RATE_MAX, 60, 'YIWANG_PUBLIC_RATE_MAX'),
      windowSeconds: int(env.YIWANG_PUBLIC_RATE_WINDOW_SECONDS, 60, 'YIWANG_PUBLIC_RATE_WINDOW_SECONDS'),
    },
    requireAdminTotp: bool(env.YIWANG_REQUIRE_ADMIN_TOTP, false),
    logLevel: env.LOG_LEVEL ?? 'info',
    webDistDir: env.YIWANG_WEB_DIST,
    loadDemo: demoRequested(env),
    mapTiles: loadMapTiles(env),
    hotline: loadHotline(env, demoRequested(env)),
    patrolRetentionDays: patrolRetentionDays(env),
    exportMaxRows: int(env.YIWANG_EXPORT_MAX_ROWS, 10_000, 'YIWANG_EXPORT_MAX_ROWS'),
    auditSigningKey: overrides.auditSigningKey ?? loadAuditSigningKey(env, dataDir),
    auditCheckpointMinutes: Math.max(
      1,
      int(env.YIWANG_AUDIT_CHECKPOINT_MINUTES, 60, 'YIWANG_AUDIT_CHECKPOINT_MINUTES'),
    ),
    apiDocs: bool(env.YIWANG_API_DOCS, env.NODE_ENV !== 'production'),
    processes: processCount(env),
    photoBucket: loadPhotoBucket(env),
  };
  return { ...base, ...overrides, session: { ...base.session, ...overrides.session } };
}
