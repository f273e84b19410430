import type { RebuildProgress } from '@reorg/projections/rebuild';
import { Presets, SingleBar } from 'cli-progress';

export interface ProgressReporter {
  update(progress: RebuildProgress): void;
  stop(): void;
}

const PLAIN_INTERVAL_MS = 5_000;

/** A bar with rate and ETA on a terminal. */
function barReporter(projection: string): ProgressReporter {
  const bar = new SingleBar(
    { format: `${projection} [{bar}] {percentage}% | {value}/{total} events | {rate} ev/s | ETA {eta_formatted}`, etaBuffer: 50, hideCursor: true, stream: process.stderr },
    Presets.shades_classic,
  );
  const started = performance.now();
  let begun = false;
  return {
    update(progress) {
      const rate = Math.round(progress.events / ((performance.now() - started) / 1000 || 1));
      if (!begun) {
        bar.start(Math.max(progress.head, progress.position), 0, { rate });
        begun = true;
      }
      bar.setTotal(Math.max(progress.head, progress.position));
      bar.update(progress.position, { rate });
    },
    stop: () => bar.stop(),
  };
}

/** One line every few seconds when the output is not a terminal (logs, CI). */
function plainReporter(projection: string, write: (line: string) => void): ProgressReporter {
  const started = performance.now();
  let last = 0;
  return {
    update(progress) {
      const now = performance.now();
      if (now - last < PLAIN_INTERVAL_MS) return;
      last = now;
      const seconds = (now - started) / 1000;
      const rate = progress.events / (seconds || 1);
      const remaining = Math.max(0, progress.head - progress.position);
      write(`${projection}: position ${progress.position}/${progress.head}, ${Math.round(rate)} ev/s, ETA ${Math.round(remaining / (rate || 1))} s`);
    },
    stop: () => undefined,
  };
}

export function progressReporter(projection: string, write: (line: string) => void): ProgressReporter {
  return process.stderr.isTTY ? barReporter(projection) : plainReporter(projection, write);
}
