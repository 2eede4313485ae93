import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Locale, Role } from '@yiwang/contracts';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Database } from '../db/client.js';
import type { Config } from './config.js';

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

/** What a capability contributes to the platform; listed once in modules/index.ts. */
export interface Module {
  name: string;
  /** Routes under /api (prefix added by the app). */
  apiRoutes?: (app: App, ctx: ModuleContext) => Promise<void> | void;
  /** Routes at the root, for protocols with fixed paths (e.g. /open311/v2). */
  rootRoutes?: (app: App, ctx: ModuleContext) => Promise<void> | void;
}
