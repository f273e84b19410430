import { type DynamicModule, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { AppConfig } from '@reorg/config';
import { EVENT_STORE, type EventStore } from '@reorg/event-store';
import { ApprovalService, type ApprovalSettings, loadApprovalPolicy, loadHolidays } from '@reorg/register/approval';
import { InboxQueries } from '@reorg/read-models/approval';
import { FileAttachmentStore, PROPOSAL_STREAM_QUERY_HANDLERS, PreviewProposalHandler, ProposalPreviewService, ProposalService } from '@reorg/register/proposals';
import { ProposalQueries } from '@reorg/read-models/proposals';
import { PROPOSAL_COMMAND_HANDLERS } from '@reorg/register/commands';
import { PROPOSAL_QUERY_HANDLERS } from '@reorg/read-models/queries';
import type { DataSource } from 'typeorm';
import { AttachmentsController } from './attachments.controller';
import { attachmentsDirectory } from './attachments-directory';
import { InboxController } from './inbox.controller';
import { ProposalReviewController } from './proposal-review.controller';
import { ProposalsController } from './proposals.controller';
import { RegisterClock } from '../register/register-clock';

/** The approval policy (APPROVAL_POLICY_FILE) and holidays (HOLIDAYS_FILE, HOLIDAYS), read and validated at start-up. */
export function approvalSettings(config: AppConfig): ApprovalSettings {
  const { policyFile, holidaysFile, holidays } = config.approvalPolicy;
  return { policy: loadApprovalPolicy(policyFile), holidays: loadHolidays({ file: holidaysFile, dates: holidays }) };
}

/**
 * Proposals: drafts (create, amend with If-Match, withdraw, attachments), submission and sign-off,
 * the approvers' inbox and the history. Needs the global ProjectionsModule.
 */
@Module({})
export class ProposalsModule {
  static forRoot(config: AppConfig): DynamicModule {
    const settings = approvalSettings(config);
    return {
      module: ProposalsModule,
      controllers: [ProposalsController, AttachmentsController, ProposalReviewController, InboxController],
      providers: [
        { provide: FileAttachmentStore, useValue: new FileAttachmentStore(attachmentsDirectory(config)) },
        { provide: ProposalService, inject: [EVENT_STORE, FileAttachmentStore], useFactory: (store: EventStore, files: FileAttachmentStore) => new ProposalService(store, files) },
        {
          provide: ProposalPreviewService,
          inject: [EVENT_STORE, ProposalService],
          useFactory: (store: EventStore, proposals: ProposalService) => new ProposalPreviewService(store, proposals),
        },
        {
          provide: ApprovalService,
          inject: [EVENT_STORE, RegisterClock],
          useFactory: (store: EventStore, clock: RegisterClock) => new ApprovalService(store, settings, { today: () => clock.today(), now: () => clock.now() }),
        },
        { provide: ProposalQueries, inject: [getDataSourceToken()], useFactory: (dataSource: DataSource) => new ProposalQueries(dataSource) },
        { provide: InboxQueries, inject: [getDataSourceToken()], useFactory: (dataSource: DataSource) => new InboxQueries(dataSource) },
        ...PROPOSAL_COMMAND_HANDLERS,
        ...PROPOSAL_QUERY_HANDLERS,
        ...PROPOSAL_STREAM_QUERY_HANDLERS,
        PreviewProposalHandler,
        RegisterClock,
      ],
    };
  }
}
