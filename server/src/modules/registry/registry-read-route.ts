import type { FastifyRequest, FastifySchema } from 'fastify';
import type { Static, TSchema } from 'typebox';
import type { Actor, App } from '../../platform/http.js';
import { authorize, type Permission } from '../accounts/index.js';

/** What a registry read route declares: its OpenAPI summary, its inputs and its one response. */
export interface RegistryReadSchema<P extends TSchema, Q extends TSchema, R extends TSchema> {
  summary: string;
  params?: P;
  querystring?: Q;
  response: R;
  /** Default `registry.read`. */
  permission?: Permission;
}

/** The request a read gets: its params and query as the schema declares them. */
export type RegistryReadRequest<P extends TSchema, Q extends TSchema> = FastifyRequest & {
  params: Static<P>;
  query: Static<Q>;
};

/**
 * A GET route of the registry: schema → authorize → one read → 200. The read carries the caller's
 * scope (out of scope: the use case's 404).
 */
export function registryReadRoute<P extends TSchema, Q extends TSchema, R extends TSchema>(
  app: App,
  path: string,
  { summary, params, querystring, response, permission = 'registry.read' }: RegistryReadSchema<P, Q, R>,
  read: (actor: Actor, request: RegistryReadRequest<P, Q>) => Promise<Static<R>>,
) {
  // Typed as the plain FastifySchema: the generic schemas are checked at the call, not here.
  const schema: FastifySchema = {
    tags: ['registry'],
    summary,
    ...(params && { params }),
    ...(querystring && { querystring }),
    response: { 200: response },
  };
  app.get(path, { schema }, async (request) =>
    read(authorize(request, permission), request as RegistryReadRequest<P, Q>),
  );
}
