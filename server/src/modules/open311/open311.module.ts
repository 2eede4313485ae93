import type { Module } from '../../platform/http.js';
import { recordAudit } from '../audit/index.js';
import { caseSettingsFrom } from '../cases/index.js';
import { gridLocatorFor } from '../grids/index.js';
import { photoStorageFor } from '../photos/index.js';
import { open311Routes } from './open311.routes.js';

/** The Open311 GeoReport v2 server at /open311/v2: services are matters, requests are cases. */
export const open311Module = {
  name: 'open311',

  fieldProblems: {
    url: {
      'zh-CN': '须为以 http:// 或 https:// 开头的完整网址',
      'en-US': 'must be a full web address starting with http:// or https://',
    },
  },
  rootRoutes: (app, { config, database }) =>
    open311Routes(
      app,
      {
        db: database.db,
        locator: gridLocatorFor(database),
        secretKey: config.secretKey,
        settings: caseSettingsFrom(process.env),
        audit: recordAudit,
      },
      photoStorageFor(config),
      config.publicRateLimit,
    ),
} satisfies Module;
