import { MapConfig } from '@yiwang/contracts';
import type { App, ModuleContext } from '../../platform/http.js';
import { authorize } from '../accounts/index.js';

/** What the desk map needs to draw: base tiles (if any) and where the county is. */
export function mapConfigRoutes(app: App, { config }: ModuleContext) {
  app.get('/map/config', { schema: { tags: ['grids'], response: { 200: MapConfig } } }, async (request) => {
    authorize(request, 'grids.read');
    return { tiles: config.mapTiles };
  });
}
