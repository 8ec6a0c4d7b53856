import '../../ui/styles-workspace';
import { Anchor, Badge, Button, Group, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { knowledgeItems, type KnowledgeStatus } from '../../api/knowledge';
import { useAuth } from '../../auth/auth-context';
import { useI18n } from '../../i18n/i18n';
import { formatDate } from '../../ui/format';
import { Empty, ErrorState, Loading, usePageTitle } from '../../ui/states';

const STATUSES: KnowledgeStatus[] = ['draft', 'in_review', 'published', 'archived'];

/** Hub and partner officers: the knowledge items they may see, by stage, and a way to write a new one. */
export default function KnowledgeListPage() {
  const { t } = useI18n();
  usePageTitle(t('kw.title'));
  const [status, setStatus] = useState<KnowledgeStatus>('draft');
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('kw.title')}</Title>
        <Button component={Link} to="/app/knowledge/new">
          {t('kw.new')}
        </Button>
      </Group>
      <Text size="sm">{t('kw.intro')}</Text>
      <Tabs value={status} onChange={(v) => v && setStatus(v as KnowledgeStatus)} keepMounted={false}>
        <Tabs.List>
          {STATUSES.map((s) => (
            <Tabs.Tab key={s} value={s}>
              {t(`kw.tab.${s}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {STATUSES.map((s) => (
          <Tabs.Panel key={s} value={s} pt="md">
            <ItemTable status={s} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}

function ItemTable({ status }: { status: KnowledgeStatus }) {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const items = useQuery({ queryKey: ['kw-items', status], queryFn: () => knowledgeItems(status) });
  if (items.isPending) return <Loading />;
  if (items.isError) return <ErrorState error={items.error} onRetry={() => void items.refetch()} />;
  if (items.data.length === 0) return <Empty>{t('kw.empty')}</Empty>;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped aria-label={t(`kw.tab.${status}`)}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('kw.field.title')}</Table.Th>
            <Table.Th scope="col">{t('kw.field.kind')}</Table.Th>
            <Table.Th scope="col">{t('kw.author')}</Table.Th>
            <Table.Th scope="col">{t('kw.updated')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.data.map((k) => (
            <Table.Tr key={k.id}>
              <Table.Td>
                <Anchor component={Link} to={`/app/knowledge/${k.id}`}>
                  {k.title}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Badge variant="light">{t(`kind.${k.kind}`)}</Badge>
              </Table.Td>
              <Table.Td>{k.createdById === me?.id ? t('kw.byMe') : t('kw.byOther')}</Table.Td>
              <Table.Td>{formatDate(k.updatedAt, lang)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
