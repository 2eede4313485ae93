import { useEffect, useId, useRef } from 'react';
import { useI18n } from './i18n';
import { createStore, useStore } from './store';

interface Question {
  text: string;
  /** The confirming button's words ("结束巡查"), so the choice reads without the question. */
  confirm: string;
  danger: boolean;
  answer(yes: boolean): void;
}

const questionStore = createStore<Question | null>(null);

/**
 * Asks in the app's own dialog, not the browser's: large type, the app's words on both
 * buttons, and no "this page says" from an address the worker does not know.
 */
export function askConfirm(text: string, options: { confirm: string; danger?: boolean }): Promise<boolean> {
  questionStore.get()?.answer(false);
  return new Promise((resolve) => {
    questionStore.set({
      text,
      confirm: options.confirm,
      danger: options.danger ?? false,
      answer: (yes) => {
        questionStore.set(null);
        resolve(yes);
      },
    });
  });
}

/** Where askConfirm's dialog appears (once, in the app's frame). */
export function ConfirmHost() {
  const { t } = useI18n();
  const question = useStore(questionStore);
  const textId = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!question) return;
    cancel.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') question.answer(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [question]);
  if (!question) return null;
  return (
    <div className="wa-sheet-backdrop" data-testid="confirm">
      <div className="wa-sheet" role="alertdialog" aria-modal="true" aria-labelledby={textId}>
        <p id={textId} className="wa-confirm-text">
          {question.text}
        </p>
        <button
          type="button"
          className={question.danger ? 'wa-btn wa-btn-red' : 'wa-btn'}
          data-testid="confirm-yes"
          onClick={() => question.answer(true)}
        >
          {question.confirm}
        </button>
        <button
          type="button"
          ref={cancel}
          className="wa-btn wa-btn-secondary"
          data-testid="confirm-no"
          onClick={() => question.answer(false)}
        >
          {t('app.cancel')}
        </button>
      </div>
    </div>
  );
}
