import type { RoutingRuleView, TestRoutingResult } from '@yiwang/contracts';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Popconfirm, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { errorText } from '../../lib/form-errors';
import { hasPermission } from '../../lib/permissions';
import { useSignedIn } from '../auth';
import { useMatterSearch } from './cases-api';
import { MatterSelect } from './matter-select';
import { useDeleteRule, useMoveRule, useRoutingRules, useTestRouting } from './routing-api';
import { type RoutingMessageKey, useRoutingI18n } from './routing-messages';
import { RuleDialog } from './rule-dialog';

const PAGE_SIZE = 50;

function useDescribe() {
  const { t, locale } = useRoutingI18n();
  const catalog = useMatterSearch('');
  const names = useMemo(
    () => new Map((catalog.data?.items ?? []).map((m) => [m.code, locale === 'en-US' ? m.nameEn : m.name])),
    [catalog.data, locale],
  );
  return {
    matter: (m: RoutingRuleView['matter']) =>
      m === '*'
        ? t('routing.anyMatter')
        : 'matterCode' in m
          ? `${names.get(m.matterCode) ?? ''} ${m.matterCode}`.trim()
          : t('routing.category', { name: t(`routing.category.${m.matterCategory}` as RoutingMessageKey) }),
    // The place by name; its code beside it, muted, for whoever maintains the map.
    place: (r: RoutingRuleView) =>
      r.place === '*' ? (
        t('routing.anyPlace')
      ) : (
        <>
          {'gridCode' in r.place
            ? t('routing.grid', { name: r.placeName ?? r.place.gridCode })
            : t('routing.region', { name: r.placeName ?? r.place.regionCode })}
          <span className="yw-muted">{'gridCode' in r.place ? r.place.gridCode : r.place.regionCode}</span>
        </>
      ),
  };
}

