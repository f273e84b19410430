import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type VerificationReport } from '@reorg/event-store';
import { verifyLog } from '@reorg/event-store/audit';

export interface StoreVerificationResult extends VerificationReport {
  position: number;
  globalHash: string;
}

/** One walk at a time: requests that arrive while one runs share its result instead of starting another. */
@Injectable()
export class StoreVerification {
  private running: Promise<StoreVerificationResult> | undefined;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  verify(): Promise<StoreVerificationResult> {
    this.running ??= this.walk().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async walk(): Promise<StoreVerificationResult> {
    const { report, verifier } = await verifyLog(this.store);
    const { position, globalHash } = verifier.snapshot();
    return { ...report, position, globalHash };
  }
}
