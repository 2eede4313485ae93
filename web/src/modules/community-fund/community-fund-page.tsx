import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  DecisionList,
  FundCommunityList,
  FundIncomeSource,
  FundLedger,
  FundNegativeRuleList,
  FundSpending,
  FundSpendingPurpose,
} from '@yiwang/contracts';
import {
  FUND_INCOME_SOURCE_LABELS,
  FUND_INCOME_SOURCES,
  FUND_SPENDING_PURPOSE_LABELS,
  FUND_SPENDING_PURPOSES,
  FUND_SPENDING_STATUS_LABELS,
  FUND_STEP_LABELS,
  FUND_STEPS,
  yuanOf,
} from '@yiwang/contracts/vocabulary';
import { Alert, App, Button, Descriptions, Input, InputNumber, Select, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../lib/api';
import { ExportButton } from '../../lib/export-button';
import { errorText } from '../../lib/form-errors';
import { chinaToday, formatDateTime } from '../../lib/format';
import { draftText, InlineFormCard } from '../../lib/inline-form';
import { hasPermission } from '../../lib/permissions';
import { useSignedIn } from '../auth';
import { useFundI18n } from './community-fund-messages';

const KEY = ['community-fund'] as const;
/** Yuan as typed (two decimals at most) to integer fen: the server keeps money in fen, never floats. */
const fenOf = (yuan: number | null) => Math.round((yuan ?? 0) * 100);

function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: KEY });
}

function LedgerTab({ ledger }: { ledger: FundLedger }) {
  const { t, locale } = useFundI18n();
  const yuan = (fen: number) => t('f.yuan', { amount: yuanOf(fen) });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" bordered column={3}>
        <Descriptions.Item label={t('f.balance')}>
          <span data-testid="fund-desk-balance" data-fen={ledger.balanceFen}>
            {yuan(ledger.balanceFen)}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('f.incomeTotal')}>{yuan(ledger.incomeFen)}</Descriptions.Item>
        <Descriptions.Item label={t('f.spendingTotal')}>{yuan(ledger.spendingFen)}</Descriptions.Item>
      </Descriptions>
      <Alert type="info" showIcon message={t('f.addsUp')} />
      <ExportButton
        path={`/community-funds/${ledger.communityCode}/export.xlsx`}
        query={{}}
        testId="fund-ledger-export"
      />
      <Table
        rowKey="id"
        size="small"
        pagination={{ pageSize: 20 }}
        dataSource={ledger.transactions}
        data-testid="fund-desk-transactions"
        columns={[
          { title: t('f.date'), dataIndex: 'occurredOn' },
          {
            title: t('f.kind'),
            render: (_, tx) =>
              tx.kind === 'income' ? (
                <Tag color="green">{t('f.kindIncome')}</Tag>
              ) : (
                <Tag color="orange">{t('f.kindSpending')}</Tag>
              ),
          },
          {
            title: t('f.category'),
            render: (_, tx) =>
              tx.kind === 'income'
                ? FUND_INCOME_SOURCE_LABELS[tx.category as FundIncomeSource]?.[locale]
                : FUND_SPENDING_PURPOSE_LABELS[tx.category as FundSpendingPurpose]?.[locale],
          },
          { title: t('f.title'), render: (_, tx) => tx.description },
          { title: t('f.counterparty'), render: (_, tx) => tx.counterparty },
          {
            title: t('f.amount'),
            align: 'right',
            render: (_, tx) => `${tx.kind === 'income' ? '+' : '−'}${yuanOf(tx.amountFen)}`,
          },
          { title: t('f.balanceAfter'), align: 'right', render: (_, tx) => yuanOf(tx.balanceAfterFen) },
        ]}
      />
    </Space>
  );
}

