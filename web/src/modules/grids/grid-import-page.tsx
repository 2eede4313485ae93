import './grids.css';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ImportFeatureReport, ImportReport } from '@yiwang/contracts';
import { Alert, Button, Card, Space, Switch, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../lib/api';
import { errorText } from '../../lib/form-errors';
import { useSignedIn } from '../auth';
import { gridLevelLabel } from './grid-format';
import { useGridsI18n } from './grids-messages';

type Mode = ImportReport['mode'];
const STATUS_COLORS = { new: 'blue', changed: 'gold', unchanged: 'default', invalid: 'red' } as const;

interface PickedFile {
  name: string;
  collection: { type: 'FeatureCollection'; features: unknown[] };
}

/** Reads a picked file as a GeoJSON FeatureCollection, or says in one line why it is not one. */
async function readCollection(file: File): Promise<PickedFile['collection']> {
  const parsed: unknown = JSON.parse(await file.text());
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    (parsed as { type?: unknown }).type !== 'FeatureCollection' ||
    !Array.isArray((parsed as { features?: unknown }).features)
  ) {
    throw new Error('"type": "FeatureCollection" with "features": [...] expected');
  }
  return parsed as PickedFile['collection'];
}

/**
 * POST /api/grids/import. Not through `api`: a strict import with errors answers 422 with
 * the same report (nothing changed), which is an answer to show, not a failure.
 */
