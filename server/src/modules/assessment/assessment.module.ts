import type { Module } from '../../platform/http.js';
import { assessmentJobs } from './assessment.jobs.js';
import { assessmentRoutes } from './assessment.routes.js';
import * as tables from './assessment.tables.js';
import { assessmentViewRoutes } from './assessment-views.routes.js';
import * as counterTables from './indicator-counters.tables.js';
import { inspectionDrawRoutes } from './inspection-draws.routes.js';

/**
 * Assessment (考核) that cannot be gamed (issue 12): indicators with exact formulas and
 * their counter-metrics, the monthly accountability of departments and towns, and the shared
 * inspection calendar with its load limits, and 双随机 random inspections (reproducible draws
 * of inspectors × targets with recusal and rotation, and their findings).
 */
export const assessmentModule = {
  name: 'assessment',
  tables: { ...tables, ...counterTables },
  jobs: assessmentJobs,
  permissions: {
    'assessment.read': ['leader', 'operator', 'workstation_staff', 'supervisor'],
    'inspections.book': ['leader', 'operator', 'supervisor'],
    'inspections.manage': ['leader'],
    'assessment.configure': ['leader'],
    'assessment.own': ['grid_worker', 'grid_head', 'deputy_grid_head'],
  },
  errors: {
    'inspection-daily-limit': {
      status: 409,
      'zh-CN':
        '该社区当天的督查已满（每天最多 {limit} 次）：{day} 已安排“{team}”。请与该督查组协调合并，或改约其他日期。',
      'en-US':
        'This community’s inspections for the day are full (at most {limit} a day): “{team}” is already booked on {day}. Coordinate with that team or choose another day.',
    },
    'inspection-weekly-limit': {
      status: 409,
      'zh-CN': '该社区本周的督查已满（每周最多 {limit} 次），本周已有安排，最早为 {day} 的“{team}”。请改约下周。',
      'en-US':
        'This community’s inspections for the week are full (at most {limit} a week); the first booked is “{team}” on {day}. Choose another week.',
    },
    'routine-inspections-suspended': {
      status: 409,
      'zh-CN': '全市例行督查已暂停（{reason}），目前只能安排专项督查。',
      'en-US': 'Routine inspections are suspended county-wide ({reason}); only special inspections can be booked now.',
    },
    'draw-without-inspectors': {
      status: 409,
      'zh-CN': '您的范围内还没有登记检查人员，无法抽取。请先登记检查人员。',
      'en-US': 'No inspectors are enrolled in your scope, so nothing can be drawn. Enroll inspectors first.',
    },
  },
  fieldProblems: {
    'finding-reported-over-found': {
      'zh-CN': '已上报数不能大于发现数',
      'en-US': 'must not exceed the number found',
    },
    'not-past': { 'zh-CN': '不能早于今天', 'en-US': 'must not be before today' },
    'day-range': { 'zh-CN': '日期范围最多 {limit} 天', 'en-US': 'the range may span at most {limit} days' },
  },
  apiRoutes: (app, { database }) => {
    assessmentRoutes(app, { db: database.db });
    inspectionDrawRoutes(app, { db: database.db });
    assessmentViewRoutes(app, { db: database.db });
  },
} satisfies Module;
