import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Per country and year, the last number used in request references. */
@Entity('request_reference_counter')
export class RequestReferenceCounterEntity {
  @PrimaryColumn('char', { length: 3 })
  countryCode: string;

  @PrimaryColumn('int')
  year: number;

  @Column('int')
  last: number;
}
