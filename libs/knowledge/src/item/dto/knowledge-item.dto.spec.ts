import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CreateKnowledgeItemDto, isTranslations } from './knowledge-item.dto';

describe('knowledge item translations (input)', () => {
  it('takes a title and an optional summary by supported language code', () => {
    expect(isTranslations({})).toBe(true);
    expect(isTranslations({ fr: { title: 'Tableau de bord' } })).toBe(true);
    expect(isTranslations({ fr: { title: 'Tableau de bord', summary: 'Un résumé' }, es: { title: 'Panel' } })).toBe(
      true,
    );
  });

  it.each([
    ['a string', { fr: 'Tableau' }],
    ['no title', { fr: { summary: 'Un résumé' } }],
    ['a title too short', { fr: { title: 'ab' } }],
    ['a title too long', { fr: { title: 'x'.repeat(301) } }],
    ['a summary that is not text', { fr: { title: 'Tableau', summary: 5 } }],
    ['an unknown language code', { xx: { title: 'Tableau' } }],
    ['an unexpected field', { fr: { title: 'Tableau', body: 'texte' } }],
    ['an array', [{ title: 'Tableau' }]],
  ])('refuses %s', async (_, translations) => {
    expect(isTranslations(translations)).toBe(false);
    const dto = plainToInstance(CreateKnowledgeItemDto, {
      title: 'Remittance dashboard',
      summary: 'A summary',
      kind: 'tool',
      language: 'en',
      objectives: [20],
      translations,
    });
    const errors = await validate(dto);
    expect(errors.map((e) => e.property)).toContain('translations');
  });
});
