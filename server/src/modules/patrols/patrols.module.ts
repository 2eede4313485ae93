import type { Module } from '../../platform/http.js';
import { recordAudit } from '../audit/index.js';
import { gridLocatorFor } from '../grids/index.js';
import { loadDemoPatrols } from './load-demo-patrols.js';
import { patrolJobs } from './patrols.jobs.js';
import { patrolsRoutes } from './patrols.routes.js';
import * as tables from './patrols.tables.js';

/**
 * Patrols (巡查): the worker app records GPS tracks; the desk sees live positions and the
 * tracks of a day. Tracks are personal data: read only with `patrols.read` within scope,
 * every view audited, deleted after the retention period by a sweep the process starts
 * (main.ts, runTrackRetentionWithApp).
 */
export const patrolsModule = {
  name: 'patrols',
  tables,
  permissions: {
    'patrols.record': [
      'grid_head',
      'deputy_grid_head',
      'grid_worker',
      'supervisor',
      'informant',
      'patroller',
      'liaison',
    ],
    'patrols.read': ['operator', 'workstation_staff', 'grid_head', 'supervisor'],
  },
  errors: {
    'patrol-not-owner': {
      status: 403,
      'zh-CN': '这次巡查不是您本人的：只有巡查人本人可以上传轨迹或结束巡查。',
      'en-US': 'This patrol is not yours: only the person on patrol can upload its track or end it.',
    },
    'patrol-points-out-of-time': {
      status: 422,
      'zh-CN':
        '有 {count} 个轨迹点的时间不在本次巡查时段内（开始前或结束后超过 {skewMinutes} 分钟），或晚于当前时间。整批未保存，请检查手机的日期和时间后重新上传。',
      'en-US':
        '{count} track points are outside the patrol’s time (more than {skewMinutes} minutes before its start or after its end) or in the future. Nothing of the batch was saved; check the phone’s date and time and upload again.',
    },
  },
  fieldProblems: {
    'patrol-time': { 'zh-CN': '不在本次巡查时段内', 'en-US': 'is outside the patrol’s time' },
  },
  jobs: patrolJobs,
  demo: loadDemoPatrols,
  apiRoutes: (app, { database }) => {
    patrolsRoutes(app, { db: database.db, locator: gridLocatorFor(database), audit: recordAudit });
  },
} satisfies Module;
