import {
  ASSESSMENT_LEVEL_LABELS,
  COUNT_INDICATORS,
  INDICATOR_COUNTERS,
  INDICATOR_IDS,
  INDICATOR_LABELS,
  type IndicatorRow,
  type Locale,
} from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/http.js';
import { type ColumnSpec, sheetOf, writeWorkbook } from '../../../platform/spreadsheet.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { type ComputeIndicatorsOptions, computeIndicators } from './compute-indicators.js';

/**
 * The indicator table as an Excel workbook: per unit, each indicator's value, numerator and
 * denominator, in the same order as the desk (each KPI's counter-metric named in its header).
 * Audited: a table of grid workers names people.
 */
export async function exportIndicators(
  db: Db,
  actor: Actor,
  context: AuditContext,
  options: ComputeIndicatorsOptions & { locale: Locale },
): Promise<{ bytes: Buffer }> {
  const table = await computeIndicators(db, actor, options);
  const columns: ColumnSpec<IndicatorRow>[] = [
    { header: ASSESSMENT_LEVEL_LABELS[table.level], width: 22, value: (r) => r.name },
    { header: { 'zh-CN': '编码', 'en-US': 'Code' }, width: 16, value: (r) => r.key },
    ...INDICATOR_IDS.flatMap((id): ColumnSpec<IndicatorRow>[] => {
      const label = INDICATOR_LABELS[id];
      const counter = INDICATOR_LABELS[INDICATOR_COUNTERS[id]];
      if (COUNT_INDICATORS.includes(id)) {
        return [{ header: label, width: 10, type: 'integer', value: (r) => r.values[id].numerator }];
      }
      return [
        {
          header: {
            'zh-CN': `${label['zh-CN']}（%，对照：${counter['zh-CN']}）`,
            'en-US': `${label['en-US']} (%, counter: ${counter['en-US']})`,
          },
          width: 16,
          type: 'number',
          value: (r) => percent(r.values[id].value),
        },
        {
          header: { 'zh-CN': `${label['zh-CN']}·分子`, 'en-US': `${label['en-US']}: numerator` },
          width: 10,
          type: 'integer',
          value: (r) => r.values[id].numerator,
        },
        {
          header: { 'zh-CN': `${label['zh-CN']}·分母`, 'en-US': `${label['en-US']}: denominator` },
          width: 10,
          type: 'integer',
          value: (r) => r.values[id].denominator,
        },
      ];
    }),
  ];
  const bytes = await writeWorkbook(
    [sheetOf({ title: { 'zh-CN': '考核指标', 'en-US': 'Indicators' }, columns, rows: table.rows })],
    options.locale,
  );
  await recordAudit(db, context, {
    action: 'assessment.export-indicators',
    objectType: 'assessment',
    details: {
      level: table.level,
      period: table.period.kind,
      firstDay: table.period.firstDay,
      rows: table.rows.length,
    },
  });
  return { bytes };
}

const percent = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10);
