import 'reflect-metadata';
import { createValidationPipe } from '@cbm/core';
import { MarkerPageQueryDto, MarkerQueryDto } from './fund.dto';

/** The marker filters as the API's validation pipe reads a query string (values arrive as strings). */
const pipe = createValidationPipe();
const check = (query: Record<string, unknown>, metatype: typeof MarkerQueryDto = MarkerQueryDto) =>
  pipe.transform(query, { type: 'query', metatype }).then(
    (dto: MarkerQueryDto) => ({ ok: true as const, dto: { ...dto } }),
    () => ({ ok: false as const }),
  );

describe('marker filters (?genderMarker=&humanRightsMarker=&childSensitivityMarker=)', () => {
  it('reads a digit 0-3 as a number; no filter at all is fine', async () => {
    expect(await check({})).toEqual({ ok: true, dto: {} });
    expect(await check({ genderMarker: '3', humanRightsMarker: '0', childSensitivityMarker: '2' })).toEqual({
      ok: true,
      dto: { genderMarker: 3, humanRightsMarker: 0, childSensitivityMarker: 2 },
    });
  });

  it.each(['4', '-1', '', 'abc', '1.0', ' 1', '01', ['1', '2']])('refuses %p', async (v) => {
    expect(await check({ genderMarker: v })).toEqual({ ok: false });
    expect(await check({ childSensitivityMarker: v })).toEqual({ ok: false });
  });

  it('combines with the page query on the projects list, and refuses unknown parameters', async () => {
    expect(await check({ limit: '5', humanRightsMarker: '2' }, MarkerPageQueryDto)).toEqual({
      ok: true,
      dto: { limit: 5, humanRightsMarker: 2 },
    });
    expect(await check({ gender: '2' })).toEqual({ ok: false });
  });
});
