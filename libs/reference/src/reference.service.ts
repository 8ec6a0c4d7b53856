import { Injectable } from '@nestjs/common';
import { ASSESSMENT_CRITERIA, AssessmentCriterion } from './data/assessment-criteria';
import { buildCountries, Country } from './data/countries';
import { buildCurrencies, Currency } from './data/currencies';
import { GCM, GuidingPrinciple, Objective } from './data/gcm';

/** Action codes are "<objective>.<letter>", e.g. "1.c". */
const ACTION_CODE = /^([1-9]\d?)\.([a-z])$/;

/**
 * Reference data held in memory: it ships with the code and changes only with a
 * release, so there are no tables and no queries. Returned objects are frozen.
 */
@Injectable()
export class ReferenceService {
  private readonly objectiveList: readonly Objective[] = deepFreeze(
    GCM.objectives.map((o) => ({
      number: o.number,
      title: o.title,
      paragraph: o.paragraph,
      actions: o.actions.map((a) => ({ code: `${o.number}.${a.code}`, letter: a.code, text: a.text })),
    })),
  );
  private readonly objectiveByNumber = new Map(this.objectiveList.map((o) => [o.number, o]));
  private readonly actionCodes = new Set(this.objectiveList.flatMap((o) => o.actions.map((a) => a.code)));
  private readonly principleList: readonly GuidingPrinciple[] = deepFreeze(
    GCM.guidingPrinciples.map((p) => ({ ...p })),
  );
  private readonly principleCodes = new Set(this.principleList.map((p) => p.code));
  private readonly countryList: readonly Country[] = deepFreeze(buildCountries());
  private readonly countryByCode = new Map(this.countryList.map((c) => [c.code, c]));
  private readonly regionNames = new Set(this.countryList.map((c) => c.region));
  private readonly subregionNames = new Set(this.countryList.map((c) => c.subregion));
  private readonly currencyList: readonly Currency[] = deepFreeze(buildCurrencies());
  private readonly currencyByCode = new Map(this.currencyList.map((c) => [c.code, c]));

  objectives(): readonly Objective[] {
    return this.objectiveList;
  }

  objective(n: number): Objective | undefined {
    return this.objectiveByNumber.get(n);
  }

  isObjective(n: unknown): n is number {
    return typeof n === 'number' && this.objectiveByNumber.has(n);
  }

  /** "1.c" is objective 1, action (c). */
  isAction(code: unknown): code is string {
    return typeof code === 'string' && ACTION_CODE.test(code) && this.actionCodes.has(code);
  }

  principles(): readonly GuidingPrinciple[] {
    return this.principleList;
  }

  isPrinciple(code: unknown): code is string {
    return typeof code === 'string' && this.principleCodes.has(code);
  }

  countries(): readonly Country[] {
    return this.countryList;
  }

  country(code: string): Country | undefined {
    return this.countryByCode.get(code);
  }

  isCountry(code: unknown): code is string {
    return typeof code === 'string' && this.countryByCode.has(code);
  }

  regionOf(code: string): string | undefined {
    return this.countryByCode.get(code)?.region;
  }

  subregionOf(code: string): string | undefined {
    return this.countryByCode.get(code)?.subregion;
  }

  /** M49 regions (Africa, Americas, Asia, Europe, Oceania). */
  regions(): string[] {
    return [...this.regionNames].sort();
  }

  /** M49 sub-regions as used in `Country.subregion`. */
  subregions(): string[] {
    return [...this.subregionNames].sort();
  }

  /** A region or a sub-region name, as capability profiles and knowledge items use them. */
  isRegion(name: unknown): name is string {
    return typeof name === 'string' && (this.regionNames.has(name) || this.subregionNames.has(name));
  }

  /** Countries of a region or sub-region. */
  countriesIn(regionOrSubregion: string): readonly Country[] {
    return this.countryList.filter((c) => c.region === regionOrSubregion || c.subregion === regionOrSubregion);
  }

  currencies(): readonly Currency[] {
    return this.currencyList;
  }

  currency(code: string): Currency | undefined {
    return this.currencyByCode.get(code);
  }

  isCurrency(code: unknown): code is string {
    return typeof code === 'string' && this.currencyByCode.has(code);
  }

  assessmentCriteria(): readonly AssessmentCriterion[] {
    return ASSESSMENT_CRITERIA;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
