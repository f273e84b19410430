import type { AppConfig } from '@reorg/config';
import { type EventStore, openEventStore } from '@reorg/event-store';
import { openIdempotencyKeys, openReadModelDataSource } from '@reorg/projections';
import { type RebuildResult, rebuildProjection } from '@reorg/projections/rebuild';
import type { Command } from 'commander';
import { progressReporter } from './rebuild-progress';
import { rebuildTargets } from './rebuild-targets';

export interface CliOutput {
  line(text: string): void;
}

export async function runRebuild(config: AppConfig, only: string | undefined, output: CliOutput): Promise<RebuildResult[]> {
  const all = rebuildTargets(config);
  const targets = only === undefined ? all : all.filter((target) => target.projection.name === only);
  if (targets.length === 0) throw new Error(`no projection named ${only}; known: ${all.map((t) => t.projection.name).join(', ')}`);
  // Creates missing live tables (a first run), as the api does at start-up.
  await (await openReadModelDataSource(config.readModels, targets.map((target) => target.projection))).destroy();
  const store = config.eventStore;
  const eventStore = await openEventStore({ ...store });
  const results: RebuildResult[] = [];
  try {
    for (const target of targets) {
      const progress = progressReporter(target.projection.name, output.line);
      try {
        const result = await rebuildProjection(target, { store: eventStore, database: config.readModels, onProgress: (p) => progress.update(p) });
        results.push(result);
      } finally {
        progress.stop();
      }
      const last = results.at(-1)!;
      output.line(
        `${last.projection}: ${last.events} events replayed in ${last.seconds.toFixed(1)} s ` +
          `(${Math.round(last.events / (last.seconds || 1))} ev/s, ${target.bulkFold ? 'bulk fold' : 'apply'}), swapped in at position ${last.position}`,
      );
    }
    if (only === undefined) await rebindIdempotencyKeys(config, eventStore, output);
  } finally {
    await eventStore.close();
  }
  return results;
}

/** Every read model now records this store; Idempotency-Key answers of another store are discarded (ADR 0017). */
async function rebindIdempotencyKeys(config: AppConfig, eventStore: EventStore, output: CliOutput): Promise<void> {
  const { dataSource, outcome } = await openIdempotencyKeys(config, eventStore, 'rebuild');
  await dataSource.destroy();
  output.line(
    `read models bound to event store ${await eventStore.storeId()}; Idempotency-Key answers ${outcome === 'discarded' ? 'of another store discarded' : 'kept (they belong to this store)'}`,
  );
}

export function registerRebuildCommand(program: Command, config: () => AppConfig, output: CliOutput): void {
  program
    .command('rebuild')
    .description('replay the global log from position 0 into fresh tables and swap them in atomically (all projections by default)')
    .argument('[projection]', 'projection name, e.g. units.v1')
    .action(async (projection: string | undefined) => {
      await runRebuild(config(), projection, output);
    });
}
