import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { create } from 'xmlbuilder2';
import { validateXML } from 'xmllint-wasm';

/** The official IATI 2.03 schemas, shipped with their licence in test/fixtures/iati-2.03. */
const SCHEMAS = join(__dirname, '..', 'fixtures', 'iati-2.03');
const schema = (name: string) => ({ fileName: name, contents: readFileSync(join(SCHEMAS, name), 'utf8') });

/** libxml2's schema validation (xmllint compiled to WebAssembly): the messages, none when valid. */
export async function xsdErrors(xml: string, kind: 'activities' | 'organisations'): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: `${kind}.xml`, contents: xml }],
    schema: [schema(`iati-${kind}-schema.xsd`)],
    // the schema's xsd:include and xsd:import, resolved from these by file name
    preload: [schema('iati-common.xsd'), schema('xml.xsd')],
  });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}

type El = {
  getElementsByTagName(name: string): ArrayLike<El>;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  textContent: string | null;
};
const all = (e: El, name: string): El[] => Array.from(e.getElementsByTagName(name));
const attr = (e: El, name: string) => e.getAttribute(name) ?? '';
const first = (e: El, name: string) => all(e, name)[0];
const days = (a: string, b: string) => (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;
/** {RegistrationAgency}-{RegistrationNumber}: an agency of two letters and a code, then the number. */
const ORG_ID = /^[A-Z]{2}-[A-Z0-9]+-[^\s/&|?]+$/;

export function parse(xml: string): El {
  return create(xml).node as unknown as El;
}

/**
 * The IATI rules (rulesets and the standard's notes) a schema cannot check, as messages:
 * identifiers start with the reporting organisation's identifier and every `ref` is a registered
 * form; budget periods last at most a year (7.5.3) and do not overlap; sector percentages per
 * vocabulary and country percentages sum to 100; actual dates (start, end) are not in the future; transactions are not in the future nor before the
 * activity's start; an expenditure is not dated before the first disbursement of the activity; an
 * indicator's periods start before they end and do not overlap, its values are numbers (percentages
 * at most 100).
 */
export function activityRuleErrors(xml: string, o: { reportingOrgRef: string; today: string }): string[] {
  const errors: string[] = [];
  for (const act of all(parse(xml), 'iati-activity')) {
    const id = first(act, 'iati-identifier')?.textContent ?? '';
    const err = (m: string) => errors.push(`${id}: ${m}`);
    if (!id.startsWith(`${o.reportingOrgRef}-`)) err('identifier does not start with the reporting-org ref');
    const reporting = first(act, 'reporting-org');
    if (attr(reporting, 'ref') !== o.reportingOrgRef) err('reporting-org ref is not the configured one');
    for (const name of ['participating-org', 'provider-org', 'receiver-org'])
      for (const e of all(act, name))
        if (e.hasAttribute('ref') && !ORG_ID.test(attr(e, 'ref')))
          err(`${name} ref ${attr(e, 'ref')} is not an org id`);
    for (const r of all(act, 'related-activity'))
      if (!attr(r, 'ref').startsWith(`${o.reportingOrgRef}-`)) err(`related-activity ${attr(r, 'ref')}`);

    const budgets = all(act, 'budget').map((b) => ({
      start: attr(first(b, 'period-start'), 'iso-date'),
      end: attr(first(b, 'period-end'), 'iso-date'),
    }));
    for (const b of budgets) {
      if (b.end < b.start) err(`budget ${b.start}..${b.end} ends before it starts`);
      if (days(b.start, b.end) > 365) err(`budget ${b.start}..${b.end} is longer than a year (7.5.3)`);
    }
    const sorted = [...budgets].sort((a, b) => a.start.localeCompare(b.start));
    for (let i = 1; i < sorted.length; i++)
      if (sorted[i].start <= sorted[i - 1].end) err(`budgets ${sorted[i - 1].start} and ${sorted[i].start} overlap`);

    const byVocabulary = new Map<string, number>();
    for (const s of all(act, 'sector')) {
      const v = attr(s, 'vocabulary') || '1';
      byVocabulary.set(v, (byVocabulary.get(v) ?? 0) + Math.round(Number(attr(s, 'percentage')) * 100));
    }
    for (const [v, sum] of byVocabulary) if (sum !== 10000) err(`sector percentages of vocabulary ${v}: ${sum / 100}`);
    const countries = all(act, 'recipient-country');
    const countrySum = countries.reduce((s, c) => s + Math.round(Number(attr(c, 'percentage')) * 100), 0);
    if (countries.length && countrySum !== 10000) err(`recipient-country percentages: ${countrySum / 100}`);

    for (const d of all(act, 'activity-date'))
      if ((attr(d, 'type') === '2' || attr(d, 'type') === '4') && attr(d, 'iso-date') > o.today)
        err(`actual date (type ${attr(d, 'type')}) ${attr(d, 'iso-date')} is in the future`);
    const start = all(act, 'activity-date').find((d) => attr(d, 'type') === '2' || attr(d, 'type') === '1');
    const startDate = start ? attr(start, 'iso-date') : '';
    const transactions = all(act, 'transaction').map((t) => ({
      type: attr(first(t, 'transaction-type'), 'code'),
      date: attr(first(t, 'transaction-date'), 'iso-date'),
      valueDate: attr(first(t, 'value'), 'value-date'),
    }));
    for (const t of transactions) {
      if (t.date > o.today) err(`transaction ${t.type} dated ${t.date}, in the future`);
      if (t.valueDate !== t.date) err(`transaction ${t.type} valued on ${t.valueDate}, dated ${t.date}`);
      if (startDate && t.date < startDate && t.type !== '1' && t.type !== '11')
        err(`transaction ${t.type} dated ${t.date}, before the activity started (${startDate})`);
    }
    errors.push(...policyMarkerErrors(act).map((m) => `${id}: ${m}`));

    const firstDisbursement = transactions
      .filter((t) => t.type === '3')
      .map((t) => t.date)
      .sort()[0];
    for (const t of transactions.filter((x) => x.type === '4'))
      if (!firstDisbursement || t.date < firstDisbursement)
        err(`expenditure dated ${t.date}, before the first disbursement (${firstDisbursement ?? 'none'})`);

    // results: periods start before they end and do not overlap; values are numbers, percentages at most 100
    for (const ind of all(act, 'indicator')) {
      const title = first(ind, 'narrative')?.textContent ?? '';
      const percentage = attr(ind, 'measure') === '2';
      const periods = all(ind, 'period').map((p) => ({
        start: attr(first(p, 'period-start'), 'iso-date'),
        end: attr(first(p, 'period-end'), 'iso-date'),
      }));
      for (const p of periods)
        if (p.end < p.start) err(`indicator ${title}: period ${p.start}..${p.end} ends before it starts`);
      const byStart = [...periods].sort((a, b) => a.start.localeCompare(b.start));
      for (let i = 1; i < byStart.length; i++)
        if (byStart[i].start <= byStart[i - 1].end)
          err(`indicator ${title}: periods ${byStart[i - 1].start} and ${byStart[i].start} overlap`);
      for (const name of ['baseline', 'target', 'actual'])
        for (const v of all(ind, name)
          .filter((e) => e.hasAttribute('value'))
          .map((e) => attr(e, 'value')))
          if (!/^\d+(\.\d+)?$/.test(v) || (percentage && Number(v) > 100))
            err(`indicator ${title}: ${name} ${v} is not ${percentage ? 'a percentage' : 'a number'}`);
    }
  }
  return errors;
}

/**
 * Policy markers: vocabulary 1 (OECD DAC CRS, codes 1-12 of the PolicyMarker codelist) or 99 (the reporting
 * organisation's own); significance from the PolicySignificance codelist (0-4), required with vocabulary 1,
 * 3 only on the desertification marker (8), 4 only on the RMNCH marker (9); a narrative only with vocabulary 99,
 * where it says what the marker is; each marker once.
 */
export function policyMarkerErrors(act: El): string[] {
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const m of all(act, 'policy-marker')) {
    const vocabulary = attr(m, 'vocabulary') || '1';
    const code = attr(m, 'code');
    const significance = m.hasAttribute('significance') ? attr(m, 'significance') : null;
    const what = `policy-marker ${vocabulary}/${code}`;
    if (seen.has(`${vocabulary}/${code}`)) errors.push(`${what} twice`);
    seen.add(`${vocabulary}/${code}`);
    if (vocabulary !== '1' && vocabulary !== '99') errors.push(`${what}: vocabulary not in PolicyMarkerVocabulary`);
    if (significance !== null && !['0', '1', '2', '3', '4'].includes(significance))
      errors.push(`${what}: significance ${significance} not in PolicySignificance`);
    if (significance === '3' && !(vocabulary === '1' && code === '8'))
      errors.push(`${what}: significance 3 is for the desertification marker only`);
    if (significance === '4' && !(vocabulary === '1' && code === '9'))
      errors.push(`${what}: significance 4 is for the RMNCH marker only`);
    const narratives = all(m, 'narrative').filter((n) => (n.textContent ?? '').trim());
    if (vocabulary === '1') {
      if (!/^([1-9]|1[0-2])$/.test(code)) errors.push(`${what}: code not in PolicyMarker`);
      if (significance === null) errors.push(`${what}: significance is required with vocabulary 1`);
      if (all(m, 'narrative').length) errors.push(`${what}: a narrative only with vocabulary 99`);
    } else if (vocabulary === '99' && (!code || !narratives.length))
      errors.push(`${what}: a marker of the reporting organisation's vocabulary needs a code and a narrative`);
  }
  return errors;
}

