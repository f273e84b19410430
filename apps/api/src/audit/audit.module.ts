import { Module } from '@nestjs/common';
import { AUDIT_QUERY_HANDLERS } from './audit.queries';
import { AuditController } from './audit.controller';
import { StoreVerification } from './store-verification';
import { UnitHistoryController } from './unit-history.controller';

/** Auditors' reads (auditor and admin only): the raw global log, chain verification, unit histories. Nothing here writes. */
@Module({
  controllers: [AuditController, UnitHistoryController],
  providers: [StoreVerification, ...AUDIT_QUERY_HANDLERS],
})
export class AuditModule {}
