import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { APP_CONFIG, AppConfig } from '@cbm/core';
import { KnowledgeError } from '../item/knowledge-item.errors';
import { KnowledgeSearchRepository } from '../search/knowledge-search.repository';

const BATCH = 500;

export const CSV_COLUMNS = [
  'id',
  'kind',
  'title',
  'summary',
  'objectives',
  'actions',
  'principles',
  'countries',
  'regions',
  'organisations',
  'tags',
  'language',
  'source',
  'sourceId',
  'sourceUrl',
  'licence',
  'year',
  'publishedAt',
  'version',
  'replicatedFrom',
  'url',
] as const;

/** What the CSV does not carry: left in the database instead of parsed and dropped. */
const CSV_OMITS = ['body', 'bodyHtml', 'translations', 'licenceUrl'];

const joined = (v: unknown) =>
  Array.isArray(v)
    ? v
        .map((x) =>
          x && typeof x === 'object' ? ((x as { acronym?: string }).acronym ?? JSON.stringify(x)) : String(x),
        )
        .join(';')
    : v;

@Injectable()
export class OpenDataService {
  constructor(
    private readonly search: KnowledgeSearchRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A published item with its ETag (weak: it names the item version). */
  async published(id: string): Promise<{ item: Record<string, unknown>; etag: string }> {
    const [row] = await this.search.findPublished(id);
    if (!row) throw KnowledgeError('KNOWLEDGE_NOT_FOUND', 'no such published knowledge item');
    return { item: row.item, etag: `W/"${id}-${row.version}"` };
  }

  /** Every published item, in keyset batches: memory holds one batch whatever the size. */
  private async *batches<T>(read: (after: string | null) => Promise<{ id: string; item: T }[]>): AsyncGenerator<T[]> {
    let after: string | null = null;
    for (;;) {
      const batch = await read(after);
      if (batch.length) yield batch.map((row) => row.item);
      if (batch.length < BATCH) return;
      after = batch[batch.length - 1].id;
    }
  }

  /** One chunk per batch: the stream pauses on a slow client before the next batch is read. */
  jsonl(): Readable {
    const batches = this.batches((after) => this.search.exportBatch(after, BATCH, { asText: true }));
    return Readable.from(
      (async function* () {
        for await (const batch of batches) yield `${batch.join('\n')}\n`;
      })(),
      { objectMode: false, highWaterMark: 1 },
    );
  }

  csv(): Readable {
    const batches = this.batches((after) => this.search.exportBatch(after, BATCH, { omit: CSV_OMITS }));
    const rows = Readable.from(
      (async function* () {
        for await (const batch of batches)
          for (const item of batch) {
            const replicated = item.replicatedFrom as { reference?: string } | null;
            yield CSV_COLUMNS.map((c) =>
              c === 'replicatedFrom' ? (replicated?.reference ?? '') : (joined(item[c]) ?? ''),
            );
          }
      })(),
    );
    // formula-looking cells are prefixed so spreadsheets do not execute them
    return rows.pipe(stringify({ header: true, columns: [...CSV_COLUMNS], bom: true, escape_formulas: true }));
  }

  async datasetStamp(): Promise<{ count: number; modified: string | null; etag: string }> {
    const s = await this.search.stats();
    const modified = s.modified ? new Date(s.modified).toISOString() : null;
    return {
      ...s,
      modified,
      etag: `W/"${createHash('sha256').update(`${s.count}|${modified}`).digest('hex').slice(0, 16)}"`,
    };
  }

  /**
   * DCAT-AP style catalogue of the open datasets, in JSON-LD. Its links start with PUBLIC_BASE_URL,
   * never with the request's Host or X-Forwarded-* headers: the answer is cached publicly, and a
   * forged Host would otherwise be served to everyone behind the cache.
   */
  async catalog() {
    const stamp = await this.datasetStamp();
    const api = `${this.config.publicBaseUrl.replace(/\/+$/, '')}/api/v1`;
    const ccby = {
      '@id': 'https://creativecommons.org/licenses/by/4.0/',
      '@type': 'dct:LicenseDocument',
      'dct:title': 'Creative Commons Attribution 4.0 International',
    };
    const publisher = {
      '@type': 'foaf:Organization',
      'foaf:name': 'Capacity-building mechanism for safe, orderly and regular migration (GCM paragraph 42)',
    };
    const dist = (id: string, title: string, url: string, mediaType: string, format: string) => ({
      '@id': `${api}/open/catalog.jsonld#${id}`,
      '@type': 'dcat:Distribution',
      'dct:title': title,
      'dcat:accessURL': { '@id': url },
      'dcat:downloadURL': { '@id': url },
      'dcat:mediaType': mediaType,
      'dct:format': format,
      'dct:license': ccby,
    });
    return {
      '@context': {
        dcat: 'http://www.w3.org/ns/dcat#',
        dct: 'http://purl.org/dc/terms/',
        foaf: 'http://xmlns.com/foaf/0.1/',
        xsd: 'http://www.w3.org/2001/XMLSchema#',
      },
      '@id': `${api}/open/catalog.jsonld`,
      '@type': 'dcat:Catalog',
      'dct:title': 'Global knowledge platform on migration: open data',
      'dct:description':
        'Open datasets of the UN capacity-building mechanism for migration: the knowledge repository, start-up fund figures and funded projects.',
      'dct:publisher': publisher,
      'dct:license': ccby,
      'dcat:dataset': [
        {
          '@id': `${api}/open/knowledge`,
          '@type': 'dcat:Dataset',
          'dct:title': 'Knowledge items: practices, evidence, initiatives, tools, datasets and solutions',
          'dct:description': `Published items of the global knowledge platform (${stamp.count} items), with GCM objectives, countries, regions and organisations.`,
          'dcat:keyword': ['migration', 'Global Compact for Migration', 'good practices', 'evidence'],
          'dct:modified': stamp.modified ? { '@value': stamp.modified, '@type': 'xsd:dateTime' } : undefined,
          'dct:license': ccby,
          'dct:publisher': publisher,
          'dcat:distribution': [
            dist('knowledge-csv', 'Knowledge items (CSV)', `${api}/open/knowledge.csv`, 'text/csv', 'CSV'),
            dist(
              'knowledge-jsonl',
              'Knowledge items (JSON Lines)',
              `${api}/open/knowledge.jsonl`,
              'application/jsonl',
              'JSONL',
            ),
            dist(
              'knowledge-search',
              'Knowledge search API (JSON)',
              `${api}/open/knowledge`,
              'application/json',
              'JSON',
            ),
          ],
        },
        {
          '@id': `${api}/fund/summary`,
          '@type': 'dcat:Dataset',
          'dct:title': 'Start-up fund figures',
          'dct:description':
            'Deposits, allocations, transfers, expenditure and delivery rate, by donor, organisation, country, objective and gender, human-rights and child-sensitivity marker; ?genderMarker=, ?humanRightsMarker= and ?childSensitivityMarker= (0-3) narrow what was allocated.',
          'dct:license': ccby,
          'dct:publisher': publisher,
          'dcat:distribution': [
            dist('fund-summary', 'Fund summary (JSON)', `${api}/fund/summary`, 'application/json', 'JSON'),
          ],
        },
        {
          '@id': `${api}/open/iati/activities.xml`,
          '@type': 'dcat:Dataset',
          'dct:title': 'Funded projects (IATI 2.03 activities)',
          'dct:description': 'Projects funded by the start-up fund, as IATI 2.03 activity XML.',
          'dct:license': ccby,
          'dct:publisher': publisher,
          'dct:conformsTo': { '@id': 'https://iatistandard.org/en/iati-standard/203/' },
          'dcat:distribution': [
            dist('iati', 'IATI activities (XML)', `${api}/open/iati/activities.xml`, 'application/xml', 'XML'),
          ],
        },
        {
          '@id': `${api}/open/iati/organisation.xml`,
          '@type': 'dcat:Dataset',
          'dct:title': 'The fund as an organisation (IATI 2.03 organisation file)',
          'dct:description':
            "The start-up fund's total budget and total expenditure per year, as IATI 2.03 organisation XML.",
          'dct:license': ccby,
          'dct:publisher': publisher,
          'dct:conformsTo': { '@id': 'https://iatistandard.org/en/iati-standard/203/' },
          'dcat:distribution': [
            dist(
              'iati-organisation',
              'IATI organisation file (XML)',
              `${api}/open/iati/organisation.xml`,
              'application/xml',
              'XML',
            ),
          ],
        },
        {
          '@id': `${api}/open/mechanism.json`,
          '@type': 'dcat:Dataset',
          'dct:title': "The mechanism's dashboard",
          'dct:description':
            'Requests by status, UN M49 region and GCM objective per quarter filed; median days from submission to triage and to decision, and from approval to first transfer, by quarter and region; service-level compliance by step and quarter; partner delivery (reports on time, milestones done, expenditure against transfers). Aggregates only.',
          'dcat:keyword': ['migration', 'Global Compact for Migration', 'service levels', 'delivery'],
          'dct:license': ccby,
          'dct:publisher': publisher,
          'dcat:distribution': [
            dist(
              'mechanism-json',
              "Mechanism's dashboard (JSON)",
              `${api}/open/mechanism.json`,
              'application/json',
              'JSON',
            ),
            dist('mechanism-csv', "Mechanism's dashboard (CSV)", `${api}/open/mechanism.csv`, 'text/csv', 'CSV'),
          ],
        },
        {
          '@id': `${api}/open/checkpoints.jsonl`,
          '@type': 'dcat:Dataset',
          'dct:title': 'Signed audit checkpoints',
          'dct:description':
            "The append-only log of signed checkpoints of the audit trail: the hash chain's head and the fund ledger's balance hash, signed with Ed25519 every period. Keep a copy: `audit:verify --checkpoints` proves the trail still holds every signed head.",
          'dct:license': ccby,
          'dct:publisher': publisher,
          'dcat:distribution': [
            dist(
              'checkpoints',
              'Checkpoint log (JSON Lines)',
              `${api}/open/checkpoints.jsonl`,
              'application/jsonl',
              'JSONL',
            ),
            dist(
              'checkpoints-key',
              'Checkpoint signing key (Ed25519 public key, PEM)',
              `${api}/open/checkpoints/key`,
              'application/x-pem-file',
              'PEM',
            ),
          ],
        },
      ],
    };
  }

  /** Unchanged? (If-None-Match holds the ETag we would send.) */
  static notModified(ifNoneMatch: string | undefined, etag: string): boolean {
    if (!ifNoneMatch) return false;
    const weak = (t: string) => t.trim().replace(/^W\//, '');
    return ifNoneMatch.split(',').some((t) => t.trim() === '*' || weak(t) === weak(etag));
  }
}
