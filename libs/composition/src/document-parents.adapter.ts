import { Injectable } from '@nestjs/common';
import type { Actor, Transaction } from '@cbm/core';
import type { DocumentAccess, DocumentParent, DocumentParentsPort, DocumentTextPort } from '@cbm/documents';
import { FundPublicService } from '@cbm/fund';
import { HubPublicService } from '@cbm/hub';
import { KnowledgePublicService } from '@cbm/knowledge';

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
 * The text of each uploaded document, for the personal-data scanner. Wire the scanner here
 * (issue 13, item 2); until then the text is only stored (document.extracted_text).
 */
@Injectable()
export class DocumentTextAdapter implements DocumentTextPort {
  async onDocumentText(_documentId: string, _parent: DocumentParent, _text: string, _t: Transaction): Promise<void> {}
}