/** 试一试: a matter and a point → the rule that would take it, where to and why. */
function TestPanel() {
  const { t } = useRoutingI18n();
  const [form] = Form.useForm<{ matterCode: string; lon: number; lat: number }>();
  const test = useTestRouting();
  const result: TestRoutingResult | undefined = test.data;
  return (
    <Card className="yw-card" title={t('routing.test')} data-testid="routing-test">
      <p className="yw-muted">{t('routing.testHelp')}</p>
      <Form
        form={form}
        name="routing-test"
        layout="inline"
        onFinish={(v) => test.mutate({ matterCode: v.matterCode, point: { lon: v.lon, lat: v.lat, crs: 'WGS84' } })}
      >
        <Form.Item name="matterCode" rules={[{ required: true, message: t('form.required') }]}>
          <MatterSelect width={260} />
        </Form.Item>
        <Form.Item name="lon" label={t('routing.lon')} rules={[{ required: true, message: t('form.required') }]}>
          <InputNumber min={-180} max={180} step={0.0001} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="lat" label={t('routing.lat')} rules={[{ required: true, message: t('form.required') }]}>
          <InputNumber min={-90} max={90} step={0.0001} style={{ width: 130 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={test.isPending} data-testid="routing-test-run">
          {t('routing.testRun')}
        </Button>
      </Form>
      {test.error && <Alert className="yw-form-alert" type="error" showIcon title={errorText(test.error)} />}
      {result && (
        <Alert
          className="yw-form-alert"
          style={{ marginTop: 16 }}
          type={result.routing.ok ? 'success' : 'warning'}
          showIcon
          data-testid="routing-test-result"
          title={result.rule ? t('routing.matched', { code: result.rule.code }) : t('routing.fallback')}
          description={
            <>
              <div>{result.routing.reason}</div>
              <div className="yw-muted">
                {t('routing.testPlace', {
                  grid: result.place.gridName ?? result.place.gridCode ?? '—',
                  region: result.place.regionName,
                })}
              </div>
              {result.passedOver.length > 0 && (
                <div className="yw-muted">
                  {t('routing.passedOver', { codes: result.passedOver.map((r) => r.code).join(t('list.separator')) })}
                </div>
              )}
            </>
          }
        />
      )}
    </Card>
  );
}

/**
 * 派单规则（六定）: the ordered dispatch rules, first match wins. Operators add, change,
 * remove and reorder the rules of their area; everyone who dispatches can read them and
 * try a matter at a point to see which rule takes it.
 */
export default function RoutingRulesPage() {
  const { t } = useRoutingI18n();
  const { message } = App.useApp();
  const session = useSignedIn();
  const canManage = hasPermission(session, 'routing.manage');
  const rules = useRoutingRules();
  const move = useMoveRule();
  const remove = useDeleteRule();
  const describe = useDescribe();
  const [mineOnly, setMineOnly] = useState(false);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<{ rule: RoutingRuleView | null; key: number } | null>(null);
  const all = rules.data?.items ?? [];
  const shown = all.filter(
    (r) =>
      (!mineOnly || r.editable) &&
      (!q ||
        r.code.includes(q.toUpperCase()) ||
        r.unit.name.includes(q) ||
        (r.matter !== '*' && 'matterCode' in r.matter && r.matter.matterCode.includes(q.toUpperCase()))),
  );

  const moveTo = async (rule: RoutingRuleView, offset: -1 | 1) => {
    const index = all.findIndex((r) => r.code === rule.code);
    // Up: above the one before. Down: above the one two after (or to the end).
    const before = offset === -1 ? all[index - 1]?.code : index + 2 < all.length ? all[index + 2]?.code : null;
    if (before === undefined) return;
    try {
      await move.mutateAsync({ code: rule.code, before });
      // void: the toast's promise only resolves when it closes; nothing to wait for.
      void message.success(t('routing.moved', { code: rule.code }));
    } catch (error) {
      // void: the toast's promise only resolves when it closes; nothing to wait for.
      void message.error(errorText(error));
    }
  };

  return (
    <>
      <div className="yw-page-header">
        <h1 className="yw-page-title">{t('cases.nav.routing')}</h1>
        {canManage && (
          <Button
            type="primary"
            size="large"
            data-testid="rule-create"
            onClick={() => setEditing({ rule: null, key: Date.now() })}
          >
            {t('routing.create')}
          </Button>
        )}
      </div>
      <Alert
        className="yw-form-alert"
        type="info"
        showIcon
        title={t(canManage ? 'routing.help' : 'routing.readOnly')}
      />
      <TestPanel />
      <Card className="yw-card">
        <Space wrap size="middle" className="yw-filters">
          <Input.Search
            allowClear
            placeholder={t('routing.filter')}
            aria-label={t('routing.filter')}
            style={{ width: 280 }}
            onSearch={(value) => {
              setQ(value.trim());
              setPage(1);
            }}
          />
          {canManage && (
            <Checkbox checked={mineOnly} onChange={(e) => setMineOnly(e.target.checked)}>
              {t('routing.mineOnly')}
            </Checkbox>
          )}
        </Space>
        {rules.error && <Alert className="yw-form-alert" type="error" showIcon title={errorText(rules.error)} />}
        <Table<RoutingRuleView>
          data-testid="routing-rules"
          rowKey="code"
          size="small"
          loading={rules.isFetching && !rules.data}
          dataSource={shown}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            showSizeChanger: false,
            showTotal: (total) => t('table.total', { total }),
            onChange: setPage,
          }}
          onRow={(r) => ({ 'data-rule': r.code }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              key: 'order',
              title: t('routing.order'),
              width: 70,
              render: (_, r) => <span data-testid={`rule-order-${r.code}`}>{r.position / 10}</span>,
            },
            { key: 'code', title: t('routing.code'), dataIndex: 'code', width: 90 },
            { key: 'matter', title: t('routing.matter'), render: (_, r) => describe.matter(r.matter) },
            { key: 'place', title: t('routing.place'), render: (_, r) => describe.place(r) },
            { key: 'unit', title: t('routing.unit'), render: (_, r) => r.unit.name },
            {
              key: 'assignee',
              title: t('routing.assignee'),
              width: 200,
              render: (_, r) =>
                r.postId ? (
                  <>
                    <Tag>{t('routing.post')}</Tag>
                    {r.postName}
                  </>
                ) : r.personUserId ? (
                  <>
                    <Tag>{t('routing.person')}</Tag>
                    {r.personName}
                  </>
                ) : (
                  '—'
                ),
            },
            ...(canManage
              ? [
                  {
                    key: 'actions',
                    title: t('table.actions'),
                    width: 250,
                    render: (_: unknown, r: RoutingRuleView) =>
                      r.editable ? (
                        <Space size={0}>
                          <Button
                            type="link"
                            size="small"
                            data-testid={`rule-up-${r.code}`}
                            disabled={all[0]?.code === r.code}
                            onClick={() => moveTo(r, -1)}
                          >
                            {t('routing.moveUp')}
                          </Button>
                          <Button
                            type="link"
                            size="small"
                            data-testid={`rule-down-${r.code}`}
                            disabled={all.at(-1)?.code === r.code}
                            onClick={() => moveTo(r, 1)}
                          >
                            {t('routing.moveDown')}
                          </Button>
                          <Button
                            type="link"
                            size="small"
                            data-testid={`rule-edit-${r.code}`}
                            onClick={() => setEditing({ rule: r, key: Date.now() })}
                          >
                            {t('action.edit')}
                          </Button>
                          <Popconfirm
                            title={t('routing.deleteConfirm', { code: r.code })}
                            onConfirm={async () => {
                              try {
                                await remove.mutateAsync(r.code);
                                // void: the toast's promise only resolves when it closes; nothing to wait for.
                                void message.success(t('routing.deleted', { code: r.code }));
                              } catch (error) {
                                // void: the toast's promise only resolves when it closes; nothing to wait for.
                                void message.error(errorText(error));
                              }
                            }}
                          >
                            <Button type="link" size="small" danger data-testid={`rule-delete-${r.code}`}>
                              {t('routing.delete')}
                            </Button>
                          </Popconfirm>
                        </Space>
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {editing && <RuleDialog key={editing.key} rule={editing.rule} rules={all} onClose={() => setEditing(null)} />}
    </>
  );
}
