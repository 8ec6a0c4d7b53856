import { ApiProperty } from '@nestjs/swagger';
import { IsISO4217CurrencyCode } from 'class-validator';
import { IsMinorUnits } from './decorators';

export class MoneyInputDto {
  @ApiProperty({ example: '1250000', description: 'minor units as a string' })
  @IsMinorUnits()
  amount: string;

  @ApiProperty({ example: 'USD' })
  @IsISO4217CurrencyCode()
  currency: string;
}
