import { HealthStatus } from '@yiwang/contracts';
import { sql } from 'drizzle-orm';
import type { App, Module, ModuleContext } from '../../platform/http.js';

/**
 * GET /api/health for load balancers and monitoring: 200 when this node can reach its
 * database, 503 when it cannot. Public, and says nothing about the data.
 */
function healthRoutes(app: App, { database }: ModuleContext) {
  app.get(
    '/health',
    {
      schema: {
        tags: ['platform'],
        summary: 'Liveness and database reachability of this node (no sign-in needed)',
        response: { 200: HealthStatus, 503: HealthStatus },
      },
    },
    async (_request, reply) => {
      try {
        await database.db.execute(sql`SELECT 1`);
        return { status: 'ok' as const, database: 'ok' as const };
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const, database: 'unavailable' as const });
      }
    },
  );
}

export const healthModule = {
  name: 'health',

  apiRoutes: healthRoutes,
} satisfies Module;
