import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@reorg/event-store';
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

@QueryHandler(GetUnitHistory)
export class GetUnitHistoryHandler implements IQueryHandler<GetUnitHistory> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ unitId }: GetUnitHistory) {
    return unitHistory(this.store, unitId);
  }
}

export const AUDIT_QUERY_HANDLERS = [ReadRawLogHandler, VerifyStoreHandler, GetUnitHistoryHandler];
