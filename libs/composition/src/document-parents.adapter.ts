import { Injectable } from '@nestjs/common';
import type { Actor, Transaction } from '@cbm/core';
import type { DocumentAccess, DocumentParent, DocumentParentsPort, DocumentTextPort } from '@cbm/documents';
import { FundPublicService } from '@cbm/fund';
import { HubPublicService } from '@cbm/hub';
import { KnowledgePublicService } from '@cbm/knowledge';
import { PrivacyService, Subject } from '@cbm/privacy';

/**
 * Who sees a document is who sees its parent record: each parent type is answered by its own
 * context's read and write rules, through that context's public service.
 */
@Injectable()
export class DocumentParentsAdapter implements DocumentParentsPort {
  constructor(
    private readonly hub: HubPublicService,
    private readonly fund: FundPublicService,
    private readonly knowledge: KnowledgePublicService,
  ) {}

  access(actor: Actor, parent: DocumentParent): Promise<DocumentAccess> {
    switch (parent.type) {
      case 'request':
      case 'report':
      case 'implementation_plan':
      case 'information_answer':
        return this.hub.documentAccess(actor, { type: parent.type, id: parent.id, requestId: parent.requestId });
      case 'contribution':
        return this.fund.contributionDocumentAccess(actor, parent.id);
      case 'committee_decision':
        return this.fund.decisionDocumentAccess(actor, parent.id);
      case 'knowledge_item':
        return this.knowledge.documentAccess(actor, parent.id);
      default:
        return Promise.resolve('none');
    }
  }

  async isPublic(parent: DocumentParent): Promise<boolean> {
    return parent.type === 'knowledge_item' && this.knowledge.isPublished(parent.id);
  }
}

/**
 * The text of each uploaded document goes through the personal-data scanner as a record of its own
 * (`document`), under the parent whose findings include it: a knowledge item's documents hold up its
 * publication like its own text; a request's (and its plan's) are listed with the request's findings.
 * A document whose text is not read yet, or cannot be (an image, a file too large), is `unscanned` and
 * blocks the same way until its text is read or a reviewer overrides it.
 */
@Injectable()
export class DocumentTextAdapter implements DocumentTextPort {
  constructor(private readonly privacy: PrivacyService) {}

  async onDocumentText(documentId: string, parent: DocumentParent, text: string, t: Transaction): Promise<void> {
    await this.privacy.scanText('document', documentId, 'text', text, { parent: findingsParent(parent), t });
  }

  async onDocumentUnread(documentId: string, parent: DocumentParent, t: Transaction): Promise<void> {
    await this.privacy.in(t).unscanned({ type: 'document', id: documentId }, 'text', findingsParent(parent));
  }

  async onDocumentDeleted(documentId: string, parent: DocumentParent, t: Transaction): Promise<void> {
    // scanning nothing resolves whatever was found (or not read) in the document
    await this.privacy.scanText('document', documentId, 'text', '', { parent: findingsParent(parent), t });
  }
}

/** The record whose findings list a document's: the knowledge item, or the request (its plan's too). */
function findingsParent(parent: DocumentParent): Subject | null {
  switch (parent.type) {
    case 'knowledge_item':
      return { type: 'knowledge_item', id: parent.id };
    case 'request':
    case 'implementation_plan':
      return { type: 'request', id: parent.id };
    default:
      return parent.requestId ? { type: 'request', id: parent.requestId } : null;
  }
}
