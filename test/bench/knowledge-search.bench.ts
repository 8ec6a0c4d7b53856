/* Knowledge search at volume: seeds 100,000 published items (batched SQL, bench data only)
   into a database of its own on the server PostgreSQL, then measures over HTTP the public
   search (rare word, very common word, 3 words, typo, filters, facets always on),
   similarItems, and the bulk exports (time, size, peak RSS).
   Run: npm run -s build:server && npx swc test/bench -d dist --quiet && node --max-old-space-size=192 dist/test/bench/knowledge-search.bench.js
   (the heap cap proves the 150 MB export streams: it would not fit otherwise)
   Env: BENCH_SERVER_URL (default postgres://postgres@127.0.0.1:5432/postgres), BENCH_ITEMS (100000),
   BENCH_REUSE=1 keeps an already seeded database, BENCH_ITERATIONS (200). */
import { Client } from 'pg';
import { loadConfig } from '@cbm/core';
import { KnowledgePublicService, KnowledgeSearchService } from '@cbm/knowledge';
import { startSystem } from '../../apps/api/src/system';
import { benchDatabase } from './harness';

const SERVER = process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = 'cbm_bench_knowledge';
const N = Number(process.env.BENCH_ITEMS ?? 100_000);
const ITER = Number(process.env.BENCH_ITERATIONS ?? 200);
const dbUrl = (() => {
  const u = new URL(SERVER);
  u.pathname = `/${DB}`;
  return u.toString();
})();

// deterministic pseudo-random numbers
let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];

const DOMAIN = (
  'migration labour recruitment fees remittances diaspora integration return reintegration border governance data census statistics trafficking smuggling ' +
  'asylum refugees children women gender health education skills recognition qualifications pension social protection consular assistance visa work permit ' +
  'seasonal circular regular pathways climate displacement disaster resilience cities local authorities employers unions training language housing ' +
  'discrimination xenophobia inclusion entrepreneurship investment banking mobile money corridor costs identity documents registration birth detention ' +
  'alternatives screening vulnerability referral counselling information campaign predeparture orientation agreement bilateral regional cooperation'
).split(' ');
const SYL = [
  'ka',
  'lo',
  'mi',
  'ra',
  'te',
  'su',
  'vo',
  'ne',
  'pa',
  'di',
  'fo',
  'gu',
  'ze',
  'ti',
  'ba',
  'ro',
  'me',
  'li',
  'sa',
  'no',
];
const PSEUDO = Array.from({ length: 4000 }, () =>
  Array.from({ length: 2 + Math.floor(rand() * 3) }, () => pick(SYL)).join(''),
);
/** Zipf-like: low indexes much more likely. */
const zipf = (xs: readonly string[]) => xs[Math.min(xs.length - 1, Math.floor(Math.pow(rand(), 2.2) * xs.length))];
const words = (n: number) => Array.from({ length: n }, () => (rand() < 0.08 ? zipf(DOMAIN) : zipf(PSEUDO))).join(' ');
const COUNTRIES = [
  'KEN',
  'UGA',
  'ETH',
  'NGA',
  'SEN',
  'MAR',
  'EGY',
  'MEX',
  'GTM',
  'HND',
  'COL',
  'ECU',
  'PHL',
  'IDN',
  'BGD',
  'NPL',
  'LKA',
  'IND',
  'QAT',
  'ARE',
  'DEU',
  'ESP',
  'ITA',
  'FRA',
  'TUR',
  'JOR',
  'LBN',
  'UKR',
  'MDA',
  'TJK',
];
const KINDS = ['practice', 'evidence', 'initiative', 'tool', 'dataset', 'solution'];

function item(i: number) {
  const common = rand() < 0.46 ? ' migrants' : '';
  const rare = i % 2000 === 7 ? ' xenotransit' : '';
  const lang = rand() < 0.8 ? 'en' : rand() < 0.5 ? 'fr' : 'es';
  const nObj = 1 + Math.floor(rand() * 3);
  const objectives = [...new Set(Array.from({ length: nObj }, () => 1 + Math.floor(Math.pow(rand(), 1.3) * 23)))].sort(
    (a, b) => a - b,
  );
  const countries = [...new Set(Array.from({ length: 1 + Math.floor(rand() * 2) }, () => pick(COUNTRIES)))];
  return {
    id: `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`,
    kind: pick(KINDS),
    lang,
    cfg: lang === 'en' ? 'english' : lang === 'fr' ? 'french' : 'spanish',
    year: 2015 + Math.floor(rand() * 11),
    published_at: new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString(),
    objectives,
    countries,
    title: `${words(4)} ${zipf(DOMAIN)} ${words(2)}${i % 20 === 0 ? ' recruitment' : ''}`,
    summary: `${words(25)}${rare}`,
    body: `${words(150)}${common}`,
  };
}

