import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { AppConfig } from '@reorg/config';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@reorg/event-store';
import { AuditKeyError, CheckpointRefused, type CheckpointVerification, type SignedCheckpoint, keyIdOf, parseCheckpoint, readPublicKey, verifyAgainstCheckpoint } from '@reorg/event-store/audit';
import { ProblemException, messageText } from '@reorg/http';
import { StoreVerification, type StoreVerificationResult } from './store-verification';
import { type UnitHistoryEntry, unitHistory } from './unit-history';

/* Auditors' reads, straight from the event store (complete the moment an event is recorded), as sent on the QueryBus. */

export class ReadRawLog extends Query<RecordedEvent[]> {
  constructor(
    readonly after: number,
    readonly maxCount: number,
  ) {
    super();
  }
}

export class VerifyStore extends Query<StoreVerificationResult> {}

export interface CheckpointCheck extends CheckpointVerification {
  trustedKeyId: string;
  signed: SignedCheckpoint;
}

/** The store verified against a signed checkpoint an auditor brings (docs/adr/0009), with AUDIT_PUBLIC_KEY_FILE as the trusted key. */
export class VerifyAgainstCheckpoint extends Query<CheckpointCheck> {
  constructor(readonly checkpoint: unknown) {
    super();
  }
}

export class GetUnitHistory extends Query<UnitHistoryEntry[] | undefined> {
  constructor(readonly unitId: string) {
    super();
  }
}

@QueryHandler(ReadRawLog)
export class ReadRawLogHandler implements IQueryHandler<ReadRawLog> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ after, maxCount }: ReadRawLog) {
    return this.store.readAllRaw({ after, maxCount });
  }
}

@QueryHandler(VerifyStore)
export class VerifyStoreHandler implements IQueryHandler<VerifyStore> {
  constructor(@Inject(StoreVerification) private readonly verification: StoreVerification) {}

  execute() {
    return this.verification.verify();
  }
}

@QueryHandler(VerifyAgainstCheckpoint)
export class VerifyAgainstCheckpointHandler implements IQueryHandler<VerifyAgainstCheckpoint> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async execute({ checkpoint }: VerifyAgainstCheckpoint): Promise<CheckpointCheck> {
    const file = this.config.audit.publicKeyFile;
    if (!file) throw new ProblemException({ code: 'CONFLICT', detail: messageText('http.checkpoint.noTrustedKey') });
    let publicKey;
    try {
      publicKey = readPublicKey(file);
    } catch (error) {
      if (error instanceof AuditKeyError) throw new ProblemException({ code: 'CONFLICT', detail: messageText('http.checkpoint.keyUnreadable', { reason: error.message }) });
      throw error;
    }
    try {
      const signed = parseCheckpoint(JSON.stringify(checkpoint));
      const result = await verifyAgainstCheckpoint(this.store, signed, publicKey);
      return { ...result, trustedKeyId: keyIdOf(publicKey), signed };
    } catch (error) {
      if (!(error instanceof CheckpointRefused)) throw error;
      const detail = messageText('http.checkpoint.refused', { reason: error.message });
      throw new ProblemException({ code: 'RULE_VIOLATION', detail, errors: [{ path: 'checkpoint', code: 'CHECKPOINT_REFUSED', detail }] });
    }
  }
}

@QueryHandler(GetUnitHistory)
export class GetUnitHistoryHandler implements IQueryHandler<GetUnitHistory> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ unitId }: GetUnitHistory) {
    return unitHistory(this.store, unitId);
  }
}

export const AUDIT_QUERY_HANDLERS = [ReadRawLogHandler, VerifyStoreHandler, VerifyAgainstCheckpointHandler, GetUnitHistoryHandler];
