import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { compressPhoto } from '../../shared/compress-photo';
import { useI18n } from '../shell/i18n';

export interface TakenPhoto {
  blob: Blob;
  url: string;
}

/**
 * The camera (a file input with capture=environment opens it directly on a phone), styled
 * as whatever `children` draws; hands over the photo already compressed.
 */
export function PhotoInput({
  onPhoto,
  className,
  children,
  testId,
}: {
  onPhoto: (photo: TakenPhoto) => void;
  className: string;
  children: ReactNode;
  testId?: string;
}) {
  const { t } = useI18n();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <label htmlFor={id} className={className} aria-busy={busy}>
        {busy ? t('report.compressing') : children}
      </label>
      <input
        id={id}
        className="wa-visually-hidden"
        type="file"
        accept="image/*"
        capture="environment"
        data-testid={testId}
        onChange={async (event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (!file) return;
          setBusy(true);
          setError(null);
          try {
            const blob = await compressPhoto(file);
            onPhoto({ blob, url: URL.createObjectURL(blob) });
          } catch (failure) {
            // The browser's own words ("The source image could not be decoded") help nobody in the street.
            console.warn('photo not usable', failure);
            setError(t('report.photoFailed'));
          } finally {
            setBusy(false);
          }
        }}
      />
      {error && (
        <p className="wa-error-text" role="alert" data-testid="photo-error">
          {error}
        </p>
      )}
    </>
  );
}

/** Photos taken on this screen; their preview URLs are released when it closes. */
export function usePhotos(): [TakenPhoto[], (photo: TakenPhoto) => void, () => void] {
  const [photos, setPhotos] = useState<TakenPhoto[]>([]);
  const urls = useRef<string[]>([]);
  useEffect(
    () => () => {
      for (const url of urls.current) URL.revokeObjectURL(url);
    },
    [],
  );
  const add = (photo: TakenPhoto) => {
    urls.current.push(photo.url);
    // The server takes at most 9 photos per report.
    setPhotos((list) => [...list, photo].slice(-9));
  };
  return [photos, add, () => setPhotos([])];
}
