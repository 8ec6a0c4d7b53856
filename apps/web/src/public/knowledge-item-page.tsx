import { Anchor, Badge, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import * as api from '../api/endpoints';
import { useI18n } from '../i18n/i18n';
import { DocumentsPanel } from '../ui/documents-panel';
import { formatDate } from '../ui/format';
import { useObjectiveTitle } from '../ui/objectives';
import { countryName } from '../ui/places';
import { ErrorState, Loading, usePageTitle } from '../ui/states';

export default function KnowledgeItemPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const objectiveTitle = useObjectiveTitle();
  const item = useQuery({ queryKey: ['knowledge-item', id], queryFn: () => api.knowledgeItem(id) });
  usePageTitle(item.data?.title ?? t('knowledge.item'));
  if (item.isPending) return <Loading />;
  if (item.isError) return <ErrorState error={item.error} onRetry={() => void item.refetch()} />;
  const k = item.data;
  return (
    <Stack gap="md" component="article">
      <Anchor component={Link} to="/" size="sm">
        ← {t('knowledge.back')}
      </Anchor>
      <Group gap="xs">
        <Badge variant="light">{t(`kind.${k.kind}`)}</Badge>
        {k.publishedAt && (
          <Text size="sm" c="dimmed">
            {t('knowledge.published', { date: formatDate(k.publishedAt, lang) })}
          </Text>
        )}
      </Group>
      <Title order={1}>{k.title}</Title>
      {k.summary && (
        <Text size="lg" className="prose">
          {k.summary}
        </Text>
      )}
      {/* The body is Markdown; shown as text (whitespace kept) so nothing from the data runs as HTML. */}
      {k.body && (
        <Text className="prose" style={{ whiteSpace: 'pre-wrap' }}>
          {k.body}
        </Text>
      )}
      <dl>
        {(k.objectives?.length ?? 0) > 0 && (
          <>
            <dt>
              <Text fw={600}>{t('knowledge.objectives')}</Text>
            </dt>
            <dd>{k.objectives!.map(objectiveTitle).join('; ')}</dd>
          </>
        )}
        {(k.countries?.length ?? 0) > 0 && (
          <>
            <dt>
              <Text fw={600}>{t('knowledge.countries')}</Text>
            </dt>
            <dd>{k.countries!.map((c) => countryName(c, lang)).join(', ')}</dd>
          </>
        )}
        {(k.tags?.length ?? 0) > 0 && (
          <>
            <dt>
              <Text fw={600}>{t('knowledge.tags')}</Text>
            </dt>
            <dd>{k.tags!.join(', ')}</dd>
          </>
        )}
        <dt>
          <Text fw={600}>{t('knowledge.licence')}</Text>
        </dt>
        <dd>{k.licence ?? 'CC BY 4.0'}</dd>
      </dl>
      {k.sourceUrl && /^https?:\/\//.test(k.sourceUrl) && (
        <Anchor href={k.sourceUrl} rel="noopener noreferrer" target="_blank">
          {t('knowledge.source')}
        </Anchor>
      )}
      <DocumentsPanel parent={{ type: 'open_knowledge', id: k.id }} canEdit={false} title={t('kw.downloads')} />
    </Stack>
  );
}