/** The organisation file: its identifier is the reporting organisation's; budget and expenditure periods per year. */
export function organisationRuleErrors(xml: string, o: { reportingOrgRef: string; today: string }): string[] {
  const errors: string[] = [];
  for (const org of all(parse(xml), 'iati-organisation')) {
    if (first(org, 'organisation-identifier')?.textContent !== o.reportingOrgRef)
      errors.push('organisation-identifier is not the reporting-org ref');
    if (attr(first(org, 'reporting-org'), 'ref') !== o.reportingOrgRef) errors.push('reporting-org ref');
    for (const name of ['total-budget', 'total-expenditure'])
      for (const b of all(org, name)) {
        const s = attr(first(b, 'period-start'), 'iso-date');
        const e = attr(first(b, 'period-end'), 'iso-date');
        if (e < s || days(s, e) > 365) errors.push(`${name} ${s}..${e} is not a period of at most a year`);
        if (name === 'total-expenditure' && e > o.today) errors.push(`${name} ${s}..${e} ends in the future`);
      }
  }
  return errors;
}

/** Sum of the values of the given elements (decimal strings, two places) in minor units. */
export function sumMinor(parent: El, name: string): bigint {
  return all(parent, name).reduce((s, e) => s + BigInt(Math.round(Number(first(e, 'value').textContent) * 100)), 0n);
}

export { all, attr, first };
export type { El };
