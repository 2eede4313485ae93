import type { CaseSummary, SupervisionList } from '@yiwang/contracts';
import { Alert, Card, Col, Empty, Row, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { ExportButton } from '../../lib/export-button';
import { errorText } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { StateTag } from './case-labels';
import { useCaseStream } from './case-stream';
import { useSupervision } from './cases-api';
import { useCasesI18n } from './cases-messages';

/** 督办: cases past the warning share of their limit (yellow), overdue (red), and supervised by hand. */
export default function SupervisionPage() {
  const { t, locale } = useCasesI18n();
  useCaseStream();
  const list = useSupervision();
  const table = (items: CaseSummary[], testId: string) =>
    items.length === 0 ? (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.supervision.empty')} />
    ) : (
      <Table<CaseSummary>
        data-testid={testId}
        rowKey="code"
        size="small"
        dataSource={items}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { key: 'code', title: t('cases.code'), render: (_, c) => <Link to={`/cases/${c.code}`}>{c.code}</Link> },
          {
            key: 'matter',
            title: t('cases.matter'),
            render: (_, c) => (locale === 'en-US' && c.matter.nameEn ? c.matter.nameEn : c.matter.name),
          },
          { key: 'state', title: t('cases.state'), render: (_, c) => <StateTag t={t} state={c.state} /> },
          { key: 'unit', title: t('cases.assignedUnit'), render: (_, c) => c.assignedUnit?.name ?? c.commandUnit.name },
          {
            key: 'due',
            title: t('cases.stageDue'),
            render: (_, c) => (c.stage ? `${t(`cases.stage.${c.stage}`)} · ${formatDateTime(c.stageDueAt)}` : '—'),
          },
        ]}
      />
    );
  return (
    <>
      <div className="yw-page-header">
        <h1 className="yw-page-title">{t('cases.nav.supervision')}</h1>
        <ExportButton path="/cases/supervision/export.xlsx" query={{}} testId="supervision-export" />
      </div>
      {list.error && <Alert className="yw-form-alert" type="error" showIcon title={errorText(list.error)} />}
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card
            className="yw-card"
            title={
              <>
                <Tag color="red">{countOf(list.data, 'overdue')}</Tag>
                {t('cases.supervision.overdue')}
              </>
            }
          >
            {table(list.data?.overdue ?? [], 'supervision-overdue')}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            className="yw-card"
            title={
              <>
                <Tag color="gold">{countOf(list.data, 'warning')}</Tag>
                {t('cases.supervision.warning')}
              </>
            }
          >
            {table(list.data?.warning ?? [], 'supervision-warning')}
          </Card>
        </Col>
        <Col xs={24}>
          <Card
            className="yw-card"
            title={
              <>
                <Tag color="blue">{countOf(list.data, 'supervised')}</Tag>
                {t('cases.supervision.byHand')}
              </>
            }
          >
            {table(list.data?.supervised ?? [], 'supervision-by-hand')}
          </Card>
        </Col>
      </Row>
    </>
  );
}

/** A count as the tab shows it: "10000+" when it stopped at its cap. */
const countOf = (list: SupervisionList | undefined, kind: 'overdue' | 'warning' | 'supervised'): string =>
  list ? `${list.counts[kind]}${list.countsCapped?.includes(kind) ? '+' : ''}` : '0';
