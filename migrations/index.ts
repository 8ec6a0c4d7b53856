/* The migrations, in order. `npm run migration:generate <Name>` adds to both lists. */
import { InitialSchema1795970319753 } from './1795970319753-initial-schema';
import { AuditProtection1795970400000 } from './1795970400000-audit-protection';
import { KnowledgePlatform1795971441463 } from './1795971441463-knowledge-platform';
import { KnowledgeTrigram1795971441500 } from './1795971441500-knowledge-trigram';
// generated imports end

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const ALL_MIGRATIONS: (Function & { name: string })[] = [
  InitialSchema1795970319753,
  AuditProtection1795970400000,
  KnowledgePlatform1795971441463,
  KnowledgeTrigram1795971441500,
  // generated list end
];
