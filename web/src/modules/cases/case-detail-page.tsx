import { ArrowLeftOutlined } from '@ant-design/icons';
import type { CaseDetail, FormAnswers, Locale, LonLat, MatterFormField, TimelineEntry } from '@yiwang/contracts';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Image,
  List,
  Row,
  Space,
  Spin,
  Tag,
  Timeline,
  Tooltip,
} from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../lib/api';
import { errorText } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { hasPermission } from '../../lib/permissions';
import { RevealPhone } from '../../lib/reveal-phone';
import { answeredQuestions } from '../../shared/report-form';
import { useSignedIn } from '../auth';
import { CaseRegistryLinks } from '../registry';
import { CaseActions } from './case-actions';
import { eventLabel, StateTag, TimeTag } from './case-labels';
import { useCaseStream } from './case-stream';
import { photoUrl, useCase, useCasePost } from './cases-api';
import { useCasesI18n } from './cases-messages';

const CaseMap = lazy(() => import('./case-map'));

const SENDS = new Set(['dispatched', 'redispatched', 'whistle_blown']);

/** Timeline details worth showing: reasons, notes, texts, ratings, units, the cases merged, the grid placed in. */
function detailText(
  entry: TimelineEntry,
  unitName: (id: string) => string,
  t: (k: string) => string,
  gridName: (code: string) => string,
): string[] {
  const d = (entry.details ?? {}) as Record<string, unknown>;
  const lines: string[] = [];
  for (const key of ['reason', 'note', 'text', 'comment', 'part']) {
    if (typeof d[key] === 'string' && d[key]) lines.push(String(d[key]));
  }
  if (typeof d.rating === 'string')
    lines.push(`${t(`cases.rating.${d.rating}`)}${d.additional === true ? ` · ${t('cases.rating.additional')}` : ''}`);
  if (entry.type === 'extension_requested' && typeof d.amount === 'number')
    lines.push(
      t('cases.extendBy')
        .replace('{amount}', String(d.amount))
        .replace('{unit}', t(`cases.extraUnit.${String(d.unit)}`)),
    );
  if (entry.type === 'extension_approved' && typeof d.newDueAt === 'string')
    lines.push(t('cases.newDue').replace('{at}', formatDateTime(d.newDueAt)));
  if (typeof d.fromUnitId === 'string' && typeof d.unitId === 'string')
    lines.push(`${unitName(d.fromUnitId)} → ${unitName(d.unitId)}`);
  // An arrow where the case goes to the unit; the unit alone where it acts (returns, arrives, records its part).
  else if (typeof d.unitId === 'string') lines.push(`${SENDS.has(entry.type) ? '→ ' : ''}${unitName(d.unitId)}`);
  if (Array.isArray(d.unitIds)) lines.push(`→ ${(d.unitIds as string[]).map(unitName).join('、')}`);
  if (typeof d.channel === 'string' && (entry.type === 'reported' || entry.type === 'report_merged'))
    lines.push(t(`cases.channel.${d.channel}`));
  if (typeof d.fromCaseCode === 'string') lines.push(t('cases.mergedFrom').replace('{code}', d.fromCaseCode));
  if (typeof d.mergedInto === 'string') lines.push(t('cases.mergedInto').replace('{code}', d.mergedInto));
  if (entry.type === 'kept_apart' && typeof d.caseCode === 'string')
    lines.push(t('cases.apartFrom').replace('{code}', d.caseCode));
  if (entry.type === 'located' && typeof d.gridCode === 'string') lines.push(gridName(d.gridCode));
  return lines;
}

type PhotoGroup = 'report' | 'feedback' | 'verification' | 'other';
const PHOTO_GROUPS: readonly PhotoGroup[] = ['report', 'feedback', 'verification', 'other'];

