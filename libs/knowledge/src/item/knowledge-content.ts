import type { Transaction } from '@cbm/core';
import { OrganisationService, ReferenceService } from '@cbm/reference';
import { SUPPORTED_LANGUAGES } from '../search/text-config';
import { Translation } from './knowledge-item.entity';

export interface FieldError {
  field: string;
  message: string;
}

export interface ContentInput {
  objectives?: number[];
  actions?: string[];
  principles?: string[];
  countries?: string[];
  regions?: string[];
  organisations?: string[];
  language?: string;
  translations?: Record<string, Translation>;
}

/** Reference checks shared by the editor and the importer (in transaction `t` when given): every bad value is named. */
export async function checkContent(
  reference: ReferenceService,
  organisations: OrganisationService,
  input: ContentInput,
  t?: Transaction,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const o of input.objectives ?? [])
    if (!reference.isObjective(o))
      errors.push({ field: 'objectives', message: `${String(o)} is not a GCM objective (1-23)` });
  for (const a of input.actions ?? []) {
    if (!reference.isAction(a)) errors.push({ field: 'actions', message: `${a} is not a GCM action` });
    else if (input.objectives && !input.objectives.includes(Number(a.split('.')[0])))
      errors.push({ field: 'actions', message: `${a} belongs to an objective the item does not address` });
  }
  for (const p of input.principles ?? [])
    if (!reference.isPrinciple(p)) errors.push({ field: 'principles', message: `${p} is not a guiding principle` });
  for (const c of input.countries ?? [])
    if (!reference.isCountry(c))
      errors.push({ field: 'countries', message: `${c} is not an ISO 3166-1 alpha-3 country code` });
  for (const r of input.regions ?? [])
    if (!reference.isRegion(r)) errors.push({ field: 'regions', message: `${r} is not a region or subregion` });
  if (input.organisations?.length) {
    const known = new Set((await organisations.byIds(input.organisations, t)).map((o) => o.id));
    for (const id of input.organisations)
      if (!known.has(id)) errors.push({ field: 'organisations', message: `${id} is not a known organisation` });
  }
  for (const [lang, t] of Object.entries(input.translations ?? {})) {
    if (!SUPPORTED_LANGUAGES.includes(lang) || lang === input.language)
      errors.push({ field: `translations.${lang}`, message: 'not a supported language other than the item language' });
    else if (
      !t ||
      typeof t !== 'object' ||
      typeof t.title !== 'string' ||
      !t.title.trim() ||
      t.title.length > 300 ||
      (t.summary !== undefined && (typeof t.summary !== 'string' || t.summary.length > 5000)) ||
      Object.keys(t).some((k) => k !== 'title' && k !== 'summary')
    ) {
      errors.push({ field: `translations.${lang}`, message: 'must be { title (≤ 300), summary? (≤ 5000) }' });
    }
  }
  return errors;
}
