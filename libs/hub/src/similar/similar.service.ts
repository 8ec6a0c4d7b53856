import { Inject, Injectable } from '@nestjs/common';
import { Actor, isUnStaff } from '@cbm/core';
import { ReferenceService } from '@cbm/reference';
import { HUB_KNOWLEDGE_PORT, HubKnowledgePort } from '../ports';
import { RequestError } from '../request/support-request.errors';
import { SupportRequestRepository } from '../request/support-request.repository';
import { SimilarRequestRepository, SimilarRequestRow } from './similar-request.repository';

export interface SimilarItem {
  source: 'knowledge' | 'request';
  id: string;
  title: string;
  kind: string;
  score: number;
  reasons: string[];
  reference?: string;
  countryCode?: string;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** 0.4 text (the better of full-text rank and title trigram), 0.4 objective overlap, 0.2 same region. */
export function scoreSimilarRequest(
  row: SimilarRequestRow,
  objectives: number[],
  sameRegion: string | null,
): SimilarItem {
  const reasons: string[] = [];
  // ts_rank of an OR-query sits around 0.01-0.1: scale it onto 0..1
  const text = Math.max(row.titleSimilarity, Math.min(1, row.textRank * 10));
  if (text >= 0.1)
    reasons.push(
      row.titleSimilarity > row.textRank * 10
        ? `similar title (${Math.round(row.titleSimilarity * 100)} %)`
        : 'similar wording in title and summary',
    );
  const overlap = objectives.length ? row.sharedObjectives.length / objectives.length : 0;
  if (row.sharedObjectives.length)
    reasons.push(`shares objective${row.sharedObjectives.length > 1 ? 's' : ''} ${row.sharedObjectives.join(', ')}`);
  if (sameRegion) reasons.push(`${row.countryCode}, same region (${sameRegion})`);
  return {
    source: 'request',
    id: row.id,
    title: row.title,
    kind: 'request',
    reference: row.reference,
    countryCode: row.countryCode,
    score: round(0.4 * text + 0.4 * overlap + 0.2 * (sameRegion ? 1 : 0)),
    reasons,
  };
}

@Injectable()
export class SimilarService {
  constructor(
    private readonly requests: SupportRequestRepository,
    private readonly similar: SimilarRequestRepository,
    private readonly reference: ReferenceService,
    @Inject(HUB_KNOWLEDGE_PORT) private readonly knowledge: HubKnowledgePort,
  ) {}

  async forRequest(actor: Actor, requestId: string, limit = 10): Promise<{ items: SimilarItem[] }> {
    const r = await this.requests.findScoped(actor, requestId);
    if (!r) throw RequestError('REQUEST_NOT_FOUND', 'no such request');
    const region = this.reference.regionOf(r.countryCode);
    const regionCountries = region ? this.reference.countriesIn(region).map((c) => c.code) : [r.countryCode];
    const text = `${r.title} ${r.summary}`;
    const [rows, items] = await Promise.all([
      this.similar.candidates({
        id: r.id,
        text,
        title: r.title,
        objectives: r.objectives,
        regionCountries,
        limit: 200,
      }),
      this.knowledge.similarItems({ text, objectives: r.objectives, countryCode: r.countryCode, limit }),
    ]);
    const regionSet = new Set(regionCountries);
    // other countries' requests are in scope for UN staff only; others see knowledge items and their own country's
    const visible = isUnStaff(actor)
      ? rows
      : rows.filter((row) => actor.role === 'focal_point' && row.countryCode === actor.countryCode);
    const requests = visible.map((row) =>
      scoreSimilarRequest(row, r.objectives, regionSet.has(row.countryCode) ? (region ?? null) : null),
    );
    const knowledge: SimilarItem[] = items.map((k) => ({
      source: 'knowledge',
      id: k.id,
      title: k.title,
      kind: k.kind,
      score: round(k.score),
      reasons: k.reasons,
    }));
    const merged = [
      ...knowledge,
      ...requests.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, limit),
    ];
    return {
      items: merged
        .sort((a, b) => b.score - a.score || a.source.localeCompare(b.source) || a.id.localeCompare(b.id))
        .slice(0, limit),
    };
  }
}
