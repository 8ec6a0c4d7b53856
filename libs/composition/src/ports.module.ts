import { Global, Module } from '@nestjs/common';
import { FUND_REQUEST_PORT, FundModule, FundPublicService } from '@cbm/fund';
import { HUB_FUNDING_PORT } from '@cbm/hub';
import { HubRequestFactsAdapter } from './request-facts.adapter';

/** Binds each context's ports to another context's public service; global so the consuming module sees them. */
@Global()
@Module({
  imports: [FundModule],
  providers: [
    { provide: FUND_REQUEST_PORT, useClass: HubRequestFactsAdapter },
    { provide: HUB_FUNDING_PORT, useExisting: FundPublicService },
  ],
  exports: [FUND_REQUEST_PORT, HUB_FUNDING_PORT],
})
export class PortsModule {}
