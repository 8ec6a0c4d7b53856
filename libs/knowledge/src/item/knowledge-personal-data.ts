import type { ScannedField, Subject } from '@cbm/privacy';
import type { KnowledgeItemEntity } from './knowledge-item.entity';

/** The item as the subject of personal-data findings. */
export const personalDataSubject = (k: Pick<KnowledgeItemEntity, 'id' | 'version'>): Subject => ({
  type: 'knowledge_item',
  id: k.id,
  version: k.version,
});

/** The free text of an item that is published: title, summary, body, and each translation's title and summary. */
export function personalDataFields(
  k: Pick<KnowledgeItemEntity, 'title' | 'summary' | 'body' | 'language' | 'translations'>,
): ScannedField[] {
  return [
    { field: 'title', text: k.title, language: k.language },
    { field: 'summary', text: k.summary, language: k.language },
    { field: 'body', text: k.body, language: k.language },
    ...Object.entries(k.translations ?? {}).flatMap(([lang, t]) => [
      { field: `translations.${lang}.title`, text: t.title, language: lang },
      { field: `translations.${lang}.summary`, text: t.summary ?? '', language: lang },
    ]),
  ];
}
