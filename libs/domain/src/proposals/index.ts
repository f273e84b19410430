export * from './decider';
export * from './proposal';
export * from './dossier-hash';
export * from './dossier-references';
export * from './proposal-decider';
export * from './refusals';
export * from './text';
export * from './visibility';
