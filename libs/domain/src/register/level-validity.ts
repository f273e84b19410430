import type { IsoDate } from '../shared/calendar';
import type { UnitLevel } from '../shared/code-lists';

/**
 * When an administrative level exists: from `validFrom` (inclusive) to `validTo` (exclusive).
 * Data (deploy/register/levels.json), not code: a province corrects it without a release.
 */
export interface LevelValidity {
  level: UnitLevel;
  validFrom?: IsoDate;
  validTo?: IsoDate;
  /** The act that opened or closed the level, as refusals name it. */
  legalSource?: string;
}

/** The period entry that closes `level` on `date`, if the level is not open then. */
export function levelClosedOn(levels: readonly LevelValidity[], level: UnitLevel, date: IsoDate): LevelValidity | undefined {
  return levels.find((l) => l.level === level && ((l.validFrom !== undefined && date < l.validFrom) || (l.validTo !== undefined && date >= l.validTo)));
}
