import {
  AccountabilityQuery,
  AccountabilityTable,
  BookInspectionBody,
  FairScoreQuery,
  FairScoreTable,
  IdParams,
  IndicatorQuery,
  IndicatorTable,
  InspectionBooking,
  InspectionCalendar,
  InspectionCalendarQuery,
  InspectionSettings,
  SaveScoringRulesBody,
  ScoreQuery,
  ScoreTable,
  ScoringRuleSet,
  ScoringRuleSetList,
  UpdateInspectionSettingsBody,
} from '@yiwang/contracts';
import type { Db } from '../../db/client.js';
import type { App } from '../../platform/http.js';
import { sendWorkbook, XLSX_RESPONSE } from '../../platform/spreadsheet.js';
import { auditContextOf, authorize } from '../accounts/index.js';
import { bookInspection } from './use-cases/book-inspection.js';
import { cancelInspection } from './use-cases/cancel-inspection.js';
import { computeAccountability } from './use-cases/compute-accountability.js';
import { computeFairScores } from './use-cases/compute-fair-scores.js';
import { computeIndicators } from './use-cases/compute-indicators.js';
import { computeScores } from './use-cases/compute-scores.js';
import { exportAccountability } from './use-cases/export-accountability.js';
import { exportIndicators } from './use-cases/export-indicators.js';
import { readInspectionCalendar } from './use-cases/inspection-calendar.js';
import { listScoringRules, saveScoringRules } from './use-cases/scoring-rules.js';
import { updateInspectionSettings } from './use-cases/update-inspection-settings.js';

