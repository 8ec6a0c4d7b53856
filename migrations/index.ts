/* The migrations, in order. `npm run migration:generate <Name>` adds to both lists. */
import { InitialSchema1795970319753 } from './1795970319753-initial-schema';
import { AuditProtection1795970400000 } from './1795970400000-audit-protection';
import { KnowledgePlatform1795971968476 } from './1795971968476-knowledge-platform';
import { KnowledgeSearchPartitions1795971968526 } from './1795971968526-knowledge-search-partitions';
import { KnowledgeTrigram1795971968576 } from './1795971968576-knowledge-trigram';
// generated imports end

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const ALL_MIGRATIONS: (Function & { name: string })[] = [
  InitialSchema1795970319753,
  AuditProtection1795970400000,
  KnowledgePlatform1795971968476,
  KnowledgeSearchPartitions1795971968526,
  KnowledgeTrigram1795971968576,
  // generated list end
];
