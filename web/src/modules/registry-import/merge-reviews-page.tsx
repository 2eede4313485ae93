import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MergeReview, MergeReviewList, MergeSide, RegistryMergeDecision } from '@yiwang/contracts';
import { RESIDENCE_KIND_LABELS, SEX_LABELS } from '@yiwang/contracts/vocabulary';
import { Alert, Button, Card, Descriptions, Empty, Space, Typography } from 'antd';
import { api } from '../../lib/api';
import { errorText } from '../../lib/form-errors';
import { useImportI18n } from './registry-import-messages';

const DECISIONS: RegistryMergeDecision[] = ['keep', 'take', 'different'];

/** One side of a clash; the fields where the two differ are marked. */
function Side({ title, side, differences }: { title: string; side: MergeSide; differences: string[] }) {
  const { t, locale } = useImportI18n();
  const mark = (field: string, text: string | null) =>
    differences.includes(field) ? <Typography.Text mark>{text ?? '—'}</Typography.Text> : (text ?? '—');
  return (
    <Descriptions title={title} column={1} size="small" bordered>
      <Descriptions.Item label={t('field.name')}>{mark('name', side.name)}</Descriptions.Item>
      <Descriptions.Item label={t('field.idNumber')}>{mark('idNumberMasked', side.idNumberMasked)}</Descriptions.Item>
      <Descriptions.Item label={t('field.sex')}>{mark('sex', SEX_LABELS[side.sex][locale])}</Descriptions.Item>
      <Descriptions.Item label={t('field.birthDate')}>{mark('birthDate', side.birthDate)}</Descriptions.Item>
      <Descriptions.Item label={t('field.phone')}>{mark('phoneMasked', side.phoneMasked)}</Descriptions.Item>
      <Descriptions.Item label={t('m.residence')}>
        {mark('residence', RESIDENCE_KIND_LABELS[side.residence][locale])}
      </Descriptions.Item>
      <Descriptions.Item label={t('m.address')}>{mark('address', side.address)}</Descriptions.Item>
    </Descriptions>
  );
}

/** The merge review queue: each ID-number clash side by side (masked), decided by a person, never by itself. */
export default function MergeReviewsPage() {
  const { t } = useImportI18n();
  const client = useQueryClient();
  const list = useQuery({
    queryKey: ['registry-merge-reviews'],
    queryFn: () => api.get<MergeReviewList>('/registry-merge-reviews', { state: 'open' }),
  });
  const decide = useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: RegistryMergeDecision }) =>
      api.post<MergeReview>(`/registry-merge-reviews/${id}/decision`, { decision }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['registry-merge-reviews'] }),
  });
  const items = list.data?.items ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3}>{t('m.title')}</Typography.Title>
      <Alert type="info" message={t('m.help')} />
      {list.error && <Alert type="error" message={errorText(list.error)} />}
      {decide.error && <Alert type="error" message={errorText(decide.error)} />}
      {list.isSuccess && items.length === 0 && <Empty description={t('m.empty')} data-testid="merge-empty" />}
      {items.map((review) => (
        <Card key={review.id} size="small" data-testid="merge-review">
          <Space align="start" wrap>
            <Side title={t('m.existing')} side={review.existing} differences={review.differences} />
            <Side title={t('m.incoming')} side={review.incoming} differences={review.differences} />
          </Space>
          <Space style={{ marginTop: 12 }}>
            {DECISIONS.map((decision) => (
              <Button
                key={decision}
                type={decision === 'keep' ? 'primary' : 'default'}
                loading={
                  decide.isPending && decide.variables?.id === review.id && decide.variables.decision === decision
                }
                onClick={() => decide.mutate({ id: review.id, decision })}
                data-testid={`merge-${decision}`}
              >
                {t(`m.${decision}`)}
              </Button>
            ))}
          </Space>
        </Card>
      ))}
    </Space>
  );
}
