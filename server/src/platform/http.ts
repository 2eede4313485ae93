import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Locale, LocalizedText, Permission, Role } from '@yiwang/contracts';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Database, Db } from '../db/client.js';
import type { Config } from './config.js';
import type { ErrorDeclarations } from './errors.js';

/** The Fastify instance with TypeBox type inference on every route. */
export type App = FastifyInstance<Server, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

/** Who is calling: a signed-in account or an integration's API key. */
export interface Actor {
  kind: 'user' | 'api-key';
  /** users.id or api_keys.id */
  id: string;
  label: string;
  roles: Role[];
  scopeRegionCode: string;
  /** Materialized region path of the scope root; every query filters by this prefix. */
  scopePath: string;
  unitId: string | null;
  locale: Locale;
  sessionId: string | null;
  csrfToken: string | null;
  /** An admin who must enroll a second factor may do nothing else until they do. */
  totpEnrollmentRequired: boolean;
  /** An account holding a one-time password may only change it, see its session or sign out. */
  mustChangePassword?: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Skip the CSRF token check (the Origin check still applies). Only for login. */
    csrfExempt?: boolean;
    /** The query names or searches for a person (a phone, a name): its values are never logged. */
    sensitiveQuery?: boolean;
    /** Reachable by an account that must still change its one-time password (session, change, logout). */
    allowBeforePasswordChange?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
  }
}

export interface ModuleContext {
  config: Config;
  database: Database;
}

export interface JobContext {
  log: FastifyBaseLogger;
  /** Aborted when the server shuts down: a job that loops should stop between steps. */
  signal: AbortSignal;
}

/** A background job a module contributes: run every `intervalMs` by one server process at a time. */
export interface JobDefinition {
  /** Unique; the key of the job's row in `jobs`. */
  name: string;
  intervalMs: number;
  /** Throwing fails the run: it is logged and retried with backoff. */
  run(context: JobContext): Promise<void>;
}

/** What every module's demo loader is handed. */
export interface DemoContext {
  /** The demo's present: every loader dates its rows from it. */
  now: Date;
  /** The password every demo account shares, hashed once (hashing is slow on purpose). */
  passwordHash: string;
  /** The installation's secret key: demo records are sealed under it like any real data. */
  secretKey: Buffer;
}

/** What a demo loader made, counted for the demo load's audit row (the same name from two loaders adds up). */
export type DemoTally = Readonly<Record<string, number>>;

/** Which roles a module grants each of its permissions (admin holds every permission). */
export type PermissionGrants = { readonly [P in Permission]?: readonly Exclude<Role, 'admin'>[] };

/**
 * Everything a capability contributes to the platform, declared once in its `*.module.ts`
 * and listed once in modules/index.ts, which derives the central tables from these: the
 * role → permission grants, the error codes (their type, status and messages) and the
 * background jobs. Declare a module with `satisfies Module`, not `: Module`, so that its
 * error codes stay literal types.
 */
export interface Module {
  name: string;
  /** The Drizzle tables it owns (`import * as tables from './x.tables.js'`); db/schema.ts must export them all. */
  tables?: Readonly<Record<string, unknown>>;
  /** Its permissions (named in the contracts vocabulary) and the roles granted each. */
  permissions?: PermissionGrants;
  /** Its own error codes: HTTP status and message in zh-CN and en-US. */
  errors?: ErrorDeclarations;
  /** Messages of its own field problems (`FieldProblem.code` → text), beside the common ones of platform/i18n.ts. */
  fieldProblems?: Readonly<Record<string, LocalizedText>>;
  /** Its background jobs, built from the process's context (started by main.ts, not by tests). */
  jobs?: (ctx: ModuleContext) => JobDefinition[];
  /**
   * Its demo data, if any: demo/load-demo-county.ts calls each module's loader in the order of
   * modules/index.ts (so a module comes after those whose rows its demo data names), in one
   * transaction. A loader reads what the earlier ones wrote through their faces.
   */
  demo?: (tx: Db, context: DemoContext) => Promise<DemoTally>;
  /** Routes under /api (prefix added by the app). */
  apiRoutes?: (app: App, ctx: ModuleContext) => Promise<void> | void;
  /** Routes at the root, for protocols with fixed paths (e.g. /open311/v2). */
  rootRoutes?: (app: App, ctx: ModuleContext) => Promise<void> | void;
}
