import { type DynamicModule, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { AppConfig } from '@reorg/config';
import { EVENT_STORE, type EventStore } from '@reorg/event-store';
import { FileAttachmentStore, ProposalQueries, ProposalService, proposalsProjection } from '@reorg/register/proposals';
import type { DataSource } from 'typeorm';
import { AttachmentsController } from './attachments.controller';
import { attachmentsDirectory } from './attachments-directory';
import { ProposalsController } from './proposals.controller';
import { ReadYourWrites } from '../register/read-your-writes';

/** The read models this module queries: the application's (global) ProjectionsModule must run them. */
export const PROPOSAL_PROJECTIONS = [proposalsProjection];

/** Proposal drafts: create, amend (If-Match), withdraw, list, get, attachments. Needs the global ProjectionsModule. */
@Module({})
export class ProposalsModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ProposalsModule,
      controllers: [ProposalsController, AttachmentsController],
      providers: [
        { provide: FileAttachmentStore, useValue: new FileAttachmentStore(attachmentsDirectory(config)) },
        { provide: ProposalService, inject: [EVENT_STORE, FileAttachmentStore], useFactory: (store: EventStore, files: FileAttachmentStore) => new ProposalService(store, files) },
        { provide: ProposalQueries, inject: [getDataSourceToken()], useFactory: (dataSource: DataSource) => new ProposalQueries(dataSource) },
        ReadYourWrites,
      ],
    };
  }
}
