export * from './command-pipeline';
export * from './written-positions';
