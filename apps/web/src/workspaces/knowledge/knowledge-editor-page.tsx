import '../../ui/styles-workspace';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  Stack,
  Tabs,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import * as api from '../../api/endpoints';
import {
  actOnKnowledgeItem,
  createKnowledgeItem,
  knowledgeDraft,
  updateKnowledgeItem,
  type KnowledgeAction,
  type KnowledgeInput,
  type KnowledgeItem,
  type KnowledgeKind,
} from '../../api/knowledge';
import { useAuth } from '../../auth/auth-context';
import { useI18n } from '../../i18n/i18n';
import { ConfirmModal } from '../../ui/confirm';
import { DocumentsPanel } from '../../ui/documents-panel';
import { formatDate } from '../../ui/format';
import { ErrorState, Loading, usePageTitle } from '../../ui/states';
import { MarkdownPreview } from './markdown-preview';
import { ReviewPanel } from './review-panel';
import { VersionsPanel } from './versions-panel';

const KINDS: KnowledgeKind[] = ['practice', 'evidence', 'initiative', 'tool', 'dataset', 'solution'];
const LANGUAGES: KnowledgeInput['language'][] = ['en', 'fr', 'es', 'pt', 'ar', 'ru', 'other'];

/** Write a new item (`/app/knowledge/new`) or open one: edit, attach resources, review, publish, archive. */
export default function KnowledgeEditorPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const item = useQuery({
    queryKey: ['kw-item', id],
    queryFn: () => knowledgeDraft(id!),
    enabled: !!id,
  });
  usePageTitle(item.data?.title ?? t('kw.new'));
  if (!id) return <Editor key="new" />;
  if (item.isPending) return <Loading />;
  if (item.isError) return <ErrorState error={item.error} onRetry={() => void item.refetch()} />;
  return <Editor key={item.data.id} item={item.data} />;
}

function inputOf(k?: KnowledgeItem): KnowledgeInput {
  return {
    title: k?.title ?? '',
    summary: k?.summary ?? '',
    body: k?.body ?? '',
    kind: k?.kind ?? 'practice',
    language: k?.language ?? 'en',
    objectives: k?.objectives ?? [],
    translations: k?.translations ?? {},
  };
}

/** Translations without a title are not sent (the API needs a title for each). */
function withoutEmptyTranslations(v: KnowledgeInput): KnowledgeInput {
  const translations = Object.fromEntries(
    Object.entries(v.translations ?? {})
      .filter(([, tr]) => tr.title.trim())
      .map(([code, tr]) => [
        code,
        { title: tr.title.trim(), ...(tr.summary?.trim() ? { summary: tr.summary.trim() } : {}) },
      ]),
  );
  return { ...v, translations };
}

/** The interface's languages: an item written in one of them can carry its title and summary in the others. */
const TRANSLATABLE = ['en', 'fr', 'es'] as const;

