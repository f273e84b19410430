export * from './unit-read-model.entities';
export * from './unit-versions';
export * from './unit-view';
export * from './unit.queries';
export * from './units.projection';
export { foldForSearch } from './search-text';
export * from './structure-grouping';
export { CurrentUnitsIndex, CurrentUnitsSnapshot, type IndexedVersion } from './current-units-index';