async function seedItems(c: Client) {
  const BATCH = 1000;
  const started = Date.now();
  for (let start = 0; start < N; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, N - start) }, (_, k) => item(start + k));
    await c.query(
      `INSERT INTO knowledge_search (item_id, kind, language, year, published_at, version, objectives, countries, regions, organisation_ids, title, summary, body_text, text_config, text_configs, payload, doc, head_doc)
       SELECT r.id, r.kind, r.lang, r.year, r.published_at, 1, r.objectives, r.countries,
              CASE WHEN r.countries && ARRAY['KEN','UGA','ETH','NGA','SEN','MAR','EGY'] THEN ARRAY['Africa'] WHEN r.countries && ARRAY['MEX','GTM','HND','COL','ECU'] THEN ARRAY['Americas'] WHEN r.countries && ARRAY['DEU','ESP','ITA','FRA','UKR','MDA'] THEN ARRAY['Europe'] ELSE ARRAY['Asia'] END,
              '{}', r.title, r.summary, r.body, r.cfg, ARRAY[r.cfg],
              jsonb_build_object('id', r.id, 'kind', r.kind, 'title', r.title, 'summary', r.summary, 'body', r.body, 'objectives', r.objectives, 'countries', r.countries, 'language', r.lang, 'year', r.year, 'licence', 'CC-BY-4.0', 'publishedAt', r.published_at),
              setweight(to_tsvector(r.cfg::regconfig, r.title), 'A') || setweight(to_tsvector(r.cfg::regconfig, r.summary), 'B') || setweight(to_tsvector(r.cfg::regconfig, r.body), 'C'),
              setweight(to_tsvector(r.cfg::regconfig, r.title), 'A') || setweight(to_tsvector(r.cfg::regconfig, r.summary), 'B')
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, kind text, lang text, cfg text, year int, published_at timestamptz, objectives int[], countries text[], title text, summary text, body text)`,
      [JSON.stringify(batch)],
    );
    if ((start / BATCH) % 20 === 0)
      process.stdout.write(`  seeded ${start + batch.length} items (${Math.round((Date.now() - started) / 1000)} s)\n`);
  }
  await c.query(
    `INSERT INTO knowledge_term (word) SELECT word FROM ts_stat('SELECT to_tsvector(''simple'', title || '' '' || summary) FROM knowledge_search') WHERE length(word) BETWEEN 3 AND 40 ON CONFLICT DO NOTHING`,
  );
  await c.query('VACUUM ANALYZE knowledge_search');
  await c.query('VACUUM ANALYZE knowledge_term');
  return Date.now() - started;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

