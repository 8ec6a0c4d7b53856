import { INestApplicationContext } from '@nestjs/common';
import { Actor } from '@cbm/core';
import { KnowledgeItemService } from '@cbm/knowledge';
import { OrganisationService } from '@cbm/reference';

type DemoActors = Record<string, Actor>;

interface DemoItem {
  kind: string;
  language: string;
  title: string;
  summary: string;
  objectives: number[];
  countries: string[];
  organisations?: string[];
  tags: string[];
  year: number;
  /** who writes it: hub or partner (IOM) */
  by?: 'hub' | 'partnerIom' | 'partnerIlo';
  status?: 'draft' | 'in_review' | 'published';
  translations?: Record<string, { title: string; summary?: string }>;
}

const ITEMS: DemoItem[] = [
  {
    kind: 'practice',
    language: 'en',
    title: 'Mobile money corridors that halve remittance costs',
    summary:
      'Regulators and mobile operators opened a cross-border corridor; the average cost of sending USD 200 fell from 8 % to 3.5 %.',
    objectives: [20],
    countries: ['KEN', 'UGA'],
    organisations: ['IOM'],
    tags: ['remittances', 'financial inclusion'],
    year: 2022,
    translations: { fr: { title: 'Des corridors de mobile money qui réduisent de moitié le coût des transferts' } },
  },
  {
    kind: 'evidence',
    language: 'en',
    title: 'What works to reduce recruitment fees paid by migrant workers',
    summary:
      'A review of 42 evaluations: employer-pays models and licensed agencies reduce fees; information campaigns alone do not.',
    objectives: [6],
    countries: ['NPL', 'QAT', 'PHL'],
    organisations: ['ILO'],
    tags: ['fair recruitment', 'labour migration'],
    year: 2023,
    by: 'partnerIlo',
  },
  {
    kind: 'initiative',
    language: 'en',
    title: 'Fair recruitment corridor between Nepal and Qatar',
    summary:
      'Employers cover recruitment costs; workers sign contracts in Nepali before departure and keep their passports.',
    objectives: [6, 3],
    countries: ['NPL', 'QAT'],
    organisations: ['ILO', 'IOM'],
    tags: ['fair recruitment', 'contracts'],
    year: 2021,
  },
  {
    kind: 'practice',
    language: 'en',
    title: 'Pre-departure orientation delivered through community radio',
    summary:
      'Radio programmes in five languages reached rural households with information on regular pathways and workers’ rights.',
    objectives: [3, 7],
    countries: ['ETH'],
    organisations: ['IOM'],
    tags: ['information', 'pre-departure'],
    year: 2020,
    by: 'partnerIom',
  },
  {
    kind: 'tool',
    language: 'en',
    title: 'Migration governance indicators self-assessment toolkit',
    summary:
      'A questionnaire and scoring guide that helps ministries assess their migration policies against the GCM objectives.',
    objectives: [1, 23],
    countries: [],
    organisations: ['IOM'],
    tags: ['policy', 'data'],
    year: 2022,
  },
  {
    kind: 'dataset',
    language: 'en',
    title: 'Labour migration statistics for East Africa, 2015-2024',
    summary: 'Harmonised annual flows and stocks of migrant workers by sex, age and sector for seven countries.',
    objectives: [1],
    countries: ['KEN', 'UGA', 'TZA', 'RWA', 'ETH'],
    organisations: ['ILO'],
    tags: ['statistics', 'labour migration'],
    year: 2024,
  },
  {
    kind: 'practice',
    language: 'en',
    title: 'Skills partnership for nurses between the Philippines and Germany',
    summary:
      'Nurses train before departure with curricula recognised in both countries; the partnership funds training places at home too.',
    objectives: [18, 5],
    countries: ['PHL', 'DEU'],
    organisations: ['IOM'],
    tags: ['skills', 'health workers', 'recognition'],
    year: 2021,
  },
  {
    kind: 'evidence',
    language: 'en',
    title: 'Alternatives to immigration detention for children: a review',
    summary:
      'Case management and community placement kept families together at lower cost, with high appearance rates at hearings.',
    objectives: [13],
    countries: ['MEX', 'THA'],
    organisations: ['UNICEF'],
    tags: ['children', 'detention alternatives'],
    year: 2022,
  },
  {
    kind: 'practice',
    language: 'en',
    title: 'Consular mobile units for nationals abroad',
    summary:
      'Mobile consular teams issue identity documents and register births in remote work sites where migrants cannot travel to the consulate.',
    objectives: [4, 14],
    countries: ['MEX', 'USA'],
    tags: ['consular assistance', 'identity documents'],
    year: 2019,
  },
  {
    kind: 'solution',
    language: 'en',
    title: 'Reintegration support for returning migrant workers',
    summary:
      'Counselling on arrival, skills certification and small grants doubled job placement for returnees within a year.',
    objectives: [21, 18],
    countries: ['KEN'],
    organisations: ['IOM'],
    tags: ['return', 'reintegration'],
    year: 2023,
  },
  {
    kind: 'practice',
    language: 'en',
    title: 'Disaster displacement planning in Pacific island states',
    summary:
      'Planned relocation guidelines developed with communities, combining land, livelihoods and cultural heritage.',
    objectives: [2, 5],
    countries: ['FJI', 'VUT'],
    organisations: ['IOM'],
    tags: ['climate', 'displacement'],
    year: 2021,
  },
  {
    kind: 'initiative',
    language: 'en',
    title: 'Cities welcoming migrants: local inclusion network',
    summary: 'Municipal one-stop centres offer language classes, housing advice and job matching to newcomers.',
    objectives: [16, 15],
    countries: ['COL', 'ECU', 'PER'],
    organisations: ['UNHCR', 'IOM'],
    tags: ['local authorities', 'inclusion'],
    year: 2022,
  },
  {
    kind: 'tool',
    language: 'en',
    title: 'Counter-trafficking case management database',
    summary: 'An open-source case database for victim assistance with consent management and anonymised reporting.',
    objectives: [10, 1],
    countries: [],
    organisations: ['IOM', 'UNODC'],
    tags: ['trafficking', 'case management'],
    year: 2020,
  },
  {
    kind: 'evidence',
    language: 'en',
    title: 'Diaspora investment in infrastructure: lessons from diaspora bonds',
    summary:
      'Bonds succeeded where trust in institutions was high and denominations were small; marketing through associations mattered.',
    objectives: [19, 20],
    countries: ['ETH', 'NGA', 'IND'],
    tags: ['diaspora', 'investment'],
    year: 2019,
  },
  {
    kind: 'practice',
    language: 'en',
    title: 'Portable social protection for seasonal agricultural workers',
    summary: 'A bilateral agreement lets seasonal workers keep pension contributions across both countries.',
    objectives: [22, 6],
    countries: ['MAR', 'ESP'],
    organisations: ['ILO'],
    tags: ['social protection', 'pensions'],
    year: 2020,
    translations: {
      fr: { title: 'Protection sociale portable pour les travailleurs agricoles saisonniers' },
      es: { title: 'Protección social portátil para trabajadores agrícolas temporeros' },
    },
  },
  {
    kind: 'practice',
    language: 'en',
    title: 'Border officials trained on human rights at the border',
    summary: 'Joint training of border guards on screening, referral of vulnerable migrants and the use of force.',
    objectives: [11, 8],
    countries: ['MDA', 'UKR'],
    organisations: ['OHCHR', 'IOM'],
    tags: ['border governance', 'human rights'],
    year: 2021,
  },
  {
    kind: 'practice',
    language: 'fr',
    title: 'Guichets uniques d’information pour les migrants de retour',
    summary:
      'Des guichets uniques orientent les migrants de retour vers l’emploi, la formation et l’accompagnement psychosocial.',
    objectives: [21, 3],
    countries: ['SEN', 'MLI'],
    organisations: ['IOM'],
    tags: ['retour', 'réintégration'],
    year: 2022,
    translations: { en: { title: 'One-stop information desks for returning migrants' } },
  },
  {
    kind: 'evidence',
    language: 'fr',
    title: 'Coût des transferts de fonds en Afrique de l’Ouest',
    summary:
      'Analyse des frais de transfert sur douze corridors : la concurrence et les services mobiles font baisser les coûts.',
    objectives: [20],
    countries: ['SEN', 'CIV', 'MLI', 'FRA'],
    tags: ['transferts de fonds'],
    year: 2023,
  },
  {
    kind: 'initiative',
    language: 'fr',
    title: 'Mobilité de la main-d’œuvre et reconnaissance des compétences au Maghreb',
    summary: 'Un référentiel commun de certification des compétences pour les métiers du bâtiment et de l’hôtellerie.',
    objectives: [18],
    countries: ['MAR', 'TUN', 'DZA'],
    organisations: ['ILO'],
    tags: ['compétences', 'certification'],
    year: 2021,
  },
  {
    kind: 'tool',
    language: 'fr',
    title: 'Guide pratique de lutte contre la discrimination envers les migrants',
    summary: 'Un guide pour les collectivités locales : campagnes, médiation et signalement des actes xénophobes.',
    objectives: [17, 16],
    countries: ['FRA', 'BEL'],
    tags: ['discrimination', 'collectivités locales'],
    year: 2020,
  },
  {
    kind: 'practice',
    language: 'fr',
    title: 'Enregistrement des naissances des enfants migrants au Niger',
    summary:
      'Des agents d’état civil mobiles enregistrent les naissances dans les sites de transit et remettent des actes gratuits.',
    objectives: [4, 7],
    countries: ['NER'],
    organisations: ['UNICEF'],
    tags: ['enfants', 'état civil'],
    year: 2022,
  },
  {
    kind: 'dataset',
    language: 'fr',
    title: 'Données sur les déplacements liés au climat au Sahel',
    summary: 'Séries mensuelles des déplacements liés aux sécheresses et inondations, par région administrative.',
    objectives: [2, 1],
    countries: ['NER', 'TCD', 'BFA'],
    organisations: ['IOM'],
    tags: ['climat', 'données'],
    year: 2024,
  },
  {
    kind: 'practice',
    language: 'es',
    title: 'Regularización migratoria con acceso al empleo formal',
    summary:
      'Un permiso temporal de protección dio a más de un millón de personas acceso al trabajo formal y a la salud.',
    objectives: [7, 15, 6],
    countries: ['COL'],
    organisations: ['UNHCR', 'IOM'],
    tags: ['regularización', 'empleo'],
    year: 2021,
    translations: {
      en: {
        title: 'Migration regularisation with access to formal employment',
        summary:
          'A temporary protection permit gave more than one million people access to formal work and health care.',
      },
    },
  },
  {
    kind: 'evidence',
    language: 'es',
    title: 'Niñas y niños migrantes no acompañados en tránsito',
    summary:
      'Estudio sobre las necesidades de protección de la niñez migrante no acompañada en la ruta centroamericana.',
    objectives: [7, 13],
    countries: ['GTM', 'HND', 'MEX'],
    organisations: ['UNICEF'],
    tags: ['niñez', 'protección'],
    year: 2023,
  },
  {
    kind: 'initiative',
    language: 'es',
    title: 'Ventanillas municipales para personas migrantes y refugiadas',
    summary: 'Oficinas municipales que orientan sobre documentación, empleo, vivienda y servicios de salud.',
    objectives: [15, 16],
    countries: ['PER', 'ECU'],
    organisations: ['IOM'],
    tags: ['gobiernos locales', 'integración'],
    year: 2022,
  },
  {
    kind: 'tool',
    language: 'es',
    title: 'Calculadora del costo de envío de remesas',
    summary: 'Herramienta pública que compara comisiones y tipos de cambio de los proveedores de remesas.',
    objectives: [20],
    countries: ['MEX', 'GTM', 'SLV'],
    tags: ['remesas', 'transparencia'],
    year: 2021,
  },
  {
    kind: 'practice',
    language: 'es',
    title: 'Reintegración de personas retornadas con enfoque comunitario',
    summary: 'Proyectos productivos comunitarios y apoyo psicosocial para personas retornadas y sus comunidades.',
    objectives: [21],
    countries: ['HND', 'SLV'],
    organisations: ['IOM'],
    tags: ['retorno', 'reintegración'],
    year: 2020,
  },
  {
    kind: 'solution',
    language: 'en',
    title: 'Digital labour migration information system',
    summary:
      'A shared registry of overseas job orders and licensed agencies replaced paper processes and cut processing time by two thirds.',
    objectives: [1, 6],
    countries: ['BGD'],
    organisations: ['ILO'],
    tags: ['data', 'labour migration'],
    year: 2024,
  },
  {
    kind: 'practice',
    language: 'en',
    title: 'Search and rescue coordination and identification of missing migrants',
    summary:
      'Regional coordination of rescue at sea and a protocol for identifying and notifying families of missing migrants.',
    objectives: [8],
    countries: ['ITA', 'MLT', 'TUN'],
    organisations: ['IOM'],
    tags: ['missing migrants', 'rescue'],
    year: 2019,
  },
  {
    kind: 'evidence',
    language: 'en',
    title: 'Gender-responsive labour migration policies in South Asia',
    summary: 'Bans on women’s migration pushed women into irregular channels; rights-based policies improved safety.',
    objectives: [6, 7],
    countries: ['NPL', 'BGD', 'LKA'],
    organisations: ['UN Women'],
    tags: ['gender', 'labour migration'],
    year: 2022,
  },
  // not public: drafts and one in review
  {
    kind: 'practice',
    language: 'en',
    title: 'Draft: seasonal worker housing standards',
    summary: 'Minimum housing standards for seasonal farm workers; still collecting evidence.',
    objectives: [6],
    countries: ['ESP'],
    tags: ['housing'],
    year: 2024,
    status: 'draft',
    by: 'partnerIlo',
  },
  {
    kind: 'initiative',
    language: 'fr',
    title: 'Brouillon : plateforme des associations de la diaspora',
    summary: 'Cartographie des associations de la diaspora et de leurs projets de développement.',
    objectives: [19],
    countries: ['SEN'],
    tags: ['diaspora'],
    year: 2024,
    status: 'draft',
  },
  {
    kind: 'tool',
    language: 'en',
    title: 'Vulnerability screening checklist for border officials',
    summary: 'A short checklist to identify and refer migrants in vulnerable situations at the border.',
    objectives: [7, 11],
    countries: [],
    organisations: ['IOM'],
    tags: ['screening', 'vulnerability'],
    year: 2024,
    status: 'in_review',
    by: 'partnerIom',
  },
];

