import { useQuery } from '@tanstack/react-query';
import type { FundIncomeSource, FundSpendingPurpose } from '@yiwang/contracts';
import {
  FUND_INCOME_SOURCE_LABELS,
  FUND_SPENDING_PURPOSE_LABELS,
  FUND_STEP_LABELS,
  FUND_STEPS,
  yuanOf,
} from '@yiwang/contracts/vocabulary';
import { Link, useParams } from 'react-router';
import { communityApi } from '../community-api';
import { useCommunityI18n } from '../community-i18n';
import { ErrorNote, Loading, Screen } from '../ui';

/** Communities that publish a community fund; no sign-in. */
export function FundListPage() {
  const { tc, named } = useCommunityI18n();
  const list = useQuery({ queryKey: ['portal', 'funds'], queryFn: communityApi.fundCommunities });
  return (
    <Screen title={tc('fund.title')}>
      <p className="yr-note">{tc('fund.pick')}</p>
      {list.isPending && <Loading />}
      <ErrorNote error={list.error} />
      {list.data?.items.length === 0 && <p className="yr-note">{tc('fund.none')}</p>}
      <nav className="yr-actions">
        {list.data?.items.map((c) => (
          <Link key={c.code} to={`/fund/${c.code}`} className="yr-action" data-testid={`fund-${c.code}`}>
            <strong>{named(c)}</strong>
            <span>{tc('fund.yuan', { amount: yuanOf(c.balanceFen) })}</span>
          </Link>
        ))}
      </nav>
    </Screen>
  );
}

/** A community fund's public ledger: balance = income − spending, each spending's five steps, every transaction. */
export function FundLedgerPage() {
  const { code = '' } = useParams();
  const { tc, locale } = useCommunityI18n();
  const ledger = useQuery({ queryKey: ['portal', 'fund', code], queryFn: () => communityApi.fundLedger(code) });
  const data = ledger.data;
  const title = data
    ? `${locale === 'en-US' ? data.communityNameEn : data.communityName} · ${tc('fund.title')}`
    : tc('fund.title');
  return (
    <Screen title={title} back="/fund">
      {ledger.isPending && <Loading />}
      <ErrorNote error={ledger.error} />
      {data && (
        <>
          <section className="yr-card" aria-label={tc('fund.balance')}>
            <dl className="yr-keys">
              <dt>{tc('fund.balance')}</dt>
              <dd data-testid="fund-balance" data-fen={data.balanceFen}>
                {tc('fund.yuan', { amount: yuanOf(data.balanceFen) })}
              </dd>
              <dt>{tc('fund.income')}</dt>
              <dd data-testid="fund-income" data-fen={data.incomeFen}>
                {tc('fund.yuan', { amount: yuanOf(data.incomeFen) })}
              </dd>
              <dt>{tc('fund.spending')}</dt>
              <dd data-testid="fund-spending" data-fen={data.spendingFen}>
                {tc('fund.yuan', { amount: yuanOf(data.spendingFen) })}
              </dd>
            </dl>
            <p className="yr-hint">{tc('fund.addsUp')}</p>
          </section>
          <h2>{tc('fund.spendings')}</h2>
          <ul className="yr-list" data-testid="fund-spendings">
            {data.spendings.map((s) => (
              <li key={s.id}>
                <article className="yr-card" data-testid={`fund-spending-${s.id}`} data-status={s.status}>
                  <h3>
                    {s.title} · {tc('fund.yuan', { amount: yuanOf(s.amountFen) })}
                  </h3>
                  <p className="yr-hint">
                    {FUND_SPENDING_PURPOSE_LABELS[s.purpose][locale]} · {s.payee}
                  </p>
                  <ol>
                    {FUND_STEPS.map((step) => {
                      const done = s.steps.find((r) => r.step === step);
                      return (
                        <li key={step} data-step={step} data-done={done ? 'true' : 'false'}>
                          {done ? '✓' : '○'} {FUND_STEP_LABELS[step][locale]}：
                          {done
                            ? `${done.by} ${done.at.slice(0, 10)}${done.note ? ` · ${done.note}` : ''}`
                            : tc('fund.stepPending')}
                        </li>
                      );
                    })}
                  </ol>
                </article>
              </li>
            ))}
          </ul>
          <h2>{tc('fund.transactions')}</h2>
          <ul className="yr-list" data-testid="fund-transactions">
            {data.transactions.map((tx) => (
              <li key={tx.id} className="yr-card">
                <strong>
                  {tx.kind === 'income' ? '+' : '−'}
                  {tc('fund.yuan', { amount: yuanOf(tx.amountFen) })}
                </strong>{' '}
                {tx.kind === 'income'
                  ? FUND_INCOME_SOURCE_LABELS[tx.category as FundIncomeSource]?.[locale]
                  : FUND_SPENDING_PURPOSE_LABELS[tx.category as FundSpendingPurpose]?.[locale]}
                <p className="yr-hint">
                  {tx.occurredOn} · {tx.description || tx.counterparty} ·{' '}
                  {tc('fund.balanceAfter', { amount: yuanOf(tx.balanceAfterFen) })}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </Screen>
  );
}
