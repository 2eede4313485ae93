import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useI18n } from '../shell/i18n';
import { useStore } from '../shell/store';
import { faultsByField, type OutboxItem, type OutboxKind, type OutboxPhoto } from './outbox-logic';
import { ItemGoneError, outboxItems, photoBlob, replaceFailed } from './outbox-store';

/**
 * What the report, visit and verify screens share when they open a failed outbox item
 * for editing (`?edit=<item id>`): the item, the server's complaints by field, and its
 * photos shown from the phone's copy.
 */
export interface FailedEdit<K extends OutboxKind> {
  item: OutboxItem & { request: Extract<OutboxItem['request'], { kind: K }> };
  /** See faultsByField: `location`, `matter`, `note`, `formAnswers.<code>`… → message. */
  faults: Record<string, string>;
}

/**
 * The failed item named by `?edit=`, fixed when the screen opens (the screen edits that
 * version; if it changes meanwhile the swap is refused). `null`: not editing; 'gone': the
 * link names an item that is no longer a failed one of this kind.
 */
export function useFailedEdit<K extends OutboxKind>(kind: K): FailedEdit<K> | null | 'gone' {
  const [params] = useSearchParams();
  const editId = params.get('edit');
  const items = useStore(outboxItems);
  const [opened] = useState(() => items.find((i) => i.id === editId) ?? null);
  return useMemo(() => {
    if (!editId) return null;
    if (opened?.state !== 'failed' || opened.request.kind !== kind) return 'gone';
    return { item: opened as FailedEdit<K>['item'], faults: faultsByField(opened.lastError) };
  }, [editId, opened, kind]);
}

/**
 * Puts the edited item in place of the failed one. False when the failed one changed
 * meanwhile (sent or discarded in another tab): nothing was written, the screen says so.
 */
export async function resendEdited(failedId: string, edit: Parameters<typeof replaceFailed>[1]): Promise<boolean> {
  try {
    await replaceFailed(failedId, edit);
    return true;
  } catch (error) {
    if (!(error instanceof ItemGoneError)) throw error;
    return false;
  }
}

export interface KeptPhoto {
  photo: OutboxPhoto;
  /** Object URL of the phone's copy, or null when the blob is gone (then it is sent without it, as before). */
  url: string | null;
}

/** The failed item's photos with previews; the worker can drop some before resending. */
export function useKeptPhotos(item: OutboxItem | null): [KeptPhoto[], (blobId: string) => void] {
  const [kept, setKept] = useState<KeptPhoto[]>([]);
  useEffect(() => {
    if (!item) return;
    let cancelled = false;
    const urls: string[] = [];
    void Promise.all(
      item.photos.map(async (photo) => {
        const blob = await photoBlob(photo.blobId);
        const url = blob ? URL.createObjectURL(blob) : null;
        if (url) urls.push(url);
        return { photo, url };
      }),
    ).then((loaded) => {
      if (!cancelled) setKept(loaded);
    });
    return () => {
      cancelled = true;
      for (const url of urls) URL.revokeObjectURL(url);
    };
  }, [item]);
  return [kept, (blobId) => setKept((list) => list.filter((k) => k.photo.blobId !== blobId))];
}

/** The server's complaint about one field, shown right under it. */
export function FieldFault({ faults, field }: { faults: Record<string, string> | undefined; field: string }) {
  const message = faults?.[field];
  if (!message) return null;
  return (
    <p className="wa-field-fault" role="alert" data-testid="field-fault" data-field={field}>
      {message}
    </p>
  );
}

/** Top of an edit screen: why the last send failed, and that this replaces it. */
export function EditBanner({ item }: { item: OutboxItem }) {
  const { t } = useI18n();
  const error = item.lastError;
  const message = error?.message || (error ? t('error.http', { status: error.status }) : '');
  return (
    <p className="wa-banner" data-tone="error" data-testid="edit-banner">
      {t('edit.banner', { message })}
    </p>
  );
}

/** The link was to an item that is not there (sent, resent or discarded meanwhile). */
export function EditGone() {
  const { t } = useI18n();
  return (
    <p className="wa-banner" data-testid="edit-gone">
      {t('edit.gone')}{' '}
      <Link to="/outbox" replace>
        {t('nav.outbox')}
      </Link>
    </p>
  );
}

/** Kept photos as thumbnails, each with a large "remove" control. */
export function KeptThumbs({ kept, onRemove }: { kept: KeptPhoto[]; onRemove: (blobId: string) => void }) {
  const { t } = useI18n();
  return (
    <>
      {kept.map((k, index) => (
        <span key={k.photo.blobId} className="wa-thumb-kept" data-testid="kept-photo">
          {k.url ? <img src={k.url} alt="" /> : <span className="wa-muted">{t('edit.photoMissing')}</span>}
          <button
            type="button"
            className="wa-thumb-remove"
            aria-label={t('edit.removePhoto', { n: index + 1 })}
            onClick={() => onRemove(k.photo.blobId)}
          >
            ×
          </button>
        </span>
      ))}
    </>
  );
}