const body = (i: DemoItem) =>
  [
    `## ${i.language === 'fr' ? 'Résumé' : i.language === 'es' ? 'Resumen' : 'Summary'}`,
    '',
    i.summary,
    '',
    `## ${i.language === 'fr' ? 'Éléments clés' : i.language === 'es' ? 'Elementos clave' : 'Key elements'}`,
    '',
    ...i.tags.map((t) => `- ${t}`),
    '',
  ].join('\n');

/** The knowledge part of the demo: ~30 published items in en/fr/es, two drafts, one in review. */
export async function seedKnowledgeDemo(app: INestApplicationContext, actors: DemoActors): Promise<void> {
  const items = app.get(KnowledgeItemService);
  const organisations = app.get(OrganisationService);
  const orgIds = async (acronyms: string[] = []) =>
    (await Promise.all(acronyms.map((a) => organisations.idByAcronym(a)))).filter((x): x is string => !!x);
  for (const i of ITEMS) {
    const author = actors[i.by ?? 'hub'];
    const created = await items.create(author, {
      kind: i.kind,
      title: i.title,
      summary: i.summary,
      body: body(i),
      objectives: i.objectives,
      countries: i.countries,
      organisations: await orgIds(i.organisations),
      tags: i.tags,
      language: i.language,
      year: i.year,
      translations: i.translations,
      sourceUrl: undefined,
    });
    if ((i.status ?? 'published') === 'draft') continue;
    await items.act(author, created.id, 'submit_for_review', {});
    if (i.status === 'in_review') continue;
    // the publisher is never the author
    await items.act(author === actors.hub ? actors.hub2 : actors.hub, created.id, 'publish', {
      conflictOfInterest: false,
    });
  }
}
