import type { Subscription } from '@reorg/event-store';
import type { Projection } from './projection';

/** A running projection's state inside the runner. */
export class ProjectionWorker {
  consecutiveFailures = 0;
  subscription: Subscription | undefined;
  loop: Promise<void> | undefined;
  /** Run here (not followed): the highest position a commit of this runner was started for, committed or not. */
  attempted = 0;

  constructor(
    readonly projection: Projection,
    /** Last committed checkpoint seen by the runner. */
    public position: number,
  ) {}

  get name(): string {
    return this.projection.name;
  }

  /** After the runner's stop signal: closes the subscription and waits for the loop to end. */
  async stopped(): Promise<void> {
    await this.subscription?.close();
    await this.loop;
  }
}
