import {
  DetectionFlags,
  FlagsQuery,
  IndicatorCases,
  IndicatorCasesQuery,
  IndicatorTrend,
  IndicatorTrendQuery,
  MyScores,
  MyScoresQuery,
} from '@yiwang/contracts';
import type { Db } from '../../db/client.js';
import type { App } from '../../platform/http.js';
import { authorize } from '../accounts/index.js';
import { detectFlags } from './use-cases/detect-flags.js';
import { indicatorCases } from './use-cases/indicator-cases.js';
import { indicatorTrend } from './use-cases/indicator-trend.js';
import { myScores } from './use-cases/my-scores.js';

/** The leader's views (rankings with trends, the cases behind a number) and a grid worker's own scores. */
export function assessmentViewRoutes(app: App, { db }: { db: Db }) {
  app.get(
    '/assessment/indicators/cases',
    {
      schema: {
        tags: ['assessment'],
        summary:
          'The cases behind one number of the indicator table: every case adding to a unit’s numerator or denominator in the period, those counting against it first',
        querystring: IndicatorCasesQuery,
        response: { 200: IndicatorCases },
      },
    },
    async (request) => {
      const actor = authorize(request, 'assessment.read');
      const { level, key, indicator, period, from, limit, after } = request.query;
      return indicatorCases(db, actor, { level, key, indicator, period, day: from, now: new Date(), limit, after });
    },
  );

  app.get(
    '/assessment/indicators/trend',
    {
      schema: {
        tags: ['assessment'],
        summary:
          'One indicator of every unit of a level in my scope over the last periods, ranked by the last: the ranking with its trend lines',
        querystring: IndicatorTrendQuery,
        response: { 200: IndicatorTrend },
      },
    },
    async (request) => {
      const actor = authorize(request, 'assessment.read');
      const { level, indicator, period, from, count } = request.query;
      return indicatorTrend(db, actor, { level, indicator, period, day: from, count, now: new Date() });
    },
  );

  app.get(
    '/assessment/flags',
    {
      schema: {
        tags: ['assessment'],
        summary:
          'Flags of hidden and padded reporting in my scope for a period (hard matters hidden, a low share of problems found, padding, department delays, rubber-stamping), each explained with the cases behind it',
        querystring: FlagsQuery,
        response: { 200: DetectionFlags },
      },
    },
    async (request) => {
      const actor = authorize(request, 'assessment.read');
      const { period, level, from } = request.query;
      return detectFlags(db, actor, { period, level, day: from, now: new Date() });
    },
  );

  app.get(
    '/assessment/my-scores',
    {
      schema: {
        tags: ['assessment'],
        summary:
          'My own scores as a grid worker for a period: the score under the rules in force and the fair score, line by line down to my cases',
        querystring: MyScoresQuery,
        response: { 200: MyScores },
      },
    },
    async (request) => {
      const actor = authorize(request, 'assessment.own');
      const { period, from } = request.query;
      return myScores(db, actor, { period, day: from, now: new Date() });
    },
  );
}
