import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Clock, SYSTEM_ACTOR, Transaction } from '@cbm/core';
import { AuditService } from '@cbm/audit';
import { LoginThrottleRepository } from './login-throttle.repository';

/** The scheduled task's name (JobScheduler: one run per period across replicas with Redis). */
export const CLIENT_ADDRESS_RETENTION_TASK = 'client-address-retention';

const DAY_MS = 86_400_000;

/**
 * Client addresses are kept CLIENT_ADDRESS_RETENTION_DAYS (90) and then erased: the audit trail's
 * keys of the days wholly older than that are destroyed (every address sealed under them reads
 * "[erased]", the chain still verifies), and the sign-in throttle's `address:` rows whose window
 * started before then are deleted. An address is so erased within a day of passing the period.
 * Running it twice erases nothing twice: the run is hourly and idempotent.
 */
@Injectable()
export class ClientAddressRetention {
  constructor(
    private readonly audit: AuditService,
    private readonly throttle: LoginThrottleRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(t: Transaction): Promise<{ days: string[]; throttleRows: number }> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.clientAddressRetentionDays * DAY_MS);
    // a day is erased once all of it is older than the period: every day before the cutoff's
    const days = await this.audit.erasePeriodsBefore(t, cutoff.toISOString().slice(0, 10));
    const throttleRows = await this.throttle.in(t).pruneAddresses(cutoff);
    if (days.length)
      this.audit.in(t).record({
        actor: SYSTEM_ACTOR,
        action: 'audit.client_addresses_erased',
        entityType: 'audit_period_key',
        entityId: days[days.length - 1],
        after: { days, retentionDays: this.config.clientAddressRetentionDays },
      });
    return { days, throttleRows };
  }
}
