import { ReferenceService } from '@cbm/reference';
import type { HubKnowledgePort } from '../ports';
import type { SupportRequestRepository } from '../request/support-request.repository';
import type { SimilarRequestRepository, SimilarRequestRow } from './similar-request.repository';
import { scoreSimilarRequest, SimilarService } from './similar.service';

const row = (
  id: string,
  countryCode: string,
  shared: number[],
  textRank = 0,
  titleSimilarity = 0,
): SimilarRequestRow => ({
  id,
  reference: `R-${id}`,
  title: `Request ${id}`,
  countryCode,
  status: 'completed',
  sharedObjectives: shared,
  textRank,
  titleSimilarity,
});

describe('similar requests', () => {
  it('scores text, objective overlap and region, with a reason for each', () => {
    const s = scoreSimilarRequest(row('a', 'UGA', [21, 6], 0.05, 0.2), [21, 6], 'Africa');
    expect(s.score).toBeCloseTo(0.4 * 0.5 + 0.4 * 1 + 0.2, 3);
    expect(s.reasons).toEqual([
      'similar wording in title and summary',
      'shares objectives 21, 6',
      'UGA, same region (Africa)',
    ]);
    expect(scoreSimilarRequest(row('b', 'MEX', [], 0, 0.6), [21], null)).toMatchObject({
      score: 0.24,
      reasons: ['similar title (60 %)'],
    });
  });

  const target = { id: 't', countryCode: 'KEN', title: 'Reintegration', summary: 'returnees', objectives: [21, 6] };
  const noKnowledge: HubKnowledgePort = { similarItems: async () => [] };
  const service = (rows: SimilarRequestRow[], knowledge = noKnowledge) =>
    new SimilarService(
      { findScoped: async () => target } as unknown as SupportRequestRepository,
      { candidates: async () => rows } as unknown as SimilarRequestRepository,
      new ReferenceService(),
      knowledge,
    );

  it('merges knowledge items with requests, best first, and asks the port with the request text', async () => {
    const asked: unknown[] = [];
    const port: HubKnowledgePort = {
      similarItems: async (q) => (
        asked.push(q),
        [{ id: 'k1', title: 'Reintegration toolkit', kind: 'tool', score: 0.9, reasons: ['same objective 21'] }]
      ),
    };
    const res = await service([row('a', 'UGA', [21]), row('b', 'KEN', [21, 6], 0.05)], port).forRequest(
      { id: 'u', role: 'hub_officer' },
      't',
    );
    expect(res.items.map((i) => `${i.source}:${i.id}`)).toEqual(['knowledge:k1', 'request:b', 'request:a']);
    expect(asked).toEqual([{ text: 'Reintegration returnees', objectives: [21, 6], countryCode: 'KEN', limit: 10 }]);
  });

  it("works without the knowledge port and keeps other countries' requests from focal points", async () => {
    const rows = [row('a', 'UGA', [21]), row('b', 'KEN', [21, 6])];
    expect((await service(rows).forRequest({ id: 'u', role: 'hub_officer' }, 't')).items).toHaveLength(2);
    expect(
      (await service(rows).forRequest({ id: 'u', role: 'focal_point', countryCode: 'KEN' }, 't')).items.map(
        (i) => i.id,
      ),
    ).toEqual(['b']);
    expect(
      (await service(rows).forRequest({ id: 'u', role: 'partner_officer', organisationId: 'o' }, 't')).items,
    ).toEqual([]);
  });
});
