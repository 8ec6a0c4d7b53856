import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { PageOf } from '@cbm/core';
import { PublishedKnowledgeItemView } from '../item/knowledge-item.view';

const MODES = ['browse', 'fulltext', 'fuzzy'] as const;

/** A search result: the published item without its body, with how it matched. */
export class KnowledgeHitView extends OmitType(PublishedKnowledgeItemView, ['body', 'bodyHtml']) {
  @ApiPropertyOptional({ description: 'Text rank (absent when browsing)' }) score?: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'A passage with the matched terms in <mark>…</mark>, all else escaped',
  })
  snippet: string | null;
  @ApiProperty({ enum: MODES, enumName: 'KnowledgeSearchMode' }) match: (typeof MODES)[number];
}

export class FacetValueView {
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'integer' }], description: 'objective and year are numbers' })
  value: string | number;
  @ApiProperty({ type: 'integer' }) count: number;
}

const facet = (description: string) => ApiProperty({ type: [FacetValueView], description });

export class KnowledgeFacetsView {
  @facet('By kind') kind: FacetValueView[];
  @facet('By GCM objective') objective: FacetValueView[];
  @facet('By country (ISO alpha-3)') country: FacetValueView[];
  @facet('By region or sub-region') region: FacetValueView[];
  @facet('By organisation id') organisation: FacetValueView[];
  @facet('By year') year: FacetValueView[];
  @facet('By language') language: FacetValueView[];
}

export class KnowledgeSearchView extends PageOf(KnowledgeHitView) {
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ description: 'true: total is the planner estimate (a very large match)' }) totalIsEstimate: boolean;
  @ApiProperty({ type: KnowledgeFacetsView, description: 'Most frequent first, at most 30 values each' })
  facets: KnowledgeFacetsView;
  @ApiProperty({ description: 'true: the counts were scaled from a sample' }) facetsAreEstimate: boolean;
  @ApiProperty({
    enum: MODES,
    enumName: 'KnowledgeSearchMode',
    description: 'fuzzy: nothing matched as typed; the closest words were used',
  })
  mode: (typeof MODES)[number];
  @ApiProperty({ type: String, nullable: true, description: 'The corrected query when mode is fuzzy' })
  didYouMean: string | null;
}
