import 'reflect-metadata';
import { createValidationPipe } from '@cbm/core';
import { PutAssessmentDto } from './assessment.dto';

/** The markers as the API's own validation pipe sees them (no implicit conversion, unknown fields refused). */
const pipe = createValidationPipe();
const check = (body: Record<string, unknown>) =>
  pipe.transform(body, { type: 'body', metatype: PutAssessmentDto }).then(
    (dto: PutAssessmentDto) => ({ ok: true as const, dto }),
    (e: { details?: { fields?: { field: string }[] } }) => ({
      ok: false as const,
      fields: [...new Set((e.details?.fields ?? []).map((f) => f.field))],
    }),
  );
const base = {
  scores: { gcm_alignment: 3 },
  genderMarker: 2,
  humanRightsMarker: 1,
  recommendation: 'proceed',
  rationale: 'Feasible.',
  conflictOfInterest: false,
};

describe('PutAssessmentDto markers', () => {
  it.each([0, 1, 2, 3])('takes a child-sensitivity marker of %p', async (v) => {
    expect(await check({ ...base, childSensitivityMarker: v })).toMatchObject({
      ok: true,
      dto: { childSensitivityMarker: v },
    });
  });

  it('leaves the child-sensitivity marker out, or null: not scored', async () => {
    expect(await check(base)).toMatchObject({ ok: true });
    expect(await check({ ...base, childSensitivityMarker: null })).toMatchObject({ ok: true });
  });

  it.each([4, -1, 1.5, '2', true])('refuses a child-sensitivity marker of %p', async (v) => {
    expect(await check({ ...base, childSensitivityMarker: v })).toEqual({
      ok: false,
      fields: ['childSensitivityMarker'],
    });
  });

  it.each([
    ['genderMarker', 4],
    ['genderMarker', null],
    ['humanRightsMarker', '3'],
    ['humanRightsMarker', undefined],
  ])('keeps the gender and human-rights markers required, 0-3 (%p = %p)', async (field, v) => {
    expect(await check({ ...base, [field]: v })).toEqual({ ok: false, fields: [field] });
  });
});
