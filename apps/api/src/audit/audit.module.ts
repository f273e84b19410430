import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { StoreVerification } from './store-verification';
import { UnitHistoryController } from './unit-history.controller';

/** Auditors' reads (auditor and admin only): the raw global log, chain verification, unit histories. Nothing here writes. */
@Module({
  controllers: [AuditController, UnitHistoryController],
  providers: [StoreVerification],
})
export class AuditModule {}