/** The case's photos by where they come from: what was reported, what the unit did, what the verifier saw. */
function photoGroupsOf(detail: CaseDetail): { group: PhotoGroup; ids: string[] }[] {
  const seen = new Set<string>();
  const groups: Record<PhotoGroup, string[]> = { report: [], feedback: [], verification: [], other: [] };
  const add = (group: PhotoGroup, ids: readonly unknown[]) => {
    for (const id of ids) {
      if (typeof id !== 'string' || seen.has(id)) continue;
      seen.add(id);
      groups[group].push(id);
    }
  };
  for (const r of detail.reports) add('report', r.photoIds);
  add('feedback', detail.workflow.feedback?.photoIds ?? []);
  for (const e of detail.timeline) {
    const p = (e.details as { photoIds?: unknown } | null)?.photoIds;
    if (!Array.isArray(p)) continue;
    const group: PhotoGroup =
      e.type === 'feedback_submitted' ? 'feedback' : e.type === 'verification_passed' ? 'verification' : 'other';
    add(group, p);
  }
  return PHOTO_GROUPS.map((group) => ({ group, ids: groups[group] })).filter((g) => g.ids.length > 0);
}

function Duplicates({ detail, canOperate }: { detail: CaseDetail; canOperate: boolean }) {
  const { t } = useCasesI18n();
  const { message } = App.useApp();
  const code = detail.case.code;
  const merge = useCasePost(`/cases/${code}/merge`);
  const keepApart = useCasePost(`/cases/${code}/keep-apart`);
  if (detail.duplicateSuggestions.length === 0) return null;
  return (
    <Card className="yw-card" title={t('cases.duplicates')} data-testid="case-duplicates">
      <List
        dataSource={detail.duplicateSuggestions}
        renderItem={(d) => (
          <List.Item
            actions={
              canOperate
                ? [
                    <Button
                      key="merge"
                      size="small"
                      type="primary"
                      loading={merge.isPending}
                      onClick={() =>
                        merge.mutate(
                          { intoCaseCode: d.caseCode },
                          {
                            onSuccess: () => message.success(t('cases.merged', { code: d.caseCode })),
                            onError: (e) => message.error(errorText(e)),
                          },
                        )
                      }
                    >
                      {t('cases.merge')}
                    </Button>,
                    <Button
                      key="apart"
                      size="small"
                      loading={keepApart.isPending}
                      onClick={() =>
                        keepApart.mutate(
                          { caseCode: d.caseCode },
                          {
                            onSuccess: () => message.success(t('cases.keptApart')),
                            onError: (e) => message.error(errorText(e)),
                          },
                        )
                      }
                    >
                      {t('cases.keepApart')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space>
                  <Link to={`/cases/${d.caseCode}`}>{d.caseCode}</Link>
                  <Tag color={d.confidence === 'confident' ? 'red' : 'gold'}>
                    {t(`cases.duplicate.${d.confidence}`)}
                  </Tag>
                  <StateTag t={t} state={d.state} />
                </Space>
              }
              description={
                <>
                  {d.description}
                  <div className="yw-muted">
                    {t('cases.duplicate.info', {
                      meters: Math.round(d.distanceMeters),
                      hours: d.hoursApart.toFixed(1),
                    })}
                  </div>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

/** What the reporter answered to the matter's questions: question → answer in words. */
function ReportAnswers({
  fields,
  answers,
  locale,
}: {
  fields: MatterFormField[];
  answers: FormAnswers;
  locale: Locale;
}) {
  const rows = answeredQuestions(fields, answers, locale, formatDateTime);
  if (rows.length === 0) return null;
  return (
    <dl className="yw-answers" data-testid="report-answers">
      {rows.map((row) => (
        <div key={row.code} data-answer={row.code}>
          <dt>
            {row.question}
            {locale === 'en-US' ? ':' : '：'}
          </dt>
          <dd>{row.answer}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Places an address-only case: click the map, confirm. */
function PlaceOnMap({ detail }: { detail: CaseDetail }) {
  const { t } = useCasesI18n();
  const { message } = App.useApp();
  const [point, setPoint] = useState<LonLat | null>(null);
  const place = useCasePost(`/cases/${detail.case.code}/location`);
  return (
    <>
      <Alert className="yw-form-alert" type="warning" showIcon title={t('cases.noLocation')} />
      <Suspense fallback={<Spin />}>
        <CaseMap location={point} gridCode={null} onPick={setPoint} />
      </Suspense>
      <Button
        style={{ marginTop: 8 }}
        type="primary"
        disabled={!point}
        loading={place.isPending}
        onClick={() =>
          point &&
          place.mutate(
            { point: { ...point, crs: 'WGS84' } },
            { onSuccess: () => setPoint(null), onError: (e) => message.error(errorText(e)) },
          )
        }
      >
        {t('cases.place')}
        {point && ` (${point.lon}, ${point.lat})`}
      </Button>
    </>
  );
}

/** 案件详情: summary, actions, duplicates, reports, photos, map and the timeline of every step. */
export default function CaseDetailPage() {
  const { code = '' } = useParams();
  const { t, locale } = useCasesI18n();
  const session = useSignedIn();
  const live = useCaseStream();
  const query = useCase(code);

  if (query.isPending) return <Spin />;
  if (query.error || !query.data) {
    return (
      <Alert
        type="error"
        showIcon
        title={
          isApiError(query.error, 404) || isApiError(query.error, 400) ? t('cases.notFound') : errorText(query.error)
        }
      />
    );
  }
  const detail = query.data;
  const { case: c, workflow } = detail;
  const unitName = (id: string) => detail.units.find((u) => u.id === id)?.name ?? id;
  const canOperate = hasPermission(session, 'cases.operate') && session.user.unit?.id === c.commandUnit.id;
  const canReveal = hasPermission(session, 'cases.reveal');
  const photoGroups = photoGroupsOf(detail);
  const matterName = locale === 'en-US' && c.matter.nameEn ? c.matter.nameEn : c.matter.name;
  const regionName = locale === 'en-US' && c.regionNameEn ? c.regionNameEn : c.regionName;
  const caseGridName = (locale === 'en-US' && c.gridNameEn ? c.gridNameEn : c.gridName) ?? c.gridCode;
  // The timeline names the grid the case was placed in: today's name when it is the case's grid.
  const gridName = (code: string) => (code === c.gridCode && caseGridName ? caseGridName : code);
  // Who acted, when the viewer may not know the person: the report's channel, never "system" for a reporter.
  const reportChannel = (e: TimelineEntry): string | null => {
    const reportId = (e.details as { reportId?: unknown } | null)?.reportId;
    const report = detail.reports.find((r) => r.id === reportId);
    return report ? t(`cases.channel.${report.channel}`) : null;
  };
  const tt = t as (k: string) => string;

  return (
    <div data-testid="case-detail" data-state={c.state} data-version={c.version}>
      <div className="yw-page-header">
        <h1 className="yw-page-title">
          <Link to="/cases">
            <ArrowLeftOutlined />
          </Link>{' '}
          <span data-testid="case-code">{c.code}</span> <StateTag t={t} state={c.state} />
          {c.stage && <TimeTag t={t} timeState={c.timeState} />}{' '}
          <Tooltip title={live ? t('cases.live') : t('cases.liveOff')}>
            <Badge status={live ? 'processing' : 'default'} />
          </Tooltip>
        </h1>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Card className="yw-card" title={t('cases.summary')} extra={<CaseActions detail={detail} />}>
              <Descriptions column={2} size="small">
                <Descriptions.Item label={t('cases.matter')}>
                  {matterName} <span className="yw-muted">{c.matter.code}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('cases.level')}>{t(`cases.level.${c.level}`)}</Descriptions.Item>
                <Descriptions.Item label={t('cases.description')} span={2}>
                  {c.description}
                  {c.supporterCount > 0 && (
                    <Tag style={{ marginLeft: 8 }}>{t('cases.supporters', { count: c.supporterCount })}</Tag>
                  )}
                </Descriptions.Item>
                <Descriptions.Item label={t('cases.address')}>{c.address ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('cases.region')}>
                  <span data-testid="case-region">{regionName}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('cases.grid')}>
                  <span data-testid="case-grid">{caseGridName ?? '—'}</span>
                  {c.gridName && <span className="yw-muted"> {c.gridCode}</span>}
                </Descriptions.Item>
                <Descriptions.Item label={t('cases.channel')}>{t(`cases.channel.${c.channel}`)}</Descriptions.Item>
                <Descriptions.Item label={t('cases.commandUnit')}>{c.commandUnit.name}</Descriptions.Item>
                <Descriptions.Item label={t('cases.assignedUnit')}>
                  <span data-testid="case-assigned-unit">{c.assignedUnit?.name ?? '—'}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('cases.stageDue')}>
                  {c.stage ? `${t(`cases.stage.${c.stage}`)} · ${formatDateTime(c.stageDueAt)}` : '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('cases.handleDue')}>{formatDateTime(c.handleDueAt)}</Descriptions.Item>
                <Descriptions.Item label={t('cases.createdAt')}>{formatDateTime(c.createdAt)}</Descriptions.Item>
                {workflow.voidReason && (
                  <Descriptions.Item label={t('cases.voidReason')} span={2}>
                    {workflow.voidReason}
                  </Descriptions.Item>
                )}
                {workflow.pendingReturn && (
                  <Descriptions.Item label={t('cases.pendingReturn')} span={2}>
                    {unitName(workflow.pendingReturn.unitId)}：{workflow.pendingReturn.reason}
                  </Descriptions.Item>
                )}
                {workflow.hold && (
                  <Descriptions.Item label={t('cases.hold')} span={2}>
                    {workflow.hold.reason}
                    {workflow.hold.reviewAt && (
                      <span data-testid="hold-review-at">
                        {' · '}
                        {t('cases.reviewAt')} {formatDateTime(workflow.hold.reviewAt)}
                      </span>
                    )}
                  </Descriptions.Item>
                )}
                {workflow.feedback && (
                  <Descriptions.Item label={t('cases.feedback')} span={2}>
                    {workflow.feedback.text}
                  </Descriptions.Item>
                )}
                {workflow.ratings.length > 0 && (
                  <Descriptions.Item label={t('cases.ratings')} span={2}>
                    {workflow.ratings
                      .map(
                        (r) =>
                          `${t(`cases.rating.${r.rating}`)}${r.comment ? `（${r.comment}）` : ''}${r.additional ? ` · ${t('cases.rating.additional')}` : ''}`,
                      )
                      .join('；')}
                  </Descriptions.Item>
                )}
                {workflow.extensions.length > 0 && (
                  <Descriptions.Item label={t('cases.extensions')} span={2}>
                    {workflow.extensions
                      .map(
                        (e) =>
                          `${e.extra.amount} ${t(`cases.extraUnit.${e.extra.unit as 'working_days' | 'working_hours'}`)} · ${e.reason} · ${t(`cases.extension.${e.status}`)}${e.newDueAt ? ` · ${t('cases.newDue', { at: formatDateTime(e.newDueAt) })}` : ''}`,
                      )
                      .join('；')}
                  </Descriptions.Item>
                )}
                {workflow.whistle && (
                  <Descriptions.Item label={t('cases.whistle')} span={2}>
                    {workflow.whistle.units.map((u) => (
                      <div key={u.unitId}>
                        {unitName(u.unitId)} · {t('cases.arriveBy', { at: formatDateTime(u.arriveBy) })} ·{' '}
                        {u.arrivedAt
                          ? t('cases.arrivedAt', { at: formatDateTime(u.arrivedAt) })
                          : t('cases.notArrived')}
                        {u.part && ` · ${u.part}`}
                      </div>
                    ))}
                  </Descriptions.Item>
                )}
              </Descriptions>
              <div className="yw-muted" style={{ marginTop: 8 }}>
                {t('cases.counters', {
                  supervision: workflow.supervisionCount,
                  rework: workflow.reworkCount,
                  returns: workflow.returnCount,
                  escalations: workflow.escalationCount,
                })}
              </div>
            </Card>
            <Duplicates detail={detail} canOperate={canOperate} />
            <CaseRegistryLinks code={c.code} />
            <Card className="yw-card" title={t('cases.reports', { count: detail.reports.length })}>
              <List
                dataSource={detail.reports}
                renderItem={(r) => (
                  <List.Item>
                    <List.Item.Meta
                      title={
                        <Space wrap>
                          <Tag>{t(`cases.channel.${r.channel}`)}</Tag>
                          {/* Anonymous without a name: the tag below says it once. */}
                          {(r.reporterName || !r.anonymous) && <span>{r.reporterName ?? '—'}</span>}
                          {r.reporterPhone && <span data-testid="reporter-phone">{r.reporterPhone}</span>}
                          {r.reporterPhone && canReveal && (
                            <RevealPhone path={`/cases/${c.code}/reports/${r.id}/reveal-phone`} />
                          )}
                          {r.anonymous && <Tag>{t('cases.anonymous')}</Tag>}
                          {r.mine && <Tag color="blue">{t('cases.mine')}</Tag>}
                          <span className="yw-muted">{formatDateTime(r.createdAt)}</span>
                        </Space>
                      }
                      description={
                        <>
                          {r.description}
                          {r.address && <div className="yw-muted">{r.address}</div>}
                          <ReportAnswers fields={detail.matterForm} answers={r.formAnswers} locale={locale} />
                        </>
                      }
                    />
                  </List.Item>
                )}
              />
            </Card>
            <Card className="yw-card" title={t('cases.photos')}>
              {photoGroups.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.noPhotos')} />
              ) : (
                <Image.PreviewGroup>
                  <div data-testid="case-photos">
                    {photoGroups.map(({ group, ids }) => (
                      <section key={group} data-testid={`case-photos-${group}`} className="yw-photo-group">
                        <h3 className="yw-photo-group-title">{t(`cases.photos.${group}`)}</h3>
                        <Space wrap>
                          {ids.map((id, index) => (
                            <Image
                              key={id}
                              width={120}
                              height={90}
                              style={{ objectFit: 'cover' }}
                              src={photoUrl(id, 'thumbnail')}
                              preview={{ src: photoUrl(id, 'image') }}
                              alt={`${t(`cases.photos.${group}`)} ${index + 1}`}
                            />
                          ))}
                        </Space>
                      </section>
                    ))}
                  </div>
                </Image.PreviewGroup>
              )}
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Card className="yw-card" title={t('cases.map')}>
              {c.location ? (
                <Suspense fallback={<Spin />}>
                  <CaseMap location={c.location} gridCode={c.gridCode} />
                </Suspense>
              ) : canOperate && (c.state === 'reported' || c.state === 'registered') ? (
                <PlaceOnMap detail={detail} />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.noLocation')} />
              )}
            </Card>
            <Card className="yw-card" title={t('cases.timeline')}>
              <Timeline
                data-testid="case-timeline"
                items={detail.timeline.map((e, i) => ({
                  key: `${i}-${e.type}`,
                  color:
                    e.type.includes('fail') || e.type === 'returned' || e.type === 'voided'
                      ? 'red'
                      : e.toState === 'archived' || e.type === 'closed'
                        ? 'green'
                        : 'blue',
                  children: (
                    <div data-event={e.type}>
                      <strong>{eventLabel(tt, e.type)}</strong>
                      <span className="yw-muted"> · {formatDateTime(e.at)}</span>
                      <div className="yw-muted">
                        {e.actorName ?? (e.actorUserId ? '—' : (reportChannel(e) ?? t('cases.system')))}
                        {e.actorUnitId &&
                          detail.units.some((u) => u.id === e.actorUnitId) &&
                          ` · ${unitName(e.actorUnitId)}`}
                      </div>
                      {detailText(e, unitName, tt, gridName).map((line) => (
                        <div key={line}>{line}</div>
                      ))}
                    </div>
                  ),
                }))}
              />
            </Card>
          </Space>
        </Col>
      </Row>
      {/* A link styled as a button, not a link inside a button (one control, not two nested). */}
      <Link to="/cases" className="ant-btn ant-btn-default ant-btn-variant-outlined yw-back-link">
        <ArrowLeftOutlined /> {t('cases.back')}
      </Link>
    </div>
  );
}
