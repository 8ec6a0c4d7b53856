import { Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { knowledgeDiff, knowledgeVersions, type KnowledgeItem } from '../../api/knowledge';
import { useI18n } from '../../i18n/i18n';
import { formatDate } from '../../ui/format';
import { useObjectiveTitle } from '../../ui/objectives';
import { countryName } from '../../ui/places';
import { Empty, ErrorState, Loading } from '../../ui/states';

const show = (v: unknown) =>
  v === null || v === undefined || v === '' ? '—' : Array.isArray(v) ? v.join(', ') : String(v);

/** A code in words when the dictionary has it (`prefix.code`), else the code itself. */
function useLabel() {
  const { t } = useI18n();
  return (prefix: string, code: string) => {
    const key = `${prefix}.${code}`;
    const v = t(key);
    return v === key ? code : v;
  };
}

/** Every saved version of an item, and what changed between two of them (the API's field and line diff). */
export function VersionsPanel({ item }: { item: KnowledgeItem }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const objectiveTitle = useObjectiveTitle();
  const words: Record<string, (code: string) => string> = {
    status: (c) => label('kw.status', c),
    kind: (c) => label('kind', c),
    language: (c) => label('kw.lang', c),
    objectives: objectiveTitle,
    countries: (c) => countryName(c, lang),
  };
  const value = (field: string, v: unknown) => {
    const say = words[field];
    if (!say) return typeof v === 'object' && v !== null && !Array.isArray(v) ? JSON.stringify(v) : show(v);
    return Array.isArray(v) ? show(v.map((c) => say(String(c)))) : v === null ? '—' : say(String(v));
  };
  const versions = useQuery({
    queryKey: ['kw-versions', item.id, item.version],
    queryFn: () => knowledgeVersions(item.id),
  });
  const [from, setFrom] = useState(Math.max(1, item.version - 1));
  const [to, setTo] = useState(item.version);
  const diff = useQuery({
    queryKey: ['kw-diff', item.id, from, to],
    queryFn: () => knowledgeDiff(item.id, from, to),
    enabled: from !== to,
  });
  const options = (versions.data ?? []).map((v) => ({
    value: String(v.version),
    label: t('kw.versions.option', {
      version: v.version,
      change: label('kw.change', v.change),
      date: formatDate(v.at, lang, true),
    }),
  }));
  return (
    <section aria-labelledby="kw-versions">
      <Stack gap="sm">
        <Title order={2} size="h3" id="kw-versions">
          {t('kw.versions.title')}
        </Title>
        {versions.isPending ? (
          <Loading />
        ) : versions.isError ? (
          <ErrorState error={versions.error} />
        ) : options.length < 2 ? (
          <Empty>{t('kw.versions.one')}</Empty>
        ) : (
          <>
            <Group>
              <NativeSelect
                label={t('kw.versions.from')}
                value={String(from)}
                onChange={(e) => setFrom(Number(e.currentTarget.value))}
                data={options}
              />
              <NativeSelect
                label={t('kw.versions.to')}
                value={String(to)}
                onChange={(e) => setTo(Number(e.currentTarget.value))}
                data={options}
              />
            </Group>
            {from === to ? (
              <Text size="sm">{t('kw.versions.same')}</Text>
            ) : diff.isPending ? (
              <Loading />
            ) : diff.isError ? (
              <ErrorState error={diff.error} />
            ) : diff.data.changes.length === 0 ? (
              <Text size="sm">{t('kw.versions.noChange')}</Text>
            ) : (
              <dl>
                {diff.data.changes.map((c) => (
                  <div key={c.field} style={{ marginBlockEnd: '0.75rem' }}>
                    <dt>
                      <Text fw={600} size="sm">
                        {label('kw.field', c.field)}
                      </Text>
                    </dt>
                    <dd style={{ marginInlineStart: 0 }}>
                      {c.lines ? (
                        <pre className="kw-diff" style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                          {c.lines.map((l, i) =>
                            l.op === '+' ? (
                              <ins key={i} style={{ display: 'block', background: '#d3f9d8', color: '#0b3d17' }}>
                                + {l.text}
                              </ins>
                            ) : l.op === '-' ? (
                              <del key={i} style={{ display: 'block', background: '#ffe3e3', color: '#5c0a0a' }}>
                                − {l.text}
                              </del>
                            ) : (
                              <span key={i} style={{ display: 'block' }}>
                                {'  '}
                                {l.text}
                              </span>
                            ),
                          )}
                        </pre>
                      ) : (
                        <Text size="sm">
                          <del>{value(c.field, c.from)}</del> → <ins>{value(c.field, c.to)}</ins>
                        </Text>
                      )}
                    </dd>
                  </div>
                ))}
              </dl>
            )}
          </>
        )}
      </Stack>
    </section>
  );
}
