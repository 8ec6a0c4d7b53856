import { Alert, Badge, Button, Card, Checkbox, Group, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import {
  actOnKnowledgeItem,
  declareReview,
  overrideFinding,
  personalData,
  reviews,
  type Finding,
  type KnowledgeItem,
} from '../../api/knowledge';
import { useAuth } from '../../auth/auth-context';
import { useI18n } from '../../i18n/i18n';
import { ConfirmModal } from '../../ui/confirm';
import { formatDate } from '../../ui/format';
import { ErrorState, Loading } from '../../ui/states';

/**
 * A second officer's review: personal data found in the text (place and masked excerpt, overridden
 * with a reason), the conflict-of-interest declaration, then publication. The API decides; the
 * panel shows its guards before the click (no publish while a finding is open or undeclared).
 */
export function ReviewPanel({ item, onPublished }: { item: KnowledgeItem; onPublished: (k: KnowledgeItem) => void }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const findingsKey = ['kw-findings', item.id];
  const findings = useQuery({ queryKey: findingsKey, queryFn: () => personalData(item.id) });
  const { me } = useAuth();
  const declarations = useQuery({ queryKey: ['kw-reviews', item.id], queryFn: () => reviews(item.id) });
  // the reviewer's latest declaration decides: a conflict declared earlier still holds after a reload
  const mine = (declarations.data ?? [])
    .filter((d) => d.reviewerId === me?.id)
    .sort((a, b) => b.declaredAt.localeCompare(a.declaredAt))[0];
  const [noConflict, setNoConflict] = useState(false);
  const [conflictStatement, setConflictStatement] = useState('');
  const [confirming, setConfirming] = useState(false);
  const publish = useMutation({
    mutationFn: () => actOnKnowledgeItem(item.id, 'publish', { version: item.version, conflictOfInterest: false }),
    onSuccess: (k) => {
      setConfirming(false);
      onPublished(k);
    },
    onError: (e) => {
      // a refused publication re-scanned the text: show what it found
      if (e instanceof ApiError && e.status === 422) void qc.invalidateQueries({ queryKey: findingsKey });
    },
  });
  const declareConflict = useMutation({
    mutationFn: () => declareReview(item.id, { conflictOfInterest: true, conflictStatement }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['kw-reviews', item.id] }),
  });
  const conflicted = declareConflict.isSuccess || mine?.conflictOfInterest === true;
  const open = (findings.data ?? []).filter((f) => f.status === 'open');

  return (
    <section aria-labelledby="kw-review">
      <Card withBorder>
        <Stack gap="md">
          <Title order={2} size="h3" id="kw-review">
            {t('kw.review.title')}
          </Title>
          <Title order={3} size="h4">
            {t('kw.pd.title')}
          </Title>
          {findings.isPending ? (
            <Loading />
          ) : findings.isError ? (
            <ErrorState error={findings.error} onRetry={() => void findings.refetch()} />
          ) : findings.data.length === 0 ? (
            <Text size="sm" role="status">
              {t('kw.pd.none')}
            </Text>
          ) : (
            <FindingsTable itemId={item.id} findings={findings.data} />
          )}
          <Title order={3} size="h4">
            {t('kw.review.declaration')}
          </Title>
          {conflicted ? (
            <Alert color="orange" role="status">
              {t('kw.review.conflictRecorded')}
            </Alert>
          ) : (
            <>
              <Checkbox
                label={t('kw.review.noConflict')}
                checked={noConflict}
                onChange={(e) => setNoConflict(e.currentTarget.checked)}
              />
              <Stack gap="xs">
                <Textarea
                  label={t('kw.review.conflictStatement')}
                  description={t('kw.review.conflictHint')}
                  value={conflictStatement}
                  onChange={(e) => setConflictStatement(e.currentTarget.value)}
                  autosize
                  minRows={2}
                  disabled={noConflict}
                />
                <Button
                  variant="default"
                  w="fit-content"
                  disabled={noConflict || !conflictStatement.trim()}
                  loading={declareConflict.isPending}
                  onClick={() => declareConflict.mutate()}
                >
                  {t('kw.review.declareConflict')}
                </Button>
                {declareConflict.isError && <ErrorState error={declareConflict.error} />}
              </Stack>
            </>
          )}
          {open.length > 0 && (
            <Alert color="orange" role="status">
              {t('kw.pd.blocking', { count: open.length })}
            </Alert>
          )}
          <Button
            w="fit-content"
            disabled={!noConflict || open.length > 0 || conflicted}
            onClick={() => setConfirming(true)}
          >
            {t('kw.action.publish')}
          </Button>
        </Stack>
      </Card>
      <ConfirmModal
        opened={confirming}
        message={t('kw.confirm.publish')}
        confirmLabel={t('kw.action.publish')}
        onConfirm={() => publish.mutate()}
        onCancel={() => {
          setConfirming(false);
          publish.reset();
        }}
        loading={publish.isPending}
        error={publish.error ?? undefined}
      />
    </section>
  );
}

function FindingsTable({ itemId, findings }: { itemId: string; findings: Finding[] }) {
  const { t, lang } = useI18n();
  const label = (prefix: string, code: string) => {
    const v = t(`${prefix}.${code}`);
    return v === `${prefix}.${code}` ? code : v;
  };
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped aria-label={t('kw.pd.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('kw.pd.place')}</Table.Th>
            <Table.Th scope="col">{t('kw.pd.kind')}</Table.Th>
            <Table.Th scope="col">{t('kw.pd.excerpt')}</Table.Th>
            <Table.Th scope="col">{t('kw.pd.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {findings.map((f) => (
            <Table.Tr key={f.id}>
              <Table.Td>
                {f.kind === 'unscanned'
                  ? t('kw.pd.document')
                  : t('kw.pd.at', { field: label('kw.field', f.field), start: f.start + 1 })}
              </Table.Td>
              <Table.Td>{label('kw.pd.k', f.kind)}</Table.Td>
              <Table.Td>
                <code>{f.excerpt}</code>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={f.status === 'open' ? 'orange' : 'gray'}>
                  {label('kw.pd.s', f.status)}
                </Badge>
                {f.override && (
                  <Text size="xs" mt={4}>
                    {t('kw.pd.overriddenBecause', { reason: f.override.reason, date: formatDate(f.override.at, lang) })}
                  </Text>
                )}
                {f.status === 'open' && <OverrideForm itemId={itemId} finding={f} />}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function OverrideForm({ itemId, finding }: { itemId: string; finding: Finding }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const override = useMutation({
    mutationFn: () => overrideFinding(itemId, finding.id, reason.trim()),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['kw-findings', itemId] }),
  });
  return (
    <form
      aria-label={t('kw.pd.overrideForm', { excerpt: finding.excerpt })}
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim()) override.mutate();
      }}
    >
      <Group align="flex-end" gap="xs" mt="xs">
        <Textarea
          label={t('kw.pd.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          autosize
          minRows={1}
          size="xs"
          style={{ flex: 1 }}
        />
        <Button type="submit" size="xs" disabled={!reason.trim()} loading={override.isPending}>
          {t('kw.pd.override')}
        </Button>
      </Group>
      {override.isError && <ErrorState error={override.error} />}
    </form>
  );
}
