import {
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Grid,
  Group,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Suspense, lazy, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import * as api from '../api/endpoints';
import { KNOWLEDGE_KINDS, oneOf, type FacetBucket, type KnowledgeSearchResult } from '../api/model';
import { useI18n } from '../i18n/i18n';
import { ErrorState, Loading, usePageTitle } from '../ui/states';
import { useObjectiveTitle } from '../ui/objectives';
import { countryName, regionName } from '../ui/places';
import { Snippet } from './snippet';

// Charts are not needed to read the page: they load after it.
const FundFigures = lazy(() => import('./fund-figures'));

const FILTERS = ['kind', 'objective', 'country', 'region', 'organisation', 'year'] as const;
type Filter = (typeof FILTERS)[number];

export function HomePage() {
  const { t } = useI18n();
  usePageTitle(t('home.title'));
  return (
    <Stack gap="xl">
      <Box className="hero" px={{ base: 'md', sm: 'xl' }}>
        <Title order={1}>{t('home.title')}</Title>
        <Text size="lg" mt="sm" className="prose">
          {t('home.lead')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }} mt="lg" spacing="md">
          <Card withBorder padding="md">
            <Title order={2} size="h4">
              {t('home.hubTitle')}
            </Title>
            <Text size="sm" mt="xs">
              {t('home.hubBody')}
            </Text>
          </Card>
          <Card withBorder padding="md">
            <Title order={2} size="h4">
              {t('home.fundTitle')}
            </Title>
            <Text size="sm" mt="xs">
              {t('home.fundBody')}
            </Text>
          </Card>
          <Card withBorder padding="md">
            <Title order={2} size="h4">
              {t('home.knowledgeTitle')}
            </Title>
            <Text size="sm" mt="xs">
              {t('home.knowledgeBody')}
            </Text>
          </Card>
        </SimpleGrid>
        <Group mt="lg">
          <Button component={Link} to="/login" variant="filled">
            {t('home.ctaSignIn')}
          </Button>
        </Group>
      </Box>
      <KnowledgeSearch />
      <OpenData />
      <section aria-labelledby="fund-heading">
        <Title order={2} id="fund-heading">
          {t('fund.publicTitle')}
        </Title>
        <Suspense fallback={<Loading />}>
          <FundFigures />
        </Suspense>
      </section>
    </Stack>
  );
}

function KnowledgeSearch() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const query: api.KnowledgeQuery = {
    q: params.get('q') ?? undefined,
    kind: oneOf(KNOWLEDGE_KINDS, params.get('kind')),
    objective: params.get('objective') ? Number(params.get('objective')) : undefined,
    country: params.get('country') ?? undefined,
    region: params.get('region') ?? undefined,
    organisation: params.get('organisation') ?? undefined,
    year: params.get('year') ? Number(params.get('year')) : undefined,
  };
  const active = Object.values(query).some((v) => v !== undefined);
  const result = useQuery({
    queryKey: ['knowledge', query],
    queryFn: () => api.searchKnowledge(query),
    enabled: active,
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams(params);
    if (text.trim()) next.set('q', text.trim());
    else next.delete('q');
    setParams(next, { replace: false });
  };
  const toggle = (name: Filter, value: string) => {
    const next = new URLSearchParams(params);
    if (next.get(name) === value) next.delete(name);
    else next.set(name, value);
    setParams(next);
  };

  return (
    <section aria-labelledby="search-heading">
      <Title order={2} id="search-heading">
        {t('search.title')}
      </Title>
      <Text c="dimmed" size="sm" mb="sm">
        {t('search.help')}
      </Text>
      <form role="search" onSubmit={submit}>
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('search.label')}
            name="q"
            type="search"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            placeholder={t('search.placeholder')}
            style={{ flex: 1, minInlineSize: '14rem' }}
          />
          <Button type="submit">{t('search.submit')}</Button>
        </Group>
      </form>
      {active && (
        <Box mt="lg" aria-live="polite">
          {result.isPending ? (
            <Loading label={t('search.searching')} />
          ) : result.isError ? (
            <ErrorState error={result.error} onRetry={() => void result.refetch()} />
          ) : (
            <Results data={result.data} selected={(n) => params.get(n)} onToggle={toggle} />
          )}
        </Box>
      )}
    </section>
  );
}

