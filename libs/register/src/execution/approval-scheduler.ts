import type { DataSource } from 'typeorm';
import { LessThan, LessThanOrEqual } from 'typeorm';
import type { Clock } from '../clock';
import type { StepOverdueData } from './overdue-detector';
import type { ExecutionOutcome } from './proposal-executor';
import { ScheduledExecution, StepDeadline } from './schedule.entities';

export interface SchedulerLogger {
  log(message: string): void;
  error(message: string, stack?: string): void;
}

export interface TickReport {
  today: string;
  executions: { proposalId: string; outcome: ExecutionOutcome['outcome'] }[];
  overdue: { proposalId: string; stepId: string }[];
  errors: { proposalId: string; message: string }[];
}

const BATCH = 100;

/** Where the scheduler sends the process's commands: the CommandBus in the apps (see ApprovalRuntimeModule), the executor itself in tests. */
export interface ProposalExecution {
  execute(proposalId: string): Promise<ExecutionOutcome>;
}

export interface OverdueFlagging {
  flag(proposalId: string): Promise<StepOverdueData[]>;
}

/**
 * The executor's clock-driven half: at start, every `intervalMs` and whenever woken, it executes
 * every approved proposal whose effective date has come and flags every step past its due date.
 * It keeps no state: the work lists are the schedule projection's tables, and each action re-reads
 * the proposal's stream and appends against its version.
 */
export class ApprovalScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private lastReport: (TickReport & { at: string }) | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly executor: ProposalExecution,
    private readonly detector: OverdueFlagging,
    private readonly clock: Clock,
    private readonly options: { intervalMs: number; logger: SchedulerLogger },
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.wake(), this.options.intervalMs);
    this.timer.unref();
    this.wake();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.again = false;
    await this.running;
  }

  get lastTick(): (TickReport & { at: string }) | undefined {
    return this.lastReport;
  }

  /** Asks for a tick now; ticks never overlap, and a wake during one runs one more after it. */
  wake(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => (this.running = undefined));
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        const report = await this.tick();
        this.lastReport = { ...report, at: this.clock.now() };
      } catch (error) {
        const reason = error instanceof Error ? error : new Error(String(error));
        this.options.logger.error(`approval tick failed, retrying on the next one: ${reason.message}`, reason.stack);
      }
    } while (this.again && this.timer);
  }

  async tick(): Promise<TickReport> {
    const today = this.clock.today();
    const report: TickReport = { today, executions: [], overdue: [], errors: [] };
    const due = await this.dataSource.getRepository(ScheduledExecution).find({
      where: { status: 'SCHEDULED', effectiveDate: LessThanOrEqual(today) },
      order: { effectiveDate: 'ASC', proposalId: 'ASC' },
      take: BATCH,
    });
    for (const { proposalId } of due) {
      await this.attempt(report, proposalId, async () => {
        const result = await this.executor.execute(proposalId);
        report.executions.push({ proposalId, outcome: result.outcome });
        if (result.outcome === 'executed') this.options.logger.log(`proposal ${proposalId} executed`);
        if (result.outcome === 'failed') this.options.logger.log(`proposal ${proposalId} failed to execute: ${result.errors.map((e) => e.code).join(', ')}`);
      });
    }
    const late = await this.dataSource.getRepository(StepDeadline).find({
      where: { status: 'PENDING', dueDate: LessThan(today) },
      order: { dueDate: 'ASC', proposalId: 'ASC' },
      take: BATCH,
    });
    for (const proposalId of new Set(late.map((row) => row.proposalId))) {
      await this.attempt(report, proposalId, async () => {
        for (const step of await this.detector.flag(proposalId)) report.overdue.push({ proposalId, stepId: step.stepId });
      });
    }
    // A full batch leaves more work: go on at once rather than after the interval.
    if ((due.length === BATCH || late.length === BATCH) && report.errors.length === 0) this.again = true;
    return report;
  }

  /** One proposal's failure (e.g. a conflict that outlasted its retries) must not hold up the others. */
  private async attempt(report: TickReport, proposalId: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      const reason = error instanceof Error ? error : new Error(String(error));
      report.errors.push({ proposalId, message: reason.message });
      this.options.logger.error(`proposal ${proposalId}: ${reason.message}`, reason.stack);
    }
  }
}
