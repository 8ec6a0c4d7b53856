/* The migrations, in order. `npm run migration:generate <Name>` adds to both lists. */
import { InitialSchema1795970319753 } from './1795970319753-initial-schema';
import { AuditProtection1795970400000 } from './1795970400000-audit-protection';
import { HubWorkflow1795970896215 } from './1795970896215-hub-workflow';
import { TrigramExtension1795970896300 } from './1795970896300-trigram-extension';
import { FundLedger1795971162096 } from './1795971162096-fund-ledger';
import { FundJournalProtection1795971200000 } from './1795971200000-fund-journal-protection';
import { HubPeerExchange1795971617089 } from './1795971617089-hub-peer-exchange';
import { KnowledgePlatform1795971968476 } from './1795971968476-knowledge-platform';
import { KnowledgeSearchPartitions1795971968526 } from './1795971968526-knowledge-search-partitions';
import { KnowledgeTrigram1795971968576 } from './1795971968576-knowledge-trigram';
import { HubSimilarityIndexes1795972326773 } from './1795972326773-hub-similarity-indexes';
import { AuditAppendFunction1795972500000 } from './1795972500000-audit-append-function';
import { KnowledgeGinWithoutPendingList1795972600000 } from './1795972600000-knowledge-gin-without-pending-list';
import { UuidV7Function1795972900000 } from './1795972900000-uuid-v7-function';
import { OutboxEffectLease1795972950000 } from './1795972950000-outbox-effect-lease';
import { ForeignKeysAndChecks1796667070439 } from './1796667070439-foreign-keys-and-checks';
import { ValidateForeignKeysAndChecks1796667070440 } from './1796667070440-validate-foreign-keys-and-checks';
import { FundApplicationVersion1796667070441 } from './1796667070441-fund-application-version';
import { FundOneOpenAllocation1796667070442 } from './1796667070442-fund-one-open-allocation';
import { AuditChainedAtCommit1796667070443 } from './1796667070443-audit-chained-at-commit';
import { ProjectClosureAndReturns1796678768602 } from './1796678768602-project-closure-and-returns';
import { FundAllocationAttribution1796678849065 } from './1796678849065-fund-allocation-attribution';
import { OrganisationIatiRef1796678861819 } from './1796678861819-organisation-iati-ref';
import { FundCommitteeMeetings1796678957265 } from './1796678957265-fund-committee-meetings';
import { FundAllocationRevisions1796679101641 } from './1796679101641-fund-allocation-revisions';
import { AuditUnrewindable1796689828266 } from './1796689828266-audit-unrewindable';
import { AssessmentMarkersInFund1796689976174 } from './1796689976174-assessment-markers-in-fund';
import { ResultsFramework1796689978607 } from './1796689978607-results-framework';
import { AddDocuments1796690075550 } from './1796690075550-add-documents';
import { PrivacyFindings1796691219785 } from './1796691219785-privacy-findings';
import { AuditErasure1796693197000 } from './1796693197000-audit-erasure';
import { UserErasure1796693197123 } from './1796693197123-user-erasure';
// generated imports end

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const ALL_MIGRATIONS: (Function & { name: string })[] = [
  InitialSchema1795970319753,
  AuditProtection1795970400000,
  HubWorkflow1795970896215,
  TrigramExtension1795970896300,
  FundLedger1795971162096,
  FundJournalProtection1795971200000,
  HubPeerExchange1795971617089,
  KnowledgePlatform1795971968476,
  KnowledgeSearchPartitions1795971968526,
  KnowledgeTrigram1795971968576,
  HubSimilarityIndexes1795972326773,
  AuditAppendFunction1795972500000,
  KnowledgeGinWithoutPendingList1795972600000,
  UuidV7Function1795972900000,
  OutboxEffectLease1795972950000,
  ForeignKeysAndChecks1796667070439,
  ValidateForeignKeysAndChecks1796667070440,
  FundApplicationVersion1796667070441,
  FundOneOpenAllocation1796667070442,
  AuditChainedAtCommit1796667070443,
  ProjectClosureAndReturns1796678768602,
  FundAllocationAttribution1796678849065,
  OrganisationIatiRef1796678861819,
  FundCommitteeMeetings1796678957265,
  FundAllocationRevisions1796679101641,
  AuditUnrewindable1796689828266,
  AssessmentMarkersInFund1796689976174,
  ResultsFramework1796689978607,
  AddDocuments1796690075550,
  PrivacyFindings1796691219785,
  AuditErasure1796693197000,
  UserErasure1796693197123,
  // generated list end
];
