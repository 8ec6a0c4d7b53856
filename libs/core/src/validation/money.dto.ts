import { ApiProperty } from '@nestjs/swagger';
import { IsISO4217CurrencyCode } from 'class-validator';
import { IsMinorUnits } from './decorators';

/** Money on the wire: minor units as a decimal string, ISO 4217 currency. */
export class MoneyDto {
  @ApiProperty({ example: '1250000', description: 'minor units as a string' })
  amount: string;

  @ApiProperty({ example: 'USD', description: 'ISO 4217' })
  currency: string;
}

export class MoneyInputDto {
  @ApiProperty({ example: '1250000', description: 'minor units as a string' })
  @IsMinorUnits()
  amount: string;

  @ApiProperty({ example: 'USD' })
  @IsISO4217CurrencyCode()
  currency: string;
}
