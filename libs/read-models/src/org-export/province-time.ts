import type { IsoDate } from '@reorg/domain';

const formats = new Map<string, Intl.DateTimeFormat>();

/** The zone's UTC offset at an instant, as `+07:00` (`+00:00` for UTC). */
function offsetAt(instantMs: number, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) formats.set(timeZone, (format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })));
  const name = format.formatToParts(instantMs).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  return name === 'GMT' ? '+00:00' : name.slice(3);
}

function offsetMs(offset: string): number {
  const [hours, minutes] = offset.slice(1).split(':').map(Number);
  return (offset.startsWith('-') ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}

/**
 * The first instant of a calendar date in the province, as an xsd:dateTime with the zone's offset
 * (`2023-07-01T00:00:00+07:00`): PROV's time properties take instants, the register's changes take
 * effect on dates.
 */
export function startOfDay(date: IsoDate, timeZone: string): string {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  const offset = offsetAt(utcMidnight - offsetMs(offsetAt(utcMidnight, timeZone)), timeZone);
  return `${date}T00:00:00${offset}`;
}
