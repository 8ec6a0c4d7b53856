import { MigrationInterface, QueryRunner } from 'typeorm';

const KNOWN: [string, string][] = [
  ['IOM', 'XM-DAC-47066'],
  ['ILO', 'XM-DAC-41302'],
  ['UNHCR', 'XM-DAC-41121'],
  ['UNDP', 'XM-DAC-41114'],
  ['UNICEF', 'XM-DAC-41122'],
  ['OHCHR', 'XM-DAC-41313'],
  ['UNODC', 'XM-DAC-41128'],
  ['WHO', 'XM-DAC-928'],
  ['UN Women', 'XM-DAC-41146'],
  ['UNFPA', 'XM-DAC-41119'],
  ['FAO', 'XM-DAC-41301'],
  ['UNESCO', 'XM-DAC-41304'],
  ['UN-Habitat', 'XM-DAC-41120'],
  ['UNEP', 'XM-DAC-41116'],
  ['UNCTAD', 'XM-DAC-41112'],
  ['ECA', 'XM-DAC-41103'],
  ['ECE', 'XM-DAC-41314'],
  ['ECLAC', 'XM-DAC-41104'],
  ['ESCAP', 'XM-DAC-41106'],
  ['ESCWA', 'XM-DAC-41105'],
  ['WFP', 'XM-DAC-41140'],
  ['ITU', 'XM-DAC-41303'],
  ['UNITAR', 'XM-DAC-41125'],
  ['UNU', 'XM-DAC-41134'],
  ['OCHA', 'XM-DAC-41127'],
  ['UNAIDS', 'XM-DAC-41110'],
  ['UNRWA', 'XM-DAC-41130'],
  ['WMO', 'XM-DAC-41309'],
  ['UNIDO', 'XM-DAC-41123'],
  ['IFAD', 'XM-DAC-41108'],
  ['DEU', 'XM-DAC-5'],
  ['SWE', 'XM-DAC-10'],
  ['NLD', 'XM-DAC-7'],
  ['NOR', 'XM-DAC-8'],
  ['CHE', 'XM-DAC-11'],
  ['GBR', 'XM-DAC-12'],
  ['CAN', 'XM-DAC-301'],
  ['DNK', 'XM-DAC-3'],
  ['ESP', 'XM-DAC-50'],
  ['PRT', 'XM-DAC-9'],
];

/**
 * Organisations carry their registered IATI organisation identifier (nullable: not every organisation has
 * one). The reference seed does not overwrite organisations that exist, so the identifiers it knows are set
 * here on databases seeded before, by acronym, where still empty (a copy of the seed's list as it was).
 */
export class OrganisationIatiRef1796678861819 implements MigrationInterface {
  name = 'OrganisationIatiRef1796678861819';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "organisation" ADD "iati_ref" text`);
    await q.query(
      `ALTER TABLE "organisation" ADD CONSTRAINT "ck_organisation_iati_ref" CHECK ("iati_ref" IS NULL OR "iati_ref" ~ '^[A-Z]{2}-[A-Z0-9]+-[^\\s/&|?]+$')`,
    );
    await q.query(
      `UPDATE "organisation" o SET "iati_ref" = k.ref
           FROM unnest($1::text[], $2::text[]) AS k(acronym, ref)
          WHERE o."acronym" = k.acronym AND o."iati_ref" IS NULL`,
      [KNOWN.map(([acronym]) => acronym), KNOWN.map(([, ref]) => ref)],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "organisation" DROP CONSTRAINT "ck_organisation_iati_ref"`);
    await q.query(`ALTER TABLE "organisation" DROP COLUMN "iati_ref"`);
  }
}
