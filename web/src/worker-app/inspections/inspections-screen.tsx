import type { InspectionFinding, MyDrawnInspections } from '@yiwang/contracts';
import { DRAW_TARGET_KIND_LABELS } from '@yiwang/contracts/vocabulary';
import { useCallback, useEffect, useState } from 'react';
import { getJson, send } from '../shell/http';
import { useI18n } from '../shell/i18n';
import { Screen } from '../shell/screen';
import { showToast } from '../shell/toast';

type Item = MyDrawnInspections['items'][number];

/** A number with big − and + buttons: easier than a keyboard on site, for older hands too. */
function Stepper({
  label,
  value,
  onChange,
  testId,
}: {
  label: string;
  value: number;
  onChange: (v: number) => void;
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <div className="wa-field">
      <span id={`${testId}-label`} style={{ fontSize: 22 }}>
        {label}
      </span>
      <div className="wa-row" style={{ gap: 12, alignItems: 'center' }}>
        <button
          type="button"
          className="wa-btn wa-btn-huge"
          aria-label={t('inspect.less', { what: label })}
          onClick={() => onChange(Math.max(0, value - 1))}
        >
          −
        </button>
        <input
          className="wa-input"
          data-testid={testId}
          aria-labelledby={`${testId}-label`}
          inputMode="numeric"
          style={{ fontSize: 32, textAlign: 'center', width: 110 }}
          value={value}
          onChange={(e) => {
            const n = Number.parseInt(e.target.value.replace(/\D/g, '') || '0', 10);
            onChange(Math.min(10_000, n));
          }}
        />
        <button
          type="button"
          className="wa-btn wa-btn-huge"
          aria-label={t('inspect.more', { what: label })}
          onClick={() => onChange(Math.min(10_000, value + 1))}
        >
          +
        </button>
      </div>
    </div>
  );
}

/** The finding form of one drawn target: what was found on site vs what had been reported. */
function FindingForm({ item, onSaved }: { item: Item; onSaved: (f: InspectionFinding) => void }) {
  const { t } = useI18n();
  const [found, setFound] = useState(0);
  const [reported, setReported] = useState(0);
  const [codes, setCodes] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (reported > found) {
      setProblem(t('inspect.reportedOverFound'));
      return;
    }
    setBusy(true);
    setProblem(null);
    const foundCaseCodes = codes
      .split(/[\s,，、;；]+/)
      .map((c) => c.trim())
      .filter(Boolean);
    const result = await send<InspectionFinding>(
      'POST',
      `/assessment/draws/${item.drawId}/pairs/${item.pair.id}/findings`,
      { json: { foundCount: found, reportedCount: reported, foundCaseCodes, note: note.trim() } },
    );
    setBusy(false);
    if (result.ok) onSaved(result.body);
    else setProblem(result.message || result.code);
  };
  return (
    <div data-testid="finding-form">
      <Stepper label={t('inspect.found')} value={found} onChange={setFound} testId="finding-found" />
      <Stepper label={t('inspect.reported')} value={reported} onChange={setReported} testId="finding-reported" />
      <label className="wa-field">
        <span style={{ fontSize: 20 }}>{t('inspect.codes')}</span>
        <input
          className="wa-input"
          data-testid="finding-codes"
          style={{ fontSize: 20 }}
          placeholder={t('inspect.codesPlaceholder')}
          value={codes}
          onChange={(e) => setCodes(e.target.value)}
        />
      </label>
      <label className="wa-field">
        <span style={{ fontSize: 20 }}>{t('inspect.note')}</span>
        <textarea
          className="wa-textarea"
          data-testid="finding-note"
          style={{ fontSize: 20 }}
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      {problem && (
        <p className="wa-banner" data-tone="error" role="alert">
          {problem}
        </p>
      )}
      <button
        type="button"
        className="wa-btn wa-btn-green wa-btn-huge"
        data-testid="finding-submit"
        disabled={busy}
        onClick={submit}
        style={{ width: '100%' }}
      >
        {t('inspect.submit')}
      </button>
    </div>
  );
}

/**
 * 我的抽查: the targets a random draw gave me as inspector. On site I record what I found
 * against what had been reported (the detector's ground truth): large text and big buttons.
 */
export default function InspectionsScreen() {
  const { t, locale } = useI18n();
  const [items, setItems] = useState<Item[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const load = useCallback((signal?: AbortSignal) => {
    setError(null);
    getJson<MyDrawnInspections>('/assessment/draws/mine', undefined, signal)
      .then((r) => setItems(r.items))
      .catch((e: unknown) => {
        if (!signal?.aborted) setError(e instanceof Error ? e.message : String(e));
      });
  }, []);
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load]);
  return (
    <Screen title={t('inspect.title')} back>
      {error && (
        <p className="wa-banner" data-tone="error">
          {error}
        </p>
      )}
      {items?.length === 0 && <p className="wa-muted">{t('inspect.none')}</p>}
      {items?.map((item) => {
        const last = item.pair.findings.at(-1);
        return (
          <section key={item.pair.id} className="wa-card" data-testid="inspection-target" style={{ fontSize: 20 }}>
            <h2 style={{ fontSize: 24 }}>
              {DRAW_TARGET_KIND_LABELS[item.pair.targetKind][locale]} · {item.pair.targetName}
            </h2>
            <p className="wa-small">{t('inspect.period', { period: item.period })}</p>
            {last ? (
              <p data-testid="inspection-last-finding">
                {t('inspect.last', { found: last.foundCount, reported: last.reportedCount })}
              </p>
            ) : (
              <p className="wa-muted">{t('inspect.notYet')}</p>
            )}
            {open === item.pair.id ? (
              <FindingForm
                item={item}
                onSaved={() => {
                  showToast(t('inspect.saved'));
                  setOpen(null);
                  load();
                }}
              />
            ) : (
              <button
                type="button"
                className="wa-btn wa-btn-huge"
                data-testid="inspection-record"
                style={{ width: '100%' }}
                onClick={() => setOpen(item.pair.id)}
              >
                {last ? t('inspect.again') : t('inspect.record')}
              </button>
            )}
          </section>
        );
      })}
    </Screen>
  );
}
