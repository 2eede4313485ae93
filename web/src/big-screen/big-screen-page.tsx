import type { BigScreen, BigScreenRate, Locale } from '@yiwang/contracts';
import { useEffect, useMemo, useState } from 'react';
import { EChart, type ScreenChartOption } from './echart';
import { type ScreenT, screenT } from './i18n';
import { useScreenData } from './screen-data';
import { ScreenMap } from './screen-map';

const TEXT = '#cbd5e1';
const AXIS = { axisLabel: { color: TEXT, fontSize: 14 }, axisLine: { lineStyle: { color: '#334155' } } };
const SPLIT = { splitLine: { lineStyle: { color: '#1e293b' } } };

const percent = (rate: BigScreenRate, t: ScreenT) =>
  rate.value === null ? t('rates.none') : `${(rate.value * 100).toFixed(1)}%`;

function Panel({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section className={`ys-panel ys-panel-${id}`} data-panel={id} aria-label={title}>
      <h2>{title}</h2>
      <div className="ys-panel-body">{children}</div>
    </section>
  );
}

function Clock({ locale }: { locale: Locale }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <time className="ys-clock" dateTime={now.toISOString()}>
      {now.toLocaleString(locale, { timeZone: 'Asia/Shanghai', hour12: false })}
    </time>
  );
}

function Counts({ data, t }: { data: BigScreen; t: ScreenT }) {
  const keys = ['reported', 'registered', 'closed', 'overdue'] as const;
  return (
    <div className="ys-counts">
      {(['today', 'month'] as const).map((period) => (
        <div key={period} className="ys-count-row" data-count-period={period}>
          <span className="ys-count-period">{t(`counts.${period}`)}</span>
          {keys.map((key) => (
            <span key={key} className={`ys-count ys-count-${key}`} data-count={`${period}.${key}`}>
              <b>{data.counts[period][key]}</b>
              <small>{t(`counts.${key}`)}</small>
            </span>
          ))}
        </div>
      ))}
      <p className="ys-open" data-open-total={data.open.total}>
        {t('open.total', { n: data.open.total })}
        {(['normal', 'warning', 'overdue'] as const).map((state) => (
          <span key={state} className={`ys-dot ys-dot-${state}`}>
            {t(`timeState.${state}`)} {data.open[state]}
          </span>
        ))}
      </p>
    </div>
  );
}

/** The whole wall at its design size (1920×1080); main.tsx scales it to the screen. */
export function BigScreenPage({
  headers,
  locale,
  pixelRatio,
  onSwitchLocale,
}: {
  headers: Record<string, string>;
  locale: Locale;
  pixelRatio: number;
  onSwitchLocale: () => void;
}) {
  const t = useMemo(() => screenT(locale), [locale]);
  const { data, grids, problem, status, updatedAt } = useScreenData(headers, locale);
  const options = useMemo(() => (data ? chartOptions(data, t, locale) : null), [data, t, locale]);
  const regionName = data ? (locale === 'en-US' ? data.region.nameEn : data.region.name) : '';

  return (
    <div className="ys-screen">
      <header className="ys-header">
        <h1>{t('app.title', { region: regionName })}</h1>
        <div className="ys-status">
          <span className={`ys-live ys-live-${status}`} data-status={status}>
            {status === 'live' ? t('status.live') : t('status.reconnecting')}
          </span>
          {updatedAt && (
            <span data-updated-at={updatedAt.toISOString()}>
              {t('status.updated', { time: updatedAt.toLocaleTimeString(locale, { hour12: false }) })}
            </span>
          )}
          <Clock locale={locale} />
          <button type="button" className="ys-lang" onClick={onSwitchLocale}>
            {t('language.switch')}
          </button>
        </div>
      </header>
      {problem && (
        <p className="ys-problem" role="alert">
          {t(`error.${problem}`)}
        </p>
      )}
      {!data || !options ? (
        <p className="ys-loading">{t('loading')}</p>
      ) : (
        <main className="ys-grid">
          <Panel id="counts" title={t('panel.counts')}>
            <Counts data={data} t={t} />
          </Panel>
          <Panel id="channels" title={t('panel.channels')}>
            <EChart key={pixelRatio} option={options.channels} pixelRatio={pixelRatio} label={t('panel.channels')} />
          </Panel>
          <Panel id="matters" title={t('panel.matters')}>
            <EChart key={pixelRatio} option={options.matters} pixelRatio={pixelRatio} label={t('panel.matters')} />
          </Panel>
          <Panel id="map" title={t('panel.map')}>
            <ScreenMap key={pixelRatio} grids={grids} map={data.map} pixelRatio={pixelRatio} label={t('panel.map')} />
            <p className="ys-legend">
              {(['normal', 'warning', 'overdue'] as const).map((state) => (
                <span key={state} className={`ys-dot ys-dot-${state}`}>
                  {t(`timeState.${state}`)}
                </span>
              ))}
              <span className="ys-dot ys-dot-heat">{t('map.heat')}</span>
              <span className="ys-dot ys-dot-patrol" data-patrols={data.map.patrols.length}>
                {t('map.patrols', { n: data.map.patrols.length })}
              </span>
            </p>
          </Panel>
          <Panel id="trend" title={t('panel.trend')}>
            <EChart key={pixelRatio} option={options.trend} pixelRatio={pixelRatio} label={t('panel.trend')} />
          </Panel>
          <Panel id="rates" title={t('panel.rates')}>
            <div className="ys-rates">
              {(['response', 'resolution', 'satisfaction'] as const).map((key) => (
                <div key={key} className="ys-rate" data-rate={key}>
                  <b>{percent(data.rates[key], t)}</b>
                  <small>{t(`rates.${key}`)}</small>
                </div>
              ))}
            </div>
          </Panel>
          <Panel id="departments" title={t('panel.departments')}>
            {data.departments.length === 0 ? (
              <p className="ys-empty">{t('departments.none')}</p>
            ) : (
              <EChart
                key={pixelRatio}
                option={options.departments}
                pixelRatio={pixelRatio}
                label={t('panel.departments')}
              />
            )}
          </Panel>
          <Panel id="hot-spots" title={t('panel.hotSpots')}>
            {data.hotSpots.length === 0 ? (
              <p className="ys-empty">{t('hotSpots.none')}</p>
            ) : (
              <ol className="ys-hot-spots">
                {data.hotSpots.map((spot, i) => (
                  <li key={spot.gridCode}>
                    <span className="ys-rank">{i + 1}</span>
                    <span className="ys-hot-name">{spot.name}</span>
                    <b>{spot.count}</b>
                  </li>
                ))}
              </ol>
            )}
          </Panel>
        </main>
      )}
    </div>
  );
}

