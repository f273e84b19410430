export * from './org-export';
export * from './change-events';
export * from './org-export.queries';
export * from './org-vocabulary';
export * from './org-jsonld';
export * from './org-popolo';
export * from './org-csv';
export { startOfDay } from './province-time';
