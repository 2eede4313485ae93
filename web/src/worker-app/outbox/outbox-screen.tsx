import { memo, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { patrolStore } from '../patrol/patrol-store';
import { askConfirm } from '../shell/confirm';
import { useI18n } from '../shell/i18n';
import type { WorkerMessageKey } from '../shell/messages';
import { Screen } from '../shell/screen';
import { currentUserId } from '../shell/session';
import { useStore } from '../shell/store';
import { isEditable, isPending, type OutboxItem } from './outbox-logic';
import { discardItem, outboxItems, retryItem, sendingIds } from './outbox-store';
import { syncNow, syncStatus } from './outbox-sync';

/** The item's own screen, opened on the failed item (see useFailedEdit). */
function editPath(item: OutboxItem): string {
  const edit = `edit=${encodeURIComponent(item.id)}`;
  switch (item.request.kind) {
    case 'verify':
      return `/verify/${encodeURIComponent(item.request.caseCode)}?${edit}`;
    case 'visit':
      return `/visit?${edit}`;
    default:
      return `/report?${edit}`;
  }
}

const TONE: Record<OutboxItem['state'], string> = { queued: 'amber', sending: 'blue', sent: 'green', failed: 'red' };

/**
 * One item. Memoized: while a backlog syncs the list changes many times a second, and only
 * the rows whose item changed need drawing again (`now` is passed only to a row that
 * shows a countdown; to the others, a time after every retry).
 */
const ItemRow = memo(function ItemRow({ item, now, sending }: { item: OutboxItem; now: number; sending: boolean }) {
  const { t, locale } = useI18n();
  const { online } = useStore(syncStatus);
  const navigate = useNavigate();
  const state = sending ? 'sending' : item.state;
  const error = item.lastError;
  const errorText = error
    ? error.message || (error.status === 0 ? t('error.network') : t('error.http', { status: error.status }))
    : '';
  let detail = '';
  if (item.state === 'sent' && item.result) {
    detail =
      item.result.outcome === 'done'
        ? t('outbox.result.done')
        : t(`outbox.result.${item.result.outcome}`, { code: item.result.caseCode ?? '' });
  } else if (state === 'queued') {
    if (error?.status === 401) detail = t('outbox.waitingLogin');
    else if (!online) detail = t('outbox.waitingNetwork');
    else if (error && item.nextAttemptAt > now)
      detail = t('outbox.retryAt', {
        seconds: Math.ceil((item.nextAttemptAt - now) / 1000),
        attempts: item.attempts,
        message: errorText,
      });
  } else if (item.state === 'failed') {
    detail = errorText;
  }
  return (
    <li data-testid="outbox-item" data-state={state} data-kind={item.request.kind}>
      <div className="wa-row">
        <div className="wa-row-main">
          <div className="wa-row-title">
            {t(`outbox.kind.${item.request.kind}` as WorkerMessageKey)} · {item.title}
          </div>
          <div className="wa-row-sub">
            {new Date(item.createdAt).toLocaleTimeString(locale)}
            {item.photos.length > 0 ? ` · ${t('outbox.photos', { count: item.photos.length })}` : ''}
          </div>
          {detail && (
            <div className={item.state === 'failed' ? 'wa-error-text' : 'wa-muted'} data-testid="outbox-detail">
              {detail}
            </div>
          )}
        </div>
        <span className="wa-tag" data-tone={TONE[state]}>
          {t(`outbox.state.${state}` as WorkerMessageKey)}
        </span>
      </div>
      {item.state === 'failed' && (
        <div className="wa-item-actions">
          {isEditable(item) && (
            <button
              type="button"
              className="wa-btn wa-btn-small"
              data-testid="outbox-edit"
              onClick={() => navigate(editPath(item))}
            >
              {t('outbox.edit')}
            </button>
          )}
          <button
            type="button"
            className="wa-btn wa-btn-small wa-btn-secondary"
            onClick={() => void retryItem(item.id)}
          >
            {t('outbox.retry')}
          </button>
          <button
            type="button"
            className="wa-btn wa-btn-small wa-btn-red"
            onClick={async () => {
              if (await askConfirm(t('outbox.confirmDiscard'), { confirm: t('outbox.discard'), danger: true }))
                void discardItem(item.id);
            }}
          >
            {t('outbox.discard')}
          </button>
        </div>
      )}
    </li>
  );
});

/** Everything the phone still has to send (and what went today), each with its state and, if it failed, why. */
export default function OutboxScreen() {
  const { t } = useI18n();
  const items = useStore(outboxItems);
  const sending = useStore(sendingIds);
  const { pendingPoints } = useStore(patrolStore);
  const { running } = useStore(syncStatus);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const userId = currentUserId();
  const mine = items.filter((i) => i.userId === userId);
  const others = items.length - mine.length;
  const pending = mine.filter(isPending).length;
  // Newest first: what the worker just did is on top.
  const ordered = [...mine].sort((a, b) => b.createdAt - a.createdAt);
  return (
    <Screen
      title={t('outbox.title')}
      action={
        <button
          type="button"
          className="wa-btn wa-btn-huge"
          disabled={running}
          data-testid="sync-now"
          onClick={() => void syncNow({ flushPoints: true })}
        >
          ⇅ {t('outbox.syncNow')}
        </button>
      }
    >
      <p className="wa-banner" data-tone="info" data-testid="outbox-summary" data-pending={pending}>
        {pending > 0 ? t('outbox.pending', { count: pending }) : t('outbox.allSent')}
      </p>
      {pendingPoints > 0 && <p className="wa-muted">{t('outbox.patrol', { count: pendingPoints })}</p>}
      {others > 0 && <p className="wa-muted">{t('outbox.otherUser', { count: others })}</p>}
      <section className="wa-card">
        {ordered.length === 0 ? (
          <p className="wa-muted">{t('outbox.empty')}</p>
        ) : (
          <ul className="wa-list" data-testid="outbox-list">
            {ordered.map((item) => (
              <ItemRow
                key={item.id}
                item={item}
                now={item.lastError && item.nextAttemptAt > now ? now : Number.POSITIVE_INFINITY}
                sending={sending.has(item.id)}
              />
            ))}
          </ul>
        )}
      </section>
    </Screen>
  );
}
