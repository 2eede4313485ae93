import type { Locale } from '@yiwang/contracts';
import { StrictMode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { storedLocale, storeLocale } from '../shared/translate';
import { BigScreenPage } from './big-screen-page';
import { DESIGN, fitStage } from './fit';
import './screen.css';

/**
 * The big screen at /screen: a wall display of a county's or town's command center. Opened
 * by a signed-in desk (its session) or with a read-only screen key: /screen?token=yw_…
 * (an API key with the role screen_viewer). The key is moved out of the address bar into
 * this tab's session storage at once, so it is neither shown nor kept in the history.
 */
const TOKEN_KEY = 'yiwang.screen-token';

function takeToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  try {
    if (fromUrl) {
      sessionStorage.setItem(TOKEN_KEY, fromUrl);
      url.searchParams.delete('token');
      window.history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
      return fromUrl;
    }
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return fromUrl;
  }
}

function initialLocale(): Locale {
  const lang = new URL(window.location.href).searchParams.get('lang');
  return lang === 'en-US' || lang === 'zh-CN' ? lang : storedLocale();
}

function useViewport() {
  const [size, setSize] = useState({ width: window.innerWidth, height: window.innerHeight });
  useEffect(() => {
    const onResize = () => setSize({ width: window.innerWidth, height: window.innerHeight });
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return size;
}

function Screen() {
  const token = useMemo(takeToken, []);
  const headers = useMemo(() => (token ? { 'X-API-Key': token } : ({} as Record<string, string>)), [token]);
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const viewport = useViewport();
  const { scale, left, top } = fitStage(viewport.width, viewport.height);
  // Canvases draw at the wall's real pixels (a 4K wall: twice the design's), never upscaled.
  const pixelRatio = Math.max(1, Math.round((window.devicePixelRatio || 1) * scale * 100) / 100);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  return (
    <div className="ys-viewport">
      <div
        className="ys-stage"
        data-scale={scale}
        style={{
          width: DESIGN.width,
          height: DESIGN.height,
          transform: `translate(${left}px, ${top}px) scale(${scale})`,
        }}
      >
        <BigScreenPage
          headers={headers}
          locale={locale}
          pixelRatio={pixelRatio}
          onSwitchLocale={() => {
            const next = locale === 'zh-CN' ? 'en-US' : 'zh-CN';
            storeLocale(next);
            setLocale(next);
          }}
        />
      </div>
    </div>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Screen />
    </StrictMode>,
  );
}
