/* The migrations, in order. `npm run migration:generate <Name>` adds to both lists. */
import { InitialSchema1795970319753 } from './1795970319753-initial-schema';
import { AuditProtection1795970400000 } from './1795970400000-audit-protection';
import { FundLedger1795971162096 } from './1795971162096-fund-ledger';
import { FundJournalProtection1795971200000 } from './1795971200000-fund-journal-protection';
// generated imports end

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const ALL_MIGRATIONS: (Function & { name: string })[] = [
  InitialSchema1795970319753,
  AuditProtection1795970400000,
  FundLedger1795971162096,
  FundJournalProtection1795971200000,
  // generated list end
];
