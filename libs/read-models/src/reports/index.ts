export * from './unit-change.entities';
export * from './unit-change';
export * from './report-changes.projection';
export * from './reduction-report';
export * from './reduction-report.csv';
export * from './report.queries';
export * from './reduction-report.xlsx';
export * from './report-labels';
