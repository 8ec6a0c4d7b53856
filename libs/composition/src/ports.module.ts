import { Global, Module } from '@nestjs/common';
import { FUND_REQUEST_PORT, FundModule, FundPublicService } from '@cbm/fund';
import { HUB_FUNDING_PORT, HubModule, HubPublicService } from '@cbm/hub';

/** Binds each context's ports to another context's public service; global so the consuming module sees them. */
@Global()
@Module({
  imports: [FundModule, HubModule],
  providers: [
    { provide: FUND_REQUEST_PORT, useExisting: HubPublicService },
    { provide: HUB_FUNDING_PORT, useExisting: FundPublicService },
  ],
  exports: [FUND_REQUEST_PORT, HUB_FUNDING_PORT],
})
export class PortsModule {}
