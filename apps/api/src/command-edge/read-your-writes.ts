import { Inject, Injectable, Logger } from '@nestjs/common';
import { ProjectionRunner } from '@reorg/projections';

export const READ_YOUR_WRITES_TIMEOUT_MS = 2_000;

/** After a command, answer once the read models include its events (bounded: a slow projection never blocks a write's answer for long). */
@Injectable()
export class ReadYourWrites {
  private readonly logger = new Logger(ReadYourWrites.name);

  constructor(@Inject(ProjectionRunner) private readonly runner: ProjectionRunner) {}

  async after(lastPosition: number): Promise<void> {
    if (lastPosition <= 0) return;
    const reached = await this.runner.waitUntil(lastPosition, READ_YOUR_WRITES_TIMEOUT_MS);
    if (!reached) this.logger.warn(`read models had not reached position ${lastPosition} after ${READ_YOUR_WRITES_TIMEOUT_MS} ms; answering anyway`);
  }
}
