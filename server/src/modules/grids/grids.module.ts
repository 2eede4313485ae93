import { STAFF_ROLES } from '@yiwang/contracts';
import type { Module } from '../../platform/http.js';
import { gridsRoutes } from './grids.routes.js';
import * as tables from './grids.tables.js';
import { loadDemoGridMap } from './load-demo-grid-map.js';
import { mapConfigRoutes } from './map-config.routes.js';

export const gridsModule = {
  name: 'grids',
  tables,
  permissions: {
    'grids.read': [...STAFF_ROLES],
    'grids.manage': [],
  },
  errors: {
    'outside-county': {
      status: 400,
      'zh-CN': '该位置（经度 {lon}，纬度 {lat}）不在本县（市）网格范围内，请检查坐标或坐标系。',
      'en-US':
        'The location (longitude {lon}, latitude {lat}) is outside the county’s grid map. Check the coordinates and their coordinate system.',
    },
    'no-grid': {
      status: 422,
      'zh-CN': '该位置在本县（市）范围内，但没有任何网格覆盖，请通知管理员补全网格。',
      'en-US':
        'The location is inside the county but no grid covers it. Please ask an administrator to complete the grid map.',
    },
    'invalid-geojson': {
      status: 400,
      'zh-CN': '文件不是有效的 GeoJSON 要素集合（FeatureCollection）。',
      'en-US': 'The file is not a valid GeoJSON FeatureCollection.',
    },
  },
  demo: loadDemoGridMap,
  apiRoutes: (app, ctx) => {
    gridsRoutes(app, ctx);
    mapConfigRoutes(app, ctx);
  },
} satisfies Module;
