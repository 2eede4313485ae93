import { BaseLayer, MapConfig } from '@yiwang/contracts';
import type { App, ModuleContext } from '../../platform/http.js';
import { authorize } from '../accounts/index.js';
import { describeBaseLayer } from './use-cases/base-layer.js';

/** What the maps need to draw: base tiles (if any), and the offline base layer for when there are none. */
export function mapConfigRoutes(app: App, { config, database: { db } }: ModuleContext) {
  app.get('/map/config', { schema: { tags: ['grids'], response: { 200: MapConfig } } }, async (request) => {
    authorize(request, 'grids.read');
    return { tiles: config.mapTiles };
  });

  app.get(
    '/map/base-layer',
    {
      schema: {
        tags: ['grids'],
        summary:
          'The county outline, its towns and communities with names (GeoJSON, WGS84): the base map drawn without tiles',
        response: { 200: BaseLayer },
      },
    },
    async (request) => {
      // Public geography, for every signed-in role (desk, worker app, resident portal).
      authorize(request, null);
      return describeBaseLayer(db);
    },
  );
}