export function assessmentRoutes(app: App, { db }: { db: Db }) {
  app.get(
    '/assessment/indicators',
    {
      schema: {
        tags: ['assessment'],
        summary:
          'The indicator table of my scope: one row per grid worker, grid, community, town, department or the county, every indicator (docs/assessment-indicators.md) of the day, week or month holding `from`',
        querystring: IndicatorQuery,
        response: { 200: IndicatorTable },
      },
    },
    async (request) => {
      const actor = authorize(request, 'assessment.read');
      const { level, period, from } = request.query;
      return computeIndicators(db, actor, { level, period, day: from, now: new Date() });
    },
  );

  app.get(
    '/assessment/indicators/export.xlsx',
    {
      schema: {
        tags: ['assessment'],
        summary: 'The indicator table (same query) as an Excel workbook; audited',
        querystring: IndicatorQuery,
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'assessment.read');
      const now = new Date();
      const { level, period, from } = request.query;
      const { bytes } = await exportIndicators(db, actor, auditContextOf(request), {
        level,
        period,
        day: from,
        now,
        locale: request.locale,
      });
      return sendWorkbook(
        reply,
        bytes,
        { ascii: 'indicators', localized: { 'zh-CN': '考核指标', 'en-US': 'indicators' } },
        request.locale,
        now,
      );
    },
  );

  app.get(
    '/assessment/accountability',
    {
      schema: {
        tags: ['assessment'],
        summary:
          'The month’s accountability table of every department and town in my scope (on-time handling, returns, rework, overdue cases and days, 12345 satisfaction) with the cases behind it and who held them',
        querystring: AccountabilityQuery,
        response: { 200: AccountabilityTable },
      },
    },
    async (request) => {
      const actor = authorize(request, 'assessment.read');
      return computeAccountability(db, actor, { month: request.query.month, now: new Date() });
    },
  );

  app.get(
    '/assessment/accountability/export.xlsx',
    {
      schema: {
        tags: ['assessment'],
        summary: 'The month’s accountability table and list as an Excel workbook (two sheets); audited',
        querystring: AccountabilityQuery,
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'assessment.read');
      const now = new Date();
      const { bytes } = await exportAccountability(db, actor, auditContextOf(request), {
        month: request.query.month,
        now,
        locale: request.locale,
      });
      return sendWorkbook(
        reply,
        bytes,
        { ascii: 'accountability', localized: { 'zh-CN': '部门与街道问责', 'en-US': 'accountability' } },
        request.locale,
        now,
      );
    },
  );

  app.get(
    '/inspections',
    {
      schema: {
        tags: ['assessment'],
        summary:
          'The shared inspection calendar of my scope between two days (at most 62), with the county’s load limits',
        querystring: InspectionCalendarQuery,
        response: { 200: InspectionCalendar },
      },
    },
    async (request) => {
      const actor = authorize(request, 'assessment.read');
      return readInspectionCalendar(db, actor, { query: request.query });
    },
  );

  app.post(
    '/inspections',
    {
      schema: {
        tags: ['assessment'],
        summary:
          'Book an inspection or supervision visit to a community; refused (409) over the community’s daily or weekly limit, naming the booking already there, or while routine inspections are suspended',
        body: BookInspectionBody,
        response: { 201: InspectionBooking },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'inspections.book');
      const booking = await bookInspection(db, actor, auditContextOf(request), { body: request.body, now: new Date() });
      return reply.code(201).send(booking);
    },
  );

  app.delete(
    '/inspections/:id',
    {
      schema: {
        tags: ['assessment'],
        summary: 'Cancel a booking (my own, or any in scope with inspections.manage)',
        params: IdParams,
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'inspections.book');
      await cancelInspection(db, actor, auditContextOf(request), { bookingId: request.params.id });
      return reply.status(204).send();
    },
  );

  app.put(
    '/inspections/settings',
    {
      schema: {
        tags: ['assessment'],
        summary:
          'Set the county’s inspection-load limits (per community per day and week) and suspend or resume routine inspections (county scope only)',
        body: UpdateInspectionSettingsBody,
        response: { 200: InspectionSettings },
      },
    },
    async (request) => {
      const actor = authorize(request, 'inspections.manage');
      return updateInspectionSettings(db, actor, auditContextOf(request), { body: request.body });
    },
  );

  app.get(
    '/assessment/scoring-rules',
    {
      schema: {
        tags: ['assessment'],
        summary: 'The county’s scoring rules (考核细则): the version in force and every saved version, newest first',
        response: { 200: ScoringRuleSetList },
      },
    },
    async (request) => {
      const actor = authorize(request, 'assessment.read');
      return listScoringRules(db, actor);
    },
  );

  app.post(
    '/assessment/scoring-rules',
    {
      schema: {
        tags: ['assessment'],
        summary: 'Save the county’s scoring rules as a new version (county scope only; audited)',
        body: SaveScoringRulesBody,
        response: { 201: ScoringRuleSet },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'assessment.configure');
      const saved = await saveScoringRules(db, actor, auditContextOf(request), { body: request.body });
      return reply.code(201).send(saved);
    },
  );

  app.get(
    '/assessment/scores',
    {
      schema: {
        tags: ['assessment'],
        summary:
          'The score of every unit of a level in my scope for a period, under the rules in force (or of `version`), each line explained down to its cases; best first',
        querystring: ScoreQuery,
        response: { 200: ScoreTable },
      },
    },
    async (request) => {
      const actor = authorize(request, 'assessment.read');
      const { level, period, from, version } = request.query;
      return computeScores(db, actor, { level, period, day: from, version, now: new Date() });
    },
  );

  app.get(
    '/assessment/fair-scores',
    {
      schema: {
        tags: ['assessment'],
        summary:
          'The difficulty-weighted fair score of every grid or grid worker in my scope for a period: solved reports by their matter’s weight, minus hard matters someone else found first that the grid never reported; each line explained down to its cases, beside the rank a plain count gives',
        querystring: FairScoreQuery,
        response: { 200: FairScoreTable },
      },
    },
    async (request) => {
      const actor = authorize(request, 'assessment.read');
      const { level, period, from } = request.query;
      return computeFairScores(db, actor, { level, period, day: from, now: new Date() });
    },
  );
}
