import type { PeriodKind } from '@yiwang/contracts';
import { Alert, Card, List, Space, Tag } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { errorText } from '../../lib/form-errors';
import { chinaToday } from './assessment-api';
import { useFlagI18n } from './flag-messages';
import { useFlags } from './flags-card';

const isPeriod = (value: string | null): value is PeriodKind =>
  value === 'day' || value === 'week' || value === 'month';

/** A grid's flags for a period: each one's evidence in words and the cases behind it, each a link to the case. */
export default function FlagPage() {
  const { t, locale } = useFlagI18n();
  const { grid = '' } = useParams();
  const [search] = useSearchParams();
  const periodParam = search.get('period');
  const period: PeriodKind = isPeriod(periodParam) ? periodParam : 'month';
  const from = search.get('from') ?? chinaToday();
  const flags = useFlags(period, from, grid);
  const list = flags.data?.flags ?? [];
  const gridName = list[0]?.gridName ?? grid;
  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        <Link to="/assessment">{t('flags.page.back')}</Link>
      </Space>
      <h2>{t('flags.page.title', { grid: gridName })}</h2>
      {flags.error && <Alert className="yw-form-alert" type="error" showIcon title={errorText(flags.error)} />}
      {flags.data && list.length === 0 && <Alert type="info" showIcon title={t('flags.page.none')} />}
      {list.map((f) => (
        <Card
          key={f.id}
          data-testid="flag-detail"
          title={
            <Space>
              <Tag color="red">{t(`flags.kind.${f.kind}`)}</Tag>
              {f.subjectName}
            </Space>
          }
          style={{ marginBottom: 12 }}
        >
          <p>{f.evidence[locale]}</p>
          <List
            size="small"
            header={t('flags.page.caseList')}
            dataSource={f.caseCodes}
            renderItem={(code) => (
              <List.Item>
                <Link to={`/cases/${code}`}>{code}</Link>
              </List.Item>
            )}
          />
        </Card>
      ))}
    </div>
  );
}