async function postImport(collection: unknown, mode: Mode, csrfToken: string, locale: string): Promise<ImportReport> {
  const response = await fetch(`/api/grids/import?mode=${mode}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      'Accept-Language': locale,
      'X-CSRF-Token': csrfToken,
    },
    body: JSON.stringify(collection),
  });
  const body: unknown = await response.json().catch(() => null);
  if ((response.ok || response.status === 422) && body && typeof body === 'object' && 'features' in body) {
    return body as ImportReport;
  }
  const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
  throw new ApiError(response.status, error?.code ?? 'http', error?.message ?? `HTTP ${response.status}`);
}

function ExportLinks() {
  const { t } = useGridsI18n();
  const links: { key: string; label: string; query: string }[] = [
    ...([1, 2, 3] as const).map((level) => ({
      key: String(level),
      label: gridLevelLabel(t, level),
      query: `?level=${level}`,
    })),
    { key: 'all', label: t('grids.export.all'), query: '' },
  ];
  return (
    <Card className="yw-card" title={t('grids.export')}>
      <Space wrap>
        {links.map((link) => (
          <Button
            key={link.key}
            icon={<DownloadOutlined />}
            href={`/api/grids/map.geojson${link.query}`}
            download={`grids${link.query ? `-level-${link.key}` : ''}.geojson`}
          >
            {link.label}
          </Button>
        ))}
      </Space>
    </Card>
  );
}

/** Upload a GeoJSON of grids: validate, then import all (only without errors) or only the valid ones. */
export default function GridImportPage() {
  const { t, locale } = useGridsI18n();
  const session = useSignedIn();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<PickedFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [onlyErrors, setOnlyErrors] = useState(false);
  // Kept while the next request runs, so that the buttons and the table stay in place.
  const [report, setReport] = useState<ImportReport | null>(null);

  const run = useMutation({
    mutationFn: ({ mode }: { mode: Mode }) => {
      if (!file) throw new Error('no file');
      return postImport(file.collection, mode, session.csrfToken, locale);
    },
    onSuccess: (answer) => {
      setReport(answer);
      setOnlyErrors(answer.counts.invalid > 0);
      if (answer.applied) void queryClient.invalidateQueries({ queryKey: ['grids'] });
    },
  });
  const pendingMode = run.isPending ? run.variables.mode : null;

  const pick = async (picked: File) => {
    run.reset();
    setReport(null);
    setFile(null);
    setFileError(null);
    try {
      setFile({ name: picked.name, collection: await readCollection(picked) });
    } catch (error) {
      setFileError(t('grids.import.badFile', { reason: errorText(error) }));
    }
  };

  const rows = report ? report.features.filter((f) => !onlyErrors || f.status === 'invalid') : [];
  const hasErrors = (report?.counts.invalid ?? 0) > 0;
  const validCount = report ? report.features.length - report.counts.invalid : 0;

  return (
    <>
      <div className="yw-page-header">
        <h1 className="yw-page-title">{t('grids.nav.import')}</h1>
      </div>
      <Card className="yw-card">
        <p>{t('grids.import.intro')}</p>
        <Upload.Dragger
          accept=".geojson,.json,application/geo+json,application/json"
          multiple={false}
          showUploadList={false}
          beforeUpload={(picked) => {
            void pick(picked);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('grids.import.pick')}</p>
          {file && (
            <p className="ant-upload-hint" data-testid="import-file">
              {t('grids.import.file', { name: file.name, count: file.collection.features.length })}
            </p>
          )}
        </Upload.Dragger>
        {fileError && <Alert className="yw-form-alert" type="error" showIcon title={fileError} />}
        {run.error && <Alert className="yw-form-alert" type="error" showIcon title={errorText(run.error)} />}
        <Space wrap style={{ marginTop: 16 }}>
          <Button
            type={report ? 'default' : 'primary'}
            disabled={!file}
            loading={pendingMode === 'validate'}
            onClick={() => run.mutate({ mode: 'validate' })}
          >
            {t('grids.import.validate')}
          </Button>
          {report && !report.applied && (
            <Button
              type={hasErrors ? 'default' : 'primary'}
              loading={pendingMode === 'strict'}
              onClick={() => run.mutate({ mode: 'strict' })}
            >
              {t('grids.import.strict')}
            </Button>
          )}
          {report && !report.applied && hasErrors && validCount > 0 && (
            <Button danger loading={pendingMode === 'valid-only'} onClick={() => run.mutate({ mode: 'valid-only' })}>
              {t('grids.import.validOnly')}
            </Button>
          )}
        </Space>
      </Card>
      {report && (
        <Card className="yw-card" data-testid="import-report">
          <Alert
            className="yw-form-alert"
            showIcon
            type={report.applied ? 'success' : hasErrors ? (report.mode === 'strict' ? 'error' : 'warning') : 'info'}
            title={
              report.applied
                ? t('grids.import.applied')
                : report.mode === 'strict'
                  ? t('grids.import.rejected')
                  : t('grids.import.validated')
            }
            description={t('grids.import.counts', report.counts)}
          />
          {report.coverage.length > 0 && (
            <Alert
              className="yw-form-alert"
              type="error"
              showIcon
              data-testid="import-coverage"
              title={t('grids.import.coverage', { count: report.coverage.length })}
              description={
                <ul className="yw-import-reasons">
                  {report.coverage.map((fault) => (
                    <li key={`${fault.kind}-${fault.parentCode}-${fault.codes.join('-')}-${fault.areaSquareMeters}`}>
                      {fault.message}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
          {report.parentTotals.length > 0 && (
            <Alert
              className="yw-form-alert"
              type="info"
              showIcon
              title={t('grids.import.parentTotals')}
              description={
                <ul className="yw-import-reasons">
                  {report.parentTotals.map((change) => (
                    <li key={change.code}>
                      {t('grids.import.parentTotal', {
                        code: change.code,
                        fromHouseholds: change.households.from,
                        toHouseholds: change.households.to,
                        fromPeople: change.people.from,
                        toPeople: change.people.to,
                      })}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
          <Space className="yw-filters">
            <Switch checked={onlyErrors} onChange={setOnlyErrors} size="small" />
            {t('grids.import.onlyErrors')}
          </Space>
          <Table<ImportFeatureReport>
            rowKey="index"
            size="small"
            dataSource={rows}
            pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (total) => t('table.total', { total }) }}
            columns={[
              // Numbered from 1, like the reasons ("repeats feature 2").
              { key: 'index', title: t('grids.import.index'), width: 90, render: (_, f) => f.index + 1 },
              { key: 'code', title: t('grids.code'), width: 180, render: (_, f) => f.code ?? '—' },
              {
                key: 'status',
                title: t('grids.import.result'),
                width: 100,
                render: (_, f) => <Tag color={STATUS_COLORS[f.status]}>{t(`grids.import.status.${f.status}`)}</Tag>,
              },
              {
                key: 'reasons',
                title: t('grids.import.reasons'),
                render: (_, f) =>
                  f.reasons.length === 0 ? (
                    '—'
                  ) : (
                    <ul className="yw-import-reasons">
                      {f.reasons.map((r) => (
                        <li key={`${r.code}-${r.message}`}>{r.message}</li>
                      ))}
                    </ul>
                  ),
              },
            ]}
          />
        </Card>
      )}
      <ExportLinks />
    </>
  );
}
