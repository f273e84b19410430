import type { EventStore } from '@reorg/event-store';
import { type Projection, ProjectionRunner, type ProjectionRunnerOptions, readCheckpoint } from '@reorg/projections';
import type { DataSource } from 'typeorm';
import type { ProjectionBackend } from './projection-backends';

/** Logs kept in memory: tests assert on them and the output stays quiet. */
export class RecordingLogger {
  readonly errors: string[] = [];
  readonly infos: string[] = [];
  log(message: string): void {
    this.infos.push(message);
  }
  warn(message: string): void {
    this.infos.push(message);
  }
  error(message: string): void {
    this.errors.push(message);
  }
}

/** One backend's store, read-model database and the runners started on them; closes them all. */
export class ProjectionTestBed {
  readonly logger = new RecordingLogger();
  private readonly runners: ProjectionRunner[] = [];
  private closed = false;

  private constructor(
    private readonly backend: ProjectionBackend,
    readonly store: EventStore,
    readonly dataSource: DataSource,
  ) {}

  static async open(backendFactory: () => Promise<ProjectionBackend>, projections: Projection[]): Promise<ProjectionTestBed> {
    const backend = await backendFactory();
    const store = await backend.openStore();
    const dataSource = await backend.openReadModels(projections);
    return new ProjectionTestBed(backend, store, dataSource);
  }

  runner(options: ProjectionRunnerOptions = {}): ProjectionRunner {
    const runner = new ProjectionRunner(this.store, this.dataSource, {
      retry: { initialDelayMs: 10, maxDelayMs: 50 },
      logger: this.logger,
      ...options,
    });
    this.runners.push(runner);
    return runner;
  }

  checkpoint(name: string): Promise<number> {
    return readCheckpoint(this.dataSource.manager, name);
  }

  /** Idempotent: a suite whose set-up failed may close the previous test's bed again. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.runners.map((runner) => runner.stop()));
    await this.store.close();
    await this.dataSource.destroy();
    await this.backend.dispose();
  }
}