function chartOptions(data: BigScreen, t: ScreenT, locale: Locale) {
  const channels: ScreenChartOption = {
    legend: { bottom: 0, textStyle: { color: TEXT, fontSize: 13 } },
    series: [
      {
        type: 'pie',
        radius: ['40%', '68%'],
        center: ['50%', '44%'],
        label: { color: TEXT, fontSize: 13, formatter: '{c}' },
        data: data.channels.map((c) => ({ name: t(`channel.${c.channel}`), value: c.count })),
      },
    ],
  };
  const matters: ScreenChartOption = {
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', ...AXIS, ...SPLIT },
    yAxis: {
      type: 'category',
      inverse: true,
      ...AXIS,
      data: data.topMatters.map((m) => (locale === 'en-US' ? m.nameEn : m.name)),
    },
    series: [
      {
        type: 'bar',
        barWidth: 14,
        itemStyle: { color: '#38bdf8' },
        label: { show: true, position: 'right', color: TEXT },
        data: data.topMatters.map((m) => m.count),
      },
    ],
  };
  const trend: ScreenChartOption = {
    legend: { top: 0, right: 8, textStyle: { color: TEXT, fontSize: 13 } },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', ...AXIS, data: data.trend.map((d) => d.day.slice(5)) },
    yAxis: { type: 'value', ...AXIS, ...SPLIT },
    series: [
      {
        type: 'line',
        name: t('trend.reported'),
        smooth: true,
        showSymbol: false,
        color: '#f97316',
        data: data.trend.map((d) => d.reported),
      },
      {
        type: 'line',
        name: t('trend.closed'),
        smooth: true,
        showSymbol: false,
        color: '#22c55e',
        data: data.trend.map((d) => d.closed),
      },
    ],
  };
  const pct = (rate: BigScreenRate) => (rate.value === null ? 0 : Math.round(rate.value * 1000) / 10);
  const departments: ScreenChartOption = {
    legend: { top: 0, right: 8, textStyle: { color: TEXT, fontSize: 13 } },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: 100, ...AXIS, ...SPLIT },
    yAxis: { type: 'category', inverse: true, ...AXIS, data: data.departments.map((d) => d.name) },
    series: [
      {
        type: 'bar',
        name: t('departments.onTime'),
        barWidth: 8,
        color: '#22c55e',
        data: data.departments.map((d) => pct(d.onTimeClosure)),
      },
      {
        type: 'bar',
        name: t('departments.closure'),
        barWidth: 8,
        color: '#38bdf8',
        data: data.departments.map((d) => pct(d.closure)),
      },
    ],
  };
  return { channels, matters, trend, departments };
}
