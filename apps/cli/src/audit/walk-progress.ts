import type { WalkProgress } from '@reorg/event-store/audit';
import { Presets, SingleBar } from 'cli-progress';

export interface WalkProgressReporter {
  update(progress: WalkProgress): void;
  stop(): void;
}

const PLAIN_INTERVAL_MS = 2_000;

const rateOf = (events: number, started: number) => Math.round(events / ((performance.now() - started) / 1000 || 1));

/** A bar with rate and ETA on a terminal. */
function barReporter(label: string): WalkProgressReporter {
  const bar = new SingleBar(
    { format: `${label} [{bar}] {percentage}% | position {value}/{total} | {events} events | {rate} ev/s | ETA {eta_formatted}`, etaBuffer: 50, hideCursor: true, stream: process.stderr },
    Presets.shades_classic,
  );
  const started = performance.now();
  let begun = false;
  return {
    update(progress) {
      const payload = { events: progress.events, rate: rateOf(progress.events, started) };
      if (!begun) {
        bar.start(Math.max(progress.head, progress.position, 1), 0, payload);
        begun = true;
      }
      bar.setTotal(Math.max(progress.head, progress.position, 1));
      bar.update(progress.position, payload);
    },
    stop: () => bar.stop(),
  };
}

/** Off a terminal (logs, CI): the first update, one line every few seconds, and the last one. */
function plainReporter(label: string, write: (line: string) => void): WalkProgressReporter {
  const started = performance.now();
  let lastWritten = -Infinity;
  let latest: WalkProgress | undefined;
  let latestWritten = false;
  const line = (progress: WalkProgress) => {
    const percent = progress.head === 0 ? 100 : Math.min(100, Math.floor((progress.position / progress.head) * 100));
    write(`${label}: position ${progress.position}/${progress.head} (${percent}%), ${progress.events} events, ${rateOf(progress.events, started)} ev/s`);
    lastWritten = performance.now();
    latestWritten = true;
  };
  return {
    update(progress) {
      latest = progress;
      latestWritten = false;
      if (performance.now() - lastWritten >= PLAIN_INTERVAL_MS) line(progress);
    },
    stop() {
      if (latest && !latestWritten) line(latest);
    },
  };
}

/** Progress goes to stderr, so that stdout carries only the result (e.g. --json). */
export function walkProgressReporter(label: string): WalkProgressReporter {
  return process.stderr.isTTY ? barReporter(label) : plainReporter(label, (text) => process.stderr.write(`${text}\n`));
}
