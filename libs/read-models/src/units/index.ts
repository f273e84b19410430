export * from './unit-read-model.entities';
export * from './unit-versions';
export * from './unit-view';
export * from './unit.queries';
export * from './units.projection';
export { foldForSearch } from './search-text';
