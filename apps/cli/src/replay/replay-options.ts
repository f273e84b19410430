import type { IsoDate } from '@reorg/domain';
import { InvalidArgumentError } from 'commander';
import { z } from 'zod';

export const REPLAY_FORMATS = ['json', 'csv'] as const;
export const REPLAY_STATUSES = ['ACTIVE', 'MERGED', 'DISSOLVED', 'ALL'] as const;

export type ReplayFormat = (typeof REPLAY_FORMATS)[number];
export type ReplayStatus = (typeof REPLAY_STATUSES)[number];

/** What to replay: the register in force on `asOf`, as recorded up to `knownAt` (inclusive; absent: everything). */
export interface ReplayQuery {
  asOf: IsoDate;
  /** ISO-8601 UTC instant, normalised to milliseconds. */
  knownAt?: string;
  /** ACTIVE (the default), one ended status, or ALL: every unit established on or before asOf. */
  status: ReplayStatus;
}

// The same rules as the api's query parameters (units.schema.ts).
const calendarDate = z.iso.date();
const instant = z.iso.datetime({ offset: true });

/** `--as-of`: a real calendar date YYYY-MM-DD. */
export function parseAsOf(value: string): IsoDate {
  if (!calendarDate.safeParse(value).success) throw new InvalidArgumentError('must be a calendar date YYYY-MM-DD, e.g. 2019-12-31.');
  return value;
}

/** `--known-at`: an instant with time and offset; a date alone is ambiguous (which moment of which day, where?) and refused. */
export function parseKnownAt(value: string): string {
  if (!instant.safeParse(value).success) {
    const hint = calendarDate.safeParse(value).success ? ' A date alone is refused: give the time too, e.g. ' + `${value}T23:59:59+07:00.` : ' e.g. 2020-01-05T08:00:00Z.';
    throw new InvalidArgumentError(`must be an ISO-8601 instant with time and offset.${hint}`);
  }
  return new Date(value).toISOString();
}
