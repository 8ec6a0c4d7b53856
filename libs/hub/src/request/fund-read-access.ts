import { Inject, Injectable } from '@nestjs/common';
import type { Actor, Role } from '@cbm/core';
import { HUB_FUNDING_PORT, HubFundingPort } from '../ports';
import { RequestError } from './support-request.errors';

/** The fund's readers: fund staff and steering-committee members. */
export const FUND_READERS: readonly Role[] = ['fund_manager', 'steering_committee'];

/**
 * Fund staff and the steering committee read what the committee decides with (the assessment, the
 * partner-match explanation) only for a request on the committee's table: one with a funding
 * application, as the fund answers through HUB_FUNDING_PORT. Read-only: their write routes stay closed.
 * Other roles pass through (their own scope rules apply).
 */
@Injectable()
export class FundReadAccess {
  constructor(@Inject(HUB_FUNDING_PORT) private readonly funding: HubFundingPort) {}

  /** 403 REQUEST_FORBIDDEN for a fund reader when the request has no funding application. */
  async check(actor: Actor, requestId: string): Promise<void> {
    if (!(FUND_READERS as readonly string[]).includes(actor.role)) return;
    if (!(await this.funding.hasApplication(requestId)))
      throw RequestError(
        'REQUEST_FORBIDDEN',
        'fund staff and the steering committee read the assessment of a request with a funding application',
      );
  }
}