function Results({
  data,
  selected,
  onToggle,
}: {
  data: KnowledgeSearchResult;
  selected: (f: Filter) => string | null;
  onToggle: (f: Filter, v: string) => void;
}) {
  const { t, lang } = useI18n();
  const objectiveTitle = useObjectiveTitle();
  const facetNames = FILTERS.filter((f) => (data.facets?.[f]?.length ?? 0) > 0);
  const orgs = new Map(data.items.flatMap((i) => i.organisations ?? []).map((o) => [o.id, o.acronym ?? o.name]));
  return (
    <Grid gap="xl">
      {facetNames.length > 0 && (
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Stack gap="md" component="aside" aria-label={t('search.facets')}>
            {facetNames.map((f) => (
              <Box key={f}>
                <Text fw={600} size="sm" mb={4} id={`facet-${f}`}>
                  {t(`facet.${f}`)}
                </Text>
                <ul className="facet-list" aria-labelledby={`facet-${f}`}>
                  {data.facets[f].slice(0, 8).map((b: FacetBucket) => {
                    const value = String(b.value);
                    const pressed = selected(f) === value;
                    return (
                      <li key={value}>
                        <Button
                          variant={pressed ? 'light' : 'subtle'}
                          size="compact-sm"
                          aria-pressed={pressed}
                          onClick={() => onToggle(f, value)}
                        >
                          {facetLabel(f, b, t, orgs, lang, objectiveTitle)} ({b.count.toLocaleString(lang)})
                        </Button>
                      </li>
                    );
                  })}
                </ul>
              </Box>
            ))}
          </Stack>
        </Grid.Col>
      )}
      <Grid.Col span={{ base: 12, md: facetNames.length ? 9 : 12 }}>
        <Text fw={600} mb="sm" role="status">
          {t('search.count', { count: data.total })}
        </Text>
        {data.didYouMean && (
          <Text size="sm" mb="sm">
            {t('search.didYouMean', { suggestion: data.didYouMean })}
          </Text>
        )}
        {data.items.length === 0 ? (
          <Text c="dimmed">{t('search.none')}</Text>
        ) : (
          <Stack
            gap="md"
            component="ol"
            style={{ listStyle: 'none', padding: 0, margin: 0 }}
            aria-label={t('search.results')}
          >
            {data.items.map((item) => (
              <Card key={item.id} withBorder component="li" padding="md">
                <Group gap="xs" mb={4}>
                  <Badge variant="light" radius="sm">
                    {t(`kind.${item.kind}`)}
                  </Badge>
                  {item.year && (
                    <Text size="xs" c="dimmed">
                      {item.year}
                    </Text>
                  )}
                </Group>
                <Anchor component={Link} to={`/knowledge/${item.id}`} fw={600} size="lg">
                  {item.title}
                </Anchor>
                <Text size="sm" mt={4}>
                  <Snippet text={item.snippet ?? item.summary ?? ''} />
                </Text>
                {((item.countries?.length ?? 0) > 0 || (item.organisations?.length ?? 0) > 0) && (
                  <Text size="xs" c="dimmed" mt={4}>
                    {[
                      ...(item.organisations ?? []).map((o) => o.acronym ?? o.name),
                      ...(item.countries ?? []).map((c) => countryName(c, lang)),
                    ].join(' · ')}
                  </Text>
                )}
              </Card>
            ))}
          </Stack>
        )}
      </Grid.Col>
    </Grid>
  );
}

function facetLabel(
  f: Filter,
  b: FacetBucket,
  t: (k: string, v?: Record<string, string | number>) => string,
  orgs: Map<string, string>,
  lang: string,
  objectiveTitle: (n: number | string) => string,
): string {
  if (f === 'kind') return t(`kind.${b.value}`);
  if (f === 'objective') return objectiveTitle(b.value);
  if (f === 'country') return countryName(String(b.value), lang);
  if (f === 'region') return regionName(String(b.value), lang);
  // The organisation facet counts by id; the names come with the hits' organisations.
  if (f === 'organisation') return orgs.get(String(b.value)) ?? String(b.value);
  return String(b.value);
}

function OpenData() {
  const { t } = useI18n();
  const links = [
    { href: api.OPEN_DATA.csv, label: t('openData.csv'), hint: 'text/csv' },
    { href: api.OPEN_DATA.jsonl, label: t('openData.jsonl'), hint: 'application/x-ndjson' },
    { href: api.OPEN_DATA.dcat, label: t('openData.dcat'), hint: 'application/ld+json' },
    { href: api.OPEN_DATA.iati, label: t('openData.iati'), hint: 'application/xml' },
  ];
  return (
    <section aria-labelledby="open-data-heading">
      <Title order={2} id="open-data-heading">
        {t('openData.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('openData.help')}
      </Text>
      <Group gap="sm">
        {links.map((l) => (
          <Button key={l.href} component="a" href={l.href} variant="outline" download type={l.hint}>
            {l.label}
          </Button>
        ))}
      </Group>
    </section>
  );
}