function IncomeTab({ communityCode }: { communityCode: string }) {
  const { t, locale } = useFundI18n();
  const { message } = App.useApp();
  const refresh = useRefresh();
  const [draft, setDraft] = useState({
    source: 'grant' as FundIncomeSource,
    yuan: null as number | null,
    counterparty: '',
    receivedOn: chinaToday(),
    note: '',
  });
  const record = useMutation({
    mutationFn: () =>
      api.post('/community-funds/income', {
        communityCode,
        source: draft.source,
        amountFen: fenOf(draft.yuan),
        counterparty: draft.counterparty,
        receivedOn: draft.receivedOn,
        note: draft.note,
      }),
    onSuccess: () => {
      void message.success(t('f.saved')); // toast only
      setDraft({ ...draft, yuan: null, counterparty: '', note: '' });
      return refresh();
    },
  });
  return (
    <InlineFormCard
      title={t('f.recordIncome')}
      submitLabel={t('f.save')}
      onSubmit={() => record.mutate()}
      pending={record.isPending}
      error={record.error}
      submitTestId="income-save"
      errorTestId="income-error"
    >
      <Select
        aria-label={t('f.source')}
        value={draft.source}
        onChange={(source) => setDraft({ ...draft, source })}
        options={FUND_INCOME_SOURCES.map((s) => ({ value: s, label: FUND_INCOME_SOURCE_LABELS[s][locale] }))}
        style={{ width: 140 }}
        data-testid="income-source"
      />
      <InputNumber
        aria-label={t('f.amount')}
        placeholder={t('f.amount')}
        min={0.01}
        precision={2}
        value={draft.yuan}
        onChange={(yuan) => setDraft({ ...draft, yuan })}
        data-testid="income-amount"
      />
      <Input {...draftText(draft, setDraft, 'counterparty', t('f.counterparty'))} data-testid="income-counterparty" />
      <Input
        aria-label={t('f.receivedOn')}
        type="date"
        value={draft.receivedOn}
        onChange={(e) => setDraft({ ...draft, receivedOn: e.target.value })}
      />
      <Input {...draftText(draft, setDraft, 'note', t('f.note'))} />
    </InlineFormCard>
  );
}