async function measure(label: string, run: (i: number) => Promise<unknown>, iterations = ITER) {
  for (let i = 0; i < 10; i++) await run(i);
  const times: number[] = [];
  let last: unknown;
  for (let i = 0; i < iterations; i++) {
    const t = process.hrtime.bigint();
    last = await run(i);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const line = {
    scenario: label,
    p50: +pct(times, 50).toFixed(1),
    p99: +pct(times, 99).toFixed(1),
    max: +Math.max(...times).toFixed(1),
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
  return { line, last };
}

async function main() {
  const reuse = await benchDatabase(
    SERVER,
    dbUrl,
    async (probe) => Number((await probe.query('SELECT count(*) FROM knowledge_search')).rows[0].count) === N,
  );

  const config = {
    ...loadConfig({ ...process.env, NODE_ENV: 'test', DEMO_DATA: 'false', LOG_LEVEL: 'error', DATABASE_URL: dbUrl }),
    port: 0,
    host: '127.0.0.1',
    // the open-data limit is per address, and every request comes from this one
    openDataRateLimitPerMinute: 100_000_000,
  };
  const sys = await startSystem(config, { listen: true, seed: false, runWorkers: false });
  const c = new Client({ connectionString: dbUrl });
  await c.connect();
  if (!reuse) {
    process.stdout.write(`seeding ${N} items\n`);
    const ms = await seedItems(c);
    process.stdout.write(`seeded in ${(ms / 1000).toFixed(1)} s\n`);
  }
  const freq = async (w: string) =>
    Number(
      (await c.query(`SELECT count(*) FROM knowledge_search WHERE doc @@ plainto_tsquery('english', $1)`, [w])).rows[0]
        .count,
    );
  process.stdout.write(
    `items ${N}; "migrants" in ${await freq('migrants')}, "xenotransit" in ${await freq('xenotransit')}, "labour recruitment fees" in ${await freq('labour recruitment fees')}\n`,
  );

  const get = async (query: Record<string, string | number>) => {
    const res = await fetch(
      `${sys.url}/api/v1/open/knowledge?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`,
    );
    if (res.status !== 200) throw new Error(`${res.status} ${await res.text()}`);
    return res.json() as Promise<{
      total: number;
      totalIsEstimate: boolean;
      items: unknown[];
      mode: string;
      facets: Record<string, unknown[]>;
    }>;
  };
  const results = [];
  // what any request costs on this machine right now: the floor under every figure below
  const floor = await measure('floor: GET /health/live over HTTP', () =>
    fetch(`${sys.url}/health/live`).then((r) => r.text()),
  );
  results.push(floor.line);
  const scenarios: [string, (i: number) => Record<string, string | number>][] = [
    ['rare word', () => ({ q: 'xenotransit' })],
    ['very common word (46 %)', () => ({ q: 'migrants' })],
    ['three words', () => ({ q: 'labour recruitment fees' })],
    ['typo (corrected by trigrams)', () => ({ q: 'recruitmnt' })],
    ['filters only (objective + region)', () => ({ objective: 6, region: 'Africa' })],
    ['common word + filters', () => ({ q: 'migrants', objective: 3, country: 'KEN', kind: 'practice' })],
    ['browse, no query', () => ({})],
    ['varied domain words', (i) => ({ q: DOMAIN[i % DOMAIN.length] })],
  ];
  for (const [label, q] of scenarios) {
    const { line, last } = await measure(`search: ${label}`, (i) => get(q(i)));
    const r = last as Awaited<ReturnType<typeof get>>;
    results.push({
      ...line,
      total: r.total,
      estimate: r.totalIsEstimate,
      mode: r.mode,
      facetKinds: r.facets.kind.length,
    });
  }
  const service = sys.app.get(KnowledgeSearchService);
  for (const [label, q] of [
    ['rare word', 'xenotransit'],
    ['very common word', 'migrants'],
    ['typo', 'recruitmnt'],
  ]) {
    const { line } = await measure(`in-process KnowledgeSearchService.search: ${label}`, () =>
      service.search({ q, limit: 20 }),
    );
    results.push(line);
  }
  // the naive design of the issue, measured in the same run: GIN + ts_rank over every match, no facets
  for (const [label, word] of [
    ['rare word', 'xenotransit'],
    ['very common word', 'migrants'],
  ]) {
    const { line } = await measure(
      `reference (naive GIN + ts_rank, no facets): ${label}`,
      () =>
        c.query(
          `SELECT item_id, ts_rank(doc, q) AS r FROM knowledge_search, websearch_to_tsquery('english', $1) q WHERE doc @@ q ORDER BY r DESC LIMIT 20`,
          [word],
        ),
      Math.min(ITER, 50),
    );
    results.push(line);
  }
  const knowledge = sys.app.get(KnowledgePublicService);
  const texts = Array.from({ length: 50 }, () => `${words(60)} labour recruitment fees migrants`);
  const sim = await measure(
    'similarItems',
    (i) =>
      knowledge.similarItems({
        text: texts[i % texts.length],
        objectives: [6, 1 + (i % 23)],
        countryCode: pick(COUNTRIES),
        limit: 10,
      }),
    100,
  );
  results.push(sim.line);

  for (const format of ['jsonl', 'csv']) {
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const t = Date.now();
    const res = await fetch(`${sys.url}/api/v1/open/knowledge.${format}`);
    let bytes = 0;
    let lines = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (const b of chunk) if (b === 10) lines++;
    }
    clearInterval(timer);
    const line = {
      scenario: `export ${format}`,
      seconds: +((Date.now() - t) / 1000).toFixed(1),
      mb: +(bytes / 1e6).toFixed(1),
      lines,
      rssGrowthMb: +((peak - rssBefore) / 1e6).toFixed(1),
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
    results.push(line);
  }
  await c.end();
  await sys.close();
  process.stdout.write(`\n${JSON.stringify(results, null, 1)}\n`);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
