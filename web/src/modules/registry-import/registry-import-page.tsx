import { UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  type ImportCellProblem,
  REGISTRY_IMPORT_FIELDS,
  REGISTRY_IMPORT_KIND_LABELS,
  REGISTRY_IMPORT_KINDS,
  type RegistryImport,
  type RegistryImportKind,
} from '@yiwang/contracts';
import { Alert, Button, Card, Progress, Segmented, Select, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../lib/api';
import { ExportButton } from '../../lib/export-button';
import { errorText } from '../../lib/form-errors';
import { useImportI18n } from './registry-import-messages';

/** How often the page asks for the run's progress. */
const POLL_MS = 1_000;

/** kind → upload → columns → dry run's problems → import with a progress bar → the failed rows to download. */
export default function RegistryImportPage() {
  const { t, locale } = useImportI18n();
  const [kind, setKind] = useState<RegistryImportKind>('people');
  const [file, setFile] = useState<File | null>(null);
  const [columns, setColumns] = useState<Record<string, string | null>>({});
  const [checked, setChecked] = useState<RegistryImport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [started, setStarted] = useState(false);

  const progress = useQuery({
    queryKey: ['registry-import', checked?.id],
    queryFn: () => api.get<RegistryImport>(`/registry-imports/${checked?.id}`),
    enabled: started && checked !== null,
    refetchInterval: (query) => (query.state.data?.state === 'done' ? false : POLL_MS),
  });
  const run = progress.data ?? null;

  const check = async (chosen: File, override: Record<string, string | null>) => {
    setBusy(true);
    setError(null);
    setStarted(false);
    try {
      const form = new FormData();
      form.append('file', chosen, chosen.name);
      if (Object.keys(override).length > 0) form.append('columns', JSON.stringify(override));
      setChecked(await api.post<RegistryImport>(`/registry-imports/${kind}`, undefined, { form }));
    } catch (e) {
      setChecked(null);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const start = async () => {
    if (!checked) return;
    setError(null);
    try {
      await api.post<RegistryImport>(`/registry-imports/${checked.id}/start`);
      setStarted(true);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3}>{t('i.title')}</Typography.Title>
      <Segmented<RegistryImportKind>
        data-testid="import-kind"
        value={kind}
        onChange={(chosen) => {
          setKind(chosen);
          setFile(null);
          setColumns({});
          setChecked(null);
          setStarted(false);
          setError(null);
        }}
        options={REGISTRY_IMPORT_KINDS.map((k) => ({ value: k, label: REGISTRY_IMPORT_KIND_LABELS[k][locale] }))}
      />
      <Space wrap>
        <ExportButton
          path={`/registry-imports/templates/${kind}`}
          query={{}}
          label={t('i.template')}
          testId="import-template"
        />
        {kind === 'people' && (
          <>
            <ExportButton
              path="/registry/people/export.xlsx"
              query={{}}
              label={t('i.exportPeople')}
              testId="export-people"
            />
            <Link to="/registry/merge-reviews">{t('i.mergeQueue')}</Link>
          </>
        )}
      </Space>
      <Card>
        <Space direction="vertical">
          <Upload
            accept=".xlsx,.csv"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(chosen) => {
              setFile(chosen);
              setColumns({});
              void check(chosen, {});
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy} data-testid="import-upload">
              {t('i.upload')}
            </Button>
          </Upload>
          <Typography.Text type="secondary">{t(`help.${kind}`)}</Typography.Text>
          {file && <Typography.Text>{file.name}</Typography.Text>}
        </Space>
      </Card>
      {error !== null && <Alert type="error" message={errorText(error)} data-testid="import-error" />}
      {checked && (
        <Card title={t('i.mapping')} size="small">
          <Table
            size="small"
            pagination={false}
            rowKey="header"
            dataSource={checked.mapping}
            columns={[
              { title: t('i.header'), dataIndex: 'header' },
              {
                title: t('i.field'),
                render: (_, m) => (
                  <Select
                    style={{ width: 200 }}
                    aria-label={m.header}
                    value={(m.header in columns ? columns[m.header] : m.field) ?? ''}
                    onChange={(value: string) => setColumns({ ...columns, [m.header]: value === '' ? null : value })}
                    options={[
                      { value: '', label: t('i.ignore') },
                      ...REGISTRY_IMPORT_FIELDS[kind].map((f) => ({ value: f, label: t(`field.${f}`) })),
                    ]}
                  />
                ),
              },
            ]}
          />
          {Object.keys(columns).length > 0 && file && (
            <Button style={{ marginTop: 8 }} onClick={() => void check(file, columns)} loading={busy}>
              {t('i.recheck')}
            </Button>
          )}
        </Card>
      )}
      {checked && (
        <Card
          title={t('i.problems')}
          size="small"
          extra={t('i.summary', { total: checked.total, valid: checked.valid, problems: checked.problems.length })}
        >
          <Table<ImportCellProblem>
            size="small"
            rowKey={(p) => `${p.row}-${p.column}-${p.reason}`}
            dataSource={checked.problems}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            locale={{ emptyText: t('i.noProblems') }}
            data-testid="import-problems"
            columns={[
              { title: t('i.row'), dataIndex: 'row', width: 70 },
              { title: t('i.column'), dataIndex: 'column', width: 120 },
              { title: t('i.value'), dataIndex: 'value', width: 200 },
              { title: t('i.reason'), dataIndex: 'reason' },
            ]}
          />
          <Space style={{ marginTop: 8 }} wrap>
            {!started && (
              <Button
                type="primary"
                disabled={checked.valid === 0}
                onClick={() => void start()}
                data-testid="import-start"
              >
                {t('i.start', { valid: checked.valid })}
              </Button>
            )}
            {checked.problems.length > 0 && (
              <ExportButton
                path={`/registry-imports/${checked.id}/failed-rows.xlsx`}
                query={{}}
                label={t('i.failedRows')}
                testId="import-failed-rows"
              />
            )}
          </Space>
        </Card>
      )}
      {started && run && (
        <Card title={t('i.progress')} size="small">
          <Progress
            percent={run.total === 0 ? 100 : Math.floor((100 * run.done) / run.total)}
            status={run.state === 'done' ? 'success' : 'active'}
            data-testid="import-progress"
          />
          {run.state === 'done' && (
            <Alert
              type={run.failed + run.clashes > 0 ? 'warning' : 'success'}
              data-testid="import-done"
              message={t(kind === 'people' ? 'i.done' : 'i.donePlaces', {
                stored: run.stored,
                existing: run.existing,
                clashes: run.clashes,
                failed: run.failed,
              })}
            />
          )}
        </Card>
      )}
    </Space>
  );
}