function StepForm({ spending }: { spending: FundSpending }) {
  const { t, locale } = useFundI18n();
  const refresh = useRefresh();
  const [by, setBy] = useState('');
  const [note, setNote] = useState('');
  const step = spending.nextStep;
  const record = useMutation({
    mutationFn: () => api.post(`/community-funds/spendings/${spending.id}/steps`, { step, by, note }),
    onSuccess: () => {
      setBy('');
      setNote('');
      return refresh();
    },
  });
  if (!step) return null;
  return (
    <Space wrap data-testid="fund-step-form" data-step={step}>
      <span>{t('f.nextStep', { step: FUND_STEP_LABELS[step][locale] })}</span>
      <Input
        aria-label={t('f.by')}
        placeholder={t('f.by')}
        value={by}
        onChange={(e) => setBy(e.target.value)}
        data-testid="fund-step-by"
      />
      <Input
        aria-label={t('f.note')}
        placeholder={t('f.note')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <Button
        type="primary"
        size="small"
        disabled={!by.trim()}
        onClick={() => record.mutate()}
        loading={record.isPending}
        data-testid="fund-step-save"
      >
        {t('f.recordStep')}
      </Button>
      {record.error && <Alert type="error" message={errorText(record.error)} />}
    </Space>
  );
}

function SpendingsTab({ ledger }: { ledger: FundLedger }) {
  const { t, locale } = useFundI18n();
  const refresh = useRefresh();
  const decisions = useQuery({
    queryKey: [...KEY, 'decisions', ledger.communityCode],
    queryFn: () => api.get<DecisionList>('/decisions', { regionCode: ledger.communityCode }),
  });
  const [draft, setDraft] = useState({
    purpose: 'facilities' as FundSpendingPurpose,
    title: '',
    yuan: null as number | null,
    payee: '',
    decisionId: undefined as string | undefined,
    by: '',
    note: '',
  });
  const propose = useMutation({
    mutationFn: () =>
      api.post('/community-funds/spendings', {
        communityCode: ledger.communityCode,
        purpose: draft.purpose,
        title: draft.title,
        amountFen: fenOf(draft.yuan),
        payee: draft.payee,
        decisionId: draft.decisionId,
        proposal: { by: draft.by, note: draft.note },
      }),
    onSuccess: () => {
      setDraft({ ...draft, title: '', yuan: null, payee: '', note: '' });
      return refresh();
    },
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <InlineFormCard
        title={t('f.propose')}
        submitLabel={t('f.proposeDo')}
        onSubmit={() => propose.mutate()}
        pending={propose.isPending}
        error={propose.error}
        submitTestId="spending-propose"
        errorTestId="spending-error"
      >
        <Select
          aria-label={t('f.purpose')}
          value={draft.purpose}
          onChange={(purpose) => setDraft({ ...draft, purpose })}
          options={FUND_SPENDING_PURPOSES.map((p) => ({ value: p, label: FUND_SPENDING_PURPOSE_LABELS[p][locale] }))}
          style={{ width: 140 }}
          data-testid="spending-purpose"
        />
        <Input {...draftText(draft, setDraft, 'title', t('f.title'))} data-testid="spending-title" />
        <InputNumber
          aria-label={t('f.amount')}
          placeholder={t('f.amount')}
          min={0.01}
          precision={2}
          value={draft.yuan}
          onChange={(yuan) => setDraft({ ...draft, yuan })}
          data-testid="spending-amount"
        />
        <Input {...draftText(draft, setDraft, 'payee', t('f.payee'))} data-testid="spending-payee" />
        <Select
          aria-label={t('f.decision')}
          placeholder={t('f.decision')}
          value={draft.decisionId}
          onChange={(decisionId) => setDraft({ ...draft, decisionId })}
          options={decisions.data?.items.map((d) => ({ value: d.id, label: d.title })) ?? []}
          style={{ width: 240 }}
          data-testid="spending-decision"
        />
        <Input {...draftText(draft, setDraft, 'by', t('f.proposedBy'))} data-testid="spending-by" />
      </InlineFormCard>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={ledger.spendings}
        columns={[
          { title: t('f.title'), dataIndex: 'title' },
          { title: t('f.purpose'), render: (_, s) => FUND_SPENDING_PURPOSE_LABELS[s.purpose][locale] },
          { title: t('f.amount'), align: 'right', render: (_, s) => yuanOf(s.amountFen) },
          { title: t('f.payee'), dataIndex: 'payee' },
          {
            title: t('f.status'),
            render: (_, s) => (
              <span data-testid="spending-status">{FUND_SPENDING_STATUS_LABELS[s.status][locale]}</span>
            ),
          },
          {
            title: t('f.steps'),
            render: (_, s) => (
              <Space direction="vertical" size={2} data-testid="spending-steps" data-title={s.title}>
                {FUND_STEPS.map((step) => {
                  const done = s.steps.find((r) => r.step === step);
                  return (
                    <span key={step} data-step={step} data-done={done ? 'true' : 'false'}>
                      {done ? '✓' : '○'} {FUND_STEP_LABELS[step][locale]}
                      {done ? ` · ${done.by} · ${formatDateTime(done.at)}` : ''}
                    </span>
                  );
                })}
                <StepForm spending={s} />
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}

function NegativeListTab({ communityCode }: { communityCode: string }) {
  const { t, locale } = useFundI18n();
  const refresh = useRefresh();
  const rules = useQuery({
    queryKey: [...KEY, 'rules', communityCode],
    queryFn: () => api.get<FundNegativeRuleList>('/community-funds/negative-rules', { communityCode }),
  });
  const [draft, setDraft] = useState({ name: '', purposes: [] as FundSpendingPurpose[], keywords: '' });
  const add = useMutation({
    mutationFn: () =>
      api.post('/community-funds/negative-rules', {
        regionCode: communityCode,
        name: draft.name,
        purposes: draft.purposes,
        keywords: draft.keywords
          .split(/[,，、]/)
          .map((k) => k.trim())
          .filter(Boolean),
      }),
    onSuccess: () => {
      setDraft({ name: '', purposes: [], keywords: '' });
      return refresh();
    },
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        loading={rules.isPending}
        dataSource={rules.data?.items ?? []}
        data-testid="negative-rules"
        columns={[
          { title: t('f.ruleName'), dataIndex: 'name' },
          {
            title: t('f.rulePurposes'),
            render: (_, r) =>
              r.purposes.map((p) => FUND_SPENDING_PURPOSE_LABELS[p as FundSpendingPurpose]?.[locale] ?? p).join('、'),
          },
          { title: t('f.ruleKeywords'), render: (_, r) => r.keywords.join('、') },
          { title: t('f.ruleRegion'), dataIndex: 'regionCode' },
        ]}
      />
      <InlineFormCard
        title={t('f.addRule')}
        submitLabel={t('f.addRule')}
        onSubmit={() => add.mutate()}
        pending={add.isPending}
        error={add.error}
        disabled={!draft.name.trim()}
        primary={false}
      >
        <Input {...draftText(draft, setDraft, 'name', t('f.ruleName'))} style={{ width: 320 }} />
        <Select
          mode="multiple"
          aria-label={t('f.rulePurposes')}
          placeholder={t('f.rulePurposes')}
          value={draft.purposes}
          onChange={(purposes) => setDraft({ ...draft, purposes })}
          options={FUND_SPENDING_PURPOSES.map((p) => ({ value: p, label: FUND_SPENDING_PURPOSE_LABELS[p][locale] }))}
          style={{ minWidth: 200 }}
        />
        <Input {...draftText(draft, setDraft, 'keywords', t('f.ruleKeywords'))} />
      </InlineFormCard>
    </Space>
  );
}

/** The community workstation's fund desk: the ledger, income, spending with its five steps, the negative list. */
export default function CommunityFundPage() {
  const { t, locale } = useFundI18n();
  const session = useSignedIn();
  const canManage = hasPermission(session, 'community-fund.manage');
  const communities = useQuery({
    queryKey: [...KEY, 'communities'],
    queryFn: () => api.get<FundCommunityList>('/community-funds'),
  });
  const [picked, setPicked] = useState<string | undefined>();
  const communityCode = picked ?? communities.data?.items[0]?.code;
  const ledger = useQuery({
    queryKey: [...KEY, 'ledger', communityCode],
    queryFn: () => api.get<FundLedger>(`/community-funds/${communityCode}`),
    enabled: Boolean(communityCode),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <span>{t('f.community')}</span>
        <Select
          aria-label={t('f.community')}
          value={communityCode}
          onChange={setPicked}
          loading={communities.isPending}
          style={{ width: 240 }}
          options={communities.data?.items.map((c) => ({
            value: c.code,
            label: locale === 'en-US' ? c.nameEn : c.name,
          }))}
          data-testid="fund-community"
        />
      </Space>
      {(communities.error ?? ledger.error) && (
        <Alert type="error" message={errorText(communities.error ?? ledger.error)} />
      )}
      {communities.data?.items.length === 0 && <Alert type="info" message={t('f.none')} />}
      {ledger.data && communityCode && (
        <Tabs
          items={[
            { key: 'ledger', label: t('f.ledger'), children: <LedgerTab ledger={ledger.data} /> },
            ...(canManage
              ? [{ key: 'income', label: t('f.income'), children: <IncomeTab communityCode={communityCode} /> }]
              : []),
            { key: 'spendings', label: t('f.spendings'), children: <SpendingsTab ledger={ledger.data} /> },
            {
              key: 'negative',
              label: t('f.negativeList'),
              children: <NegativeListTab communityCode={communityCode} />,
            },
          ]}
        />
      )}
    </Space>
  );
}
