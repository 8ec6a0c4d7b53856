import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** Per country and year, the last number used in request references. */
@Entity('request_reference_counter')
@Check('ck_request_reference_counter_country_code', `"country_code" ~ '^[A-Z]{3}$'`)
@Check('ck_request_reference_counter_last', `"last" >= 1`)
export class RequestReferenceCounterEntity {
  @PrimaryColumn('char', { length: 3 })
  countryCode: string;

  @PrimaryColumn('int')
  year: number;

  @Column('int')
  last: number;
}