function Editor({ item }: { item?: KnowledgeItem }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { me } = useAuth();
  const [values, setValues] = useState<KnowledgeInput>(() => inputOf(item));
  const [confirm, setConfirm] = useState<KnowledgeAction | null>(null);
  /** The stage the last workflow step (here or in the review panel) left the item in. */
  const [movedTo, setMovedTo] = useState<KnowledgeItem['status'] | null>(null);
  const objectives = useQuery({ queryKey: ['objectives'], queryFn: api.objectives, staleTime: Infinity });
  const editable = !item || item.status === 'draft' || item.status === 'in_review';
  const set = <K extends keyof KnowledgeInput>(k: K, v: KnowledgeInput[K]) => setValues((s) => ({ ...s, [k]: v }));
  const refresh = (k: KnowledgeItem) => {
    qc.setQueryData(['kw-item', k.id], k);
    void qc.invalidateQueries({ queryKey: ['kw-items'] });
    void qc.invalidateQueries({ queryKey: ['kw-versions', k.id] });
  };
  const moved = (k: KnowledgeItem) => {
    setMovedTo(k.status);
    refresh(k);
  };
  const save = useMutation({
    mutationFn: () => {
      const body = withoutEmptyTranslations(values);
      return item ? updateKnowledgeItem(item.id, item.version, body) : createKnowledgeItem(body);
    },
    onSuccess: (k) => {
      refresh(k);
      if (!item) navigate(`/app/knowledge/${k.id}`, { replace: true, state: { saved: true } });
    },
  });
  const act = useMutation({
    mutationFn: (a: KnowledgeAction) => actOnKnowledgeItem(item!.id, a, { version: item!.version }),
    onSuccess: (k) => {
      setConfirm(null);
      moved(k);
    },
  });
  const setTranslation = (code: string, field: 'title' | 'summary', text: string) =>
    setValues((s) => {
      const current = s.translations?.[code] ?? { title: '' };
      return { ...s, translations: { ...s.translations, [code]: { ...current, [field]: text } } };
    });
  const missing = !values.title.trim() || !values.summary.trim() || values.objectives.length === 0;
  const authorActions = (item?.allowedActions ?? []).filter((a) => a !== 'publish');

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/app/knowledge" size="sm">
        ← {t('kw.back')}
      </Anchor>
      <div>
        <Title order={1}>{item ? item.title : t('kw.new')}</Title>
        {item && (
          <Group gap="xs" mt="xs">
            <Badge variant="light">{t(`kw.status.${item.status}`)}</Badge>
            <Text size="sm" c="dimmed">
              {t('kw.versionOf', { version: item.version, date: formatDate(item.updatedAt, lang, true) })}
            </Text>
            {item.status === 'published' && (
              <Anchor component={Link} to={`/knowledge/${item.id}`} size="sm">
                {t('kw.openPublic')}
              </Anchor>
            )}
          </Group>
        )}
      </div>
      {save.isSuccess && (
        <Alert color="green" role="status">
          {t('kw.saved')}
        </Alert>
      )}
      {movedTo && (
        <Alert color="green" role="status">
          {t('kw.acted', { status: t(`kw.status.${movedTo}`) })}
        </Alert>
      )}
      {item && authorActions.length > 0 && (
        <Group gap="sm" aria-label={t('kw.actions')} role="group">
          {authorActions.map((a) => (
            <Button
              key={a}
              variant={a === 'submit_for_review' ? 'filled' : 'default'}
              color={a === 'archive' ? 'red' : undefined}
              onClick={() => setConfirm(a)}
            >
              {t(`kw.action.${a}`)}
            </Button>
          ))}
        </Group>
      )}
      {editable ? (
        <form
          aria-label={t('kw.editor')}
          onSubmit={(e) => {
            e.preventDefault();
            if (!missing) save.mutate();
          }}
        >
          <Stack maw={820}>
            <TextInput
              label={t('kw.field.title')}
              required
              value={values.title}
              onChange={(e) => set('title', e.currentTarget.value)}
            />
            <Textarea
              label={t('kw.field.summary')}
              required
              autosize
              minRows={2}
              value={values.summary}
              onChange={(e) => set('summary', e.currentTarget.value)}
            />
            <Group grow>
              <NativeSelect
                label={t('kw.field.kind')}
                value={values.kind}
                onChange={(e) => set('kind', e.currentTarget.value as KnowledgeKind)}
                data={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
              />
              <NativeSelect
                label={t('kw.field.language')}
                value={values.language}
                onChange={(e) => set('language', e.currentTarget.value as KnowledgeInput['language'])}
                data={LANGUAGES.map((l) => ({ value: l, label: t(`kw.lang.${l}`) }))}
              />
            </Group>
            <Fieldset legend={t('kw.field.body')}>
              <Tabs defaultValue="write">
                <Tabs.List>
                  <Tabs.Tab value="write">{t('kw.write')}</Tabs.Tab>
                  <Tabs.Tab value="preview">{t('kw.preview')}</Tabs.Tab>
                </Tabs.List>
                <Tabs.Panel value="write" pt="xs">
                  <Textarea
                    label={t('kw.bodyLabel')}
                    description={t('kw.bodyHint')}
                    autosize
                    minRows={8}
                    value={values.body}
                    onChange={(e) => set('body', e.currentTarget.value)}
                  />
                </Tabs.Panel>
                <Tabs.Panel value="preview" pt="xs">
                  <MarkdownPreview markdown={values.body ?? ''} />
                </Tabs.Panel>
              </Tabs>
            </Fieldset>
            <Fieldset legend={t('kw.translations')}>
              <Text size="sm" c="dimmed" mb="xs">
                {t('kw.translationsHint')}
              </Text>
              <Stack gap="sm">
                {TRANSLATABLE.filter((code) => code !== values.language).map((code) => {
                  // language names are lower-case inside a French or Spanish sentence
                  const name = lang === 'en' ? t(`kw.lang.${code}`) : t(`kw.lang.${code}`).toLocaleLowerCase(lang);
                  return (
                    <Stack key={code} gap={4}>
                      <TextInput
                        label={t('kw.tr.title', { language: name })}
                        value={values.translations?.[code]?.title ?? ''}
                        onChange={(e) => setTranslation(code, 'title', e.currentTarget.value)}
                      />
                      <Textarea
                        label={t('kw.tr.summary', { language: name })}
                        autosize
                        minRows={2}
                        value={values.translations?.[code]?.summary ?? ''}
                        onChange={(e) => setTranslation(code, 'summary', e.currentTarget.value)}
                      />
                    </Stack>
                  );
                })}
              </Stack>
            </Fieldset>
            {objectives.isPending ? (
              <Loading />
            ) : objectives.isError ? (
              <ErrorState error={objectives.error} onRetry={() => void objectives.refetch()} />
            ) : (
              <Checkbox.Group
                label={t('kw.field.objectives')}
                description={t('kw.objectivesHint')}
                value={values.objectives.map(String)}
                onChange={(v) => set('objectives', v.map(Number))}
                withAsterisk
              >
                <Stack gap={6} mt="xs" mah={280} style={{ overflowY: 'auto' }} p={4}>
                  {objectives.data.map((o) => (
                    <Checkbox key={o.number} value={String(o.number)} label={`${o.number}. ${o.title}`} />
                  ))}
                </Stack>
              </Checkbox.Group>
            )}
            {save.isError && <ErrorState error={save.error} />}
            <Group>
              <Button type="submit" loading={save.isPending} disabled={missing}>
                {item ? t('kw.save') : t('kw.create')}
              </Button>
              {missing && (
                <Text size="sm" c="dimmed">
                  {t('kw.missing')}
                </Text>
              )}
            </Group>
          </Stack>
        </form>
      ) : (
        item && (
          <Stack gap="xs" maw={820}>
            <Text size="lg">{item.summary}</Text>
            <MarkdownPreview markdown={item.body} />
          </Stack>
        )
      )}
      {item && (
        <DocumentsPanel parent={{ type: 'knowledge_item', id: item.id }} canEdit={editable} title={t('kw.resources')} />
      )}
      {item?.allowedActions.includes('publish') &&
        (item.createdById === me?.id ? (
          <Alert color="blue" role="note">
            {t('kw.review.notYours')}
          </Alert>
        ) : (
          <ReviewPanel item={item} onPublished={moved} />
        ))}
      {item && <VersionsPanel key={item.version} item={item} />}
      {item && (
        <ConfirmModal
          opened={confirm !== null}
          message={confirm ? t(`kw.confirm.${confirm}`) : ''}
          confirmLabel={confirm ? t(`kw.action.${confirm}`) : ''}
          onConfirm={() => confirm && act.mutate(confirm)}
          onCancel={() => {
            setConfirm(null);
            act.reset();
          }}
          loading={act.isPending}
          error={act.error ?? undefined}
          danger={confirm === 'archive'}
        />
      )}
    </Stack>
  );
}
