import type { ResultIndicatorFact } from '../ports';

/** The markers' scale (the UN gender equality marker's): 3 is a principal objective (IATI significance 2). */
export const MARKER_VALUES = [0, 1, 2, 3] as const;
export const PRINCIPAL_OBJECTIVE = 3;

export const MARKER_FLAG_CODES = ['GENDER_PRINCIPAL_WITHOUT_SEX_DISAGGREGATED_INDICATOR'] as const;
export type MarkerFlagCode = (typeof MARKER_FLAG_CODES)[number];

export interface MarkerFlag {
  code: MarkerFlagCode;
  message: string;
}

/**
 * What a project's markers claim that its results framework does not bear out. A gender marker of 3 (gender
 * equality is a principal objective) with no sex-disaggregated indicator cannot show what it achieved for
 * women and men: flagged, whether the framework has other indicators or none yet. Pure.
 */
export function markerFlags(markers: { genderMarker: number | null }, indicators: ResultIndicatorFact[]): MarkerFlag[] {
  const flags: MarkerFlag[] = [];
  if (markers.genderMarker === PRINCIPAL_OBJECTIVE && !indicators.some((i) => i.sexDisaggregated))
    flags.push({
      code: 'GENDER_PRINCIPAL_WITHOUT_SEX_DISAGGREGATED_INDICATOR',
      message: indicators.length
        ? `the gender marker claims a principal objective (3) but none of the results framework's ${indicators.length} indicator(s) is disaggregated by sex`
        : 'the gender marker claims a principal objective (3) but the results framework has no indicator disaggregated by sex (it has no indicator yet)',
    });
  return flags;
}
