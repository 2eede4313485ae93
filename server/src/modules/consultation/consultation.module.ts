import type { Module } from '../../platform/http.js';
import { recordAudit } from '../audit/index.js';
import { caseSettingsFrom } from '../cases/index.js';
import { gridLocatorFor } from '../grids/index.js';
import { consultationJobs } from './consultation.jobs.js';
import { consultationRoutes } from './consultation.routes.js';
import * as tables from './consultation.tables.js';
import { loadDemoConsultation } from './load-demo-consultation.js';
import { loggingNoticeSender } from './notice-sender.js';

/**
 * Residents govern together (issue 15, items 1–3): topics (议题) with support thresholds,
 * consultation meetings (议事会) with door codes, attendance, online and paper votes under each
 * meeting type's quorum and majority, and decisions carried out by tasks (cases in the loop or
 * community tasks) tracked in public, with a notice to every supporter and attendee at each
 * status change (portal, and SMS/WeChat behind NoticeSender: logged in the demo).
 */
export const consultationModule = {
  name: 'consultation',
  tables,
  permissions: {
    'consultation.take-part': ['resident'],
    'consultation.raise': ['workstation_staff', 'grid_head', 'deputy_grid_head', 'grid_worker'],
    'consultation.read': [
      'leader',
      'operator',
      'workstation_staff',
      'grid_head',
      'deputy_grid_head',
      'grid_worker',
      'supervisor',
    ],
    'consultation.manage': ['workstation_staff', 'grid_head'],
  },
  errors: {
    'no-community': {
      status: 409,
      'zh-CN': '请先选择您所在的社区，再参加议事。',
      'en-US': 'Please choose your community first, then you can take part.',
    },
    'topic-expired': {
      status: 409,
      'zh-CN': '这个议题已经过期，不能再支持或撤回。',
      'en-US': 'This topic has expired; support can no longer be given or withdrawn.',
    },
    'topic-support-closed': {
      status: 409,
      'zh-CN': '这个议题已经上会或表决，支持不能再撤回。',
      'en-US': 'This topic is on a meeting’s agenda or voted on; support can no longer be withdrawn.',
    },
    'meeting-closed': {
      status: 409,
      'zh-CN': '这次议事会的结果已公布，不能再报名、签到或表决。',
      'en-US': 'This meeting’s results are published; no more registration, check-in or voting.',
    },
    'agenda-counted': {
      status: 409,
      'zh-CN': '“{item}”已经计票，不能再投票或修改纸质票数。',
      'en-US': '“{item}” has been counted; votes and paper ballots can no longer change.',
    },
    'agenda-uncounted': {
      status: 409,
      'zh-CN': '还有议程没有计票（“{item}”），请先计票再公布结果。',
      'en-US': 'An agenda item is not counted yet (“{item}”): count it before publishing.',
    },
    'code-unknown': {
      status: 422,
      'zh-CN': '签到码 {code} 不在本次议事会的报名名单上，请核对后重输，或现场为其报名。',
      'en-US':
        'Code {code} is not on this meeting’s list. Check it and type again, or register the person at the door.',
    },
    'already-checked-in': {
      status: 409,
      'zh-CN': '{name} 已在 {time}（UTC）签到过。',
      'en-US': '{name} already checked in at {time} (UTC).',
    },
    'not-registered': {
      status: 409,
      'zh-CN': '请先报名本次议事会，再网上表决。',
      'en-US': 'Register for this meeting first, then vote online.',
    },
    'paper-count-too-many': {
      status: 422,
      'zh-CN': '纸质选票共 {total} 张，多于到会且未网上表决的 {present} 人。请核对票数或先为到会者签到。',
      'en-US':
        '{total} paper ballots are more than the {present} people present who did not vote online. Check the count, or check people in first.',
    },
    'task-follows-case': {
      status: 409,
      'zh-CN': '这个任务由案件 {caseCode} 办理，进度随案件自动更新。',
      'en-US': 'This task is carried out as case {caseCode}; its progress follows the case.',
    },
  },
  jobs: consultationJobs,
  demo: loadDemoConsultation,
  apiRoutes: (app, { config, database }) =>
    consultationRoutes(app, {
      db: database.db,
      locator: gridLocatorFor(database),
      secretKey: config.secretKey,
      settings: caseSettingsFrom(process.env),
      audit: recordAudit,
      sender: loggingNoticeSender(app.log),
      exportMaxRows: config.exportMaxRows,
    }),
} satisfies Module;
